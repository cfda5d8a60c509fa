/**
 * A person's search text -> the terms the FTS5 index is asked for, and the MATCH expression built from
 * them. The text is never handed to MATCH: FTS5 has its own query language (quotes, `*`, NEAR, AND/OR/NOT,
 * parentheses, column filters), so raw input could fail or mean something else. Words are cut with the
 * same character classes as the `unicode61` tokenizer (letters, numbers, private-use; marks stay with
 * their letter) and folded the way `remove_diacritics 2` folds them, so highlighting agrees with matching.
 */

import { MAX_QUERY_LENGTH } from '../../../shared/ipc-contract';

/** More words than this add nothing a person meant; the rest are ignored. */
const MAX_TERMS = 16;

/** One word to look for; `prefix` when it may be the start of a longer word (typed so far). */
export interface SearchTerm {
  text: string;
  prefix: boolean;
}

// One character class repeated once: linear on any input, nothing to backtrack over.
const WORD = /[\p{L}\p{N}\p{Co}\p{M}]+/gu;
const MARKS = /\p{M}/gu;

/** Folds a word as the index does: decomposed, marks removed, lower case. */
export function foldWord(word: string): string {
  return word.normalize('NFD').replace(MARKS, '').toLowerCase();
}

/** The words of a text with their positions (UTF-16 offsets into `text`). */
export function* wordsOf(text: string): Generator<{ word: string; start: number; end: number }> {
  WORD.lastIndex = 0;
  for (const match of text.matchAll(WORD)) {
    yield { word: match[0], start: match.index, end: match.index + match[0].length };
  }
}

/**
 * The terms of a search text, as typed: every word whole except the last one, which matches as a prefix
 * while the person is still typing it ("budget rev" finds "budget review"); a space or punctuation after
 * it says the word is complete. Whole words keep a query cheap (one doclist each; a prefix merges the
 * doclists of every word it starts). Duplicates are dropped. No terms (only punctuation) means no search.
 */
export function searchTerms(text: string): SearchTerm[] {
  const bounded = text.slice(0, MAX_QUERY_LENGTH);
  const words: string[] = [];
  let typing = false;
  for (const { word, end } of wordsOf(bounded)) {
    if (words.length === MAX_TERMS) break;
    const folded = foldWord(word);
    if (folded === '') continue;
    typing = end === bounded.length;
    if (!words.includes(folded)) words.push(folded);
  }
  return words.map((word, index) => ({ text: word, prefix: typing && index === words.length - 1 }));
}

/**
 * The FTS5 MATCH expression for terms: each a quoted string (a term holds only letters and numbers, so
 * no quote can appear inside, and every operator word is just a word in quotes), `*` for a prefix,
 * all of them required.
 */
export function matchExpression(terms: readonly SearchTerm[]): string {
  return terms.map((term) => `"${term.text.replaceAll('"', '""')}"${term.prefix ? '*' : ''}`).join(' ');
}

/** True when a word (as written in the text) matches one of the terms. */
export function wordMatches(word: string, terms: readonly SearchTerm[]): boolean {
  const folded = foldWord(word);
  return terms.some((term) => (term.prefix ? folded.startsWith(term.text) : folded === term.text));
}
