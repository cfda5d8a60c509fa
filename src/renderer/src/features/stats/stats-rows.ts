/** What the stats chart draws, apart from the chart library (so the panel can import it cheaply). */
import type { StatsDto } from '../../../../shared/models';

/** The seed's success metric: at least half of the suggestions approved. */
export const APPROVAL_GOAL = 0.5;

/** One row per confidence bucket: approved and dismissed counts and the approval rate (null when none decided). */
export function chartRows(stats: StatsDto) {
  return stats.byConfidence.map((bucket) => ({
    bucket: `${Math.round(bucket.from * 100)}–${Math.round(bucket.to * 100)}%`,
    approved: bucket.approved,
    dismissed: bucket.dismissed,
    rate: bucket.approved + bucket.dismissed > 0 ? bucket.approved / (bucket.approved + bucket.dismissed) : null,
  }));
}
