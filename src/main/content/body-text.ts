/**
 * Chooses and cleans the text of a message body from its plain and HTML alternatives. Plain text
 * is preferred, except when the HTML hides text or the plain part says things the HTML never
 * shows: the person reads the HTML, so its visible text is what the model may see.
 */
import { cleanEmailText } from './email-text';
import { htmlToText } from './html-to-text';
import { stripInvisible } from '../items/invisible-chars';

/** Cleaned body text with its flags. */
export interface BodyText {
  text: string;
  flags: string[];
  truncated: boolean;
}

function words(text: string): Set<string> {
  const found = new Set<string>();
  for (const match of text.slice(0, 20_000).toLowerCase().matchAll(/[\p{L}\p{N}]{4,}/gu)) {
    found.add(match[0]);
    if (found.size >= 2000) break;
  }
  return found;
}

/** True when much of the text is U+FFFD: a wrong charset label or binary data sent as text. */
function isGarbled(text: string): boolean {
  if (text.length < 20) return false;
  const sample = text.slice(0, 20_000);
  const bad = sample.match(/\ufffd/g)?.length ?? 0;
  return bad / sample.length > 0.02;
}

/** Characters of each alternative compared: `words` reads only the first 20,000 of what is left. */
const COMPARED_CHARS = 40_000;

/** The text without link targets and addresses, which plain parts spell out and HTML shows only as link text. */
function withoutLinks(text: string): string {
  // Token by token (a split on whitespace is linear): a pattern like `\S+@\S+` over the whole text
  // retries from every character and is quadratic on one long word.
  return text
    .split(/\s+/)
    .filter((token) => !token.includes('@') && !token.includes('://') && !/mailto:/i.test(token))
    .join(' ');
}

/** True when the plain alternative carries many words the HTML alternative never shows. */
function alternativesDisagree(plain: string, visibleHtml: string): boolean {
  const plainWords = words(withoutLinks(stripInvisible(plain.slice(0, COMPARED_CHARS)).text));
  const htmlWords = words(visibleHtml);
  let missing = 0;
  for (const word of plainWords) if (!htmlWords.has(word)) missing++;
  return missing >= 8 && missing / Math.max(1, plainWords.size) > 0.25;
}

/** Builds the body text from a message's plain and/or HTML body (either may be null). */
export function bodyTextFromParts(parts: { plain: string | null; html: string | null }, options: { maxChars?: number } = {}): BodyText {
  const maxChars = options.maxChars ?? 20_000;
  // Quotes are trimmed after conversion, so convert more than the final bound.
  const htmlBound = Math.max(maxChars * 4, 50_000);
  const plain = parts.plain && parts.plain.trim() !== '' ? parts.plain : null;
  const html = parts.html && parts.html.trim() !== '' ? parts.html : null;
  if (plain === null && html === null) return { text: '', flags: [], truncated: false };
  let source: string;
  let flags: string[] = [];
  let truncated = false;
  if (html !== null) {
    const converted = htmlToText(html, { maxChars: htmlBound });
    const hides = converted.flags.some((flag) => flag.startsWith('hidden-text:'));
    const disagree = plain !== null && !hides && alternativesDisagree(plain, converted.text);
    if (plain === null || hides || disagree) {
      source = converted.text;
      flags = disagree ? [...converted.flags, 'hidden-text:alternative-mismatch'] : converted.flags;
      truncated = converted.truncated;
    } else source = plain;
  } else source = plain!;
  const cleaned = cleanEmailText(source, { maxChars });
  const garbled = isGarbled(cleaned.text) ? ['garbled-text'] : [];
  return { text: cleaned.text, flags: [...new Set([...flags, ...cleaned.flags, ...garbled])].sort(), truncated: truncated || cleaned.truncated };
}
