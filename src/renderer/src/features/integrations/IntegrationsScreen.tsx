/** The integrations dashboard: a card per provider with its accounts, merged from the catalogue and the list. */
import { useCallback, useEffect, useMemo } from 'react';
import type { ProviderInfoDto } from '../../../../shared/ipc-contract';
import type { IntegrationDto } from '../../../../shared/models';
import { useAppEvent } from '../../components/useEvent';
import { providerLabel } from '../../lib/format';
import { useIntegrationsStore } from '../../stores/integrations-store';
import { GoogleAccountCard } from './GoogleAccountCard';
import { StatsPanel } from '../stats/StatsPanel';
import { ProviderCard } from './ProviderCard';

const FILE_PROVIDERS = new Set(['mail_files', 'calendar_files']);

/**
 * Catalogue entries, plus one for any provider an integration uses that the catalogue does not list.
 * Services signed in through a Google account are shown on that account's card instead.
 */
function mergeCards(providers: ProviderInfoDto[], all: IntegrationDto[]): Array<{ info: ProviderInfoDto; rows: IntegrationDto[] }> {
  const integrations = all.filter((row) => !row.sharedSignIn);
  const cards = providers.map((info) => ({ info, rows: integrations.filter((row) => row.provider === info.provider) }));
  for (const row of integrations) {
    if (cards.some((card) => card.info.provider === row.provider)) continue;
    cards.push({
      info: { provider: row.provider, label: providerLabel(row.provider), kind: FILE_PROVIDERS.has(row.provider) ? 'file' : 'oauth', available: true, unavailableReason: null },
      rows: integrations.filter((other) => other.provider === row.provider),
    });
  }
  return cards;
}

/** Integrations screen. */
export function IntegrationsScreen() {
  const providers = useIntegrationsStore((state) => state.providers);
  const integrations = useIntegrationsStore((state) => state.integrations);
  const loaded = useIntegrationsStore((state) => state.loaded);
  const error = useIntegrationsStore((state) => state.error);
  const load = useCallback(() => void useIntegrationsStore.getState().load(), []);
  useEffect(load, [load]);
  useAppEvent('integrations:changed', load);
  const cards = useMemo(() => mergeCards(providers, integrations), [providers, integrations]);

  return (
    <section aria-labelledby="integrations-heading">
      <header className="screen-header">
        <h1 id="integrations-heading">Integrations</h1>
      </header>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {loaded && cards.length === 0 && !error && <p className="empty">No accounts connected yet, and no provider is offered on this machine.</p>}
      <div className="provider-grid">
        <GoogleAccountCard integrations={integrations} />
        {cards.map(({ info, rows }) => (
          <ProviderCard key={info.provider} info={info} integrations={rows} />
        ))}
      </div>
      <StatsPanel />
    </section>
  );
}
