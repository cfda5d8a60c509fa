/** The write-back outbox: each action's state, attempts and last error, with Retry for dead ones. */
import { useState } from 'react';
import type { OutboxActionDto, OutboxKind, OutboxState } from '../../../../shared/models';
import { errorMessage } from '../../api';
import { relativeTime } from '../../lib/format';
import { useActivityStore } from '../../stores/activity-store';
import { useUiStore } from '../../stores/ui-store';

const KIND_TEXT: Record<OutboxKind, string> = { mark_read: 'Mark read', archive: 'Archive', react: 'React', tasks_insert: 'Add to Google Tasks', tasks_patch: 'Update in Google Tasks', tasks_delete: 'Delete from Google Tasks' };
const STATE_TEXT: Record<OutboxState, string> = { pending: 'Waiting', running: 'Running', done: 'Done', dead: 'Gave up', cancelled: 'Cancelled' };

function OutboxRow({ action, now }: { action: OutboxActionDto; now: number }) {
  const [busy, setBusy] = useState(false);
  const retry = async () => {
    setBusy(true);
    try {
      await useActivityStore.getState().retry(action.id);
      useUiStore.getState().showToast({ message: 'Queued again.', tone: 'info' });
    } catch (error) {
      useUiStore.getState().showToast({ message: errorMessage(error), tone: 'error' });
    } finally {
      setBusy(false);
    }
  };
  return (
    <li className={`outbox-row outbox-${action.state}`} data-testid="outbox-row">
      <div className="log-head">
        <strong>{KIND_TEXT[action.kind]}</strong>
        <span className="outbox-label">{action.label}</span>
        <span className={`outbox-state outbox-state-${action.state}`}>{STATE_TEXT[action.state]}</span>
      </div>
      <div className="muted outbox-meta">
        {action.attempts} attempt{action.attempts === 1 ? '' : 's'}
        {action.state === 'pending' && action.nextAttemptAt && <> · next try {relativeTime(action.nextAttemptAt, now)}</>}
        <> · updated {relativeTime(action.updatedAt, now)}</>
      </div>
      {action.lastError && <p className="log-error">{action.lastError}</p>}
      {action.state === 'dead' && (
        <button type="button" disabled={busy} onClick={() => void retry()} aria-label={`Retry ${KIND_TEXT[action.kind].toLowerCase()} ${action.label}`}>
          Retry
        </button>
      )}
    </li>
  );
}

/** The outbox, newest first. */
export function OutboxList({ actions, now }: { actions: OutboxActionDto[]; now: number }) {
  if (actions.length === 0) return null;
  return (
    <ul className="outbox-list">
      {actions.map((action) => (
        <OutboxRow key={action.id} action={action} now={now} />
      ))}
    </ul>
  );
}
