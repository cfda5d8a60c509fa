/**
 * The real-mail labelled sets (docs/labelling-guideline.md): the labels and the split are committed
 * (test/fixtures/eval/real-mail/labels.jsonl, and for the second, training-only set
 * test/fixtures/eval/real-mail-2/labels.jsonl), the messages are not (they come from public archives
 * and stay outside the repository). This joins the two into eval lines (INTERFACES.md §5 plus `cc`,
 * `headers`, `thread`, `source`).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** The committed labels file of the first set (adjudicated, with the test split). */
export const REAL_MAIL_LABELS = resolve(root, 'test/fixtures/eval/real-mail/labels.jsonl');
/** The committed labels file of the second set (training only: train and a second dev split). */
export const REAL_MAIL_2_LABELS = resolve(root, 'test/fixtures/eval/real-mail-2/labels.jsonl');

/** The splits, fixed by thread before any tuning: rules and weights are fitted on train, chosen on dev. */
export type Split = 'train' | 'dev' | 'test';

const LabelSchema = z.object({
  id: z.string(),
  split: z.enum(['train', 'dev', 'test']),
  needs_action: z.boolean(),
  title: z.string().nullable(),
  source: z.object({ repo: z.string(), commit: z.string(), path: z.string(), message_id: z.string().nullable() }),
});

/** One committed label. */
export type RealMailLabel = z.infer<typeof LabelSchema>;

/** One labelled set: where its messages are and which labels file goes with them. */
export interface RealMailSet {
  name: 'real-mail' | 'real-mail-2';
  dir: string;
  labelsPath: string;
}

type Env = Readonly<Record<string, string | undefined>>;

function firstWithMessages(candidates: ReadonlyArray<string | undefined>): string | null {
  return candidates.filter((c): c is string => Boolean(c)).find((dir) => existsSync(resolve(dir, 'messages.jsonl'))) ?? null;
}

/**
 * The folder holding messages.jsonl: `REAL_MAIL_DIR`, else ../shared/data/real-mail, else
 * /work/data/real-mail; null when none has it (CI), so callers can skip with a clear message.
 */
export function realMailDir(env: Env = process.env): string | null {
  return firstWithMessages([env.REAL_MAIL_DIR, resolve(root, '../shared/data/real-mail'), '/work/data/real-mail']);
}

/** The second set's folder: `REAL_MAIL_2_DIR`, else ../shared/data/real-mail-2, else /work/data/real-mail-2; null when absent. */
export function realMail2Dir(env: Env = process.env): string | null {
  return firstWithMessages([env.REAL_MAIL_2_DIR, resolve(root, '../shared/data/real-mail-2'), '/work/data/real-mail-2']);
}

/** The sets whose messages are here: the first (if present), then the second (if present). */
export function realMailSets(env: Env = process.env): RealMailSet[] {
  const first = realMailDir(env);
  const second = realMail2Dir(env);
  return [
    ...(first ? [{ name: 'real-mail' as const, dir: first, labelsPath: REAL_MAIL_LABELS }] : []),
    ...(second ? [{ name: 'real-mail-2' as const, dir: second, labelsPath: REAL_MAIL_2_LABELS }] : []),
  ];
}

/** Why the real-mail checks are skipped, for test and script messages. */
export const REAL_MAIL_ABSENT =
  'the real-mail messages are not here (set REAL_MAIL_DIR to the folder holding messages.jsonl; they are kept outside the repository)';

/** Reads committed labels. */
export function readLabels(path = REAL_MAIL_LABELS): RealMailLabel[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => LabelSchema.parse(JSON.parse(line)));
}

/**
 * Eval lines for the given splits, in messages.jsonl order: the message's fields with the committed
 * label (`needs_action`; `title` as `gold_title`). Throws when a message has no label or a label no message.
 */
export function realMailLines(dir: string, splits: readonly Split[], labels = readLabels(), labelsPath = REAL_MAIL_LABELS): Array<Record<string, unknown>> {
  const byId = new Map(labels.map((label) => [label.id, label]));
  const seen = new Set<string>();
  const out: Array<Record<string, unknown>> = [];
  for (const raw of readFileSync(resolve(dir, 'messages.jsonl'), 'utf8').split('\n')) {
    if (!raw.trim()) continue;
    const message = JSON.parse(raw) as Record<string, unknown> & { id: string };
    const label = byId.get(message.id);
    if (!label) throw new Error(`message ${message.id} has no label in ${labelsPath}`);
    seen.add(message.id);
    if (!splits.includes(label.split)) continue;
    out.push({ ...message, needs_action: label.needs_action, gold_title: label.title, split: label.split });
  }
  const missing = labels.filter((label) => !seen.has(label.id));
  if (missing.length > 0) throw new Error(`${missing.length} labelled message(s) are missing from ${dir}/messages.jsonl`);
  return out;
}

/** Eval lines of one set's splits (each line also says which `set` it comes from). */
export function setLines(set: RealMailSet, splits: readonly Split[]): Array<Record<string, unknown>> {
  return realMailLines(set.dir, splits, readLabels(set.labelsPath), set.labelsPath).map((line) => ({ ...line, set: set.name }));
}
