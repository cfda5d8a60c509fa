/**
 * Performance benchmarks against the local fakes (issue 9); never part of `npm test`.
 *
 *   npm run bench -- --output B.json [--only gmail,llm,feed,db,search,learning] [--messages 2000] [--gmail-fetch full|metadata-first]
 *
 * Parts: gmail (gmail_initial_sync, incremental_sync, main_responsiveness), llm (llm_cost),
 * feed (feed_render: needs the built renderer in out/renderer; built with `npx electron-vite build`
 * when missing), db, search (100,000 rows, `suggestions:list` with a query), learning (a simulated
 * person triaging 1,000 items). Each part has its own time limit of about two minutes; a part that fails or
 * runs out of time is written as {"error": "..."} and the others still run. Progress goes to stderr.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT } from '../test/helpers/host';
import { benchDb } from './bench/db-bench';
import { benchFeed } from './bench/feed-render';
import { benchGmail } from './bench/gmail-sync';
import { benchLearning } from './bench/learning';
import { benchLlmCost } from './bench/llm-cost';
import { benchSearch } from './bench/search-bench';
import { round, withDeadline } from './bench/stats';

const USAGE = `usage: npm run bench -- --output B.json [--only gmail,llm,feed,db,search,learning] [--messages N] [--gmail-fetch full|metadata-first]

Writes the figures of issue 9 as JSON. The feed part drives Chromium (CHROMIUM_PATH or
/usr/bin/chromium) against the headless host, which serves the built renderer from out/renderer:
run \`npm run build\` first, or the bench runs \`npx electron-vite build\` itself when it is missing.`;

const PARTS = ['gmail', 'llm', 'feed', 'db', 'search', 'learning'] as const;
type Part = (typeof PARTS)[number];
const MINUTE = 60_000;

const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

function options() {
  let parsed;
  try {
    parsed = parseArgs({ options: { output: { type: 'string' }, only: { type: 'string' }, messages: { type: 'string' }, 'gmail-fetch': { type: 'string' }, help: { type: 'boolean', short: 'h' } } }).values;
  } catch (error) {
    fail(`${(error as Error).message}\n${USAGE}`);
  }
  if (parsed.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  if (!parsed.output) fail(`--output is required.\n${USAGE}`);
  const only = (parsed.only?.split(',').map((part) => part.trim()) ?? [...PARTS]) as Part[];
  const unknown = only.filter((part) => !PARTS.includes(part));
  if (unknown.length > 0) fail(`unknown part(s): ${unknown.join(', ')}; choose from ${PARTS.join(', ')}`);
  const messages = Number(parsed.messages ?? 2000);
  if (!Number.isInteger(messages) || messages < 10) fail('--messages must be a whole number >= 10');
  const fetchFormat = parsed['gmail-fetch'] ?? 'full';
  if (fetchFormat !== 'full' && fetchFormat !== 'metadata-first') fail('--gmail-fetch must be full or metadata-first');
  return { output: resolve(parsed.output), only, messages, fetchFormat: fetchFormat as 'full' | 'metadata-first' };
}

/** The feed part serves out/renderer; build it once when a clean clone has not yet. */
function ensureRenderer(): void {
  if (existsSync(join(ROOT, 'out/renderer/index.html'))) return;
  log('out/renderer is missing: running `npx electron-vite build`...');
  const result = spawnSync('npx', ['electron-vite', 'build'], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) throw new Error('`npx electron-vite build` failed; run `npm run build` and try again');
}

async function main(): Promise<void> {
  const { output, only, messages, fetchFormat } = options();
  const started = performance.now();
  const loadAtStart = loadavg().map((value) => round(value, 2));
  const result: Record<string, unknown> = {};
  const seconds: Record<string, number> = {};
  const run = async (part: Part, names: string[], limitMs: number, work: (signal: AbortSignal) => Promise<Record<string, unknown>>) => {
    if (!only.includes(part)) return;
    const t0 = performance.now();
    try {
      Object.assign(result, await withDeadline(part, limitMs, work));
    } catch (error) {
      log(`${part} failed: ${(error as Error).stack ?? String(error)}`);
      for (const name of names) result[name] = { error: (error as Error).message };
    }
    seconds[part] = round((performance.now() - t0) / 1000, 1);
    log(`${part} done in ${seconds[part]} s`);
  };

  // The initial sync alone gets two minutes; the incremental rounds their own minute.
  await run('gmail', ['gmail_initial_sync', 'incremental_sync', 'main_responsiveness'], 3.5 * MINUTE, () =>
    benchGmail({ messages, incrementalRounds: 5, initialLimitMs: 2 * MINUTE, incrementalLimitMs: MINUTE, fetchFormat, log }),
  );
  await run('llm', ['llm_cost'], 2 * MINUTE, async () => ({ llm_cost: await benchLlmCost({ log }) }));
  await run('feed', ['feed_render'], 2.5 * MINUTE, async (signal) => {
    ensureRenderer();
    return { feed_render: await benchFeed({ log, signal }) };
  });
  await run('db', ['db'], 2 * MINUTE, async () => ({ db: await benchDb({ log }) }));
  await run('search', ['search'], 3 * MINUTE, async () => ({ search: await benchSearch({ log }) }));
  await run('learning', ['learning'], 2 * MINUTE, async () => ({ learning: await benchLearning({ log }) }));

  result.machine = {
    cpus: cpus().length,
    cpu_model: cpus()[0]?.model ?? 'unknown',
    load_average_at_start: loadAtStart,
    load_average_at_end: loadavg().map((value) => round(value, 2)),
    node: process.version,
    part_seconds: seconds,
    total_seconds: round((performance.now() - started) / 1000, 1),
  };
  writeFileSync(output, `${JSON.stringify(result, null, 2)}\n`);
  log(`wrote ${output} in ${round((performance.now() - started) / 1000, 1)} s`);
  process.stdout.write(`${JSON.stringify(result)}\n`);
  // A part stopped by its deadline may leave a server or child behind: do not wait for it.
  process.exit(0);
}

await main();
