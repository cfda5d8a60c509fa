/**
 * SQL for `judgement_waits`: items the model could not judge yet. Each keeps its content as read
 * (the cursor has moved on, so the provider will not hand it over again) and when to try next; a
 * row without a snapshot is fetched again from the provider first.
 */
import type { ProviderItemType } from '../../shared/models';
import type { Db } from './connection';
import { parseJson } from './json-columns';

/** An item waiting for judgement. */
export interface JudgementWait {
  integrationId: number;
  itemId: string;
  itemType: ProviderItemType;
  threadKey: string | null;
  /** The item as read, or null when it must be fetched again. */
  snapshot: unknown;
  /** Failed attempts so far. */
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
}

interface WaitRow {
  integration_id: number;
  provider_item_id: string;
  item_type: string;
  thread_key: string | null;
  snapshot: string | null;
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
}

function toWait(row: WaitRow): JudgementWait {
  return {
    integrationId: row.integration_id,
    itemId: row.provider_item_id,
    itemType: row.item_type as ProviderItemType,
    threadKey: row.thread_key,
    snapshot: row.snapshot === null ? null : parseJson(row.snapshot),
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    lastError: row.last_error,
  };
}

/** Repository over `judgement_waits`. */
export function createJudgementWaitRepository(db: Db, now: () => Date) {
  const statements = {
    upsert: db.prepare(
      `INSERT INTO judgement_waits (integration_id, provider_item_id, item_type, thread_key, snapshot, attempts, next_attempt_at, last_error, created_at)
       VALUES (@integrationId, @itemId, @itemType, @threadKey, @snapshot, @attempts, @nextAttemptAt, @lastError, @at)
       ON CONFLICT (integration_id, provider_item_id) DO UPDATE SET snapshot = COALESCE(excluded.snapshot, snapshot),
         attempts = excluded.attempts, next_attempt_at = excluded.next_attempt_at, last_error = excluded.last_error`,
    ),
    due: db.prepare(
      `SELECT * FROM judgement_waits WHERE integration_id = ? AND snapshot IS NOT NULL AND next_attempt_at <= ?
       ORDER BY next_attempt_at, provider_item_id LIMIT ?`,
    ),
    refetch: db.prepare(`SELECT provider_item_id AS itemId, item_type AS itemType FROM judgement_waits WHERE integration_id = ? AND snapshot IS NULL ORDER BY provider_item_id LIMIT ?`),
    remove: db.prepare(`DELETE FROM judgement_waits WHERE integration_id = ? AND provider_item_id = ?`),
    count: db.prepare(`SELECT integration_id AS id, COUNT(*) AS n FROM judgement_waits GROUP BY integration_id`),
    countFor: db.prepare(`SELECT COUNT(*) AS n FROM judgement_waits WHERE integration_id = ?`),
  };
  return {
    /** Stores (or updates) a waiting item; a null snapshot keeps the one stored. */
    save(wait: JudgementWait): void {
      statements.upsert.run({ ...wait, snapshot: wait.snapshot === null ? null : JSON.stringify(wait.snapshot), at: now().toISOString() });
    },
    /** Waiting items whose next attempt is due, with their content, oldest plan first. */
    due(integrationId: number, at: Date, limit: number): JudgementWait[] {
      return (statements.due.all(integrationId, at.toISOString(), limit) as WaitRow[]).map(toWait);
    },
    /** IDs of waiting items whose content must be fetched again from the provider. */
    needingRefetch(integrationId: number, limit: number): Array<{ itemId: string; itemType: ProviderItemType }> {
      return statements.refetch.all(integrationId, limit) as Array<{ itemId: string; itemType: ProviderItemType }>;
    },
    /** Ends a wait (the item was judged or set aside). */
    remove(integrationId: number, itemId: string): void {
      statements.remove.run(integrationId, itemId);
    },
    /** Waiting items per integration. */
    counts(): Map<number, number> {
      return new Map((statements.count.all() as Array<{ id: number; n: number }>).map((row) => [row.id, row.n]));
    },
    /** Waiting items of one integration. */
    count(integrationId: number): number {
      return (statements.countFor.get(integrationId) as { n: number }).n;
    },
  };
}
