/**
 * The measured process of the Gmail parts: the core as the headless host builds it (Node platform
 * services, default options, real sleeps), with one Gmail integration whose tokens the parent issued
 * from the fake. It syncs when the parent says `sync` on stdin and answers one JSON line per sync with
 * the wall time, the sync log, what the engine was given, the event-loop delay and the memory peak.
 * Running apart from the fake keeps the fake's own work out of the event-loop figures.
 *
 *   node --import tsx scripts/bench/sync-child.ts DATA_DIR   (env: BENCH_SETUP = JSON, fake Google env,
 *   BENCH_GMAIL_FETCH = full | metadata-first)
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { createNodePlatform } from '../../src/host/node-platform';
import { createCore } from '../../src/main/core';
import { allProviders } from '../../src/main/providers/all-providers';
import { createGmailClient } from '../../src/main/providers/gmail/gmail-client';
import type { GmailFetchFormat } from '../../src/main/providers/gmail/gmail-fetch';
import { createProviderRegistry } from '../../src/main/providers/registry';
import { connectGmail, type GmailSetup } from './gmail-setup';

/** One sync as the child saw it. */
export interface SyncChildReport {
  seconds: number;
  log: { status: string; pagesCommitted: number; itemsFetched: number; itemsQuarantined: number; suggestionsGenerated: number; autoApproved: number; apiCalls: number; quotaUnits: number; error: string | null; notes: string[] };
  /** Items handed to the engine, from the sync's own "generating" progress events (judged so far, per slice). */
  generatorItemsFromEvents: number;
  /** Seconds from the start of the sync to the first progress event of each phase (the first "generating" one comes after the first chunk). */
  phaseFirstSeenSeconds: Record<string, number>;
  /** Seconds from the start of the sync to the first suggestion committed and visible to suggestions:list, or null. */
  firstSuggestionSeconds: number | null;
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

const format = (process.env.BENCH_GMAIL_FETCH ?? 'full') as GmailFetchFormat;
const platform = createNodePlatform({ dataDir, openExternalMode: 'print', log: () => undefined });
// The app's providers, with Gmail fetching the way this run measures.
const registry = createProviderRegistry(allProviders.map((definition) => (definition.type === 'gmail' ? { ...definition, createClient: (context) => createGmailClient(context, { unitsPerSecond: Number(context.env.GMAIL_QUOTA_UNITS_PER_SECOND) || undefined, format }) } : definition)));
const core = createCore(platform, { registry });
const { repos } = core;
core.settings.update({ engine: 'offline' });
const integration = { id: await connectGmail(core, setup) };

let generating = 0;
let syncStart = 0;
let phaseStarts: Record<string, number> = {};
let firstSuggestion: number | null = null;
core.events.subscribe((event, payload) => {
  // A page was saved: is a suggestion in the feed now (what the renderer would ask on this event)?
  // (Auto-approve is on, as by default: a confident suggestion is listed as auto_approved.)
  if (event === 'suggestions:changed' && firstSuggestion === null && syncStart > 0 && core.services.suggestions.list({ status: ['pending_approval', 'auto_approved'], limit: 1 }).total > 0) {
    firstSuggestion = (performance.now() - syncStart) / 1000;
  }
  if (event !== 'sync:progress') return;
  const progress = payload as { phase: string; done: number; total: number | null };
  // The provider reports done === total once every message is fetched.
  if (progress.phase === 'fetching' && progress.total && progress.done === progress.total) phaseStarts.fetched = (performance.now() - syncStart) / 1000;
  // The engine gets the candidates in chunks; each event carries the run's total.
  // Each judged slice reports the run's items judged so far.
  if (progress.phase === 'generating') generating = Math.max(generating, progress.done, progress.total ?? 0);
  phaseStarts[progress.phase] ??= (performance.now() - syncStart) / 1000;
});

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
const ms = (ns: number) => Math.round((ns / 1e6) * 100) / 100;

async function syncOnce(): Promise<SyncChildReport> {
  generating = 0;
  phaseStarts = {};
  firstSuggestion = null;
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
    log: { status: log.status, pagesCommitted: log.pagesCommitted, itemsFetched: log.itemsFetched, itemsQuarantined: log.itemsQuarantined, suggestionsGenerated: log.suggestionsGenerated, autoApproved: log.autoApproved, apiCalls: log.apiCalls, quotaUnits: log.quotaUnits, error: log.error, notes: log.notes },
    generatorItemsFromEvents: generating,
    firstSuggestionSeconds: firstSuggestion === null ? null : Math.round(firstSuggestion * 1000) / 1000,
    phaseFirstSeenSeconds: Object.fromEntries(Object.entries(phaseStarts).map(([phase, at]) => [phase, Math.round(at * 1000) / 1000])),
    generatorItemsFromOutcomes: (outcomesAdded.suggested ?? 0) + (outcomesAdded.no_action ?? 0),
    outcomesAdded,
    eventLoop: { p50Ms: ms(histogram.percentile(50)), p99Ms: ms(histogram.percentile(99)), maxMs: ms(histogram.max), meanMs: ms(histogram.mean), samples: histogram.count },
    peakRssMb: mb(peakRss),
    processMaxRssMb: mb(process.resourceUsage().maxRSS * 1024),
  };
}

const send = (message: object) => process.stdout.write(`${JSON.stringify(message)}\n`);
// As the app does at start: the content worker loads and warms the offline engine before any sync.
await core.warmUp();
send({ type: 'ready', rssMb: mb(process.memoryUsage.rss()) });
for await (const line of createInterface({ input: process.stdin })) {
  if (line === 'sync') send({ type: 'synced', report: await syncOnce() });
  else if (line === 'exit') break;
}
await core.stop();
send({ type: 'stopped' });
