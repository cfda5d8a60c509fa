/** Reminders: on or off, and how long before a due time they come (all-day tasks: 9:00 on the day). */
import { StatusLine, useSaver } from './useSaver';

const LEADS = [0, 5, 10, 15, 30, 60, 120, 1440];

function leadLabel(minutes: number): string {
  if (minutes === 0) return 'At the due time';
  if (minutes < 60) return `${minutes} minutes before`;
  if (minutes < 1440) return `${minutes / 60} hour${minutes === 60 ? '' : 's'} before`;
  return 'A day before';
}

/** The Reminders section of Settings. */
export function ReminderSettings() {
  const { status, save, value } = useSaver();
  const lead = value('reminderLeadMinutes') ?? 15;
  return (
    <section className="settings-section" aria-labelledby="reminders-heading">
      <h2 id="reminders-heading" tabIndex={-1}>
        Reminders
      </h2>
      <label className="check">
        <input type="checkbox" checked={value('remindersEnabled') === true} onChange={(event) => void save({ remindersEnabled: event.target.checked })} />
        Remind me of tasks with a due time
      </label>
      <div className="form-row">
        <label htmlFor="reminder-lead">Remind me</label>
        <select id="reminder-lead" value={lead} disabled={value('remindersEnabled') !== true} onChange={(event) => void save({ reminderLeadMinutes: Number(event.target.value) })}>
          {(LEADS.includes(lead) ? LEADS : [...LEADS, lead].sort((a, b) => a - b)).map((minutes) => (
            <option key={minutes} value={minutes}>
              {leadLabel(minutes)}
            </option>
          ))}
        </select>
      </div>
      <p className="muted">Tasks due on a day without a time are reminded at 9:00 that day. A reminder missed while the computer slept comes once when it wakes.</p>
      <StatusLine status={status} />
    </section>
  );
}
