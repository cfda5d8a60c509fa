/**
 * `stats:get` in SQL: how the person decided on the suggestions that arrived since a time. Every
 * figure counts suggestions (not items); withdrawals at the source are nobody's decision and left
 * out. Definitions are in StatsDto (src/shared/models.ts).
 */
import type { DecisionCounts, ProviderType, StatsDto } from '../../shared/models';
import type { Db } from './connection';

const KEPT = `(s.status = 'approved' OR (s.status = 'auto_approved' AND s.task_id IS NOT NULL))`;
const COUNTS = `
  COUNT(*) AS suggested,
  COALESCE(SUM(s.status = 'approved'), 0) AS approved,
  COALESCE(SUM(s.status = 'dismissed' AND s.decided_at IS NOT NULL), 0) AS dismissed,
  COALESCE(SUM(s.auto_approved_at IS NOT NULL), 0) AS autoApproved`;
// A withdrawn suggestion was dismissed by the source, not decided: it has no decision time. A source merged
// into another suggestion shares that one's decision: counted once, on the suggestion shown.
const WHERE = `WHERE NOT (s.status = 'dismissed' AND s.decided_at IS NULL AND s.auto_approved_at IS NULL) AND s.merged_into IS NULL AND s.created_at >= ?`;
const BUCKETS = 10;
const EPOCH = '0000-01-01T00:00:00.000Z';

interface CountRow {
  suggested: number;
  approved: number;
  dismissed: number;
  autoApproved: number;
}

function rate(approved: number, dismissed: number): number | null {
  return approved + dismissed > 0 ? approved / (approved + dismissed) : null;
}

function withRate(row: CountRow): DecisionCounts {
  return { suggested: row.suggested, approved: row.approved, dismissed: row.dismissed, autoApproved: row.autoApproved, approvalRate: rate(row.approved, row.dismissed) };
}

/** The value at quantile q (0..1) of sorted numbers (nearest rank), or null. */
function quantile(sorted: readonly number[], q: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? null;
}

/** Creates the stats queries. */
export function createStatsQueries(db: Db) {
  const statements = {
    totals: db.prepare(
      `SELECT ${COUNTS}, COALESCE(SUM(s.status = 'pending_approval'), 0) AS pending,
              COALESCE(SUM(s.auto_approved_at IS NOT NULL AND ${KEPT}), 0) AS kept
       FROM integration_tasks s ${WHERE}`,
    ),
    byProvider: db.prepare(`SELECT i.provider AS key, ${COUNTS} FROM integration_tasks s JOIN integrations i ON i.id = s.integration_id ${WHERE} GROUP BY i.provider ORDER BY i.provider`),
    byEngine: db.prepare(`SELECT s.model AS key, ${COUNTS} FROM integration_tasks s ${WHERE} GROUP BY s.model ORDER BY s.model`),
    byConfidence: db.prepare(`SELECT MIN(CAST(s.confidence * ${BUCKETS} AS INTEGER), ${BUCKETS - 1}) AS bucket, ${COUNTS} FROM integration_tasks s ${WHERE} GROUP BY bucket`),
    // Seconds from arrival in the feed to the person's own decision (auto-approvals are nobody's wait).
    waits: db.prepare(
      `SELECT (julianday(s.decided_at) - julianday(s.created_at)) * 86400.0 AS seconds FROM integration_tasks s ${WHERE}
         AND s.decided_at IS NOT NULL AND s.status IN ('approved', 'dismissed') ORDER BY seconds`,
    ),
  };
  return {
    /** The figures over suggestions that arrived at or after `since` (ISO 8601), or all of them. */
    stats(since: string | null = null): StatsDto {
      const from = since ?? EPOCH;
      const totals = statements.totals.get(from) as CountRow & { pending: number; kept: number };
      const buckets = new Map((statements.byConfidence.all(from) as Array<CountRow & { bucket: number }>).map((row) => [row.bucket, row]));
      const waits = (statements.waits.all(from) as Array<{ seconds: number }>).map((row) => Math.max(0, Math.round(row.seconds)));
      return {
        since,
        approvalRate: rate(totals.approved, totals.dismissed),
        decided: totals.approved + totals.dismissed,
        approved: totals.approved,
        dismissed: totals.dismissed,
        pending: totals.pending,
        autoApproved: totals.autoApproved,
        autoApprovedKept: totals.kept,
        autoApprovedUndone: totals.autoApproved - totals.kept,
        byProvider: (statements.byProvider.all(from) as Array<CountRow & { key: string }>).map((row) => ({ provider: row.key as ProviderType, ...withRate(row) })),
        byEngine: (statements.byEngine.all(from) as Array<CountRow & { key: string }>).map((row) => ({ engine: row.key || 'unknown', ...withRate(row) })),
        byConfidence: Array.from({ length: BUCKETS }, (_, bucket) => {
          const row = buckets.get(bucket);
          return { from: bucket / BUCKETS, to: (bucket + 1) / BUCKETS, suggested: row?.suggested ?? 0, approved: row?.approved ?? 0, dismissed: row?.dismissed ?? 0 };
        }),
        decisionTime: { count: waits.length, medianSeconds: quantile(waits, 0.5), p90Seconds: quantile(waits, 0.9) },
      };
    },
  };
}
