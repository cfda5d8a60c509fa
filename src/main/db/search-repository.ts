/**
 * Full-text search over suggestions and tasks through their FTS5 indexes (migration 0003). Takes a MATCH
 * expression built by services/search/search-terms.ts, never the person's raw text.
 *
 * Bounded work per keystroke: bm25 has to score every row it ranks, so it ranks the newest 2,000 matches
 * (with the filters applied; all of them when there are fewer, which is the usual case) and older
 * matches follow by date. Counts are exact up to that window and say so when there were more.
 */
import type { Statement } from 'better-sqlite3';
import type { SnoozeView, SuggestionDto, SuggestionStatus, TaskDto, TaskStatus } from '../../shared/models';
import type { Db } from './connection';
import { snoozeClause } from './snooze-clause';
import { suggestionWhere, type SuggestionFilters } from './suggestion-filters';
import { SUGGESTION_SELECT, suggestionToDto, type SuggestionRow } from './suggestion-rows';
import { createSourceReader } from './suggestion-sources';
import { TASK_SELECT, taskToDto, type TaskRow } from './task-rows';

/** How many of the newest matches are ranked by relevance and counted exactly. */
export const RANK_WINDOW = 2000;
// Column weights, in index column order: a word in the title says most about a row, one deep in a
// mail body least.
const SUGGESTION_RANK = 'bm25(suggestion_fts, 10.0, 4.0, 6.0, 3.0, 5.0, 1.0)';
const TASK_RANK = 'bm25(task_fts, 10.0, 4.0, 6.0, 1.5)';
const STATUSES: SuggestionStatus[] = ['pending_approval', 'approved', 'dismissed', 'auto_approved'];

/** What a suggestion's source item says, for marking matches. */
export interface SourceWords {
  sender: string;
  subject: string;
  text: string;
}

/** One page of suggestion matches and the counts of all of them. */
export interface SuggestionSearchPage {
  items: SuggestionDto[];
  /** More matches after this page. */
  more: boolean;
  counts: Record<SuggestionStatus, number>;
  /** Pending matches snoozed until later. */
  snoozed: number;
  /** True when there were more matches than RANK_WINDOW: the counts are "at least". */
  capped: boolean;
}

