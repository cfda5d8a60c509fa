/**
 * Marks the matched words of search results as plain ranges (never markup), so the renderer shows them
 * with text nodes and no HTML from data ever reaches the page.
 */
import type { MarkedText, SearchHighlights, TextRange } from '../../../shared/models';
import { wordMatches, wordsOf, type SearchTerm } from './search-terms';

const SNIPPET_BEFORE = 60;
const SNIPPET_LENGTH = 200;
const MAX_RANGES = 50;

/** The ranges of the words in `text` that match a term (UTF-16 offsets, at most 50). */
export function matchRanges(text: string, terms: readonly SearchTerm[]): TextRange[] {
  const ranges: TextRange[] = [];
  for (const { word, start, end } of wordsOf(text)) {
    if (wordMatches(word, terms)) ranges.push({ start, end });
    if (ranges.length === MAX_RANGES) break;
  }
  return ranges;
}

/** A window of `text` around its first match, with the ranges inside it; null when nothing matches. */
export function markedSnippet(text: string, terms: readonly SearchTerm[]): MarkedText | null {
  const first = matchRanges(text, terms)[0];
  if (!first) return null;
  let start = Math.max(0, first.start - SNIPPET_BEFORE);
  // Start at a word boundary so the excerpt does not open mid-word.
  if (start > 0) {
    const space = text.indexOf(' ', start);
    if (space !== -1 && space < first.start) start = space + 1;
  }
  const end = Math.min(text.length, start + SNIPPET_LENGTH);
  const prefix = start > 0 ? '…' : '';
  const suffix = end < text.length ? '…' : '';
  const excerpt = `${prefix}${text.slice(start, end).replace(/\s/g, ' ')}${suffix}`;
  return { text: excerpt, ranges: matchRanges(excerpt, terms) };
}

/** What a row's source item says, for marking (sender, subject, text). */
export interface SourceText {
  sender: string;
  subject: string;
  text: string;
}

/** The highlights of one result. */
export function highlightsFor(
  row: { title: string; description: string; tags: readonly string[] },
  source: SourceText | null,
  terms: readonly SearchTerm[],
): SearchHighlights {
  let marked: SearchHighlights['source'] = null;
  if (source) {
    for (const field of ['subject', 'sender', 'text'] as const) {
      const snippet = markedSnippet(source[field], terms);
      if (snippet) {
        marked = { field, ...snippet };
        break;
      }
    }
  }
  return {
    title: matchRanges(row.title, terms),
    description: matchRanges(row.description, terms),
    tags: row.tags.filter((tag) => matchRanges(tag, terms).length > 0),
    source: marked,
  };
}
