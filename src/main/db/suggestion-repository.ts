/**
 * SQL for suggestions (`integration_tasks`). Dismissed rows are tombstones: nothing here ever turns a
 * dismissed suggestion back into a pending one except an explicit restore by the person.
 */
import type {
  ItemPreview,
  Priority,
  ProviderItemType,
  ProviderType,
  SuggestionDto,
  SuggestionStatus,
} from '../../shared/models';
import type { Statement } from 'better-sqlite3';
import type { SuggestionContent } from '../items/suggestion-content';
import type { Db } from './connection';
import { parseJson, parseStringArray } from './json-columns';

interface SuggestionRow {
  id: number;
  integration_id: number;
  provider: string;
  item_type: string;
  provider_item_id: string;
  thread_key: string | null;
  title: string;
  description: string;
  priority: string;
  deadline: string | null;
  tags: string;
  confidence: number;
  reasoning: string;
  model: string;
  flags: string;
  status: string;
  task_id: number | null;
  preview: string | null;
  created_at: string;
  updated_at: string;
}

const SELECT = `
  SELECT s.id, s.integration_id, i.provider, s.item_type, s.provider_item_id, s.thread_key, s.title, s.description,
         s.priority, s.deadline, s.tags, s.confidence, s.reasoning, s.model, s.flags, s.status, s.task_id, s.preview,
         s.created_at, s.updated_at
  FROM integration_tasks s JOIN integrations i ON i.id = s.integration_id`;

