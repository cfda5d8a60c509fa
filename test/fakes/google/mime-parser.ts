/**
 * The fake's own MIME reader: turns stored raw RFC 822 into Gmail's `payload` tree
 * (partId, mimeType, filename, headers, body {size, data|attachmentId}, parts) and a snippet.
 * Deliberately independent of the app's parser so a shared bug cannot hide itself.
 */
import { base64urlPadded } from './http-util';

/** A header as Gmail returns it: unfolded, encoded-words decoded. */
export interface MailHeader {
  name: string;
  value: string;
}

/** Gmail's MessagePart. */
export interface GmailPart {
  partId: string;
  mimeType: string;
  filename: string;
  headers: MailHeader[];
  body: { size: number; data?: string; attachmentId?: string };
  parts?: GmailPart[];
}

/** A parsed leaf kept beside the tree: decoded bytes for snippets and attachment downloads. */
export interface LeafPart {
  partId: string;
  mimeType: string;
  charset: string;
  filename: string;
  data: Buffer;
}

/** Splits a raw entity at the first empty line (CRLF or bare LF, both occur in real mail). */
export function splitEntity(raw: Buffer): { headerText: string; body: Buffer } {
  const text = raw.toString('latin1');
  const match = /\r?\n\r?\n/.exec(text);
  if (!match) return { headerText: text, body: Buffer.alloc(0) };
  return { headerText: text.slice(0, match.index), body: raw.subarray(match.index + match[0].length) };
}

/** Decodes RFC 2047 encoded-words; whitespace between adjacent encoded-words is dropped as the RFC says. */
export function decodeEncodedWords(value: string): string {
  const word = /=\?([^?]+)\?([bBqQ])\?([^?]*)\?=/g;
  return value.replace(/(=\?[^?]+\?[bBqQ]\?[^?]*\?=)\s+(?==\?)/g, '$1').replace(word, (_all, charset: string, kind: string, text: string) => {
    const bytes =
      kind.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64')
        : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9A-Fa-f]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1');
    return decodeCharset(bytes, charset.replace(/\*.*$/, ''));
  });
}

