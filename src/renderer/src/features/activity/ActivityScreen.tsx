/** Activity (first version): the sync log. */
import { useCallback, useEffect, useState } from 'react';
import type { SyncLogDto } from '../../../../shared/models';
import { api, errorMessage } from '../../api';
import { useAppEvent } from '../../components/useEvent';

/** Activity screen. */
export function ActivityScreen() {
  const [logs, setLogs] = useState<SyncLogDto[]>([]);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    api().syncLogsList({ limit: 100 }).then(setLogs, (caught: unknown) => setError(errorMessage(caught)));
  }, []);
  useEffect(load, [load]);
  useAppEvent('integrations:changed', load);
  return (
    <section aria-labelledby="activity-heading">
      <header className="screen-header">
        <h1 id="activity-heading">Activity</h1>
      </header>
      {error && <p className="form-error">{error}</p>}
      {logs.length === 0 ? <p className="empty">No syncs have run yet.</p> : (
        <ul>
          {logs.map((log) => (
            <li key={log.id}>
              {log.startedAt} {log.provider} {log.status} — {log.itemsFetched} fetched, {log.suggestionsGenerated} suggestions
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