function toDto(row: SuggestionRow): SuggestionDto {
  return {
    id: row.id,
    integrationId: row.integration_id,
    provider: row.provider as ProviderType,
    itemType: row.item_type as ProviderItemType,
    itemId: row.provider_item_id,
    threadKey: row.thread_key,
    title: row.title,
    description: row.description,
    priority: row.priority as Priority,
    deadline: row.deadline,
    tags: parseStringArray(row.tags),
    confidence: row.confidence,
    reasoning: row.reasoning,
    model: row.model,
    status: row.status as SuggestionStatus,
    taskId: row.task_id,
    flags: parseStringArray(row.flags),
    preview: (parseJson(row.preview) as ItemPreview | null) ?? null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}


/** A suggestion to store for one provider item. */
export interface NewSuggestion extends SuggestionContent {
  integrationId: number;
  itemType: ProviderItemType;
  itemId: string;
  threadKey: string | null;
  snapshot: unknown;
  preview: ItemPreview | null;
  status?: SuggestionStatus;
}

/** Filters of the feed query. */
export interface FeedQuery {
  statuses: SuggestionStatus[];
  integrationId?: number;
  provider?: ProviderType;
  minConfidence?: number;
  limit: number;
  /** Opaque keyset cursor from a previous page. */
  cursor?: string;
}

function encodeCursor(row: { confidence: number; id: number }): string {
  return `${row.confidence.toFixed(6)}:${row.id}`;
}

function decodeCursor(cursor: string | undefined): { confidence: number; id: number } | null {
  if (!cursor) return null;
  const match = /^(\d(?:\.\d+)?):(\d+)$/.exec(cursor);
  return match ? { confidence: Number(match[1]), id: Number(match[2]) } : null;
}

/** Builds the feed SQL: the same shape the EXPLAIN QUERY PLAN test checks, best first, keyset-paged. */
export function feedSql(query: Omit<FeedQuery, 'limit' | 'cursor'> & { cursor?: boolean }): string {
  const where = [`s.status IN (${query.statuses.map(() => '?').join(', ')})`];
  if (query.integrationId !== undefined) where.push('s.integration_id = ?');
  if (query.provider !== undefined) where.push('i.provider = ?');
  if (query.minConfidence !== undefined) where.push('s.confidence >= ?');
  if (query.cursor) where.push('(s.confidence < ? OR (s.confidence = ? AND s.id < ?))');
  return `${SELECT} WHERE ${where.join(' AND ')} ORDER BY s.confidence DESC, s.id DESC LIMIT ?`;
}

/** The ISO date of an item snapshot, or null. */
function dateOf(snapshot: unknown): string | null {
  const date = (snapshot as { date?: unknown } | null)?.date;
  return typeof date === 'string' ? date : null;
}

/** Repository over `integration_tasks`. */
export function createSuggestionRepository(db: Db, now: () => Date) {
  const iso = () => now().toISOString();
  const statements = {
    insert: db.prepare(
      `INSERT INTO integration_tasks (integration_id, item_type, provider_item_id, thread_key, title, description,
         priority, deadline, tags, confidence, reasoning, model, flags, status, item_snapshot, preview, created_at, updated_at)
       VALUES (@integrationId, @itemType, @itemId, @threadKey, @title, @description, @priority, @deadline, @tags,
         @confidence, @reasoning, @model, @flags, @status, @snapshot, @preview, @at, @at)`,
    ),
    get: db.prepare(`${SELECT} WHERE s.id = ?`),
    byItem: db.prepare(`SELECT id, status FROM integration_tasks WHERE integration_id = ? AND provider_item_id = ?`),
    liveInThread: db.prepare(
      `SELECT id FROM integration_tasks WHERE integration_id = ? AND thread_key = ? AND status = 'pending_approval'
       ORDER BY id DESC LIMIT 1`,
    ),
    replaceContent: db.prepare(
      `UPDATE integration_tasks SET provider_item_id = @itemId, item_type = @itemType, title = @title,
         description = @description, priority = @priority, deadline = @deadline, tags = @tags, confidence = @confidence,
         reasoning = @reasoning, model = @model, flags = @flags, item_snapshot = @snapshot, preview = @preview, updated_at = @at
       WHERE id = @id AND status = 'pending_approval'
         AND (@date IS NULL OR json_extract(item_snapshot, '$.date') IS NULL OR json_extract(item_snapshot, '$.date') <= @date)`,
    ),
    setStatus: db.prepare(`UPDATE integration_tasks SET status = ?, task_id = ?, updated_at = ? WHERE id = ?`),
    snapshot: db.prepare(`SELECT item_snapshot FROM integration_tasks WHERE id = ?`),
    withdraw: db.prepare(
      `UPDATE integration_tasks SET status = 'dismissed', flags = json_insert(flags, '$[#]', 'withdrawn-at-source'), updated_at = ?
       WHERE integration_id = ? AND provider_item_id = ? AND status = 'pending_approval'`,
    ),
    countByStatus: db.prepare(`SELECT status, COUNT(*) AS n FROM integration_tasks GROUP BY status`),
  };
  const feedStatements = new Map<string, Statement<unknown[]>>();
  const countStatements = new Map<string, Statement<unknown[]>>();

  const get = (id: number): SuggestionDto | null => {
    const row = statements.get.get(id) as SuggestionRow | undefined;
    return row ? toDto(row) : null;
  };

  const bindContent = (content: SuggestionContent) => ({
    title: content.title,
    description: content.description,
    priority: content.priority,
    deadline: content.deadline,
    tags: JSON.stringify(content.tags),
    confidence: content.confidence,
    reasoning: content.reasoning,
    model: content.model,
    flags: JSON.stringify(content.flags),
  });

  return {
    get,
    /** Inserts a suggestion; throws on a duplicate item (use upsertForItem from sync code). */
    insert(input: NewSuggestion): number {
      const result = statements.insert.run({
        ...bindContent(input),
        integrationId: input.integrationId,
        itemType: input.itemType,
        itemId: input.itemId,
        threadKey: input.threadKey,
        status: input.status ?? 'pending_approval',
        snapshot: JSON.stringify(input.snapshot ?? {}),
        preview: input.preview ? JSON.stringify(input.preview) : null,
        at: iso(),
      });
      return Number(result.lastInsertRowid);
    },
    /**
     * Stores a suggestion for an item the way sync must: an item already known keeps its row (a
     * dismissed tombstone stays dismissed, a reviewed one stays reviewed); a new message in a thread
     * that already has a pending suggestion refreshes that suggestion instead of adding another.
     */
    upsertForItem(input: NewSuggestion): { id: number; outcome: 'inserted' | 'thread_updated' | 'kept' } {
      const existing = statements.byItem.get(input.integrationId, input.itemId) as { id: number } | undefined;
      if (existing) return { id: existing.id, outcome: 'kept' };
      if (input.threadKey) {
        const live = statements.liveInThread.get(input.integrationId, input.threadKey) as { id: number } | undefined;
        if (live) {
          // Pages come newest first: an older message of the thread never replaces a newer one.
          const replaced = statements.replaceContent.run({
            ...bindContent(input),
            id: live.id,
            itemId: input.itemId,
            itemType: input.itemType,
            snapshot: JSON.stringify(input.snapshot ?? {}),
            preview: input.preview ? JSON.stringify(input.preview) : null,
            date: dateOf(input.snapshot),
            at: iso(),
          });
          return { id: live.id, outcome: replaced.changes > 0 ? 'thread_updated' : 'kept' };
        }
      }
      return { id: this.insert(input), outcome: 'inserted' };
    },
    /** One page of the feed and the cursor of the next. */
    listFeed(query: FeedQuery): { items: SuggestionDto[]; nextCursor: string | null } {
      const after = decodeCursor(query.cursor);
      const sql = feedSql({ ...query, cursor: after !== null });
      let statement = feedStatements.get(sql);
      if (!statement) {
        statement = db.prepare<unknown[]>(sql);
        feedStatements.set(sql, statement);
      }
      const params: unknown[] = [...query.statuses];
      if (query.integrationId !== undefined) params.push(query.integrationId);
      if (query.provider !== undefined) params.push(query.provider);
      if (query.minConfidence !== undefined) params.push(query.minConfidence);
      if (after) params.push(after.confidence, after.confidence, after.id);
      params.push(query.limit + 1);
      const rows = statement.all(...params) as SuggestionRow[];
      const page = rows.slice(0, query.limit);
      const last = page.at(-1);
      return { items: page.map(toDto), nextCursor: rows.length > query.limit && last ? encodeCursor(last) : null };
    },
    /** How many suggestions match the feed filters (without paging). */
    countFeed(query: Omit<FeedQuery, 'limit' | 'cursor'>): number {
      const where = [`status IN (${query.statuses.map(() => '?').join(', ')})`];
      const params: unknown[] = [...query.statuses];
      if (query.integrationId !== undefined) {
        where.push('integration_id = ?');
        params.push(query.integrationId);
      }
      if (query.provider !== undefined) {
        where.push('integration_id IN (SELECT id FROM integrations WHERE provider = ?)');
        params.push(query.provider);
      }
      if (query.minConfidence !== undefined) {
        where.push('confidence >= ?');
        params.push(query.minConfidence);
      }
      const sql = `SELECT COUNT(*) AS n FROM integration_tasks WHERE ${where.join(' AND ')}`;
      let statement = countStatements.get(sql);
      if (!statement) {
        statement = db.prepare<unknown[]>(sql);
        countStatements.set(sql, statement);
      }
      return (statement.get(...params) as { n: number }).n;
    },
    /** Sets status and linked task. */
    setStatus(id: number, status: SuggestionStatus, taskId: number | null): void {
      statements.setStatus.run(status, taskId, iso(), id);
    },
    /** Withdraws the pending suggestion of an item gone at the source (kept as a flagged tombstone). */
    withdrawPending(integrationId: number, itemId: string): boolean {
      return statements.withdraw.run(iso(), integrationId, itemId).changes === 1;
    },
    /** The stored item snapshot of a suggestion. */
    snapshot(id: number): unknown {
      const row = statements.snapshot.get(id) as { item_snapshot: string } | undefined;
      return row ? parseJson(row.item_snapshot) : null;
    },
    /** Number of suggestions per status. */
    countByStatus(): Record<SuggestionStatus, number> {
      const counts: Record<SuggestionStatus, number> = { pending_approval: 0, approved: 0, dismissed: 0, auto_approved: 0 };
      for (const row of statements.countByStatus.all() as Array<{ status: SuggestionStatus; n: number }>) counts[row.status] = row.n;
      return counts;
    },
  };
}
