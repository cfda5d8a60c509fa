/**
 * The title rules of issue 14 and the labelling guideline, as checks a test can fail: an imperative
 * opening (not a pronoun, article or question word), at most 80 characters, no quotes, never a
 * "Follow up with X:" prefix; and, against a gold title, a shared content word (the same object).
 */

const NOT_VERBS = new Set(
  'i we you he she they it this that these those the a an my our your his her their is are was were been does did can could would will shall should may might must what which how why when where who whom whose there here if whether please hi hello thanks fyi re fwd'.split(
    ' ',
  ),
);
const STOP = new Set('with from that this have your about into their there what when which will would could should them then than they were been also more some such only just over under after before'.split(' '));

/** Why a title breaks the shape rules, or null when it keeps them. */
export function titleShapeProblem(title: string): string | null {
  if (title.length === 0) return 'empty';
  if (title.length > 80) return 'longer than 80 characters';
  if (/^Follow up with\b/i.test(title)) return 'a "Follow up with" prefix';
  if (/["“”]/.test(title)) return 'quotes';
  const first = (/^[\p{L}'-]+/u.exec(title)?.[0] ?? '').toLowerCase();
  if (!first || NOT_VERBS.has(first)) return `opens with "${first}", not a verb`;
  if (!/^\p{Lu}/u.test(title)) return 'does not start with a capital';
  // A question may only stand as the whole question to answer, never as the title itself.
  if (title.endsWith('?') && !/^Reply to [^:]{1,60}: /.test(title)) return 'a question, not a task';
  return null;
}

/** Content words (4+ letters, not stop words), lower-cased. */
function contentWords(text: string): Set<string> {
  const words = text.toLowerCase().match(/[\p{L}\p{N}][\p{L}\p{N}'-]{3,}/gu) ?? [];
  return new Set(words.filter((w) => !STOP.has(w)));
}

/** True when the title and the gold title share a content word (the same object or person). */
export function sharesObject(title: string, gold: string): boolean {
  const goldWords = contentWords(gold);
  for (const word of contentWords(title)) if (goldWords.has(word)) return true;
  return false;
}
