/**
 * The answer the model must give, as a zod schema: sent as a strict JSON Schema (structured output)
 * and checked verdict by verdict, so one bad verdict costs one item, never the whole batch.
 */
import { zodResponseFormat } from 'openai/helpers/zod';
import { z } from 'zod';
import { PrioritySchema } from '../../../shared/models';

/** One verdict as the model writes it (`item` is a prompt label such as `item-3`, never an ID). */
const VerdictSchema = z.strictObject({
  item: z.string(),
  needs_action: z.boolean(),
  title: z.string(),
  description: z.string(),
  priority: PrioritySchema,
  deadline: z.string().nullable(),
  tags: z.array(z.string()),
  confidence: z.number(),
  reasoning: z.string(),
});

/** A verdict that passed the schema. */
export type Verdict = z.infer<typeof VerdictSchema>;

/** The whole answer: one verdict per item label. */
const AnswerSchema = z.strictObject({ verdicts: z.array(VerdictSchema) });

// JSON Schema of one verdict, attached as metadata to a runtime-lenient element so the request
// carries the strict schema while `parse()` hands back every verdict for per-item checking.
const verdictJsonSchema = (() => {
  const { $schema: _ignored, ...schema } = z.toJSONSchema(VerdictSchema, { target: 'draft-7' });
  return schema;
})();
const LenientAnswerSchema = z.object({ verdicts: z.array(z.unknown().meta(verdictJsonSchema)) });

/** `response_format` for `chat.completions.parse`: strict schema on the wire, lenient parse locally. */
export function answerResponseFormat() {
  return zodResponseFormat(LenientAnswerSchema, 'task_verdicts');
}

/** The JSON Schema the strict `AnswerSchema` produces (tests check the lenient format sends the same). */
export function strictAnswerJsonSchema(): unknown {
  return zodResponseFormat(AnswerSchema, 'task_verdicts').json_schema.schema;
}

/** Plain-language description of the answer, for servers in json_object mode (no schema sent). */
export const ANSWER_FORMAT_TEXT = [
  'Answer with one JSON object and nothing else: {"verdicts": [ ... ]} with exactly one verdict per item, each with exactly these keys:',
  '{"item": "item-N", "needs_action": true|false, "title": string, "description": string,',
  ' "priority": "low"|"medium"|"high"|"urgent", "deadline": ISO 8601 string or null, "tags": [string],',
  ' "confidence": number 0..1, "reasoning": string}',
].join('\n');

/** Why each label got no usable verdict, plus the usable ones. */
export interface CheckedAnswer {
  verdicts: Map<string, Verdict>;
  problems: Map<string, string>;
  /** Problems not tied to a requested label (unknown labels, unreadable entries), for the log. */
  stray: string[];
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 4)
    .map((issue) => `${issue.path.join('.') || '(verdict)'}: ${issue.message}`)
    .join('; ')
    .slice(0, 300);
}

/**
 * Checks a parsed answer against the labels asked for. Unknown labels are ignored, duplicated
 * labels and invalid verdicts leave their item without a verdict (with the reason).
 */
export function checkAnswer(answer: unknown, labels: readonly string[]): CheckedAnswer {
  const result: CheckedAnswer = { verdicts: new Map(), problems: new Map(), stray: [] };
  const wanted = new Set(labels);
  const entries = answer !== null && typeof answer === 'object' && Array.isArray((answer as { verdicts?: unknown }).verdicts)
    ? ((answer as { verdicts: unknown[] }).verdicts)
    : null;
  if (!entries) {
    for (const label of labels) result.problems.set(label, 'the answer has no "verdicts" array');
    return result;
  }
  const seen = new Set<string>();
  for (const entry of entries) {
    const label = entry !== null && typeof entry === 'object' ? (entry as { item?: unknown }).item : undefined;
    if (typeof label !== 'string' || !wanted.has(label)) {
      result.stray.push(typeof label === 'string' ? `verdict for unknown label ${JSON.stringify(label.slice(0, 40))}` : 'verdict without an item label');
      continue;
    }
    if (seen.has(label)) {
      // Two verdicts for one item: neither can be trusted.
      result.verdicts.delete(label);
      result.problems.set(label, 'more than one verdict for this item');
      continue;
    }
    seen.add(label);
    const parsed = VerdictSchema.safeParse(entry);
    if (!parsed.success) result.problems.set(label, `invalid verdict: ${describeIssues(parsed.error)}`);
    else if (!Number.isFinite(parsed.data.confidence) || parsed.data.confidence < 0 || parsed.data.confidence > 1) {
      result.problems.set(label, 'invalid verdict: confidence outside 0..1');
    } else result.verdicts.set(label, parsed.data);
  }
  for (const label of labels) {
    if (!result.verdicts.has(label) && !result.problems.has(label)) result.problems.set(label, 'no verdict for this item');
  }
  return result;
}

/** Length caps for what the model writes (the feed shows it; a runaway model must not fill it). */
export const TEXT_LIMITS = { title: 120, description: 1_000, reasoning: 500, tags: 5, tag: 30 } as const;

/** Collapses whitespace, drops control characters and caps the length (with an ellipsis). */
export function capText(text: string, max: number, singleLine: boolean): string {
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  let clean = text.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '');
  clean = singleLine ? clean.replace(/\s+/g, ' ') : clean.replace(/[^\S\n]+/g, ' ').replace(/\n{3,}/g, '\n\n');
  clean = clean.trim();
  return clean.length <= max ? clean : `${clean.slice(0, max - 1).trimEnd()}…`;
}

/** Tags: trimmed, lowercase, single-line, short, unique, at most a few. */
export function cleanTags(tags: readonly string[]): string[] {
  const out: string[] = [];
  for (const tag of tags) {
    const clean = capText(tag, TEXT_LIMITS.tag, true).toLowerCase();
    if (clean && !out.includes(clean)) out.push(clean);
    if (out.length >= TEXT_LIMITS.tags) break;
  }
  return out;
}
