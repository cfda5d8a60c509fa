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
import {
  DISCLAIMER, FORWARD_MARKER, MOBILE_FOOTER, ORIGINAL_MESSAGE, QUOTED_LINE, SIGNATURE_DELIMITER, VALEDICTION,
  attributionLength, hasFakeDelimiter, isHeaderLine, outlookBlockAt,
} from './reply-patterns';

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

interface Trimmed {
  lines: string[];
  /** Indexes in `lines` where a forwarded part starts (its own signature zone). */
  partStarts: number[];
  quoted: boolean;
}

// Keeps the sender's lines and forwarded parts; drops quoted replies.
function trimQuotes(lines: readonly string[]): Trimmed {
  const out: string[] = [];
  const partStarts: number[] = [0];
  let quoted = false;
  let i = 0;
  const keepHeaderBlock = (from: number): number => {
    partStarts.push(out.length);
    let j = from;
    out.push(lines[j++]!);
    while (j < lines.length && j - from < 12 && (isHeaderLine(lines[j]!) || (lines[j]!.trim() === '' && j === from + 1))) out.push(lines[j++]!);
    return j;
  };
  while (i < lines.length) {
    const line = lines[i]!;
    if (FORWARD_MARKER.test(line)) {
      i = keepHeaderBlock(i);
      continue;
    }
    const outlook = outlookBlockAt(lines, i);
    if (outlook === 'forward') {
      i = keepHeaderBlock(i);
      continue;
    }
    if (outlook === 'reply' || ORIGINAL_MESSAGE.test(line)) {
      // Outlook quotes without ">" markers: everything below the block is the earlier message.
      if (out.length > 0 && /^\s*_{8,}\s*$/.test(out[out.length - 1]!)) out.pop();
      quoted = true;
      break;
    }
    const attribution = attributionLength(lines, i);
    if (attribution > 0) {
      quoted = true;
      i += attribution;
      const next = lines.slice(i, i + 5).find((candidate) => candidate.trim() !== '');
      // Quotes marked with ">" may be followed by the sender's own text (inline or bottom replies);
      // an attribution followed by unmarked text is a quote that runs to the end.
      if (next === undefined || !QUOTED_LINE.test(next)) break;
      continue;
    }
    if (QUOTED_LINE.test(line)) {
      quoted = true;
      i++;
      continue;
    }
    out.push(line);
    i++;
  }
  return { lines: out, partStarts, quoted };
}

// Removes signatures, mobile footers, disclaimers and sign-offs, part by part.
function trimSignatures(trimmed: Trimmed): { lines: string[]; signature: boolean } {
  const starts = [...new Set(trimmed.partStarts)].sort((a, b) => a - b);
  const kept: string[] = [];
  let signature = false;
  starts.forEach((start, index) => {
    const end = starts[index + 1] ?? trimmed.lines.length;
    let part = trimmed.lines.slice(start, end);
    const headerLines = index === 0 ? 0 : part.findIndex((line, n) => n > 0 && !isHeaderLine(line) && line.trim() !== '');
    const bodyStart = Math.max(0, headerLines);
    const cutAt = (at: number): void => {
      if (at >= bodyStart && at < part.length) {
        part = part.slice(0, at);
        signature = true;
      }
    };
    cutAt(part.findIndex((line, n) => n >= bodyStart && SIGNATURE_DELIMITER.test(line)));
    cutAt(part.findIndex((line, n) => n >= bodyStart && line.length < 2000 && DISCLAIMER.test(line)));
    const withoutFooters = part.filter((line) => line.length > 120 || !MOBILE_FOOTER.test(line));
    if (withoutFooters.length !== part.length) signature = true;
    part = withoutFooters;
    // A sign-off ("Best regards,") followed by at most six short lines closes the part.
    const nonBlank = part.map((line, n) => (line.trim() ? n : -1)).filter((n) => n >= bodyStart);
    for (const n of nonBlank.slice(-7)) {
      const rest = nonBlank.filter((m) => m > n);
      const before = nonBlank.filter((m) => m < n);
      // A P.S. or a question after the sign-off is still the sender talking.
      const signatureLike = rest.every((m) => part[m]!.trim().length <= 80 && !/\?|^\s*(?:p\.?\s?s\b|n\.?b\b)/i.test(part[m]!));
      if (before.length > 0 && rest.length <= 6 && signatureLike && VALEDICTION.test(part[n]!)) {
        cutAt(n);
        break;
      }
    }
    kept.push(...part);
  });
  return { lines: kept, signature };
}

function normalise(lines: readonly string[]): string {
  return lines
    .map((line) => line.replace(/[^\S\n]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
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
  let kept = quotes;
  let quoted = quotes.quoted;
  if (quoted && normalise(quotes.lines) === '') {
    // Nothing but a quote (a bare reply or a quote-only note): the quoted text beats an empty body.
    kept = { lines: lines.map((line) => line.replace(/^\s*(?:>\s?)+/, '')), partStarts: [0], quoted: false };
    quoted = false;
  }
  const signatures = trimSignatures(kept);
  const bounded = bound(normalise(signatures.lines), maxChars);
  const flags = new Set([...invisibleFlags(stripped), ...fakeDelimiterFlags(bounded.text)]);
  return {
    text: bounded.text,
    flags: [...flags].sort(),
    trimmed: { quoted, signature: signatures.signature },
    truncated: bounded.truncated || (sliced && !quoted),
  };
}
