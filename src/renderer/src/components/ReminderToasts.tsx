/** Reminders inside the app (`reminder:due`): the task, when it is due, and Done / Snooze buttons. */
import { useCallback, useState } from 'react';
import type { EventPayload } from '../../../shared/ipc-contract';
import { api, errorMessage } from '../api';
import { formatDate, formatDateTime } from '../lib/format';
import { useUiStore } from '../stores/ui-store';
import { useAppEvent } from './useEvent';

type Reminder = EventPayload<'reminder:due'>;
const SNOOZE_MS = 10 * 60_000;

/** The reminders that came due while the app was open, until the person acts on them or closes them. */
export function ReminderToasts() {
  const [reminders, setReminders] = useState<Reminder[]>([]);
  const add = useCallback((reminder: Reminder) => setReminders((current) => [...current.filter((entry) => entry.taskId !== reminder.taskId), reminder].slice(-5)), []);
  useAppEvent('reminder:due', add);
  const close = (taskId: number) => setReminders((current) => current.filter((entry) => entry.taskId !== taskId));
  const act = async (reminder: Reminder, action: 'done' | 'snooze') => {
    close(reminder.taskId);
    try {
      if (action === 'done') await api().tasksComplete({ id: reminder.taskId });
      else await api().tasksSnooze({ id: reminder.taskId, until: new Date(Date.now() + SNOOZE_MS).toISOString() });
    } catch (caught) {
      useUiStore.getState().showToast({ message: errorMessage(caught), tone: 'error' });
    }
  };
  if (reminders.length === 0) return null;
  return (
    <div className="reminders" role="region" aria-label="Reminders">
      {reminders.map((reminder) => (
        <div key={reminder.taskId} className="reminder" role="alert" data-testid="reminder">
          <strong>{reminder.title}</strong>
          <span>{reminder.dueAllDay ? `Due ${formatDate(reminder.dueAt)}` : `Due ${formatDateTime(reminder.dueAt)}`}</span>
          <button type="button" onClick={() => void act(reminder, 'done')}>
            Done
          </button>
          <button type="button" onClick={() => void act(reminder, 'snooze')}>
            Snooze 10 min
          </button>
          <button type="button" aria-label={`Close reminder ${reminder.title}`} onClick={() => close(reminder.taskId)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