/** Creates the search repository. */
export function createSearchRepository(db: Db, now: () => Date) {
  const iso = () => now().toISOString();
  const sources = createSourceReader(db);
  const cache = new Map<string, Statement<unknown[]>>();
  const prepared = (sql: string) => {
    let statement = cache.get(sql);
    if (!statement) {
      statement = db.prepare<unknown[]>(sql);
      cache.set(sql, statement);
    }
    return statement;
  };

  /** Suggestions matching `match`: by relevance within the window, then older ones by date. */
  function suggestions(filters: SuggestionFilters, match: string, limit: number, offset: number): SuggestionSearchPage {
    const at = iso();
    const view = filters.snoozed ?? 'exclude';
    // The newest matches under every filter but status and snooze: they give the counts and the window.
    const broad = suggestionWhere({ ...filters, statuses: STATUSES, snoozed: 'include' }, at);
    const windowRows = prepared(
      `SELECT s.id AS id, s.status AS status, (s.snoozed_until IS NOT NULL AND s.snoozed_until > ?) AS later
       FROM suggestion_fts JOIN integration_tasks s ON s.id = suggestion_fts.rowid
       WHERE suggestion_fts MATCH ? AND ${broad.where.join(' AND ')} ORDER BY suggestion_fts.rowid DESC LIMIT ?`,
    ).all(at, match, ...broad.params, RANK_WINDOW + 1) as Array<{ id: number; status: SuggestionStatus; later: number }>;
    const capped = windowRows.length > RANK_WINDOW;
    const window = windowRows.slice(0, RANK_WINDOW);
    const counts: Record<SuggestionStatus, number> = { pending_approval: 0, approved: 0, dismissed: 0, auto_approved: 0 };
    let snoozed = 0;
    let ranked = 0;
    for (const row of window) {
      const later = row.later === 1;
      if (later && row.status === 'pending_approval') snoozed += 1;
      if (view !== 'include' && (view === 'only') !== later) continue;
      counts[row.status] += 1;
      if (filters.statuses.includes(row.status)) ranked += 1;
    }
    // Rows with ids at or above the oldest one of the window are exactly the window's rows.
    const boundary = capped ? window.at(-1)!.id : 0;
    const { where, params } = suggestionWhere(filters, at);
    const items: SuggestionRow[] = [];
    if (offset < ranked) {
      items.push(
        ...(prepared(
          `${SUGGESTION_SELECT} JOIN suggestion_fts ON suggestion_fts.rowid = s.id
           WHERE suggestion_fts MATCH ? AND suggestion_fts.rowid >= ? AND ${where.join(' AND ')}
           ORDER BY ${SUGGESTION_RANK}, s.id DESC LIMIT ? OFFSET ?`,
        ).all(match, boundary, ...params, limit, offset) as SuggestionRow[]),
      );
    }
    let more = offset + limit < ranked;
    if (capped && offset + limit >= ranked) {
      // Past the ranked window: older matches, newest first (one more than needed says whether more follow).
      const room = limit - items.length;
      const older = prepared(
        `${SUGGESTION_SELECT} JOIN suggestion_fts ON suggestion_fts.rowid = s.id
         WHERE suggestion_fts MATCH ? AND suggestion_fts.rowid < ? AND ${where.join(' AND ')}
         ORDER BY suggestion_fts.rowid DESC LIMIT ? OFFSET ?`,
      ).all(match, boundary, ...params, room + 1, Math.max(0, offset - ranked)) as SuggestionRow[];
      more = older.length > room;
      items.push(...older.slice(0, room));
    }
    return { items: sources.withSources(items.map(suggestionToDto)), more, counts, snoozed, capped };
  }

  return {
    suggestions,
    /** The source words of some suggestions (read only for the page shown: they come from the snapshot). */
    suggestionSources(ids: readonly number[]): Map<number, SourceWords> {
      const result = new Map<number, SourceWords>();
      if (ids.length === 0) return result;
      const sql = `SELECT id, search_sender AS sender, search_subject AS subject, search_text AS text
        FROM integration_tasks WHERE id IN (SELECT value FROM json_each(?))`;
      for (const row of prepared(sql).all(JSON.stringify(ids)) as Array<SourceWords & { id: number }>) {
        result.set(row.id, { sender: row.sender ?? '', subject: row.subject ?? '', text: row.text ?? '' });
      }
      return result;
    },
    /** Tasks matching `match`: by relevance among the newest RANK_WINDOW matches, then older ones by date. */
    tasks(status: TaskStatus | undefined, snoozed: SnoozeView, match: string, limit: number): TaskDto[] {
      const where = ['task_fts MATCH ?'];
      const params: unknown[] = [match];
      if (status) {
        where.push('t.status = ?');
        params.push(status);
      }
      const snooze = snoozeClause(snoozed, 't.snoozed_until');
      if (snooze) {
        where.push(snooze);
        params.push(iso());
      }
      const from = `${TASK_SELECT} JOIN task_fts ON task_fts.rowid = t.id WHERE ${where.join(' AND ')}`;
      const edge = prepared(`SELECT t.id AS id FROM tasks t JOIN task_fts ON task_fts.rowid = t.id WHERE ${where.join(' AND ')} ORDER BY task_fts.rowid DESC LIMIT 1 OFFSET ?`).get(
        ...params,
        RANK_WINDOW,
      ) as { id: number } | undefined;
      // No row past the window: rank every match.
      const boundary = edge ? edge.id + 1 : 0;
      const ranked = prepared(`${from} AND task_fts.rowid >= ? ORDER BY ${TASK_RANK}, t.id DESC LIMIT ?`).all(...params, boundary, limit) as TaskRow[];
      const older = ranked.length < limit && edge ? (prepared(`${from} AND task_fts.rowid < ? ORDER BY task_fts.rowid DESC LIMIT ?`).all(...params, boundary, limit - ranked.length) as TaskRow[]) : [];
      return [...ranked, ...older].map(taskToDto);
    },
    /** The copied source words of some tasks. */
    taskSources(ids: readonly number[]): Map<number, string> {
      const result = new Map<number, string>();
      if (ids.length === 0) return result;
      const sql = `SELECT id, source_text FROM tasks WHERE id IN (SELECT value FROM json_each(?))`;
      for (const row of prepared(sql).all(JSON.stringify(ids)) as Array<{ id: number; source_text: string }>) result.set(row.id, row.source_text);
      return result;
    },
  };
}

/** The search repository's type. */
export type SearchRepository = ReturnType<typeof createSearchRepository>;
