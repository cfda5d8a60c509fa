/**
 * Plain email text down to what the sender wrote this time: quoted replies and signatures trimmed,
 * invisible characters removed, whitespace normalised, length bounded, and imitation prompt
 * delimiters flagged.
 *
 * Forwarded content is kept: when someone forwards a message, the forwarded text is usually the
 * request itself ("can you handle this?" above it says little). Its header lines (From/Date/
 * Subject) stay too, so the reader knows who originally wrote it. Replies quoted *inside* the
 * forwarded message are still trimmed.
 */
import { invisibleFlags, stripInvisible } from '../items/invisible-chars';
import { normaliseLines, trimQuotes, trimSignatures, type TrimmedLines } from './email-parts';
import { hasFakeDelimiter } from './reply-patterns';

/** Limits for `cleanEmailText`. */
export interface CleanEmailOptions {
  /** Longest text returned (default 20,000 characters). */
  maxChars?: number;
}

/** Cleaned text, flags raised, and what was trimmed. */
export interface CleanEmailText {
  text: string;
  flags: string[];
  trimmed: { quoted: boolean; signature: boolean };
  /** The text was cut to the length bound. */
  truncated: boolean;
}

/** Flags for text that imitates prompt delimiters or role markers; empty when there is none. */
export function fakeDelimiterFlags(text: string): string[] {
  const sample = text.length > 100_000 ? text.slice(0, 100_000) : text;
  return hasFakeDelimiter(sample) ? ['fake-delimiter'] : [];
}

function bound(text: string, maxChars: number): { text: string; truncated: boolean } {
  if (text.length <= maxChars) return { text, truncated: false };
  const cut = text.slice(0, Math.max(0, maxChars - 1));
  // Prefer ending at a word boundary when one is close.
  const space = cut.search(/\s\S*$/);
  const body = space > maxChars - 200 ? cut.slice(0, space) : cut;
  return { text: `${body}…`, truncated: true };
}

/** Trims quotes and signatures from plain email text, removes invisible characters and bounds the length. */
export function cleanEmailText(text: string, options: CleanEmailOptions = {}): CleanEmailText {
  const maxChars = Math.max(1, options.maxChars ?? 20_000);
  // Only the start can survive trimming and bounding; reading far past it is wasted (and attackable) work.
  const inputCap = Math.max(maxChars * 4, 50_000);
  const sliced = text.length > inputCap;
  const stripped = stripInvisible(sliced ? text.slice(0, inputCap) : text);
  const lines = stripped.text.replace(/\r\n?/g, '\n').split('\n');
  const quotes = trimQuotes(lines);
  let kept: TrimmedLines = quotes;
  let quoted = quotes.quoted;
  if (quoted && normaliseLines(quotes.lines) === '') {
    // Nothing but a quote (a bare reply or forward): the quote beats an empty body. Its markers stay,
    // so a reader (and a judge re-reading it) still sees that none of it is new.
    kept = { lines, partStarts: [0], quoted: false };
    quoted = false;
  }
  const signatures = trimSignatures(kept);
  const keptLines = signatures.parts.flatMap((part) => [...part.headerLines, ...part.bodyLines]);
  const bounded = bound(normaliseLines(keptLines), maxChars);
  const flags = new Set([...invisibleFlags(stripped), ...fakeDelimiterFlags(bounded.text)]);
  return {
    text: bounded.text,
    flags: [...flags].sort(),
    trimmed: { quoted, signature: signatures.signature },
    truncated: bounded.truncated || (sliced && !quoted),
  };
}
