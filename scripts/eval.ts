/**
 * Runs a suggestion engine over a labelled eval file (docs/ARCHITECTURE.md §6) and writes predictions and
 * metrics.
 *
 *   npm run eval -- --input F.jsonl --output R.json [--engine offline|llm]
 *                   [--now ISO] [--time-zone IANA] [--prep-hours N] [--self a@x,b@y]
 *   npm run eval -- --merge [--fit] [--count N] [--test-seed N | --test-seeds A..B] [--output R.json]   (cross-source merging, see scripts/merge/)
 *
 * --now defaults to the newest item date in the file (so a file always gives the same figures),
 * --time-zone to UTC, --prep-hours to 24, --self to none. The LLM engine reads LLM_BASE_URL,
 * LLM_API_KEY and LLM_MODEL (default gpt-4.1-mini); the offline engine never touches the network.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { EvalInputError, parseEvalFile } from './lib/eval-items';
import { DEFAULT_AUTO_APPROVE_THRESHOLD, runEval } from './lib/run-eval';
import { createOfflineEngine } from '../src/main/ai/offline';
import type { SuggestionEngine } from '../src/main/ai/types';
import { llmBaseUrlProblem } from '../src/shared/models';

const USAGE =
  'usage: npm run eval -- --input F.jsonl --output R.json [--engine offline|llm] [--now ISO] [--time-zone IANA] [--prep-hours N] [--self a@x,b@y] [--auto-approve-threshold 0.85] [--aggregate-only]';
// Flags that take no value.
const SWITCHES = new Set(['aggregate-only']);

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

function parseArgs(argv: string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (let i = 0; i < argv.length; i += 1) {
    const key = argv[i] ?? '';
    if (key === '--help' || key === '-h') {
      console.log(USAGE);
      process.exit(0);
    }
    if (!key.startsWith('--')) fail(`Unexpected argument "${key}".\n${USAGE}`);
    const [name, inline] = key.slice(2).split('=', 2) as [string, string | undefined];
    if (SWITCHES.has(name)) {
      out.set(name, inline ?? 'true');
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined) fail(`--${name} needs a value.\n${USAGE}`);
    out.set(name, value);
  }
  return out;
}

async function llmEngine(): Promise<SuggestionEngine> {
  const baseUrl = process.env.LLM_BASE_URL?.trim() ?? '';
  const apiKey = process.env.LLM_API_KEY?.trim() ?? '';
  if (!baseUrl && !apiKey) {
    fail('The LLM engine needs LLM_API_KEY and/or LLM_BASE_URL (any OpenAI-compatible /v1 root); neither is set. Use --engine offline to run without one.');
  }
  const problem = baseUrl ? llmBaseUrlProblem(baseUrl) : null;
  if (problem) fail(`LLM_BASE_URL: ${problem}`);
  // Loaded only for --engine llm, so offline runs never load the OpenAI SDK.
  const { createLlmEngine } = await import('../src/main/ai/llm/llm-engine');
  return createLlmEngine({
    baseUrl: baseUrl || 'https://api.openai.com/v1',
    // Local servers (Ollama, LM Studio) take any key.
    apiKey: apiKey || 'not-needed',
    model: process.env.LLM_MODEL?.trim() || 'gpt-4.1-mini',
    timeoutMs: 60_000,
  });
}

async function main(): Promise<void> {
  if (process.argv.includes('--merge')) {
    // Cross-source merging has its own generated corpora and figures (scripts/merge/merge-cli.ts).
    const { runMergeCli } = await import('./merge/merge-cli');
    const { withinBudget } = await runMergeCli(process.argv.slice(2));
    process.exit(withinBudget ? 0 : 1);
  }
  const args = parseArgs(process.argv.slice(2));
  const input = args.get('input');
  const output = args.get('output');
  if (!input || !output) fail(`--input and --output are required.\n${USAGE}`);
  const engineLabel = args.get('engine') ?? 'offline';
  if (engineLabel !== 'offline' && engineLabel !== 'llm') fail(`--engine must be "offline" or "llm", not "${engineLabel}".`);
  const timeZone = args.get('time-zone') ?? 'UTC';
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
  } catch {
    fail(`--time-zone "${timeZone}" is not an IANA time zone (e.g. Europe/Paris).`);
  }
  const prepTaskHours = Number(args.get('prep-hours') ?? 24);
  if (!Number.isFinite(prepTaskHours) || prepTaskHours < 0) fail('--prep-hours must be a number of hours >= 0.');
  const threshold = Number(args.get('auto-approve-threshold') ?? DEFAULT_AUTO_APPROVE_THRESHOLD);
  if (!Number.isFinite(threshold) || threshold < 0 || threshold > 1) fail('--auto-approve-threshold must be a number between 0 and 1.');
  const aggregateOnly = args.get('aggregate-only') === 'true';
  const nowArg = args.get('now');
  const now = nowArg === undefined ? undefined : new Date(nowArg);
  if (now && !Number.isFinite(now.getTime())) fail(`--now "${nowArg}" is not an ISO 8601 date.`);

  let content: string;
  try {
    content = readFileSync(resolve(input), 'utf8');
  } catch (err) {
    fail(`Cannot read ${input}: ${err instanceof Error ? err.message : String(err)}`);
  }
  let items;
  try {
    items = parseEvalFile(content);
  } catch (err) {
    if (err instanceof EvalInputError) fail(`${input} ${err.message}`);
    throw err;
  }

  const engine = engineLabel === 'llm' ? await llmEngine() : createOfflineEngine();
  const started = Date.now();
  const report = await runEval(items, engine, {
    engineLabel,
    now,
    timeZone,
    prepTaskHours,
    selfAddresses: (args.get('self') ?? '').split(',').map((s) => s.trim()).filter(Boolean),
    chunkSize: engineLabel === 'llm' ? 20 : 500,
    autoApproveThreshold: threshold,
    aggregateOnly,
    onProgress: engineLabel === 'llm' ? (done, total) => console.error(`${done}/${total} items`) : undefined,
  });
  writeFileSync(resolve(output), `${JSON.stringify(report, null, 2)}\n`);

  const m = report.metrics;
  console.log(`${report.engine} (${report.model}): ${report.count} items, ${report.labelled} labelled, ${report.failures} failed, ${Date.now() - started} ms`);
  if (report.labelled > 0) {
    console.log(`accuracy ${m.accuracy}  balanced_accuracy ${m.balanced_accuracy}  precision ${m.precision}  recall ${m.recall}  f1 ${m.f1}`);
    for (const [kind, km] of Object.entries(report.metrics_by_kind)) {
      console.log(`  ${kind} (${km.labelled}): accuracy ${km.accuracy}  balanced_accuracy ${km.balanced_accuracy}  f1 ${km.f1}`);
    }
  }
  const c = report.calibration;
  console.log(`calibration: ece ${c.ece}  auto_approve_threshold ${c.auto_approve_threshold}  auto_approve_count ${c.auto_approve_count}  auto_approve_precision ${c.auto_approve_precision}`);
  if (aggregateOnly) console.log('aggregate figures only: the predictions were left out of the report.');
  if (report.note) console.log(report.note);
  console.log(`wrote ${output}`);
}

main().catch((err: unknown) => fail(`eval failed: ${err instanceof Error ? err.message : String(err)}`));
