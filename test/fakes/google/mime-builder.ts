/**
 * A small RFC 822 / MIME builder so tests can describe a message as an object and still have the
 * fake store (and serve) real raw mail: encoded-word subjects, quoted-printable text, base64
 * attachments, multipart/alternative inside multipart/mixed, CRLF line endings.
 */
import { randomBytes } from 'node:crypto';
import { type MessageBuilderInput } from './types';

const CRLF = '\r\n';

/** RFC 2047 B-encodes a header value when it has non-ASCII characters (as mail clients do). */
export function encodeHeaderValue(value: string): string {
  // eslint-disable-next-line no-control-regex
  if (/^[\x00-\x7f]*$/.test(value)) return value;
  return `=?UTF-8?B?${Buffer.from(value, 'utf8').toString('base64')}?=`;
}

/** Quoted-printable encoding (RFC 2045 §6.7) of UTF-8 text with CRLF hard breaks and 76-char soft breaks. */
export function encodeQuotedPrintable(text: string): string {
  return text
    .split(/\r?\n/)
    .map((line) => {
      const bytes = Buffer.from(line, 'utf8');
      let out = '';
      let width = 0;
      bytes.forEach((byte, index) => {
        const last = index === bytes.length - 1;
        // Trailing whitespace must be encoded or transports may strip it.
        const literal = (byte >= 33 && byte <= 126 && byte !== 61) || ((byte === 32 || byte === 9) && !last);
        const token = literal ? String.fromCharCode(byte) : `=${byte.toString(16).toUpperCase().padStart(2, '0')}`;
        if (width + token.length > 75) {
          out += `=${CRLF}`;
          width = 0;
        }
        out += token;
        width += token.length;
      });
      return out;
    })
    .join(CRLF);
}

/** RFC 5322 date, e.g. `Tue, 02 Jan 2024 09:00:00 +0000`. */
export function formatMailDate(date: Date): string {
  return date.toUTCString().replace(/GMT$/, '+0000');
}

function base64Lines(data: Buffer): string {
  return (data.toString('base64').match(/.{1,76}/g) ?? []).join(CRLF);
}

function needsQuotedPrintable(text: string): boolean {
  // eslint-disable-next-line no-control-regex
  return !/^[\x00-\x7f]*$/.test(text) || text.split(/\r?\n/).some((line) => line.length > 76);
}

function textPart(mimeType: 'text/plain' | 'text/html', text: string): string {
  const qp = needsQuotedPrintable(text);
  const body = qp ? encodeQuotedPrintable(text) : text.replace(/\r?\n/g, CRLF);
  return [`Content-Type: ${mimeType}; charset="UTF-8"`, `Content-Transfer-Encoding: ${qp ? 'quoted-printable' : '7bit'}`, '', body].join(CRLF);
}

function boundary(): string {
  return `000000000000${randomBytes(10).toString('hex')}`;
}

function multipart(subtype: 'mixed' | 'alternative', parts: string[]): string {
  const mark = boundary();
  const lines = [`Content-Type: multipart/${subtype}; boundary="${mark}"`, ''];
  for (const part of parts) lines.push(`--${mark}`, part);
  lines.push(`--${mark}--`, '');
  return lines.join(CRLF);
}

function attachmentPart(attachment: NonNullable<MessageBuilderInput['attachments']>[number]): string {
  const type = attachment.contentType ?? 'application/octet-stream';
  const name = encodeHeaderValue(attachment.filename);
  const content = typeof attachment.content === 'string' ? Buffer.from(attachment.content, 'utf8') : attachment.content;
  return [
    `Content-Type: ${type}; name="${name}"`,
    `Content-Disposition: attachment; filename="${name}"`,
    'Content-Transfer-Encoding: base64',
    '',
    base64Lines(content),
  ].join(CRLF);
}

function bodyEntity(input: MessageBuilderInput): string {
  const texts: string[] = [];
  if (input.text !== undefined) texts.push(textPart('text/plain', input.text));
  if (input.html !== undefined) texts.push(textPart('text/html', input.html));
  if (texts.length === 0) texts.push(textPart('text/plain', ''));
  const content = texts.length === 1 ? texts[0]! : multipart('alternative', texts);
  const attachments = input.attachments ?? [];
  return attachments.length === 0 ? content : multipart('mixed', [content, ...attachments.map(attachmentPart)]);
}

function addressList(value: string | string[]): string {
  return (Array.isArray(value) ? value : [value]).join(', ');
}

/** Builds raw RFC 822 bytes from a builder object. */
export function buildMessage(input: MessageBuilderInput, host = 'mail.example.com'): Buffer {
  const date = input.date === undefined ? new Date() : new Date(input.date);
  const headers: string[] = [
    `From: ${encodeDisplayNames(input.from)}`,
    `To: ${encodeDisplayNames(addressList(input.to))}`,
  ];
  if (input.cc !== undefined) headers.push(`Cc: ${encodeDisplayNames(addressList(input.cc))}`);
  headers.push(
    `Subject: ${encodeHeaderValue(input.subject)}`,
    `Date: ${formatMailDate(date)}`,
    `Message-ID: <${input.messageId ?? `${randomBytes(8).toString('hex')}@${host}`}>`,
  );
  for (const [name, value] of Object.entries(input.headers ?? {})) headers.push(`${name}: ${encodeHeaderValue(value)}`);
  headers.push('MIME-Version: 1.0');
  return Buffer.from(`${headers.join(CRLF)}${CRLF}${bodyEntity(input)}`, 'utf8');
}

// Display names with non-ASCII characters are encoded; the address itself must stay ASCII.
function encodeDisplayNames(list: string): string {
  return list
    .split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/)
    .map((entry) => {
      const match = /^\s*"?([^"<]*?)"?\s*<([^>]+)>\s*$/.exec(entry);
      if (!match || !match[1]) return entry.trim();
      const name = match[1];
      // eslint-disable-next-line no-control-regex
      const ascii = /^[\x00-\x7f]*$/.test(name);
      const shown = !ascii ? encodeHeaderValue(name) : /[(),.:;<>@[\]\\"]/.test(name) ? `"${name.replace(/["\\]/g, '\\$&')}"` : name;
      return `${shown} <${match[2]}>`;
    })
    .join(', ');
}
