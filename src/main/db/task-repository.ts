/** SQL for the person's task list (`tasks`), with the link back to the suggestion a task came from. */
import type { TaskEdits } from '../../shared/ipc-contract';
import type { Priority, SnoozeView, TaskDto, TaskStatus } from '../../shared/models';
import type { Statement } from 'better-sqlite3';
import type { Db } from './connection';
import { snoozeClause } from './snooze-clause';
import { TASK_SELECT as SELECT, taskToDto as toDto, type TaskRow } from './task-rows';

/** Fields of a new task. */
export interface NewTask {
  title: string;
  description?: string;
  priority?: Priority;
  dueAt?: string | null;
  dueAllDay?: boolean;
  tags?: string[];
  suggestionId?: number | null;
}

/** Normalises a date input to ISO 8601 UTC so stored values sort correctly. */
function normaliseDate(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  return new Date(value).toISOString();
}

/** Repository over `tasks`. */
export function createTaskRepository(db: Db, now: () => Date) {
  const iso = () => now().toISOString();
  const statements = {
    // The source's words (sender, subject, start of the text) are copied for search when the task is made.
    insert: db.prepare(
      `INSERT INTO tasks (title, description, priority, due_at, due_all_day, tags, suggestion_id, source_text, created_at, updated_at)
       VALUES (@title, @description, @priority, @dueAt, @dueAllDay, @tags, @suggestionId,
         coalesce((SELECT trim(s.search_sender || ' ' || s.search_subject || ' ' || substr(s.search_text, 1, 2000))
                   FROM integration_tasks s WHERE s.id = @suggestionId), ''),
         @at, @at)`,
    ),
    get: db.prepare(`${SELECT} WHERE t.id = ?`),
    update: db.prepare(
      `UPDATE tasks SET title = @title, description = @description, priority = @priority, due_at = @dueAt,
       due_all_day = @dueAllDay, tags = @tags, updated_at = @at WHERE id = @id`,
    ),
    setSnooze: db.prepare(`UPDATE tasks SET snoozed_until = ?, updated_at = ? WHERE id = ?`),
    complete: db.prepare(`UPDATE tasks SET status = 'done', completed_at = ?, updated_at = ? WHERE id = ? AND status = 'open'`),
    reopen: db.prepare(`UPDATE tasks SET status = 'open', completed_at = NULL, updated_at = ? WHERE id = ? AND status = 'done'`),
    remove: db.prepare(`DELETE FROM tasks WHERE id = ?`),
    applyRemote: db.prepare(
      `UPDATE tasks SET title = @title, description = @description, due_at = @dueAt, due_all_day = @dueAllDay, status = @status,
       completed_at = CASE WHEN @status = 'done' THEN COALESCE(completed_at, @completedAt) ELSE NULL END, updated_at = @updatedAt
       WHERE id = @id`,
    ),
  };

  const listStatements = new Map<string, Statement<unknown[]>>();

  const get = (id: number): TaskDto | null => {
    const row = statements.get.get(id) as TaskRow | undefined;
    return row ? toDto(row) : null;
  };

  return {
    /** Creates a task and returns it. */
    create(input: NewTask): TaskDto {
      const result = statements.insert.run({
        title: input.title,
        description: input.description ?? '',
        priority: input.priority ?? 'medium',
        dueAt: normaliseDate(input.dueAt),
        dueAllDay: input.dueAt && input.dueAllDay ? 1 : 0,
        tags: JSON.stringify(input.tags ?? []),
        suggestionId: input.suggestionId ?? null,
        at: iso(),
      });
      return get(Number(result.lastInsertRowid))!;
    },
    get,
    /** Tasks, open first then by due date; optionally one status only; snoozed ones by `snoozed` (default: hidden). */
    list(status?: TaskStatus, snoozed: SnoozeView = 'exclude'): TaskDto[] {
      const where: string[] = [];
      const params: unknown[] = [];
      if (status) {
        where.push('t.status = ?');
        params.push(status);
      }
      const snooze = snoozeClause(snoozed, 't.snoozed_until');
      if (snooze) {
        where.push(snooze);
        params.push(iso());
      }
      const sql = `${SELECT} ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY ${status ? '' : 't.status, '}t.due_at IS NULL, t.due_at, t.id DESC`;
      let statement = listStatements.get(sql);
      if (!statement) {
        statement = db.prepare<unknown[]>(sql);
        listStatements.set(sql, statement);
      }
      return (statement.all(...params) as TaskRow[]).map(toDto);
    },
    /** Hides a task until `until` (ISO), or shows it again (null). */
    setSnooze(id: number, until: string | null): void {
      statements.setSnooze.run(until, iso(), id);
    },
    /** Applies edits; returns the task or null when it does not exist. */
    update(id: number, edits: TaskEdits): TaskDto | null {
      const current = get(id);
      if (!current) return null;
      statements.update.run({
        id,
        title: edits.title ?? current.title,
        description: edits.description ?? current.description,
        priority: edits.priority ?? current.priority,
        dueAt: edits.dueAt === undefined ? current.dueAt : normaliseDate(edits.dueAt),
        // A new due date is a timed one unless it says otherwise; no due date is never all-day.
        dueAllDay: (edits.dueAt === undefined ? current.dueAt !== null && (edits.dueAllDay ?? current.dueAllDay) : edits.dueAt !== null && edits.dueAllDay === true) ? 1 : 0,
        tags: JSON.stringify(edits.tags ?? current.tags),
        at: iso(),
      });
      return get(id);
    },
    /** Marks an open task done; returns false when it was not open. */
    complete(id: number): boolean {
      const at = iso();
      return statements.complete.run(at, at, id).changes === 1;
    },
    /** Reopens a done task; returns false when it was not done. */
    reopen(id: number): boolean {
      return statements.reopen.run(iso(), id).changes === 1;
    },
    /**
     * Applies a version of the task that came from a destination (Google Tasks), stamped with that
     * version's own time, so last-writer-wins compares the two sides' times and not the time of the pull.
     */
    applyRemote(id: number, fields: { title: string; description: string; dueAt: string | null; dueAllDay: boolean; status: TaskStatus; completedAt: string | null }, updatedAt: string): TaskDto | null {
      const dueAt = normaliseDate(fields.dueAt);
      statements.applyRemote.run({ id, ...fields, dueAt, dueAllDay: dueAt !== null && fields.dueAllDay ? 1 : 0, completedAt: fields.completedAt ?? updatedAt, updatedAt: new Date(updatedAt).toISOString() });
      return get(id);
    },
    /** Deletes a task; returns false when there was none. */
    remove(id: number): boolean {
      return statements.remove.run(id).changes === 1;
    },
  };
}
