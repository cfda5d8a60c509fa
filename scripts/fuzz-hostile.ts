/**
 * The fuzz run of issue 13 (not part of `npm test`, which runs a short version):
 *
 *   npm run fuzz -- [--messages 10000] [--seed 13] [--max-run 100000] [--output F.json]
 *
 * Generates hostile mail, calendar events and Slack messages, syncs them on the headless host while
 * probing `app:info` every 100 ms, prints the report as JSON (and writes it with --output). Exits 1
 * when a probe took over 200 ms, failed, or the host died.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { runHostileFuzz } from '../test/fuzz/fuzz-harness';

const { values } = parseArgs({ options: { messages: { type: 'string' }, seed: { type: 'string' }, 'max-run': { type: 'string' }, output: { type: 'string' } } });
const count = Number(values.messages ?? 10_000);
const seed = Number(values.seed ?? 13);
const maxRun = Number(values['max-run'] ?? 100_000);
if (!Number.isInteger(count) || count < 20 || !Number.isInteger(seed) || !Number.isInteger(maxRun) || maxRun < 100) {
  process.stderr.write('usage: npm run fuzz -- [--messages N>=20] [--seed N] [--max-run N>=100] [--output F.json]\n');
  process.exit(2);
}
const dir = mkdtempSync(join(tmpdir(), 'pt-fuzz-'));
try {
  const report = await runHostileFuzz({ count, seed, maxRun, dir, timeoutMs: 60 * 60_000, log: (line) => process.stderr.write(`[fuzz] ${line}\n`) });
  const text = JSON.stringify({ seed, maxRun, ...report }, null, 2);
  process.stdout.write(`${text}\n`);
  if (values.output) writeFileSync(resolve(values.output), `${text}\n`);
  process.exitCode = report.probes.maxMs > 200 || report.probes.failed > 0 || !report.hostAlive ? 1 : 0;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
