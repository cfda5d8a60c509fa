/**
 * An experiment kept for scripts/message-experiments.ts (the words did not earn a place in the
 * engine: docs/calibration.md). The words of a message as a word model would read them: the sender's new text (quotes, forwards,
 * signatures already removed by the caller) and the subject, tokenised as the sentence classifier
 * does (links, addresses, amounts and numbers as placeholders), as words and word pairs, hashed into
 * a fixed number of buckets so the model needs no vocabulary. The text is capped, so the work per
 * message is linear in at most `MAX_TEXT_CHARS` characters.
 */
import { tokenize } from '../../src/main/ai/offline/features';

/** Buckets of the hashing trick (a power of two). */
export const TEXT_BUCKETS = 1 << 18;
/** Characters of new text read; a longer message's opening says what it asks. */
export const MAX_TEXT_CHARS = 4000;
/** Characters of the subject read. */
const MAX_SUBJECT_CHARS = 200;

/** 32-bit FNV-1a over a string's UTF-16 code units: fast, deterministic, well spread. */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

// Seeds that keep words, word pairs and subject words apart in the hash space.
const WORD = 0x2545f491;
const PAIR = 0x9e3779b9;
const SUBJECT = 0x7f4a7c15;
const START = fnv1a('<s>');
const END = fnv1a('</s>');

/** Mixes two 32-bit hashes into one (order matters). */
function combine(a: number, b: number): number {
  let h = Math.imul(a ^ (b + 0x9e3779b9 + (a << 6) + (a >>> 2)), 0x01000193);
  h ^= h >>> 15;
  return Math.imul(h, 0x85ebca6b) >>> 0;
}

/**
 * The distinct buckets of a message, ascending: each word and each pair of neighbouring words (with
 * sentence starts and ends) of the new text, and each word of the subject. Word hashes are combined,
 * not concatenated into strings, so the work is one pass over the capped text.
 */
export function textBuckets(sentences: readonly string[], subject: string): number[] {
  const mask = TEXT_BUCKETS - 1;
  const set = new Set<number>();
  let budget = MAX_TEXT_CHARS;
  for (const raw of sentences) {
    if (budget <= 0) break;
    const sentence = raw.length > budget ? raw.slice(0, budget) : raw;
    budget -= sentence.length;
    let previous = START;
    let any = false;
    for (const word of tokenize(sentence)) {
      const h = fnv1a(word);
      set.add(combine(WORD, h) & mask);
      set.add(combine(combine(PAIR, previous), h) & mask);
      previous = h;
      any = true;
    }
    if (any) set.add(combine(combine(PAIR, previous), END) & mask);
  }
  for (const word of tokenize(subject.slice(0, MAX_SUBJECT_CHARS))) set.add(combine(SUBJECT, fnv1a(word)) & mask);
  return [...set].sort((a, b) => a - b);
}
