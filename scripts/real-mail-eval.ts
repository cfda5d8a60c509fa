/**
 * Writes an eval file (INTERFACES.md §5 plus `cc`, `headers`, `thread`, `source`) for splits of the
 * real-mail labelled set, from a data folder holding messages.jsonl and the committed labels:
 *
 *   npx tsx scripts/real-mail-eval.ts --split dev --output /tmp/real-dev.jsonl [--data DIR]
 *   npm run eval -- --input /tmp/real-dev.jsonl --output /tmp/real-dev.json
 *
 * The test split is for aggregate figures only: run it with `npm run eval -- ... --aggregate-only`
 * and never look at its messages or per-message results while developing.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { REAL_MAIL_ABSENT, realMailDir, realMailLines, type Split } from './lib/real-mail';

const args = process.argv.slice(2);
const arg = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};

const splits = (arg('--split') ?? '').split(',').filter(Boolean);
const output = arg('--output');
if (splits.length === 0 || !output || splits.some((s) => !['train', 'dev', 'test'].includes(s))) {
  console.error('usage: npx tsx scripts/real-mail-eval.ts --split train|dev|test[,...] --output F.jsonl [--data DIR]');
  process.exit(1);
}
const dir = arg('--data') ?? realMailDir();
if (!dir) {
  console.error(`Cannot write the file: ${REAL_MAIL_ABSENT}.`);
  process.exit(1);
}
const lines = realMailLines(dir, splits as Split[]);
writeFileSync(resolve(output), `${lines.map((line) => JSON.stringify(line)).join('\n')}\n`);
console.log(`wrote ${lines.length} messages (${splits.join(', ')}) to ${output}`);
