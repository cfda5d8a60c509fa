/**
 * Address headers and RFC 2047 encoded words: "=?big5?B?...?= <a@b>", quoted names with escapes,
 * comments, groups ("team: a@b, c@d;"), bare addresses. Bounded, and never throws.
 */
import type { Person } from '../items/provider-item';
import { decodeBytes } from './charset';
import { stripInvisible } from '../items/invisible-chars';

const MAX_HEADER = 64 * 1024;
const MAX_ADDRESSES = 500;
const ENCODED_WORD = /=\?([^?\s]{1,64})\?([bBqQ])\?([^?\s]*)\?=/g;

function wordBytes(encoding: string, data: string): Buffer {
  if (encoding.toLowerCase() === 'b') return Buffer.from(data, 'base64');
  // Q encoding: "_" is a space, "=XX" a byte, anything else stands for itself.
  const bytes: number[] = [];
  for (let i = 0; i < data.length; i++) {
    const c = data[i]!;
    if (c === '_') bytes.push(0x20);
    else if (c === '=' && /^[0-9a-f]{2}$/i.test(data.slice(i + 1, i + 3))) {
      bytes.push(parseInt(data.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(c.charCodeAt(0) & 0xff);
  }
  return Buffer.from(bytes);
}

/** Decodes RFC 2047 encoded words in any charset Node knows; adjacent words join without their gap. */
export function decodeEncodedWords(value: string): string {
  const text = value.length > MAX_HEADER ? value.slice(0, MAX_HEADER) : value;
  if (!text.includes('=?')) return text;
  const out: string[] = [];
  let last = 0;
  // Bytes of consecutive words in one charset are decoded together: a multibyte character may be split across words.
  let charset: string | null = null;
  let chunks: Buffer[] = [];
  // Some encoders split base64 mid-quantum across words; unpadded pieces are joined before decoding.
  let base64 = '';
  const flushBase64 = (): void => {
    if (base64) chunks.push(Buffer.from(base64, 'base64'));
    base64 = '';
  };
  const flush = (): void => {
    flushBase64();
    if (charset !== null) out.push(decodeBytes(Buffer.concat(chunks), charset).text);
    charset = null;
    chunks = [];
  };
  for (const match of text.matchAll(ENCODED_WORD)) {
    const between = text.slice(last, match.index);
    const wordCharset = match[1]!.replace(/\*.*$/, '').toLowerCase();
    const adjacent = charset !== null && /^\s*$/.test(between);
    if (!adjacent) {
      flush();
      out.push(between);
    } else if (charset !== wordCharset) flush();
    charset = wordCharset;
    if (match[2]!.toLowerCase() === 'b') {
      if (base64.length % 4 === 0) flushBase64();
      base64 += match[3]!;
    } else {
      flushBase64();
      chunks.push(wordBytes(match[2]!, match[3]!));
    }
    last = match.index + match[0].length;
  }
  flush();
  out.push(text.slice(last));
  return out.join('');
}

/** Splits an address header at top-level commas and group markers, keeping quoted strings intact. */
function splitMailboxes(header: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quote = false;
  let angle = false;
  let comment = 0;
  for (let i = 0; i < header.length && parts.length < MAX_ADDRESSES; i++) {
    const c = header[i]!;
    if (quote) {
      current += c;
      if (c === '\\' && i + 1 < header.length) current += header[++i];
      else if (c === '"') quote = false;
    } else if (comment > 0) {
      current += c;
      if (c === '\\' && i + 1 < header.length) current += header[++i];
      else if (c === '(') comment++;
      else if (c === ')') comment--;
    } else if (c === '"') {
      quote = true;
      current += c;
    } else if (c === '(') {
      comment = 1;
      current += c;
    } else if (c === '<') {
      angle = true;
      current += c;
    } else if (c === '>') {
      angle = false;
      current += c;
    } else if (!angle && (c === ',' || c === ';')) {
      parts.push(current);
      current = '';
    } else if (!angle && c === ':' && !current.includes('@')) {
      current = ''; // "group name:" — the members follow
    } else current += c;
  }
  parts.push(current);
  return parts.map((part) => part.trim()).filter(Boolean);
}

function cleanName(raw: string): string | null {
  let name = raw.trim();
  if (name.startsWith('"')) name = name.replace(/^"|"$/g, '').replace(/\\(.)/g, '$1');
  name = stripInvisible(decodeEncodedWords(name)).text.replace(/\s+/g, ' ').trim();
  return name === '' ? null : name.slice(0, 200);
}

function withoutComments(text: string): { rest: string; comment: string | null } {
  let comment: string | null = null;
  let rest = '';
  let depth = 0;
  let quote = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (!quote && c === '(') {
      if (depth++ === 0) comment ??= '';
      continue;
    }
    if (!quote && c === ')' && depth > 0) {
      depth--;
      continue;
    }
    if (depth > 0) comment = (comment ?? '') + c;
    else {
      if (c === '"') quote = !quote;
      rest += c;
    }
  }
  return { rest, comment };
}

function parseMailbox(raw: string): Person | null {
  const { rest, comment } = withoutComments(raw);
  const open = rest.lastIndexOf('<');
  let address: string;
  let name: string | null;
  if (open !== -1) {
    const close = rest.indexOf('>', open);
    // Drop an obsolete source route ("<@relay:user@host>").
    address = rest.slice(open + 1, close === -1 ? undefined : close).replace(/^@[^:]*:/, '');
    name = cleanName(rest.slice(0, open)) ?? (comment ? cleanName(comment) : null);
  } else {
    address = rest;
    name = comment ? cleanName(comment) : null;
  }
  address = stripInvisible(address).text.replace(/\s+/g, '').replace(/^"|"$/g, '').slice(0, 320);
  if (!address) return null;
  return { name: name && name !== address ? name : null, address };
}

/** Parses an address-list header (To, Cc...) into people; groups are flattened, empty groups ignored. */
export function parseAddressList(header: string | null | undefined): Person[] {
  if (!header) return [];
  const text = header.length > MAX_HEADER ? header.slice(0, MAX_HEADER) : header;
  const people: Person[] = [];
  for (const part of splitMailboxes(text.replace(/\r?\n[ \t]/g, ' '))) {
    const person = parseMailbox(part);
    if (person) people.push(person);
    if (people.length >= MAX_ADDRESSES) break;
  }
  return people;
}

/** Parses one address ("Name <a@b>"); null when the header holds none. */
export function parseAddress(header: string | null | undefined): Person | null {
  return parseAddressList(header)[0] ?? null;
}
