/**
 * The fuzz run of issue 13: hostile mail (an mbox), events (an .ics) and Slack messages (the fake
 * Slack) go through real syncs on the headless host (a child process, as `npm run host` starts it)
 * while `app:info` is probed every 100 ms. Reports the probe latencies and what each sync did.
 */
import { closeSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { SyncLogDto } from '../../src/shared/models';
import { startFakeSlack, visitSlackAuthorize } from '../fakes/slack';
import { startHost, type RunningHost } from '../helpers/host';
import { hostileCalendar, hostileEmail, hostileSlackText, randomSource } from './hostile-messages';

/** What to run. */
export interface FuzzOptions {
  /** Messages in all: 5% Slack (at most 200: what one Slack sync reads), 25% calendar events, the rest mail. */
  count: number;
  seed: number;
  /** Longest pathological run in characters. */
  maxRun: number;
  /** Folder for the host's data and the generated files (must exist). */
  dir: string;
  /** Gives up waiting for the syncs after this long. */
  timeoutMs: number;
  log?: (line: string) => void;
}

/** Probe latencies over a stretch of the run. */
export interface ProbeFigures {
  count: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  over200Ms: number;
}

/** What a run measured. */
export interface FuzzReport {
  messages: { mail: number; calendarEvents: number; slack: number; total: number; bytes: number };
  probes: ProbeFigures & { intervalMs: number; failed: number; failures: string[] };
  /** The syncs run one after another (Slack, calendar, mail); each with the probes sent during it. */
  syncs: Array<{
    provider: string; status: string; seconds: number; itemsFetched: number; itemsQuarantined: number; suggestionsGenerated: number; autoApproved: number;
    error: string | null;
    probes: ProbeFigures;
  }>;
  /** The slowest probes, with when they were sent (ms after the first sync started). */
  slowest: Array<{ atMs: number; ms: number }>;
  wallSeconds: number;
  hostAlive: boolean;
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const round = (ms: number) => Math.round(ms * 10) / 10;

function figures(latencies: readonly number[]): ProbeFigures {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    count: sorted.length, p50Ms: round(percentile(sorted, 50)), p99Ms: round(percentile(sorted, 99)), maxMs: round(sorted.at(-1) ?? 0),
    over200Ms: sorted.filter((ms) => ms > 200).length,
  };
}

/** Probes `app:info` every `intervalMs` from a worker thread (test/fuzz/prober-worker.mjs) until stopped. */
function startProber(host: RunningHost, intervalMs: number, origin: number) {
  // `origin` is harness time (performance.now()); the worker measures against the wall-clock origin.
  const worker = new Worker(new URL('./prober-worker.mjs', import.meta.url), {
    workerData: { url: host.url, token: host.token, intervalMs, origin: origin + performance.timeOrigin },
  });
  let stopped: Promise<{ samples: Array<{ atMs: number; ms: number }>; failed: number; reasons: string[] }> | null = null;
  return {
    stop() {
      stopped ??= new Promise((resolve, reject) => {
        worker.once('message', (result) => {
          void worker.terminate();
          resolve(result);
        });
        worker.once('error', reject);
        worker.postMessage('stop');
      });
      return stopped;
    },
  };
}

async function waitForSyncs(host: RunningHost, ids: number[], timeoutMs: number): Promise<SyncLogDto[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const logs = (await host.call<SyncLogDto[]>('sync-logs:list', { limit: 100 })).body;
    // The sync the connection started: a realtime account (Slack's Socket Mode) runs catch-up and
    // push syncs right after it, which find nothing new and must not stand for it.
    const done = ids.map((id) => logs.find((log) => log.integrationId === id && log.trigger === 'connect' && log.status !== 'running'));
    if (done.every(Boolean)) return done as SyncLogDto[];
    if (Date.now() > deadline) throw new Error(`the syncs did not finish within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}

/** Generates the messages, runs the syncs on a fresh host and measures. */
export async function runHostileFuzz(options: FuzzOptions): Promise<FuzzReport> {
  const log = options.log ?? (() => undefined);
  const random = randomSource(options.seed);
  const sizes = { maxRun: options.maxRun };
  const slackCount = Math.min(200, Math.round(options.count * 0.05));
  const eventCount = Math.round(options.count * 0.25);
  const mailCount = options.count - slackCount - eventCount;
  const mboxPath = join(options.dir, 'hostile.mbox');
  const icsPath = join(options.dir, 'hostile.ics');
  let bytes = 0;
  // Written message by message: the full run's mbox is about 500 MB.
  const file = openSync(mboxPath, 'w');
  try {
    for (let index = 0; index < mailCount; index += 1) bytes += writeSync(file, hostileEmail(random, index, sizes));
  } finally {
    closeSync(file);
  }
  const ics = hostileCalendar(random, eventCount, 0, sizes, new Date());
  writeFileSync(icsPath, ics);
  bytes += Buffer.byteLength(ics);
  log(`generated ${mailCount} mails and ${eventCount} events (${Math.round(bytes / 1e6)} MB)`);

  const slack = await startFakeSlack({ rateLimits: false });
  const host = await startHost({
    dataDir: join(options.dir, 'data'),
    // The harness completes the Slack sign-in itself; launching a system browser (a fork of the host,
    // which the Electron app does not do: it asks the shell) is not what is measured.
    args: ['--open-external', 'print'],
    env: { ...slack.env, SLACK_CLIENT_SECRET: '', LLM_API_KEY: '', LLM_BASE_URL: '', LLM_MODEL: '' },
  });
  const started = performance.now();
  let prober: ReturnType<typeof startProber> | null = null;
  try {
    slack.addUser({ id: 'U0FUZZ0001', name: 'eve', realName: 'Eve Fuzz' });
    const dm = slack.addChannel({ isIm: true, members: [slack.selfId, 'U0FUZZ0001'] });
    for (let index = 0; index < slackCount; index += 1) {
      const text = hostileSlackText(random, sizes, slack.selfId);
      bytes += Buffer.byteLength(text);
      slack.postMessage({ channel: dm, user: 'U0FUZZ0001', text });
    }
    prober = startProber(host, 100, started);
    const connect = async (provider: string, path?: string) => {
      const { status, body } = await host.call<{ integrationId: number; authorizationUrl?: string }>('integrations:connect', path ? { provider, options: { path } } : { provider });
      if (status !== 200) throw new Error(`connecting ${provider} failed: ${JSON.stringify(body)}`);
      return body;
    };
    // One source at a time, so each sync's probes say what that kind of content costs.
    const phases: Array<{ provider: string; from: number; to: number; log: SyncLogDto }> = [];
    const sources: Array<[string, string | undefined]> = [['slack', undefined], ['calendar_files', icsPath], ['mail_files', mboxPath]];
    for (const [provider, path] of sources) {
      const from = performance.now() - started;
      const connected = await connect(provider, path);
      if (connected.authorizationUrl) await visitSlackAuthorize(connected.authorizationUrl, { follow: true });
      const [done] = await waitForSyncs(host, [connected.integrationId], options.timeoutMs);
      phases.push({ provider, from, to: performance.now() - started, log: done! });
      log(`${provider}: ${done!.status}, ${done!.itemsFetched} items`);
    }
    const { samples, failed, reasons } = await prober.stop();
    prober = null;
    const hostAlive = (await host.call('app:info')).status === 200;
    return {
      messages: { mail: mailCount, calendarEvents: eventCount, slack: slackCount, total: options.count, bytes },
      probes: { ...figures(samples.map((sample) => sample.ms)), intervalMs: 100, failed, failures: reasons },
      slowest: [...samples].sort((a, b) => b.ms - a.ms).slice(0, 5).map((sample) => ({ atMs: sample.atMs, ms: round(sample.ms) })),
      syncs: phases.map(({ provider, from, to, log: entry }) => ({
        provider,
        status: entry.status,
        seconds: round(((entry.finishedAt ? Date.parse(entry.finishedAt) : Date.now()) - Date.parse(entry.startedAt)) / 1000),
        itemsFetched: entry.itemsFetched,
        itemsQuarantined: entry.itemsQuarantined,
        suggestionsGenerated: entry.suggestionsGenerated,
        autoApproved: entry.autoApproved,
        error: entry.error,
        probes: figures(samples.filter((sample) => sample.atMs >= from && sample.atMs < to).map((sample) => sample.ms)),
      })),
      wallSeconds: round((performance.now() - started) / 1000),
      hostAlive,
    };
  } finally {
    await prober?.stop();
    await host.stop();
    await slack.close();
  }
}
