/**
 * Part db: 100,000 pending suggestions (seeded through the app's repositories, with the snapshots and
 * previews sync stores), then the app's own core over that data folder: the feed query as the
 * renderer asks for it (first page of 200, best first; then a 2,000-row page after a keyset cursor),
 * the whole `suggestions:list` call (page plus per-status counts), and approvals through the
 * suggestion service (one transaction each: task, status, write-back hook, events).
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createNodePlatform } from '../../src/host/node-platform';
import { createCore } from '../../src/main/core';
import { seedManySuggestions } from '../../test/helpers/seed';
import { median, percentile, round } from './stats';

const ROWS = 100_000;
const FEED_RUNS = 300;
const APPROVE_RUNS = 300;

/** Times `work` `runs` times after a few unmeasured warm-up calls; returns milliseconds. */
function timeRuns(runs: number, work: (index: number) => void): number[] {
  for (let index = 0; index < 5; index += 1) work(-1 - index);
  const times: number[] = [];
  for (let index = 0; index < runs; index += 1) {
    const start = performance.now();
    work(index);
    times.push(performance.now() - start);
  }
  return times;
}

const summary = (times: number[]) => ({ p50: round(median(times), 3), p95: round(percentile(times, 95), 3), max: round(Math.max(...times), 3) });

/** Runs the db part; returns its figures. */
export async function benchDb(options: { log(line: string): void; rows?: number }) {
  const rows = options.rows ?? ROWS;
  const dataDir = mkdtempSync(join(tmpdir(), 'pt-bench-db-'));
  try {
    options.log(`db: seeding ${rows.toLocaleString('en')} suggestions...`);
    const seedStart = performance.now();
    seedManySuggestions(dataDir, rows);
    const seedSeconds = (performance.now() - seedStart) / 1000;
    const core = createCore(createNodePlatform({ dataDir, openExternalMode: 'print', log: () => undefined }), { undoWindowMs: 0 });
    try {
      const { repos, services } = core;
      const firstPage = timeRuns(FEED_RUNS, () => repos.suggestions.listFeed({ statuses: ['pending_approval'], limit: 200 }));
      // A deep page: the renderer's next pages are 2,000 rows after a keyset cursor.
      const cursor = repos.suggestions.listFeed({ statuses: ['pending_approval'], limit: 50_000 }).nextCursor ?? undefined;
      const deepPage = timeRuns(FEED_RUNS / 3, () => repos.suggestions.listFeed({ statuses: ['pending_approval'], limit: 2000, cursor }));
      const listCall = timeRuns(FEED_RUNS / 3, () => services.suggestions.list({ limit: 200 }));
      // Approve suggestions spread over the whole table, not just the newest rows.
      const pending = repos.suggestions.listFeed({ statuses: ['pending_approval'], limit: rows }).items.map((item) => item.id);
      const step = Math.max(1, Math.floor(pending.length / (APPROVE_RUNS * 2)));
      let next = 0;
      const approve = timeRuns(APPROVE_RUNS, () => {
        services.suggestions.approve(pending[next * step]!);
        next += 1;
      });
      const dismiss = timeRuns(APPROVE_RUNS / 3, () => {
        services.suggestions.dismiss(pending[next * step]!);
        next += 1;
      });
      return {
        rows,
        feed_query_ms_p50: summary(firstPage).p50,
        approve_ms_p50: summary(approve).p50,
        runs: { feed_query: FEED_RUNS, approve: APPROVE_RUNS },
        feed_query_ms: summary(firstPage),
        feed_query_2000_after_cursor_ms: summary(deepPage),
        suggestions_list_call_with_counts_ms: summary(listCall),
        approve_ms: summary(approve),
        dismiss_ms: summary(dismiss),
        seed_seconds: round(seedSeconds, 1),
        database_mb: round(statSync(join(dataDir, 'app.db')).size / 1024 / 1024, 1),
      };
    } finally {
      await core.stop();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
