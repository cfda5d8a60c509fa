/**
 * Writes an eval file (INTERFACES.md §5 plus `cc`, `headers`, `thread`, `source`, `set`) for splits of
 * the real-mail labelled sets, from the data folders holding messages.jsonl and the committed labels:
 *
 *   npx tsx scripts/real-mail-eval.ts --split dev --output /tmp/real-dev.jsonl [--set all|real-mail|real-mail-2] [--data DIR]
 *   npm run eval -- --input /tmp/real-dev.jsonl --output /tmp/real-dev.json
 *
 * `--set all` (the default) takes both sets whose folders are here: the first (REAL_MAIL_DIR) and the
 * second, training-only one (REAL_MAIL_2_DIR), which has train and dev but no test split. `--data`
 * points the first set at another folder.
 *
 * The test split is for aggregate figures only: run it with `npm run eval -- ... --aggregate-only`
 * and never look at its messages or per-message results while developing.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { REAL_MAIL_ABSENT, REAL_MAIL_LABELS, realMailSets, setLines, type RealMailSet, type Split } from './lib/real-mail';

const args = process.argv.slice(2);
const arg = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};

const splits = (arg('--split') ?? '').split(',').filter(Boolean);
const output = arg('--output');
const which = arg('--set') ?? 'all';
if (splits.length === 0 || !output || splits.some((s) => !['train', 'dev', 'test'].includes(s)) || !['all', 'real-mail', 'real-mail-2'].includes(which)) {
  console.error('usage: npx tsx scripts/real-mail-eval.ts --split train|dev|test[,...] --output F.jsonl [--set all|real-mail|real-mail-2] [--data DIR]');
  process.exit(1);
}
const data = arg('--data');
const found: RealMailSet[] = realMailSets().filter((s) => !(data && s.name === 'real-mail'));
if (data) found.unshift({ name: 'real-mail', dir: data, labelsPath: REAL_MAIL_LABELS });
const sets = found.filter((s) => which === 'all' || s.name === which);
if (sets.length === 0 || (which === 'all' && !sets.some((s) => s.name === 'real-mail'))) {
  console.error(`Cannot write the file: ${which === 'real-mail-2' ? 'the second set is not here (set REAL_MAIL_2_DIR)' : REAL_MAIL_ABSENT}.`);
  process.exit(1);
}
if (which === 'all' && !sets.some((s) => s.name === 'real-mail-2')) console.warn('note: the second set (REAL_MAIL_2_DIR) is not here; only the first is written');
const lines = sets.flatMap((set) => setLines(set, splits as Split[]));
writeFileSync(resolve(output), `${lines.map((line) => JSON.stringify(line)).join('\n')}\n`);
const per = sets.map((set) => `${set.name} ${lines.filter((l) => l.set === set.name).length}`).join(', ');
console.log(`wrote ${lines.length} messages (${splits.join(', ')}; ${per}) to ${output}`);
