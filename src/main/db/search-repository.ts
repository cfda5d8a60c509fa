/**
 * Full-text search over suggestions and tasks through their FTS5 indexes (migration 0003), ranked by
 * bm25 with the title weighing most. Takes a MATCH expression built by search/search-terms.ts, never
 * the person's raw text.
 */
import type { Statement } from 'better-sqlite3';
import type { SuggestionDto, SuggestionStatus, TaskDto, TaskStatus, SnoozeView } from '../../shared/models';
import type { Db } from './connection';
import { snoozeClause } from './snooze-clause';
import { suggestionWhere, type SuggestionFilters } from './suggestion-filters';
import { SUGGESTION_SELECT, suggestionToDto, type SuggestionRow } from './suggestion-rows';
import { TASK_SELECT, taskToDto, type TaskRow } from './task-rows';

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

/** Matches per status (snoozed ones counted apart). */
export interface SuggestionMatchCounts {
  counts: Record<SuggestionStatus, number>;
  /** Pending matches snoozed until later. */
  snoozed: number;
}

/** Creates the search repository. */
export function createSearchRepository(db: Db, now: () => Date) {
  const iso = () => now().toISOString();
  const cache = new Map<string, Statement<unknown[]>>();
  const prepared = (sql: string) => {
    let statement = cache.get(sql);
    if (!statement) {
      statement = db.prepare<unknown[]>(sql);
      cache.set(sql, statement);
    }
    return statement;
  };

  return {
    /** A page of suggestions matching `match`, best first. */
    suggestions(filters: SuggestionFilters, match: string, limit: number, offset: number): SuggestionDto[] {
      const { where, params } = suggestionWhere(filters, iso());
      const sql = `${SUGGESTION_SELECT} JOIN suggestion_fts ON suggestion_fts.rowid = s.id
        WHERE suggestion_fts MATCH ? AND ${where.join(' AND ')} ORDER BY ${SUGGESTION_RANK}, s.id DESC LIMIT ? OFFSET ?`;
      return (prepared(sql).all(match, ...params, limit, offset) as SuggestionRow[]).map(suggestionToDto);
    },
    /** How many suggestions match per status, with the other filters (one pass over the matches). */
    countSuggestions(filters: Omit<SuggestionFilters, 'statuses'>, match: string): SuggestionMatchCounts {
      const snoozed = filters.snoozed ?? 'exclude';
      const { where, params } = suggestionWhere({ ...filters, statuses: STATUSES, snoozed: 'include' }, iso());
      const sql = `SELECT s.status AS status, (s.snoozed_until IS NOT NULL AND s.snoozed_until > ?) AS later, COUNT(*) AS n
        FROM suggestion_fts JOIN integration_tasks s ON s.id = suggestion_fts.rowid
        WHERE suggestion_fts MATCH ? AND ${where.join(' AND ')} GROUP BY 1, 2`;
      const rows = prepared(sql).all(iso(), match, ...params) as Array<{ status: SuggestionStatus; later: number; n: number }>;
      const counts: Record<SuggestionStatus, number> = { pending_approval: 0, approved: 0, dismissed: 0, auto_approved: 0 };
      let later = 0;
      for (const row of rows) {
        if (row.later === 1 && row.status === 'pending_approval') later += row.n;
        const shown = snoozed === 'include' || (snoozed === 'only') === (row.later === 1);
        if (shown) counts[row.status] += row.n;
      }
      return { counts, snoozed: later };
    },
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
    /** Tasks matching `match`, best first. */
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
      const sql = `${TASK_SELECT} JOIN task_fts ON task_fts.rowid = t.id WHERE ${where.join(' AND ')} ORDER BY ${TASK_RANK}, t.id DESC LIMIT ?`;
      return (prepared(sql).all(...params, limit) as TaskRow[]).map(taskToDto);
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
