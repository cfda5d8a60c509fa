/** SQL for sync logs (`integration_sync_logs`): one row per run, opened when it starts, closed when it ends. */
import type { ProviderType, SyncLogDto, SyncLogStatus } from '../../shared/models';
import type { Db } from './connection';
import { parseStringArray } from './json-columns';

interface SyncLogRow {
  id: number;
  integration_id: number;
  provider: string | null;
  status: string;
  trigger: string;
  started_at: string;
  finished_at: string | null;
  duration_ms: number | null;
  items_fetched: number;
  items_quarantined: number;
  suggestions_generated: number;
  auto_approved: number;
  api_calls: number;
  quota_units: number;
  llm_tokens: number;
  error: string | null;
  notes: string;
  pages_committed: number;
  items_waiting: number;
}

const SELECT = `SELECT l.*, i.provider FROM integration_sync_logs l LEFT JOIN integrations i ON i.id = l.integration_id`;

function toDto(row: SyncLogRow): SyncLogDto {
  return {
    id: row.id,
    integrationId: row.integration_id,
    provider: row.provider as ProviderType | null,
    status: row.status as SyncLogStatus,
    trigger: row.trigger,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    durationMs: row.duration_ms,
    itemsFetched: row.items_fetched,
    itemsQuarantined: row.items_quarantined,
    suggestionsGenerated: row.suggestions_generated,
    autoApproved: row.auto_approved,
    apiCalls: row.api_calls,
    quotaUnits: row.quota_units,
    llmTokens: row.llm_tokens,
    pagesCommitted: row.pages_committed,
    itemsWaiting: row.items_waiting,
    error: row.error,
    notes: parseStringArray(row.notes),
  };
}

/** The running figures of a run, saved with each page. */
export interface SyncProgressFigures {
  itemsFetched: number;
  itemsQuarantined: number;
  suggestionsGenerated: number;
  autoApproved: number;
  apiCalls: number;
  quotaUnits: number;
  llmTokens: number;
  pagesCommitted: number;
  itemsWaiting: number;
  notes: string[];
}

/** The figures a finished run records. */
export interface SyncFigures {
  status: Exclude<SyncLogStatus, 'running'>;
  pagesCommitted?: number;
  itemsWaiting?: number;
  itemsFetched: number;
  itemsQuarantined: number;
  suggestionsGenerated: number;
  autoApproved: number;
  apiCalls: number;
  quotaUnits: number;
  llmTokens: number;
  error: string | null;
  notes: string[];
}

/** Repository over `integration_sync_logs`. */
export function createSyncLogRepository(db: Db, now: () => Date) {
  const statements = {
    start: db.prepare(
      `INSERT INTO integration_sync_logs (integration_id, status, trigger, started_at) VALUES (?, 'running', ?, ?)`,
    ),
    finish: db.prepare(
      `UPDATE integration_sync_logs SET status = @status, finished_at = @finishedAt,
         duration_ms = CAST((julianday(@finishedAt) - julianday(started_at)) * 86400000 AS INTEGER),
         items_fetched = @itemsFetched, items_quarantined = @itemsQuarantined,
         suggestions_generated = @suggestionsGenerated, auto_approved = @autoApproved, api_calls = @apiCalls,
         quota_units = @quotaUnits, llm_tokens = @llmTokens, error = @error, notes = @notes,
         pages_committed = COALESCE(@pagesCommitted, pages_committed), items_waiting = COALESCE(@itemsWaiting, items_waiting)
       WHERE id = @id`,
    ),
    progress: db.prepare(
      `UPDATE integration_sync_logs SET items_fetched = @itemsFetched, items_quarantined = @itemsQuarantined,
         suggestions_generated = @suggestionsGenerated, auto_approved = @autoApproved, api_calls = @apiCalls,
         quota_units = @quotaUnits, llm_tokens = @llmTokens, pages_committed = @pagesCommitted,
         items_waiting = @itemsWaiting, notes = @notes
       WHERE id = @id AND status = 'running'`,
    ),
    get: db.prepare(`${SELECT} WHERE l.id = ?`),
    recent: db.prepare(`${SELECT} ORDER BY l.id DESC LIMIT ?`),
    recentFor: db.prepare(`${SELECT} WHERE l.integration_id = ? ORDER BY l.id DESC LIMIT ?`),
    // What the saved pages did stays in the row: only the rest of the run is lost, and resumed.
    abandon: db.prepare(
      `UPDATE integration_sync_logs SET status = 'failed', finished_at = ?,
         error = CASE WHEN pages_committed > 0
           THEN 'The app stopped before this sync finished; ' || pages_committed || ' page(s) were saved and the next sync continues after them.'
           ELSE 'The app stopped before this sync finished.' END
       WHERE status = 'running'`,
    ),
  };
  const get = (id: number): SyncLogDto | null => {
    const row = statements.get.get(id) as SyncLogRow | undefined;
    return row ? toDto(row) : null;
  };
  return {
    /** Opens a run; returns its id. */
    start(integrationId: number, trigger: string): number {
      return Number(statements.start.run(integrationId, trigger, now().toISOString()).lastInsertRowid);
    },
    /** Closes a run with its figures. */
    finish(id: number, figures: SyncFigures): SyncLogDto {
      statements.finish.run({ ...figures, pagesCommitted: figures.pagesCommitted ?? null, itemsWaiting: figures.itemsWaiting ?? null, notes: JSON.stringify(figures.notes), finishedAt: now().toISOString(), id });
      return get(id)!;
    },
    /** Saves a running run's figures (with each page, in the page's transaction). */
    progress(id: number, figures: SyncProgressFigures): void {
      statements.progress.run({ ...figures, notes: JSON.stringify(figures.notes), id });
    },
    get,
    /** Newest runs first, optionally of one integration. */
    list(integrationId?: number, limit = 100): SyncLogDto[] {
      const rows = (integrationId === undefined ? statements.recent.all(limit) : statements.recentFor.all(integrationId, limit)) as SyncLogRow[];
      return rows.map(toDto);
    },
    /** Marks runs left 'running' by a crash as failed; returns how many. */
    abandonRunning(): number {
      return statements.abandon.run(now().toISOString()).changes;
    },
  };
}
