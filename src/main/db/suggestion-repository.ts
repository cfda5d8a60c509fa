/**
 * SQL for suggestions (`integration_tasks`). Dismissed rows are tombstones: nothing here ever turns a
 * dismissed suggestion back into a pending one except an explicit restore by the person.
 */
import type { ItemPreview, ProviderItemType, SuggestionDto, SuggestionStatus } from '../../shared/models';
import { storedKeysOf } from '../items/rules';
import type { Statement } from 'better-sqlite3';
import type { SuggestionContent } from '../items/suggestion-content';
import type { Db } from './connection';
import { parseJson } from './json-columns';
import { createGroupStatements } from './merge-groups';
import { createSourceReader } from './suggestion-sources';
import { suggestionWhere, type SuggestionFilters } from './suggestion-filters';
import { SUGGESTION_SELECT as SELECT, suggestionToDto as toDto, type SuggestionRow } from './suggestion-rows';


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

/** Filters and page of the feed query. */
export interface FeedQuery extends SuggestionFilters {
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
export function feedSql(where: readonly string[], cursor: boolean): string {
  const conditions = cursor ? [...where, '(s.confidence < ? OR (s.confidence = ? AND s.id < ?))'] : where;
  return `${SELECT} WHERE ${conditions.join(' AND ')} ORDER BY s.confidence DESC, s.id DESC LIMIT ?`;
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
         priority, deadline, tags, confidence, reasoning, model, flags, status, item_snapshot, preview, created_at, updated_at,
         sender_key, list_key, channel_key)
       VALUES (@integrationId, @itemType, @itemId, @threadKey, @title, @description, @priority, @deadline, @tags,
         @confidence, @reasoning, @model, @flags, @status, @snapshot, @preview, @at, @at, @senderKey, @listKey, @channelKey)`,
    ),
    get: db.prepare(`${SELECT} WHERE s.id = ?`),
    byItem: db.prepare(`SELECT id, status FROM integration_tasks WHERE integration_id = ? AND provider_item_id = ?`),
    pendingByItem: db.prepare(`SELECT id FROM integration_tasks WHERE integration_id = ? AND provider_item_id = ? AND status = 'pending_approval'`),
    liveInThread: db.prepare(
      `SELECT id FROM integration_tasks WHERE integration_id = ? AND thread_key = ? AND status = 'pending_approval'
       ORDER BY id DESC LIMIT 1`,
    ),
    replaceContent: db.prepare(
      `UPDATE integration_tasks SET provider_item_id = @itemId, item_type = @itemType, title = @title,
         description = @description, priority = @priority, deadline = @deadline, tags = @tags, confidence = @confidence,
         reasoning = @reasoning, model = @model, flags = @flags, item_snapshot = @snapshot, preview = @preview, updated_at = @at,
         sender_key = @senderKey, list_key = @listKey, channel_key = @channelKey
       WHERE id = @id AND status = 'pending_approval'
         AND (@date IS NULL OR json_extract(item_snapshot, '$.date') IS NULL OR json_extract(item_snapshot, '$.date') <= @date)`,
    ),
    // A decision's time is kept (auto-approve's too, for good, so an undo can be counted); a return to
    // pending clears it. A reviewed suggestion is no longer snoozed: the snooze only ever hides a pending one.
    setStatus: db.prepare(
      `UPDATE integration_tasks SET status = @status, task_id = @taskId, snoozed_until = NULL, updated_at = @at,
         decided_at = CASE WHEN @status = 'pending_approval' THEN NULL ELSE @at END,
         auto_approved_at = CASE WHEN @status = 'auto_approved' THEN @at ELSE auto_approved_at END
       WHERE id = @id`,
    ),
    // A merged suggestion is one commitment: its sources share its review (one task, one tombstone each).
    // Their decision time stays empty: the person decided once, on the suggestion shown (stats count that one).
    setMembersStatus: db.prepare(
      `UPDATE integration_tasks SET status = @status, task_id = @taskId, snoozed_until = NULL, updated_at = @at WHERE merged_into = @id`,
    ),
    setSnooze: db.prepare(`UPDATE integration_tasks SET snoozed_until = ?, updated_at = ? WHERE id = ?`),
    snapshot: db.prepare(`SELECT item_snapshot FROM integration_tasks WHERE id = ?`),
    withdraw: db.prepare(
      `UPDATE integration_tasks SET status = 'dismissed', flags = json_insert(flags, '$[#]', 'withdrawn-at-source'), updated_at = ?
       WHERE integration_id = ? AND provider_item_id = ? AND status = 'pending_approval'`,
    ),
    countByStatus: db.prepare(`SELECT status, COUNT(*) AS n FROM integration_tasks WHERE merged_into IS NULL GROUP BY status`),
  };
  const groups = createGroupStatements(db);
  const sources = createSourceReader(db);
  const feedStatements = new Map<string, Statement<unknown[]>>();
  const countStatements = new Map<string, Statement<unknown[]>>();

  const get = (id: number): SuggestionDto | null => {
    const row = statements.get.get(id) as SuggestionRow | undefined;
    return row ? sources.withSources([toDto(row)])[0]! : null;
  };

  const bindKeys = (snapshot: unknown) => {
    const keys = storedKeysOf(snapshot);
    return { senderKey: keys.sender, listKey: keys.list, channelKey: keys.channel };
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
        ...bindKeys(input.snapshot),
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
            ...bindKeys(input.snapshot),
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
      const { where, params } = suggestionWhere(query, iso());
      const sql = feedSql(where, after !== null);
      let statement = feedStatements.get(sql);
      if (!statement) {
        statement = db.prepare<unknown[]>(sql);
        feedStatements.set(sql, statement);
      }
      if (after) params.push(after.confidence, after.confidence, after.id);
      params.push(query.limit + 1);
      const rows = statement.all(...params) as SuggestionRow[];
      const page = rows.slice(0, query.limit);
      const last = page.at(-1);
      return { items: sources.withSources(page.map(toDto)), nextCursor: rows.length > query.limit && last ? encodeCursor(last) : null };
    },
    /** How many suggestions match the feed filters (without paging). */
    countFeed(query: SuggestionFilters): number {
      const { where, params } = suggestionWhere(query, iso());
      const sql = `SELECT COUNT(*) AS n FROM integration_tasks s WHERE ${where.join(' AND ')}`;
      let statement = countStatements.get(sql);
      if (!statement) {
        statement = db.prepare<unknown[]>(sql);
        countStatements.set(sql, statement);
      }
      return (statement.get(...params) as { n: number }).n;
    },
    /** Hides a suggestion until `until` (ISO), or shows it again (null). */
    setSnooze(id: number, until: string | null): void {
      statements.setSnooze.run(until, iso(), id);
    },
    /** Sets status and linked task, of the rows merged into this one too. */
    setStatus(id: number, status: SuggestionStatus, taskId: number | null): void {
      const at = iso();
      statements.setStatus.run({ status, taskId, at, id });
      statements.setMembersStatus.run({ status, taskId, at, id });
    },
    /** The suggestion row of an item in any status, or null. */
    idForItem(integrationId: number, itemId: string): number | null {
      return (statements.byItem.get(integrationId, itemId) as { id: number } | undefined)?.id ?? null;
    },
    /** The pending suggestion of an item, or null (none, or already reviewed). */
    pendingIdFor(integrationId: number, itemId: string): number | null {
      const row = statements.pendingByItem.get(integrationId, itemId) as { id: number } | undefined;
      return row?.id ?? null;
    },
    /** True when an item has a suggestion row in any status (a dismissed tombstone included). */
    hasSuggestionFor(integrationId: number, itemId: string): boolean {
      return statements.byItem.get(integrationId, itemId) !== undefined;
    },
    /** Replaces the content of a pending suggestion after its item changed at the source; false when no longer pending. */
    revisePending(id: number, input: Omit<NewSuggestion, 'integrationId' | 'threadKey' | 'status'>): boolean {
      return (
        statements.replaceContent.run({
          ...bindContent(input),
          ...bindKeys(input.snapshot),
          id,
          itemId: input.itemId,
          itemType: input.itemType,
          snapshot: JSON.stringify(input.snapshot ?? {}),
          preview: input.preview ? JSON.stringify(input.preview) : null,
          // An edit at the source replaces the content whatever its date.
          date: null,
          at: iso(),
        }).changes === 1
      );
    },
    /**
     * Withdraws the pending suggestion of an item gone at the source (kept as a flagged tombstone). A
     * merged one leaves its group first: the commitment's other sources stay shown.
     */
    withdrawPending(integrationId: number, itemId: string): boolean {
      const id = this.pendingIdFor(integrationId, itemId);
      if (id === null) return false;
      groups.leave(id, iso());
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
