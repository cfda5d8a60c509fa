/**
 * The measured process of the Gmail parts: the core as the headless host builds it (Node platform
 * services, default options, real sleeps), with one Gmail integration whose tokens the parent issued
 * from the fake. It syncs when the parent says `sync` on stdin and answers one JSON line per sync with
 * the wall time, the sync log, what the engine was given, the event-loop delay and the memory peak.
 * Running apart from the fake keeps the fake's own work out of the event-loop figures.
 *
 *   node --import tsx scripts/bench/sync-child.ts DATA_DIR   (env: BENCH_SETUP = JSON, fake Google env)
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { createNodePlatform } from '../../src/host/node-platform';
import { createCore } from '../../src/main/core';
import { connectGmail, type GmailSetup } from './gmail-setup';

/** One sync as the child saw it. */
export interface SyncChildReport {
  seconds: number;
  log: { status: string; itemsFetched: number; itemsQuarantined: number; suggestionsGenerated: number; autoApproved: number; apiCalls: number; quotaUnits: number; error: string | null; notes: string[] };
  /** Items handed to the engine, from the sync's own "generating" progress events (total of the run). */
  generatorItemsFromEvents: number;
  /** Seconds from the start of the sync to the first progress event of each phase (the first "generating" one comes after the first chunk). */
  phaseFirstSeenSeconds: Record<string, number>;
  /** Items the engine judged, from provider_items outcomes added by this sync (suggested + no_action). */
  generatorItemsFromOutcomes: number;
  outcomesAdded: Record<string, number>;
  eventLoop: { p50Ms: number; p99Ms: number; maxMs: number; meanMs: number; samples: number };
  peakRssMb: number;
  processMaxRssMb: number;
}

const dataDir = process.argv[2];
const setupJson = process.env.BENCH_SETUP;
if (!dataDir || !setupJson) throw new Error('usage: BENCH_SETUP=... sync-child.ts DATA_DIR');
const setup = JSON.parse(setupJson) as GmailSetup;

const platform = createNodePlatform({ dataDir, openExternalMode: 'print', log: () => undefined });
const core = createCore(platform);
const { repos } = core;
core.settings.update({ engine: 'offline' });
const integration = { id: await connectGmail(core, setup) };

let generating = 0;
let syncStart = 0;
let phaseStarts: Record<string, number> = {};
core.events.subscribe((event, payload) => {
  if (event !== 'sync:progress') return;
  const progress = payload as { phase: string; done: number; total: number | null };
  // The provider reports done === total once every message is fetched.
  if (progress.phase === 'fetching' && progress.total && progress.done === progress.total) phaseStarts.fetched = (performance.now() - syncStart) / 1000;
  // The engine gets the candidates in chunks; each event carries the run's total.
  if (progress.phase === 'generating') generating = Math.max(generating, progress.total ?? 0);
  phaseStarts[progress.phase] ??= (performance.now() - syncStart) / 1000;
});

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
const ms = (ns: number) => Math.round((ns / 1e6) * 100) / 100;

async function syncOnce(): Promise<SyncChildReport> {
  generating = 0;
  phaseStarts = {};
  const before = repos.providerItems.counts(integration.id);
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  let peakRss = process.memoryUsage.rss();
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 25);
  histogram.enable();
  const start = performance.now();
  syncStart = start;
  const log = await core.services.sync.syncIntegration(integration.id, 'manual');
  const seconds = (performance.now() - start) / 1000;
  histogram.disable();
  clearInterval(sampler);
  peakRss = Math.max(peakRss, process.memoryUsage.rss());
  const after = repos.providerItems.counts(integration.id);
  const outcomesAdded = Object.fromEntries(Object.entries(after).map(([outcome, n]) => [outcome, n - before[outcome as keyof typeof before]]));
  return {
    seconds,
    log: { status: log.status, itemsFetched: log.itemsFetched, itemsQuarantined: log.itemsQuarantined, suggestionsGenerated: log.suggestionsGenerated, autoApproved: log.autoApproved, apiCalls: log.apiCalls, quotaUnits: log.quotaUnits, error: log.error, notes: log.notes },
    generatorItemsFromEvents: generating,
    phaseFirstSeenSeconds: Object.fromEntries(Object.entries(phaseStarts).map(([phase, at]) => [phase, Math.round(at * 1000) / 1000])),
    generatorItemsFromOutcomes: (outcomesAdded.suggested ?? 0) + (outcomesAdded.no_action ?? 0),
    outcomesAdded,
    eventLoop: { p50Ms: ms(histogram.percentile(50)), p99Ms: ms(histogram.percentile(99)), maxMs: ms(histogram.max), meanMs: ms(histogram.mean), samples: histogram.count },
    peakRssMb: mb(peakRss),
    processMaxRssMb: mb(process.resourceUsage().maxRSS * 1024),
  };
}

const send = (message: object) => process.stdout.write(`${JSON.stringify(message)}\n`);
send({ type: 'ready', rssMb: mb(process.memoryUsage.rss()) });
for await (const line of createInterface({ input: process.stdin })) {
  if (line === 'sync') send({ type: 'synced', report: await syncOnce() });
  else if (line === 'exit') break;
}
await core.stop();
send({ type: 'stopped' });