/** Decodes bytes in a named charset, falling back to UTF-8 for labels Node does not know. */
export function decodeCharset(bytes: Buffer, charset: string): string {
  try {
    return new TextDecoder(charset.toLowerCase() || 'utf-8').decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}

/** Parses a header block: unfolds continuation lines, header bytes read as UTF-8 (RFC 6532). */
export function parseHeaders(headerText: string): MailHeader[] {
  const utf8 = Buffer.from(headerText, 'latin1').toString('utf8');
  const headers: MailHeader[] = [];
  for (const line of utf8.split(/\r?\n/)) {
    if (/^[ \t]/.test(line) && headers.length > 0) {
      headers[headers.length - 1]!.value += ` ${line.trim()}`;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    headers.push({ name: line.slice(0, colon).trim(), value: line.slice(colon + 1).trim() });
  }
  return headers.map((header) => ({ name: header.name, value: decodeEncodedWords(header.value) }));
}

/** First value of a header, case-insensitively. */
export function headerValue(headers: MailHeader[], name: string): string | undefined {
  const lower = name.toLowerCase();
  return headers.find((header) => header.name.toLowerCase() === lower)?.value;
}

/** Splits `type/sub; a=b; c="d"` into a lower-case type and its parameters. */
export function parseParams(value: string | undefined): { value: string; params: Record<string, string> } {
  const [first = '', ...rest] = (value ?? '').split(/;(?=(?:[^"]*"[^"]*")*[^"]*$)/);
  const params: Record<string, string> = {};
  for (const item of rest) {
    const eq = item.indexOf('=');
    if (eq < 0) continue;
    params[item.slice(0, eq).trim().toLowerCase()] = item.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1');
  }
  return { value: first.trim().toLowerCase(), params };
}

/** Undoes Content-Transfer-Encoding (base64, quoted-printable; 7bit/8bit/binary pass through). */
export function decodeTransfer(body: Buffer, encoding: string | undefined): Buffer {
  switch ((encoding ?? '').trim().toLowerCase()) {
    case 'base64':
      return Buffer.from(body.toString('latin1').replace(/[^A-Za-z0-9+/=]/g, ''), 'base64');
    case 'quoted-printable': {
      const text = body.toString('latin1').replace(/=\r?\n/g, '');
      return Buffer.from(text.replace(/=([0-9A-Fa-f]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1');
    }
    default:
      return body;
  }
}

/** Splits a multipart body at its boundary lines; preamble and epilogue are dropped. */
export function splitMultipart(body: Buffer, boundary: string): Buffer[] {
  const text = body.toString('latin1');
  const delimiter = `--${boundary}`;
  const parts: Buffer[] = [];
  let start = -1;
  let position = 0;
  while (position <= text.length) {
    // A delimiter counts only at the start of a line.
    const found = text.indexOf(delimiter, position);
    if (found < 0) break;
    const atLineStart = found === 0 || text[found - 1] === '\n';
    const after = found + delimiter.length;
    if (!atLineStart) {
      position = after;
      continue;
    }
    if (start >= 0) {
      // The CRLF before the delimiter belongs to the delimiter, not to the part.
      const end = text[found - 2] === '\r' ? found - 2 : found - 1;
      parts.push(body.subarray(start, Math.max(start, end)));
    }
    if (text.startsWith('--', after)) break;
    const lineEnd = text.indexOf('\n', after);
    if (lineEnd < 0) break;
    start = lineEnd + 1;
    position = start;
  }
  return parts;
}

/** The attachment id Gmail-style clients pass back to `attachments.get`; opaque but decodable by the fake. */
export function attachmentIdFor(messageId: string, partId: string): string {
  return `ANGjdJ${Buffer.from(`${messageId}:${partId}`).toString('base64url')}`;
}

/** Builds Gmail's payload tree for a raw message; `leaves` collects decoded leaf parts. */
export function buildPayload(raw: Buffer, messageId: string, leaves: LeafPart[] = [], partId = ''): GmailPart {
  const { headerText, body } = splitEntity(raw);
  const headers = parseHeaders(headerText);
  const type = parseParams(headerValue(headers, 'Content-Type') ?? 'text/plain; charset=us-ascii');
  const mimeType = type.value || 'text/plain';
  const disposition = parseParams(headerValue(headers, 'Content-Disposition'));
  const filename = decodeEncodedWords(disposition.params.filename ?? type.params.name ?? '');
  if (mimeType.startsWith('multipart/') && type.params.boundary) {
    const children = splitMultipart(body, type.params.boundary).map((child, index) =>
      buildPayload(child, messageId, leaves, partId === '' ? String(index) : `${partId}.${index}`),
    );
    return { partId, mimeType, filename, headers, body: { size: 0 }, parts: children };
  }
  const data = decodeTransfer(body, headerValue(headers, 'Content-Transfer-Encoding'));
  leaves.push({ partId, mimeType, charset: type.params.charset ?? 'us-ascii', filename, data });
  // Gmail hands out parts with a file name by attachmentId and inlines everything else.
  if (filename) return { partId, mimeType, filename, headers, body: { attachmentId: attachmentIdFor(messageId, partId), size: data.length } };
  if (data.length === 0) return { partId, mimeType, filename, headers, body: { size: 0 } };
  return { partId, mimeType, filename, headers, body: { size: data.length, data: base64urlPadded(data) } };
}

const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Gmail-like snippet: first text of the message, whitespace collapsed, ~200 chars, HTML-escaped as Gmail sends it. */
export function snippetOf(leaves: LeafPart[]): string {
  const plain = leaves.find((leaf) => leaf.mimeType === 'text/plain' && !leaf.filename);
  const html = leaves.find((leaf) => leaf.mimeType === 'text/html' && !leaf.filename);
  let text = '';
  if (plain) text = decodeCharset(plain.data, plain.charset);
  else if (html) {
    text = decodeCharset(html.data, html.charset)
      .replace(/<(style|script|head)[\s\S]*?<\/\1>/gi, ' ')
      .replace(/<[^>]*>/g, ' ')
      .replace(/&nbsp;/g, ' ')
      .replace(/&amp;/g, '&')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>');
  }
  const collapsed = text.replace(/\s+/g, ' ').trim();
  return [...collapsed].slice(0, 200).join('').replace(/[&<>"']/g, (char) => entities[char] ?? char);
}
