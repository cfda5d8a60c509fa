/** Google accounts as the dashboard sees them: their services, colour and label; and a Tasks destination's lists. */
import type { AccountFamilyDto } from '../../shared/ipc-contract';
import type { AccountDto, GoogleService } from '../../shared/models';
import type { TokenVault } from '../auth/token-vault';
import type { AccountRecord } from '../db/account-repository';
import type { Repositories } from '../db/repositories';
import { ConflictError, NotFoundError } from '../errors';
import type { EventBus } from '../events';
import { missingCredentialsReason } from '../providers/credentials';
import type { ProviderRegistry } from '../providers/registry';
import type { SettingsStore } from '../settings/settings-store';
import type { SessionFactory } from '../sync/provider-sessions';

/** Collaborators of the account service. */
export interface AccountServiceDeps {
  repos: Repositories;
  registry: ProviderRegistry;
  vault: TokenVault;
  settings: SettingsStore;
  events: EventBus;
  sessions: SessionFactory;
  env: Readonly<Record<string, string | undefined>>;
}

/** Creates the account service. */
export function createAccountService(deps: AccountServiceDeps) {
  const { repos, registry } = deps;

  function toDto(account: AccountRecord): AccountDto {
    const rows = repos.integrations.listByAccount(account.id);
    const services = (registry.family(account.family)?.services ?? []).flatMap((provider) => {
      const definition = registry.get(provider);
      if (!definition) return [];
      const row = rows.find((candidate) => candidate.provider === provider);
      const granted = (definition.requiredScopes ?? []).every((scope) => account.grantedScopes.includes(scope));
      return [{ provider: provider as GoogleService, label: definition.label, integrationId: row?.id ?? null, status: row?.status ?? null, granted }];
    });
    return { id: account.id, family: account.family, label: account.label, colour: account.colour, accountEmail: account.accountEmail, displayName: account.displayName, grantedScopes: account.grantedScopes, services };
  }

  function families(): AccountFamilyDto[] {
    const google = registry.family('google');
    if (!google) return [];
    const reason = missingCredentialsReason(google, deps.settings.get(), deps.vault, deps.env);
    const services = google.services.flatMap((provider) => {
      const definition = registry.get(provider);
      return definition ? [{ provider: provider as GoogleService, label: definition.label }] : [];
    });
    return [{ family: google.family, label: google.label, available: reason === null, unavailableReason: reason, services }];
  }

  return {
    /** The account families on offer and the accounts connected so far. */
    list(): { families: AccountFamilyDto[]; accounts: AccountDto[] } {
      return { families: families(), accounts: repos.accounts.list().map(toDto) };
    },
    /** Changes the label and colour the feed shows for an account. */
    update(accountId: number, change: { label?: string; colour?: string }): AccountDto {
      const account = repos.accounts.get(accountId);
      if (!account) throw new NotFoundError('Account', accountId);
      repos.accounts.setAppearance(accountId, change.label ?? account.label, change.colour ?? account.colour);
      deps.events.emit('integrations:changed', { integrationId: null });
      deps.events.emit('suggestions:changed', { integrationId: null });
      return toDto(repos.accounts.get(accountId)!);
    },
    /** The task lists of a destination (Google Tasks), for picking where approved tasks go. */
    async taskLists(integrationId: number): Promise<Array<{ id: string; title: string }>> {
      const integration = repos.integrations.get(integrationId);
      if (!integration) throw new NotFoundError('Integration', integrationId);
      if (integration.status !== 'connected') throw new ConflictError('This account is not connected, so its lists cannot be read.');
      const opened = await deps.sessions.open(integration, { signal: AbortSignal.timeout(60_000) });
      if (!opened.client.destination) throw new ConflictError(`${opened.definition.label} has no task lists.`);
      return opened.client.destination.lists(opened.session);
    },
  };
}

/** The account service's type. */
export type AccountService = ReturnType<typeof createAccountService>;
