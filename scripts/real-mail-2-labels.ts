/**
 * Writes the committed labels of the second real-mail set (test/fixtures/eval/real-mail-2/labels.jsonl)
 * from its data folder (REAL_MAIL_2_DIR: messages.jsonl and labels-a.jsonl, one annotator under
 * docs/labelling-guideline.md). No message text is written: ids, split, label, title, source.
 *
 *   npx tsx scripts/real-mail-2-labels.ts
 *
 * The set is training data only. Its split, fixed by thread before any tuning, carves a second dev
 * set out of it: sha256("real-mail-2-split-v1:" + thread) % 100 below 25 is dev, the rest train.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { REAL_MAIL_2_LABELS, realMail2Dir } from './lib/real-mail';

const dir = realMail2Dir();
if (!dir) {
  console.error('Cannot write the labels: set REAL_MAIL_2_DIR to the folder holding messages.jsonl and labels-a.jsonl.');
  process.exit(1);
}
const jsonl = (path: string): Array<Record<string, unknown>> =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Record<string, unknown>);

/** The split of a thread: 25 of 100 hash buckets are dev. */
function splitOf(thread: string): 'train' | 'dev' {
  const bucket = BigInt(`0x${createHash('sha256').update(`real-mail-2-split-v1:${thread}`).digest('hex')}`) % 100n;
  return bucket < 25n ? 'dev' : 'train';
}

const labels = new Map(jsonl(resolve(dir, 'labels-a.jsonl')).map((l) => [String(l.id), l]));
const lines = jsonl(resolve(dir, 'messages.jsonl')).map((m) => {
  const label = labels.get(String(m.id));
  if (!label) throw new Error(`message ${String(m.id)} has no label in labels-a.jsonl`);
  const source = m.source as Record<string, string>;
  const headers = (m.headers ?? {}) as Record<string, string | null>;
  return {
    id: m.id,
    split: splitOf(String(m.thread)),
    needs_action: label.needs_action,
    title: label.title,
    source: { repo: source.repo, commit: source.commit, path: source.path, message_id: headers.message_id ?? null },
  };
});
writeFileSync(REAL_MAIL_2_LABELS, `${lines.map((l) => JSON.stringify(l)).join('\n')}\n`);
const count = (split: string, positive?: boolean): number => lines.filter((l) => l.split === split && (positive === undefined || l.needs_action === positive)).length;
console.log(`wrote ${lines.length} labels: train ${count('train')} (${count('train', true)} need action), dev ${count('dev')} (${count('dev', true)})`);
