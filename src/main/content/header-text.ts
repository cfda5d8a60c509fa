/** Header-like text (subjects, titles, locations, names) made safe to show and to judge, and short previews. */
import { stripInvisible } from '../items/invisible-chars';
import { decodeEncodedWords } from './mail-address';

/** Encoded words decoded, invisible characters removed, spacing collapsed, length bounded. */
export function cleanHeaderText(value: string | null | undefined, max = 998): string {
  if (!value) return '';
  return stripInvisible(decodeEncodedWords(value)).text.replace(/\s+/g, ' ').trim().slice(0, max);
}

/** A short preview of body text: whitespace collapsed, at most `max` characters. */
export function snippetOf(text: string, max = 200): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}
