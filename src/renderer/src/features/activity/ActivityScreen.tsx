/** Activity: what the background work did (sync runs) and what it still has to do at the sources (outbox). */
import { useCallback, useEffect } from 'react';
import { useAppEvent } from '../../components/useEvent';
import { useNow } from '../../components/useNow';
import { useActivityStore } from '../../stores/activity-store';
import { OutboxList } from './OutboxList';
import { SyncLogList } from './SyncLogList';

/** Activity screen. */
export function ActivityScreen() {
  const { logs, outbox, loaded, logsError, outboxError, waitingForModel } = useActivityStore();
  const now = useNow();
  const load = useCallback(() => void useActivityStore.getState().load(), []);
  const loadOutbox = useCallback(() => void useActivityStore.getState().loadOutbox(), []);
  useEffect(load, [load]);
  useAppEvent('integrations:changed', load);
  useAppEvent('outbox:changed', loadOutbox);

  return (
    <section aria-labelledby="activity-heading">
      <header className="screen-header">
        <h1 id="activity-heading">Activity</h1>
        <button type="button" onClick={load}>
          Refresh
        </button>
      </header>
      <section aria-labelledby="outbox-heading" className="activity-section">
        <h2 id="outbox-heading">Actions at the sources</h2>
        {outboxError && <p className="form-error">{outboxError}</p>}
        {loaded && !outboxError && outbox.length === 0 && <p className="empty">Nothing waiting. Finishing a task queues its write-back here (archive, mark read, react).</p>}
        <OutboxList actions={outbox} now={now} />
      </section>
      <section aria-labelledby="logs-heading" className="activity-section">
        <h2 id="logs-heading">Sync runs</h2>
        {logsError && <p className="form-error">{logsError}</p>}
        {waitingForModel > 0 && (
          <p className="waiting-for-model" role="status">
            {waitingForModel.toLocaleString()} item{waitingForModel === 1 ? '' : 's'} waiting for the model. They are tried again on the next syncs; after three failed attempts the offline engine judges them.
          </p>
        )}
        {loaded && !logsError && logs.length === 0 && <p className="empty">No syncs have run yet.</p>}
        <SyncLogList logs={logs} now={now} />
      </section>
    </section>
  );
}
