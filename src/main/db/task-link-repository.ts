/**
 * SQL for `task_links`: where a local task lives in Google Tasks (list and remote id), with the
 * ETag and `updated` time of the version both sides last agreed on.
 */
import type { Db } from './connection';

/** A link between a local task and its copy at a destination. */
export interface TaskLink {
  taskId: number;
  integrationId: number;
  listId: string;
  remoteId: string;
  /** The marker in the remote task's notes, kept by every later push. */
  marker: string;
  etag: string | null;
  remoteUpdated: string | null;
  syncedAt: string;
}

interface LinkRow {
  task_id: number;
  integration_id: number;
  list_id: string;
  remote_id: string;
  marker: string;
  etag: string | null;
  remote_updated: string | null;
  synced_at: string;
}

function toLink(row: LinkRow): TaskLink {
  return { taskId: row.task_id, integrationId: row.integration_id, listId: row.list_id, remoteId: row.remote_id, marker: row.marker, etag: row.etag, remoteUpdated: row.remote_updated, syncedAt: row.synced_at };
}

/** Repository over `task_links`. */
export function createTaskLinkRepository(db: Db, now: () => Date) {
  const statements = {
    upsert: db.prepare(
      `INSERT INTO task_links (task_id, integration_id, list_id, remote_id, marker, etag, remote_updated, synced_at)
       VALUES (@taskId, @integrationId, @listId, @remoteId, @marker, @etag, @remoteUpdated, @at)
       ON CONFLICT (task_id, integration_id) DO UPDATE SET list_id = excluded.list_id, remote_id = excluded.remote_id, marker = excluded.marker,
         etag = excluded.etag, remote_updated = excluded.remote_updated, synced_at = excluded.synced_at`,
    ),
    forTask: db.prepare(`SELECT * FROM task_links WHERE task_id = ? ORDER BY integration_id`),
    get: db.prepare(`SELECT * FROM task_links WHERE task_id = ? AND integration_id = ?`),
    byRemote: db.prepare(`SELECT * FROM task_links WHERE integration_id = ? AND remote_id = ?`),
    lists: db.prepare(`SELECT DISTINCT list_id FROM task_links WHERE integration_id = ?`),
    count: db.prepare(`SELECT COUNT(*) AS n FROM task_links WHERE integration_id = ?`),
    remove: db.prepare(`DELETE FROM task_links WHERE task_id = ? AND integration_id = ?`),
  };
  return {
    /** Records (or refreshes) where a task lives at a destination and which version both sides hold. */
    save(link: Omit<TaskLink, 'syncedAt'>): void {
      statements.upsert.run({ ...link, at: now().toISOString() });
    },
    /** The links of a task. */
    forTask(taskId: number): TaskLink[] {
      return (statements.forTask.all(taskId) as LinkRow[]).map(toLink);
    },
    /** The link of a task at one destination. */
    get(taskId: number, integrationId: number): TaskLink | null {
      const row = statements.get.get(taskId, integrationId) as LinkRow | undefined;
      return row ? toLink(row) : null;
    },
    /** The link of a remote task. */
    byRemote(integrationId: number, remoteId: string): TaskLink | null {
      const row = statements.byRemote.get(integrationId, remoteId) as LinkRow | undefined;
      return row ? toLink(row) : null;
    },
    /** The lists a destination holds linked tasks in. */
    lists(integrationId: number): string[] {
      return (statements.lists.all(integrationId) as Array<{ list_id: string }>).map((row) => row.list_id);
    },
    /** How many tasks a destination holds. */
    count(integrationId: number): number {
      return (statements.count.get(integrationId) as { n: number }).n;
    },
    /** Forgets a link (the remote task is gone). */
    remove(taskId: number, integrationId: number): void {
      statements.remove.run(taskId, integrationId);
    },
  };
}

/** The task link repository's type. */
export type TaskLinkRepository = ReturnType<typeof createTaskLinkRepository>;
