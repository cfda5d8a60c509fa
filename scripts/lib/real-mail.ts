/**
 * The real-mail labelled set (docs/labelling-guideline.md): the labels and the split are committed
 * (test/fixtures/eval/real-mail/labels.jsonl), the messages are not (they come from public archives
 * and stay outside the repository). This joins the two into eval lines (INTERFACES.md §5 plus `cc`,
 * `headers`, `thread`, `source`).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** The committed labels file. */
export const REAL_MAIL_LABELS = resolve(root, 'test/fixtures/eval/real-mail/labels.jsonl');

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

/**
 * The folder holding messages.jsonl: `REAL_MAIL_DIR`, else ../shared/data/real-mail, else
 * /work/data/real-mail; null when none has it (CI), so callers can skip with a clear message.
 */
export function realMailDir(env: Readonly<Record<string, string | undefined>> = process.env): string | null {
  const candidates = [env.REAL_MAIL_DIR, resolve(root, '../shared/data/real-mail'), '/work/data/real-mail'].filter((c): c is string => Boolean(c));
  return candidates.find((dir) => existsSync(resolve(dir, 'messages.jsonl'))) ?? null;
}

/** Why the real-mail checks are skipped, for test and script messages. */
export const REAL_MAIL_ABSENT =
  'the real-mail messages are not here (set REAL_MAIL_DIR to the folder holding messages.jsonl; they are kept outside the repository)';

/** Reads the committed labels. */
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
export function realMailLines(dir: string, splits: readonly Split[], labels = readLabels()): Array<Record<string, unknown>> {
  const byId = new Map(labels.map((label) => [label.id, label]));
  const seen = new Set<string>();
  const out: Array<Record<string, unknown>> = [];
  for (const raw of readFileSync(resolve(dir, 'messages.jsonl'), 'utf8').split('\n')) {
    if (!raw.trim()) continue;
    const message = JSON.parse(raw) as Record<string, unknown> & { id: string };
    const label = byId.get(message.id);
    if (!label) throw new Error(`message ${message.id} has no label in ${REAL_MAIL_LABELS}`);
    seen.add(message.id);
    if (!splits.includes(label.split)) continue;
    out.push({ ...message, needs_action: label.needs_action, gold_title: label.title, split: label.split });
  }
  const missing = labels.filter((label) => !seen.has(label.id));
  if (missing.length > 0) throw new Error(`${missing.length} labelled message(s) are missing from ${dir}/messages.jsonl`);
  return out;
}
