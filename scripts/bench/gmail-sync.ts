/**
 * Parts gmail_initial_sync, incremental_sync and main_responsiveness: the fake Gmail in this process
 * (quota 250 units/s, 20-80 ms per HTTP request), the core in a child process (sync-child.ts) so its
 * event loop and memory are measured without the fake's work. Call and unit counts come from the
 * fake's request log, which sees what actually reached "Google".
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { startFakeGoogle, type FakeGoogle, type RequestLogEntry } from '../../test/fakes/google';
import { ROOT } from '../../test/helpers/host';
import { buildCorpus, mixOf } from './corpus';
import { median, round } from './stats';
import { gmailSetup } from './gmail-setup';
import type { SyncChildReport } from './sync-child';

/** Options of {@link benchGmail}. */
export interface GmailBenchOptions {
  messages: number;
  incrementalRounds: number;
  /** Per-part limits in ms (initial sync; all incremental rounds together). */
  initialLimitMs: number;
  incrementalLimitMs: number;
  /** How the app fetches messages (the bench compares both ways). */
  fetchFormat: 'full' | 'metadata-first';
  log(line: string): void;
}

const QUOTA_UNITS_PER_SECOND = 250;
/** Quota units of one messages.get: a sync with one get per message can reach 250 / 5 = 50 messages/s. */
const UNITS_PER_GET = 5;

