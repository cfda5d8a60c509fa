/**
 * Sentence features for the offline actionability classifier. The trainer (scripts/train-offline.ts)
 * and the engine share this file, so a sentence is described the same way at training and at run
 * time; changing a feature means retraining the weights.
 */

/** Bumped whenever the feature set changes, so stale weights are refused instead of misread. */
export const FEATURE_VERSION = 3;

// Placeholders keep the vocabulary small: every link, address, amount or number looks the same.
const URL_RE = /\$link|\bhttps?:\/\/\S+|\bwww\.\S+/gi;
// A match starts only where its run starts (lookbehind): retried from inside a run like "a.a.a",
// the run would be read again from every boundary in it (quadratic on hostile text).
const EMAIL_RE = /(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b/g;
const MONEY_RE = /[$€£]\s?\d[\d,.]*|(?<![\w,.])\d[\d,.]*\s?(?:usd|eur|dollars?)\b/gi;
const NUMBER_RE = /\b\d[\d,.:/-]*\b/g;
const TOKEN_RE = /_[a-z]+_|[a-z]+(?:'[a-z]+)?|[?!]/g;

/** Lower-cased word tokens with links, addresses, amounts and numbers replaced by placeholders. */
export function tokenize(sentence: string): string[] {
  const text = sentence
    .replace(/[\u2018\u2019]/g, "'")
    .replace(URL_RE, ' _url_ ')
    .replace(EMAIL_RE, ' _email_ ')
    .replace(MONEY_RE, ' _money_ ')
    .replace(NUMBER_RE, ' _num_ ')
    .toLowerCase();
  return text.match(TOKEN_RE) ?? [];
}

/** Verbs that open an imperative sentence ("Send me...", "Review the..."). */
export const IMPERATIVE_VERBS = new Set(
  (
    'add answer approve arrange ask attach attend book bring call cancel check choose circulate come complete confirm ' +
    'contact correct coordinate create deliver discuss do draft email fax fill find fix follow forward get give go ' +
    'have help hold include inform keep let look make mail meet move note notify order pay pick plan post prepare ' +
    'print proceed provide put read register remember remind reply report respond return review revise rsvp schedule ' +
    'see send set share sign start stop submit take talk tell text update upload verify visit write'
  ).split(' '),
);

const MODAL_YOU_RE = /\b(?:could|can|would|will|won't|wouldn't|can't|couldn't)\s+(?:you|u|ya)\b/i;
const REQUEST_PHRASE_RE =
  /\b(?:let me know|let us know|get back to me|i need you|need you to|would like you|i'd like you|do you mind|would you mind|please|pls|plz|kindly|asap|at your earliest)\b/i;
const NEED_RE = /\b(?:i|we)\s+(?:need|needs|would need|will need|require|want)\b/i;
const DATE_RE =
  /\b(?:mon|tues?|wed(?:nes)?|weds|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\b|\b(?:today|tonight|tomorrow|tmrw|eod|cob|eow|deadline|due|by (?:the )?(?:end|noon|close))\b|\b(?:jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.? \d|\b\d{1,2}(?::\d\d)?\s?(?:am|pm|a\.m\.|p\.m\.)/i;
const MARKETING_RE =
  /\b(?:click|unsubscribe|subscribe|free|offer|deal|deals|discount|save|sale|shop|buy|order now|join now|sign up|limited time|win|winner|coupon|% off|opt[- ]out)\b|%/i;
const FIRST_PERSON_COMMIT_RE = /\b(?:i|we)\s*(?:'ll|will|shall|am going to|are going to)\b/i;

/** The named features of one sentence (binary, presence only). */
export function sentenceFeatures(sentence: string): string[] {
  const tokens = tokenize(sentence);
  const feats = new Set<string>();
  const words = tokens.filter((t) => t !== '?' && t !== '!');
  for (const token of tokens) feats.add(`w:${token}`);
  // Bigrams over the word stream with sentence boundaries, so "please send" and "<s> please" differ.
  const padded = ['<s>', ...words, '</s>'];
  for (let i = 0; i + 1 < padded.length; i += 1) feats.add(`b:${padded[i]}_${padded[i + 1]}`);
  const first = words[0];
  // Openings carry most of the intent ("could you", "please find", "click here to").
  if (words.length >= 2) feats.add(`f2:${words[0]}_${words[1]}`);
  if (words.length >= 3) feats.add(`f3:${words[0]}_${words[1]}_${words[2]}`);
  const trimmed = sentence.trim();
  if (first && IMPERATIVE_VERBS.has(first)) feats.add('h:imperative');
  if (trimmed.endsWith('?')) feats.add('h:question-end');
  else if (trimmed.includes('?')) feats.add('h:question-inside');
  if (trimmed.endsWith('!')) feats.add('h:exclaim-end');
  if (MODAL_YOU_RE.test(sentence)) feats.add('h:modal-you');
  if (REQUEST_PHRASE_RE.test(sentence)) feats.add('h:request-phrase');
  if (NEED_RE.test(sentence)) feats.add('h:need');
  if (DATE_RE.test(sentence)) feats.add('h:date');
  if (MARKETING_RE.test(sentence)) feats.add('h:marketing');
  if (FIRST_PERSON_COMMIT_RE.test(sentence)) feats.add('h:commit');
  if (words.includes('you') || words.includes('your') || words.includes('u')) feats.add('h:you');
  const n = words.length;
  feats.add(n <= 3 ? 'h:len-tiny' : n <= 8 ? 'h:len-short' : n <= 20 ? 'h:len-mid' : 'h:len-long');
  if (/[A-Z]{5,}/.test(sentence) && sentence === sentence.toUpperCase()) feats.add('h:all-caps');
  return [...feats];
}
