/** When a task's reminder comes, on the person's clock. */
import type { Zone } from '../lib/time-zone';
import type { ReminderCandidate } from '../db/reminder-repository';

/** The hour an all-day task's reminder comes, on its day. */
export const ALL_DAY_REMINDER_HOUR = 9;

/**
 * The reminder's instant (ms): `lead` minutes before a timed due time, 9:00 local on an all-day task's
 * day; a snooze that ends later pushes it to the snooze's end (a snoozed task comes back with a reminder).
 */
export function reminderFireAt(task: ReminderCandidate, leadMinutes: number, zone: Zone): number {
  const due = Date.parse(task.dueAt);
  let at: number;
  if (task.dueAllDay) {
    const day = zone.wallAt(due);
    at = zone.toInstant(day.year, day.month, day.day, ALL_DAY_REMINDER_HOUR, 0);
  } else {
    at = due - leadMinutes * 60_000;
  }
  const snoozedUntil = task.snoozedUntil ? Date.parse(task.snoozedUntil) : NaN;
  return Number.isFinite(snoozedUntil) ? Math.max(at, snoozedUntil) : at;
}

/**
 * True when a reminder made now would come too late to be of use: the due time of a timed task has
 * passed, or the 9:00 reminder of an all-day task has (a task due in five minutes still gets one at once).
 * A snooze that ends later always gets its reminder. `graceMs`: a time passed by less than this still
 * counts, because the scheduler may first see a task a moment after it was saved (a task due in one
 * minute, first checked a minute later, is not "too late").
 */
export function nothingToRemind(task: ReminderCandidate, fireAt: number, now: Date, graceMs = 0): boolean {
  const snoozedUntil = task.snoozedUntil ? Date.parse(task.snoozedUntil) : NaN;
  if (Number.isFinite(snoozedUntil) && snoozedUntil > now.getTime()) return false;
  const passed = task.dueAllDay ? fireAt : Date.parse(task.dueAt);
  return passed < now.getTime() - graceMs;
}
