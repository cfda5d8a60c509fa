/**
 * What to tell the person, decided in plain Node (platform/ only renders it): one notification per
 * sync that added suggestions, one when an account needs reconnecting, task reminders, the tray text.
 */
import type { AppNotification } from '../platform-services';

/** Facts about a finished sync. */
export interface SyncNotificationFacts {
  enabled: boolean;
  providerLabel: string;
  account: string | null;
  added: number;
  autoApproved: number;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** The notification for a sync, or null when there is nothing worth interrupting for. */
export function syncNotification(facts: SyncNotificationFacts): AppNotification | null {
  if (!facts.enabled || facts.added <= 0) return null;
  const source = facts.account ? `${facts.providerLabel} (${facts.account})` : facts.providerLabel;
  const auto = facts.autoApproved > 0 ? ` ${plural(facts.autoApproved, 'task')} added automatically.` : '';
  return { title: `${plural(facts.added, 'new suggestion')}`, body: `From ${source}.${auto}`, screen: 'suggestions' };
}

/** The notification when an account's sign-in expired or was revoked (always shown: nothing syncs until fixed). */
export function reconnectNotification(providerLabel: string, account: string | null): AppNotification {
  return {
    title: `Reconnect ${providerLabel}`,
    body: `${account ?? 'The account'} needs you to sign in again; syncing is paused until then.`,
    screen: 'integrations',
  };
}

/** The tray tooltip for a pending count, tasks due today and the pause switch. */
export function trayTooltip(pending: number, paused: boolean, dueToday = 0): string {
  const base = pending === 0 ? 'Provider Tasks: nothing waiting' : `Provider Tasks: ${plural(pending, 'suggestion')} waiting`;
  const due = dueToday > 0 ? `, ${dueToday} due today` : '';
  return `${base}${due}${paused ? ' (syncing paused)' : ''}`;
}

/** A reminder that fired, as the notification shows it. */
export interface FiredReminder {
  taskId: number;
  title: string;
  dueAt: string;
  dueAllDay: boolean;
}

/** More reminders than this at once (after a long sleep) become one summary notification. */
const MAX_SEPARATE_REMINDERS = 3;

/** "15:00", "today", "Tue 6 Jan 09:30": the due time as the person reads it in their zone. */
export function dueLabel(reminder: FiredReminder, timeZone: string, now: Date): string {
  const due = new Date(reminder.dueAt);
  const day = (date: Date) => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);
  const sameDay = day(due) === day(now);
  if (reminder.dueAllDay) return sameDay ? 'today' : new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', day: 'numeric', month: 'short' }).format(due);
  const time = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(due);
  return sameDay ? time : `${new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', day: 'numeric', month: 'short' }).format(due)} ${time}`;
}

/**
 * The notifications for reminders that fired together: one each (with Done and Snooze actions where the
 * platform has them), or one summary when many came due at once (e.g. on waking after a night).
 */
export function reminderNotifications(reminders: readonly FiredReminder[], timeZone: string, now: Date): Array<AppNotification & { taskId: number | null }> {
  if (reminders.length === 0) return [];
  if (reminders.length > MAX_SEPARATE_REMINDERS) {
    const titles = reminders.slice(0, MAX_SEPARATE_REMINDERS).map((reminder) => reminder.title);
    const more = reminders.length - titles.length;
    return [{ title: `${plural(reminders.length, 'task')} due`, body: `${titles.join('; ')}${more > 0 ? ` and ${more} more` : ''}.`, screen: 'tasks', taskId: null }];
  }
  return reminders.map((reminder) => {
    const label = dueLabel(reminder, timeZone, now);
    const overdue = Date.parse(reminder.dueAt) < now.getTime() && !reminder.dueAllDay;
    return {
      title: reminder.title,
      body: reminder.dueAllDay ? `Due ${label}.` : overdue ? `Was due ${label}.` : `Due ${/^\d/.test(label) ? 'at ' : ''}${label}.`,
      screen: 'tasks',
      actions: [
        { id: 'done', label: 'Done' },
        { id: 'snooze', label: 'Snooze' },
      ],
      taskId: reminder.taskId,
    };
  });
}

