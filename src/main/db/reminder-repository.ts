/**
 * SQL for the reminder schedule (`task_reminders`): which open tasks need a reminder made or remade,
 * which reminders are due, and claiming one (the claim is the once-only guarantee: a conditional update
 * that only one caller, in one process, across restarts, can win).
 */
import type { Db } from './connection';

/** An open task with a due time whose reminder row is missing or was made for another due time or snooze. */
export interface ReminderCandidate {
  taskId: number;
  dueAt: string;
  dueAllDay: boolean;
  snoozedUntil: string | null;
}

/** A reminder not yet fired, with what its time is computed from. */
export interface PendingReminder extends ReminderCandidate {
  fireAt: string;
}

/** A reminder whose time has come. */
export interface DueReminder {
  taskId: number;
  title: string;
  dueAt: string;
  dueAllDay: boolean;
  fireAt: string;
}

/** Repository over `task_reminders`. */
export function createReminderRepository(db: Db, now: () => Date) {
  const iso = () => now().toISOString();
  const statements = {
    candidates: db.prepare(
      `SELECT t.id AS taskId, t.due_at AS dueAt, t.due_all_day AS dueAllDay, t.snoozed_until AS snoozedUntil
       FROM tasks t LEFT JOIN task_reminders r ON r.task_id = t.id
       WHERE t.status = 'open' AND t.due_at IS NOT NULL
         AND (r.task_id IS NULL OR r.due_at IS NOT t.due_at OR r.snoozed_until IS NOT t.snoozed_until)`,
    ),
    dropStale: db.prepare(
      `DELETE FROM task_reminders WHERE task_id IN (SELECT id FROM tasks WHERE status <> 'open' OR due_at IS NULL)`,
    ),
    upsert: db.prepare(
      `INSERT INTO task_reminders (task_id, due_at, snoozed_until, fire_at, fired_at, skipped, updated_at)
       VALUES (@taskId, @dueAt, @snoozedUntil, @fireAt, @firedAt, @skipped, @at)
       ON CONFLICT (task_id) DO UPDATE SET due_at = excluded.due_at, snoozed_until = excluded.snoozed_until,
         fire_at = excluded.fire_at, fired_at = excluded.fired_at, skipped = excluded.skipped, updated_at = excluded.updated_at`,
    ),
    pending: db.prepare(
      `SELECT r.task_id AS taskId, r.due_at AS dueAt, t.due_all_day AS dueAllDay, r.snoozed_until AS snoozedUntil, r.fire_at AS fireAt
       FROM task_reminders r JOIN tasks t ON t.id = r.task_id WHERE r.fired_at IS NULL`,
    ),
    move: db.prepare(`UPDATE task_reminders SET fire_at = ?, updated_at = ? WHERE task_id = ? AND fired_at IS NULL`),
    due: db.prepare(
      `SELECT r.task_id AS taskId, t.title, t.due_at AS dueAt, t.due_all_day AS dueAllDay, r.fire_at AS fireAt
       FROM task_reminders r JOIN tasks t ON t.id = r.task_id
       WHERE r.fired_at IS NULL AND r.fire_at <= ? AND t.status = 'open' ORDER BY r.fire_at, r.task_id`,
    ),
    claim: db.prepare(`UPDATE task_reminders SET fired_at = ?, updated_at = ? WHERE task_id = ? AND fired_at IS NULL`),
    nextFire: db.prepare(`SELECT min(fire_at) AS at FROM task_reminders WHERE fired_at IS NULL`),
    nextSnoozeEnd: db.prepare(
      `SELECT min(at) AS at FROM (
         SELECT min(snoozed_until) AS at FROM tasks WHERE snoozed_until > ?
         UNION ALL SELECT min(snoozed_until) FROM integration_tasks WHERE snoozed_until > ?)`,
    ),
    snoozesEnded: db.prepare(
      `SELECT (SELECT COUNT(*) FROM tasks WHERE snoozed_until > ? AND snoozed_until <= ?) AS tasks,
              (SELECT COUNT(*) FROM integration_tasks WHERE snoozed_until > ? AND snoozed_until <= ?) AS suggestions`,
    ),
    dueBetween: db.prepare(`SELECT COUNT(*) AS n FROM tasks WHERE status = 'open' AND due_at >= ? AND due_at < ?`),
  };
  const bool = <T extends { dueAllDay: unknown }>(row: T) => ({ ...row, dueAllDay: row.dueAllDay === 1 });

  return {
    /** Open tasks with a due time whose reminder must be made (again). */
    candidates(): ReminderCandidate[] {
      return (statements.candidates.all() as ReminderCandidate[]).map(bool);
    },
    /** Removes reminders of tasks now done or without a due time. */
    dropStale(): number {
      return statements.dropStale.run().changes;
    },
    /** Writes a task's reminder; `firedAt` set with `skipped` when there was nothing left to remind of. */
    put(reminder: ReminderCandidate & { fireAt: string; skipped: boolean }): void {
      statements.upsert.run({
        taskId: reminder.taskId,
        dueAt: reminder.dueAt,
        snoozedUntil: reminder.snoozedUntil,
        fireAt: reminder.fireAt,
        firedAt: reminder.skipped ? iso() : null,
        skipped: reminder.skipped ? 1 : 0,
        at: iso(),
      });
    },
    /** Reminders not yet fired. */
    pending(): PendingReminder[] {
      return (statements.pending.all() as PendingReminder[]).map(bool);
    },
    /** Moves a reminder not yet fired (the lead time or zone changed). */
    move(taskId: number, fireAt: string): void {
      statements.move.run(fireAt, iso(), taskId);
    },
    /** Reminders due at or before `at`, of open tasks, oldest first. */
    due(at: Date): DueReminder[] {
      return (statements.due.all(at.toISOString()) as DueReminder[]).map(bool);
    },
    /** Marks a reminder fired; true only for the one caller that did it. */
    claim(taskId: number): boolean {
      const at = iso();
      return statements.claim.run(at, at, taskId).changes === 1;
    },
    /** When the next reminder is due, or null. */
    nextFireAt(): string | null {
      return (statements.nextFire.get() as { at: string | null }).at;
    },
    /** When the next snooze (task or suggestion) ends after `after`, or null. */
    nextSnoozeEnd(after: Date): string | null {
      const at = after.toISOString();
      return (statements.nextSnoozeEnd.get(at, at) as { at: string | null }).at;
    },
    /** How many task and suggestion snoozes ended in (from, to]. */
    snoozesEnded(from: Date, to: Date): { tasks: number; suggestions: number } {
      const [a, b] = [from.toISOString(), to.toISOString()];
      return statements.snoozesEnded.get(a, b, a, b) as { tasks: number; suggestions: number };
    },
    /** Open tasks due in [from, to). */
    countDueBetween(from: Date, to: Date): number {
      return (statements.dueBetween.get(from.toISOString(), to.toISOString()) as { n: number }).n;
    },
  };
}

/** The reminder repository's type. */
export type ReminderRepository = ReturnType<typeof createReminderRepository>;
