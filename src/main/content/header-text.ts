/** Header-like text (subjects, titles, locations, names) made safe to show and to judge, and short previews. */
import { stripInvisible } from '../items/invisible-chars';
import { decodeEncodedWords } from './mail-address';

/** Encoded words decoded, invisible characters removed, spacing collapsed, length bounded. */
export function cleanHeaderText(value: string | null | undefined, max = 998): string {
  if (!value) return '';
  // Cut before decoding: encoded words are at most four times longer than what they decode to.
  const bounded = value.length > max * 4 + 100 ? value.slice(0, max * 4 + 100) : value;
  return stripInvisible(decodeEncodedWords(bounded)).text.replace(/\s+/g, ' ').trim().slice(0, max);
}

/** A short preview of body text: whitespace collapsed, at most `max` characters. */
export function snippetOf(text: string, max = 200): string {
  const flat = (text.length > max * 8 ? text.slice(0, max * 8) : text).replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}
