/** SQL for the person's task list (`tasks`), with the link back to the suggestion a task came from. */
import type { TaskEdits } from '../../shared/ipc-contract';
import type { Priority, ProviderItemType, ProviderType, TaskDto, TaskStatus } from '../../shared/models';
import type { Db } from './connection';
import { parseStringArray } from './json-columns';

interface TaskRow {
  id: number;
  title: string;
  description: string;
  priority: string;
  due_at: string | null;
  tags: string;
  status: string;
  suggestion_id: number | null;
  created_at: string;
  updated_at: string;
  completed_at: string | null;
  source_provider: string | null;
  source_item_type: string | null;
  source_link: string | null;
  source_label: string | null;
}

const SELECT = `
  SELECT t.id, t.title, t.description, t.priority, t.due_at, t.tags, t.status, t.suggestion_id,
         t.created_at, t.updated_at, t.completed_at,
         i.provider AS source_provider, s.item_type AS source_item_type,
         json_extract(s.item_snapshot, '$.link') AS source_link,
         COALESCE(json_extract(s.item_snapshot, '$.subject'), json_extract(s.item_snapshot, '$.title'),
                  json_extract(s.item_snapshot, '$.channelName')) AS source_label
  FROM tasks t
  LEFT JOIN integration_tasks s ON s.id = t.suggestion_id
  LEFT JOIN integrations i ON i.id = s.integration_id`;

function toDto(row: TaskRow): TaskDto {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    priority: row.priority as Priority,
    dueAt: row.due_at,
    tags: parseStringArray(row.tags),
    status: row.status as TaskStatus,
    suggestionId: row.suggestion_id,
    source:
      row.source_provider && row.source_item_type
        ? {
            provider: row.source_provider as ProviderType,
            itemType: row.source_item_type as ProviderItemType,
            link: row.source_link,
            label: row.source_label ?? '',
          }
        : null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    completedAt: row.completed_at,
  };
}

/** Fields of a new task. */
export interface NewTask {
  title: string;
  description?: string;
  priority?: Priority;
  dueAt?: string | null;
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
    insert: db.prepare(
      `INSERT INTO tasks (title, description, priority, due_at, tags, suggestion_id, created_at, updated_at)
       VALUES (@title, @description, @priority, @dueAt, @tags, @suggestionId, @at, @at)`,
    ),
    get: db.prepare(`${SELECT} WHERE t.id = ?`),
    listAll: db.prepare(`${SELECT} ORDER BY t.status, t.due_at IS NULL, t.due_at, t.id DESC`),
    listByStatus: db.prepare(`${SELECT} WHERE t.status = ? ORDER BY t.due_at IS NULL, t.due_at, t.id DESC`),
    update: db.prepare(
      `UPDATE tasks SET title = @title, description = @description, priority = @priority, due_at = @dueAt,
       tags = @tags, updated_at = @at WHERE id = @id`,
    ),
    complete: db.prepare(`UPDATE tasks SET status = 'done', completed_at = ?, updated_at = ? WHERE id = ? AND status = 'open'`),
    reopen: db.prepare(`UPDATE tasks SET status = 'open', completed_at = NULL, updated_at = ? WHERE id = ? AND status = 'done'`),
    remove: db.prepare(`DELETE FROM tasks WHERE id = ?`),
    applyRemote: db.prepare(
      `UPDATE tasks SET title = @title, description = @description, due_at = @dueAt, status = @status,
       completed_at = CASE WHEN @status = 'done' THEN COALESCE(completed_at, @completedAt) ELSE NULL END, updated_at = @updatedAt
       WHERE id = @id`,
    ),
  };

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
        tags: JSON.stringify(input.tags ?? []),
        suggestionId: input.suggestionId ?? null,
        at: iso(),
      });
      return get(Number(result.lastInsertRowid))!;
    },
    get,
    /** Tasks, open first then by due date; optionally one status only. */
    list(status?: TaskStatus): TaskDto[] {
      const rows = (status ? statements.listByStatus.all(status) : statements.listAll.all()) as TaskRow[];
      return rows.map(toDto);
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
    applyRemote(id: number, fields: { title: string; description: string; dueAt: string | null; status: TaskStatus; completedAt: string | null }, updatedAt: string): TaskDto | null {
      statements.applyRemote.run({ id, ...fields, dueAt: normaliseDate(fields.dueAt), completedAt: fields.completedAt ?? updatedAt, updatedAt: new Date(updatedAt).toISOString() });
      return get(id);
    },
    /** Deletes a task; returns false when there was none. */
    remove(id: number): boolean {
      return statements.remove.run(id).changes === 1;
    },
  };
}
