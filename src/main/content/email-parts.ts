/**
 * The one place that finds where a person's own words end in plain email text: quoted replies (">"
 * lines, "On ... wrote:", Outlook and Lotus Notes header blocks, "-----Original Message-----"),
 * forwarded parts, signatures, mobile footers, legal disclaimers and list footers. `cleanEmailText`
 * (what items carry) and the engines' "new text" (`splitEmailParts`) are both built on it.
 */
import { stripInvisible } from '../items/invisible-chars';
import {
  DISCLAIMER, FORWARD_MARKER, LIST_FOOTER, LOTUS_FORWARD, MOBILE_FOOTER, ORIGINAL_MESSAGE, QUOTED_LINE, SIGNATURE_DELIMITER,
  attributionLength, isHeaderLine, isValediction, lotusBlockAt, outlookBlockAt,
} from './reply-patterns';

/** Lines split by `trimQuotes`: the sender's lines and the forwarded parts, quoted replies dropped. */
export interface TrimmedLines {
  lines: string[];
  /** Indexes in `lines` where a part starts: 0 for the sender's own text, then one per forwarded part. */
  partStarts: number[];
  quoted: boolean;
}

/** One part of a message after trimming: the header lines a forwarded part opens with, then its body. */
export interface MessagePart {
  headerLines: string[];
  bodyLines: string[];
}

/** Keeps the sender's lines and forwarded parts; drops quoted replies. */
export function trimQuotes(lines: readonly string[]): TrimmedLines {
  const out: string[] = [];
  const partStarts: number[] = [0];
  let quoted = false;
  let i = 0;
  const keepHeaderBlock = (from: number): number => {
    partStarts.push(out.length);
    let j = from;
    out.push(lines[j++]!);
    // A Lotus marker may wrap: its closing dashes land on the next line.
    if (LOTUS_FORWARD.test(lines[from]!) && /^\s*-{2,}\s*$/.test(lines[j] ?? '')) out.push(lines[j++]!);
    while (j < lines.length && j - from < 12 && (isHeaderLine(lines[j]!) || (lines[j]!.trim() === '' && j === from + 1))) out.push(lines[j++]!);
    return j;
  };
  while (i < lines.length) {
    const line = lines[i]!;
    if (FORWARD_MARKER.test(line) || LOTUS_FORWARD.test(line)) {
      i = keepHeaderBlock(i);
      continue;
    }
    const outlook = outlookBlockAt(lines, i);
    if (outlook === 'forward') {
      i = keepHeaderBlock(i);
      continue;
    }
    if (outlook === 'reply' || ORIGINAL_MESSAGE.test(line) || lotusBlockAt(lines, i)) {
      // Outlook and Notes quote without ">" markers: everything below the block is the earlier message.
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
      // An attribution followed by the sender's text with ">" lines further down is an inline reply
      // whose archive or client dropped the first quote: keep reading.
      if (next === undefined || (!QUOTED_LINE.test(next) && !lines.slice(i, i + 200).some((candidate) => QUOTED_LINE.test(candidate)))) break;
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

/** Index of a list footer's separator ("_____" above "x mailing list"), or -1. */
function listFooterAt(part: readonly string[], from: number): number {
  for (let n = from; n < part.length; n++) {
    const line = part[n]!;
    if (line.length > 300 || !LIST_FOOTER.test(line)) continue;
    // The separator line above it belongs to the footer too.
    const above = n > 0 && /^\s*[_=-]{8,}\s*$/.test(part[n - 1]!) ? n - 1 : n;
    return above;
  }
  return -1;
}

/** Removes signatures, mobile footers, disclaimers, list footers and sign-offs, part by part. */
export function trimSignatures(trimmed: TrimmedLines): { parts: MessagePart[]; signature: boolean } {
  const starts = [...new Set(trimmed.partStarts)].sort((a, b) => a - b);
  const parts: MessagePart[] = [];
  let signature = false;
  starts.forEach((start, index) => {
    const end = starts[index + 1] ?? trimmed.lines.length;
    let part = trimmed.lines.slice(start, end);
    const headerLines = index === 0 ? 0 : part.findIndex((line, n) => n > 0 && !isHeaderLine(line) && line.trim() !== '');
    const bodyStart = headerLines < 0 ? part.length : headerLines;
    const cutAt = (at: number): void => {
      if (at >= bodyStart && at < part.length) {
        part = part.slice(0, at);
        signature = true;
      }
    };
    cutAt(part.findIndex((line, n) => n >= bodyStart && SIGNATURE_DELIMITER.test(line)));
    cutAt(part.findIndex((line, n) => n >= bodyStart && line.length < 2000 && DISCLAIMER.test(line)));
    cutAt(listFooterAt(part, bodyStart));
    const withoutFooters = part.filter((line) => line.length > 120 || !MOBILE_FOOTER.test(line));
    if (withoutFooters.length !== part.length) signature = true;
    part = withoutFooters;
    // A sign-off ("Best regards,", "Thanks, Sam") followed by at most six short lines closes the part.
    const nonBlank = part.map((line, n) => (line.trim() ? n : -1)).filter((n) => n >= bodyStart);
    for (const n of nonBlank.slice(-7)) {
      const rest = nonBlank.filter((m) => m > n);
      const before = nonBlank.filter((m) => m < n);
      // A P.S. or a question after the sign-off is still the sender talking.
      const signatureLike = rest.every((m) => part[m]!.trim().length <= 80 && !/\?|^\s*(?:p\.?\s?s\b|n\.?b\b)/i.test(part[m]!));
      if (before.length > 0 && rest.length <= 6 && signatureLike && isValediction(part[n]!)) {
        cutAt(n);
        break;
      }
    }
    parts.push({ headerLines: part.slice(0, Math.min(bodyStart, part.length)), bodyLines: part.slice(Math.min(bodyStart, part.length)) });
  });
  return { parts, signature };
}

/** Lines joined, inner spacing collapsed, at most one blank line in a row. */
export function normaliseLines(lines: readonly string[]): string {
  return lines
    .map((line) => line.replace(/[^\S\n]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** What the sender wrote this time, apart from what they forwarded. */
export interface EmailParts {
  /** The sender's own new text: quotes, forwarded parts, signatures and footers removed. */
  own: string;
  /** The bodies of forwarded messages, in order (their header lines removed). */
  forwarded: string[];
  /** Quoted text was dropped. */
  quoted: boolean;
  /** A signature, sign-off or footer was dropped. */
  signature: boolean;
}

/** Longest text `splitEmailParts` reads: only the start of a body can hold what the sender wrote. */
const MAX_PARTS_INPUT = 100_000;

/**
 * Splits plain email text into the sender's own words and what they forwarded. Unlike
 * `cleanEmailText` there is no fallback: a message that is only a quote has empty `own` text, which
 * is exactly what a judge needs to know.
 */
export function splitEmailParts(text: string): EmailParts {
  const bounded = text.length > MAX_PARTS_INPUT ? text.slice(0, MAX_PARTS_INPUT) : text;
  const lines = stripInvisible(bounded).text.replace(/\r\n?/g, '\n').split('\n');
  const quotes = trimQuotes(lines);
  const { parts, signature } = trimSignatures(quotes);
  const [own, ...forwarded] = parts;
  return {
    own: normaliseLines(own?.bodyLines ?? []),
    forwarded: forwarded.map((part) => normaliseLines(part.bodyLines)).filter((body) => body !== ''),
    quoted: quotes.quoted,
    signature,
  };
}
