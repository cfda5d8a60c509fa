/**
 * Measures the offline engine on the real-mail TEST split and writes the figures auto-approve reads
 * at run time (src/main/ai/offline/quality.json). Only aggregates are computed and printed: no
 * per-message result of the test split is shown or stored.
 *
 *   npx tsx scripts/measure-quality.ts [--dry-run]
 */
import { writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createOfflineEngine, OFFLINE_ENGINE_NAME } from '../src/main/ai/offline';
import { parseEvalFile } from './lib/eval-items';
import { kindQuality } from './lib/quality-figures';
import { REAL_MAIL_ABSENT, realMailDir, realMailLines } from './lib/real-mail';
import { runEval } from './lib/run-eval';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dir = realMailDir();
if (!dir) {
  console.error(`Cannot measure: ${REAL_MAIL_ABSENT}.`);
  process.exit(1);
}
const items = parseEvalFile(realMailLines(dir, ['test']).map((l) => JSON.stringify(l)).join('\n'));
const report = await runEval(items, createOfflineEngine(), { engineLabel: 'offline', timeZone: 'UTC', prepTaskHours: 24, selfAddresses: [] });
const scored = items.map((it, i) => ({ confidence: report.predictions?.[i]?.confidence ?? null, predicted: report.predictions?.[i]?.needs_action ?? false, actual: it.label }));
const email = kindQuality(scored);
const file = {
  engines: [
    {
      engine: OFFLINE_ENGINE_NAME,
      measuredOn: `real-mail test split (${email.count} messages, labels in test/fixtures/eval/real-mail; never used for tuning)`,
      measuredAt: new Date().toISOString().slice(0, 10),
      command: 'npx tsx scripts/measure-quality.ts',
      kinds: { email },
    },
  ],
};
console.log(`offline on the test split: ${JSON.stringify(report.metrics)}`);
console.log(`calibration: ${JSON.stringify(report.calibration)}`);
console.log(`auto-approve precision by threshold: ${email.autoApprove.map((p) => `${p.threshold}: ${p.precision} (${p.count})`).join(', ')}`);
if (!process.argv.includes('--dry-run')) {
  const out = resolve(root, 'src/main/ai/offline/quality.json');
  writeFileSync(out, `${JSON.stringify(file, null, 1)}\n`);
  console.log(`wrote ${out}`);
}
