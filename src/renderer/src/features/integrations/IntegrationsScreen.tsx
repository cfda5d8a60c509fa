/** Integrations (first version): connected accounts from the database. */
import { useCallback, useEffect, useState } from 'react';
import type { IntegrationDto } from '../../../../shared/models';
import { api, errorMessage } from '../../api';
import { useAppEvent } from '../../components/useEvent';

/** Integrations screen. */
export function IntegrationsScreen() {
  const [items, setItems] = useState<IntegrationDto[]>([]);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    api().integrationsList().then(setItems, (caught: unknown) => setError(errorMessage(caught)));
  }, []);
  useEffect(load, [load]);
  useAppEvent('integrations:changed', load);
  return (
    <section aria-labelledby="integrations-heading">
      <header className="screen-header">
        <h1 id="integrations-heading">Integrations</h1>
      </header>
      {error && <p className="form-error">{error}</p>}
      {items.length === 0 ? (
        <p className="empty">No accounts connected yet.</p>
      ) : (
        <ul>
          {items.map((item) => (
            <li key={item.id}>
              {item.provider} — {item.accountEmail ?? 'unknown account'} — {item.status}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