/** A child speaking JSON lines. */
function jsonChild(child: ChildProcess) {
  const queue: Array<Record<string, unknown>> = [];
  const waiters: Array<() => void> = [];
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  createInterface({ input: child.stdout! }).on('line', (line) => {
    try {
      queue.push(JSON.parse(line) as Record<string, unknown>);
    } catch {
      return;
    }
    waiters.splice(0).forEach((wake) => wake());
  });
  child.on('exit', () => waiters.splice(0).forEach((wake) => wake()));
  return {
    send: (line: string) => child.stdin!.write(`${line}\n`),
    /** The next message of `type`, or an error after `ms` or when the child dies. */
    async next<T>(type: string, ms: number): Promise<T> {
      const deadline = Date.now() + ms;
      for (;;) {
        const index = queue.findIndex((message) => message.type === type);
        if (index >= 0) return queue.splice(index, 1)[0] as T;
        if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the sync child exited (${child.exitCode ?? child.signalCode}):\n${stderr}`);
        if (Date.now() > deadline) throw new Error(`no "${type}" from the sync child within ${Math.round(ms / 1000)} s`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, Math.min(1000, Math.max(1, deadline - Date.now())));
        });
      }
    },
  };
}

/** What the fake saw between two points of its log. */
function traffic(entries: readonly RequestLogEntry[]) {
  const outer = entries.filter((entry) => !entry.inBatch);
  const byRoute: Record<string, number> = {};
  for (const entry of outer) byRoute[entry.route] = (byRoute[entry.route] ?? 0) + 1;
  const gets = entries.filter((entry) => entry.route === 'gmail.messages.get' && entry.status === 200);
  const seen = new Set<string>();
  let repeated = 0;
  for (const entry of gets) {
    if (seen.has(entry.path)) repeated += 1;
    seen.add(entry.path);
  }
  const formatOf = (entry: RequestLogEntry) => /format=(\w+)/.exec(entry.path)?.[1] ?? 'full';
  return {
    httpRequests: outer.length,
    gmailHttpRequests: outer.filter((entry) => entry.route.startsWith('gmail.')).length,
    byRoute,
    innerGets: { metadata: gets.filter((entry) => formatOf(entry) === 'metadata').length, full: gets.filter((entry) => formatOf(entry) === 'full').length },
    rateLimitedAnswers: entries.filter((entry) => entry.status === 429).length,
    repeatedGets: repeated,
  };
}

/**
 * Corpus messages the first sync covered: every message at least as new as the oldest one it
 * fetched (the listing excludes Promotions and Social server-side, so those are covered unfetched).
 */
function inReach(google: FakeGoogle, corpus: ReturnType<typeof buildCorpus>, entries: readonly RequestLogEntry[]): number {
  let oldest = Number.POSITIVE_INFINITY;
  for (const entry of entries) {
    if (entry.route !== 'gmail.messages.get' || entry.status !== 200) continue;
    const id = /\/messages\/([^/?]+)/.exec(entry.path)?.[1];
    const message = id ? google.getMessage(decodeURIComponent(id)) : undefined;
    if (message) oldest = Math.min(oldest, Number(message.internalDate));
  }
  return corpus.filter((message) => new Date(message.input.date ?? Date.now()).getTime() >= oldest).length;
}

/** Runs the three Gmail parts; returns their figures. */
export async function benchGmail(options: GmailBenchOptions) {
  const google: FakeGoogle = await startFakeGoogle({ latencyMs: [20, 80], quota: { unitsPerSecond: QUOTA_UNITS_PER_SECOND } });
  const dataDir = mkdtempSync(join(tmpdir(), 'pt-bench-gmail-'));
  let child: ChildProcess | null = null;
  try {
    const corpus = buildCorpus(options.messages, google.account.email);
    for (const message of corpus) google.addMessage(message.input);
    const setup = gmailSetup(google, options.messages);
    const env = { ...process.env, ...google.env, INTEGRATION_ENCRYPTION_KEY: randomBytes(32).toString('base64'), BENCH_SETUP: JSON.stringify(setup), BENCH_GMAIL_FETCH: options.fetchFormat };
    child = spawn(process.execPath, ['--import', 'tsx', 'scripts/bench/sync-child.ts', dataDir], { cwd: ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] });
    const io = jsonChild(child);
    const ready = await io.next<{ rssMb: number }>('ready', 30_000);

    // (1) the initial sync of the whole mailbox.
    options.log(`gmail: initial sync of ${options.messages} messages (quota ${QUOTA_UNITS_PER_SECOND} units/s, 20-80 ms per request)...`);
    let mark = google.requestLog.length;
    let units = google.quotaUnitsUsed;
    io.send('sync');
    const initial = (await io.next<{ report: SyncChildReport }>('synced', options.initialLimitMs)).report;
    const initialTraffic = traffic(google.requestLog.slice(mark));
    const quotaUnits = google.quotaUnitsUsed - units;
    // The first sync reaches back 30 days or 2,000 messages: rates are over the mailbox it covered.
    const reach = inReach(google, corpus, google.requestLog.slice(mark));
    const unitsPerMessage = quotaUnits / reach;
    const ceiling = QUOTA_UNITS_PER_SECOND / unitsPerMessage;
    const oneGetCeiling = QUOTA_UNITS_PER_SECOND / UNITS_PER_GET;
    const achieved = reach / initial.seconds;
    options.log(`gmail: ${round(initial.seconds, 1)} s for ${reach} messages in reach, ${round(achieved)} msg/s of ${round(ceiling)} possible (${round(oneGetCeiling)} with one get each); first suggestion after ${initial.firstSuggestionSeconds} s`);

    // (2) incremental syncs: 10 new person-to-person messages each (bulk mail would be filtered, not judged).
    const fresh = buildCorpus(options.incrementalRounds * 60, google.account.email, 7).filter((message) => message.kind === 'request' || message.kind === 'fyi');
    const rounds: Array<{ report: SyncChildReport; traffic: ReturnType<typeof traffic>; quotaUnits: number }> = [];
    const incrementalDeadline = Date.now() + options.incrementalLimitMs;
    for (let round_ = 0; round_ < options.incrementalRounds; round_ += 1) {
      // New mail arrives over time: let the previous sync's spending leave the one-second quota window.
      await new Promise((resolve) => setTimeout(resolve, 1100));
      for (const message of fresh.slice(round_ * 10, round_ * 10 + 10)) google.addMessage({ ...message.input, date: new Date() });
      mark = google.requestLog.length;
      units = google.quotaUnitsUsed;
      io.send('sync');
      const report = (await io.next<{ report: SyncChildReport }>('synced', Math.max(1000, incrementalDeadline - Date.now()))).report;
      rounds.push({ report, traffic: traffic(google.requestLog.slice(mark)), quotaUnits: google.quotaUnitsUsed - units });
    }
    io.send('exit');
    await io.next('stopped', 15_000).catch(() => undefined);

    const mid = <T>(pick: (entry: (typeof rounds)[number]) => number) => median(rounds.map(pick)) as T;
    return {
      gmail_initial_sync: {
        messages: options.messages,
        messages_in_reach: reach,
        fetch_format: options.fetchFormat,
        seconds: round(initial.seconds, 2),
        quota_units: quotaUnits,
        messages_per_second: round(achieved, 2),
        ceiling_messages_per_second: round(ceiling, 2),
        ratio: round(achieved / ceiling, 3),
        one_get_ceiling_messages_per_second: round(oneGetCeiling, 2),
        one_get_ratio: round(achieved / oneGetCeiling, 3),
        first_suggestion_s: initial.firstSuggestionSeconds,
        runs: 1,
        units_per_message: round(unitsPerMessage, 3),
        quota_units_per_second_achieved: round(quotaUnits / initial.seconds, 1),
        mix: mixOf(corpus),
        outcomes: initial.outcomesAdded,
        http_requests: initialTraffic.httpRequests,
        requests_by_route: initialTraffic.byRoute,
        inner_gets: initialTraffic.innerGets,
        rate_limited_answers: initialTraffic.rateLimitedAnswers,
        repeated_gets: initialTraffic.repeatedGets,
        sync_log: { status: initial.log.status, pages: initial.log.pagesCommitted, api_calls: initial.log.apiCalls, quota_units: initial.log.quotaUnits, suggestions: initial.log.suggestionsGenerated, auto_approved: initial.log.autoApproved, notes: initial.log.notes },
        generator_items: initial.generatorItemsFromEvents,
        phases_first_seen_s: initial.phaseFirstSeenSeconds,
      },
      incremental_sync: {
        new_messages: 10,
        api_calls: mid<number>((entry) => entry.traffic.gmailHttpRequests),
        quota_units: mid<number>((entry) => entry.quotaUnits),
        generator_items: mid<number>((entry) => entry.report.generatorItemsFromEvents),
        seconds: round(mid<number>((entry) => entry.report.seconds), 3),
        runs: rounds.length,
        per_run: rounds.map((entry) => ({
          api_calls: entry.traffic.gmailHttpRequests,
          http_requests_all: entry.traffic.httpRequests,
          sync_log_api_calls: entry.report.log.apiCalls,
          quota_units: entry.quotaUnits,
          generator_items_events: entry.report.generatorItemsFromEvents,
          generator_items_outcomes: entry.report.generatorItemsFromOutcomes,
          seconds: round(entry.report.seconds, 3),
          requests_by_route: entry.traffic.byRoute,
        })),
      },
      main_responsiveness: {
        event_loop_delay_ms_p99: initial.eventLoop.p99Ms,
        peak_rss_mb: initial.peakRssMb,
        event_loop_delay_ms_p50: initial.eventLoop.p50Ms,
        event_loop_delay_ms_max: initial.eventLoop.maxMs,
        event_loop_samples: initial.eventLoop.samples,
        rss_mb_before_sync: ready.rssMb,
        process_max_rss_mb: initial.processMaxRssMb,
        runs: 1,
        notes: [
          'Measured in the process that runs the core (the fake Google runs in the bench process), with monitorEventLoopDelay at its default 10 ms resolution; its values include that 10 ms interval.',
          'peak_rss_mb: highest RSS sampled every 25 ms during the initial sync; the process runs TypeScript through tsx, as `npm run host` does.',
        ],
      },
    };
  } finally {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await google.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
