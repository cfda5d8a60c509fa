/**
 * Gmail API message resources to EmailItems: walks the MIME part tree (depth- and count-capped),
 * prefers text/plain within multipart/alternative, skips attachments, decodes base64url bodies in
 * their declared charset, and cleans the text (hidden HTML, quotes, signatures) with flags.
 */
import type { gmail_v1 } from '@googleapis/gmail';
import type { EmailItem } from '../items/provider-item';
import { bodyTextFromParts, type BodyText } from './body-text';
import { invitationOf, messageIdOf, referencedIds, type Invitation } from './calendar-part';
import { decodeBytes, parseContentType } from './charset';
import { cleanEmailText } from './email-text';
import { cleanHeaderText, snippetOf } from './header-text';
import { htmlToText } from './html-to-text';
import { parseAddress, parseAddressList } from './mail-address';
import { scanItem } from './item-scan';

/** Address parsing, re-exported for the Gmail provider. */
export { parseAddress, parseAddressList } from './mail-address';

type Part = gmail_v1.Schema$MessagePart;

const MAX_DEPTH = 32;
const MAX_PARTS = 500;
// About 7.5 MB of decoded text per part; a larger body part is cut (and reported as truncated).
const MAX_ENCODED = 10_000_000;

/** The first value of a header (case-insensitive name), or null when absent. */
export function headerValue(payload: Part | null | undefined, name: string): string | null {
  const wanted = name.toLowerCase();
  for (const header of payload?.headers ?? []) {
    if (header.name?.toLowerCase() === wanted) return header.value ?? '';
  }
  return null;
}

interface Found {
  plain: string | null;
  html: string | null;
  /** An inline text/calendar part (an invitation), read only for the event's UID. */
  calendar: string | null;
  flags: Set<string>;
  truncated: boolean;
}

function mimeTypeOf(part: Part): string {
  const declared = part.mimeType?.trim().toLowerCase() || parseContentType(headerValue(part, 'Content-Type')).type;
  // RFC 2045: a part without a Content-Type is text/plain.
  return declared || 'text/plain';
}

function isAttachment(part: Part): boolean {
  if (part.filename && part.filename.trim() !== '') return true;
  return parseContentType(headerValue(part, 'Content-Disposition')).type === 'attachment';
}

function decodePart(part: Part, found: Found): string | null {
  const data = part.body?.data;
  if (!data) {
    if (part.body?.attachmentId) found.flags.add('body-not-fetched');
    return null;
  }
  let encoded = data;
  if (encoded.length > MAX_ENCODED) {
    encoded = encoded.slice(0, MAX_ENCODED);
    found.truncated = true;
  }
  // Node's decoder skips characters outside the alphabet; say so rather than pretend the body was fine.
  if (/[^A-Za-z0-9\-_+/=\s]/.test(encoded)) found.flags.add('broken-encoding');
  const bytes = Buffer.from(encoded, 'base64url');
  const charset = parseContentType(headerValue(part, 'Content-Type')).params.get('charset');
  const decoded = decodeBytes(bytes, charset);
  if (!decoded.known) found.flags.add('charset:unknown');
  return decoded.text;
}

function newFound(): Found {
  return { plain: null, html: null, calendar: null, flags: new Set(), truncated: false };
}

function walk(part: Part, depth: number, found: Found, budget: { parts: number }): void {
  if (depth > MAX_DEPTH) {
    found.flags.add('mime-too-deep');
    return;
  }
  if (budget.parts++ >= MAX_PARTS) {
    found.flags.add('mime-too-many-parts');
    return;
  }
  const type = mimeTypeOf(part);
  const children = Array.isArray(part.parts) ? part.parts : [];
  if (type === 'multipart/alternative') {
    // Each alternative may itself be a tree (multipart/related around the HTML): look inside each.
    for (const child of children) {
      const sub = newFound();
      walk(child, depth + 1, sub, budget);
      found.plain ??= sub.plain;
      found.calendar ??= sub.calendar;
      // Later alternatives are the richer ones (RFC 2046), so the last HTML wins.
      if (sub.html !== null) found.html = sub.html;
      sub.flags.forEach((flag) => found.flags.add(flag));
      found.truncated ||= sub.truncated;
    }
    return;
  }
  if (type.startsWith('multipart/') || (children.length > 0 && !type.startsWith('text/'))) {
    // mixed, related, signed, message/rfc822...: the first child holding a body is the body.
    for (const child of children) {
      if (found.plain !== null || found.html !== null) {
        // After the body only an invitation's text/calendar part is still of interest (never a second body).
        if (found.calendar !== null) break;
        const rest = newFound();
        walk(child, depth + 1, rest, budget);
        found.calendar = rest.calendar;
        continue;
      }
      walk(child, depth + 1, found, budget);
    }
    return;
  }
  if (isAttachment(part)) return;
  if (type === 'text/plain' && found.plain === null) found.plain = decodePart(part, found);
  else if (type === 'text/html' && found.html === null) found.html = decodePart(part, found);
  else if (type === 'text/calendar' && found.calendar === null && part.body?.data) found.calendar = decodePart(part, found);
}

/** The cleaned body of a payload and the UID of the invitation it carries, from one walk of its parts. */
function readPayload(payload: Part | null | undefined, options: { maxChars?: number }): { body: BodyText; invitation: Invitation } {
  if (!payload) return { body: { text: '', flags: [], truncated: false }, invitation: { uid: null, start: null } };
  const found = newFound();
  walk(payload, 0, found, { parts: 0 });
  const body = bodyTextFromParts({ plain: found.plain, html: found.html }, options);
  return {
    body: { text: body.text, flags: [...new Set([...found.flags, ...body.flags])].sort(), truncated: body.truncated || found.truncated },
    invitation: found.calendar === null ? { uid: null, start: null } : invitationOf(found.calendar),
  };
}

/** Extracts and cleans the body of a Gmail message payload (text/plain preferred, attachments ignored). */
export function bodyFromGmailPayload(payload: Part | null | undefined, options: { maxChars?: number } = {}): BodyText {
  return readPayload(payload, options).body;
}

/** ISO date of a Gmail internalDate (epoch milliseconds as a string), or null. */
function isoFromEpoch(value: string | null | undefined): string | null {
  if (!value || !/^\d{1,15}$/.test(value)) return null;
  const date = new Date(Number(value));
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** ISO date of a Date header, or null when it does not parse. */
function isoFromDateHeader(value: string | null | undefined): string | null {
  if (!value) return null;
  const date = new Date(value.slice(0, 1000).replace(/\([^()]*\)/g, '').trim());
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/**
 * Builds an EmailItem from a Gmail message (format=full). Throws on a message without an ID (the
 * caller quarantines it). `selfAddresses` is accepted for parity with the other sources; no
 * EmailItem field depends on it yet (the pre-filter reads `from` itself).
 */
export function emailItemFromGmail(message: gmail_v1.Schema$Message, _options: { selfAddresses: string[] }): EmailItem {
  if (!message.id) throw new Error('The message has no ID.');
  const payload = message.payload ?? {};
  const { body, invitation } = readPayload(payload, {});
  const subject = cleanHeaderText(headerValue(payload, 'Subject'));
  // Gmail's own snippet is computed from the raw body, hidden text included: only used when there is no body.
  const fallback = body.text ? null : cleanEmailText(htmlToText(message.snippet ?? '').text, { maxChars: 1000 });
  const idPart = encodeURIComponent(message.threadId || message.id);
  const header = (name: string): string | null => {
    const value = headerValue(payload, name);
    return value === null ? null : cleanHeaderText(value, 2000);
  };
  const flags = new Set([...body.flags, ...(fallback?.flags ?? [])]);
  return scanItem({
    type: 'email',
    id: message.id,
    threadKey: message.threadId ?? null,
    date: isoFromEpoch(message.internalDate) ?? isoFromDateHeader(headerValue(payload, 'Date')),
    link: `https://mail.google.com/mail/u/0/#inbox/${idPart}`,
    from: parseAddress(headerValue(payload, 'From')) ?? { name: null, address: '' },
    to: parseAddressList(headerValue(payload, 'To')),
    cc: parseAddressList(headerValue(payload, 'Cc')),
    subject,
    snippet: snippetOf(fallback ? fallback.text : body.text),
    bodyText: body.text,
    labels: (message.labelIds ?? []).filter((label): label is string => typeof label === 'string').slice(0, 100),
    headers: {
      listUnsubscribe: header('List-Unsubscribe'),
      precedence: header('Precedence'),
      autoSubmitted: header('Auto-Submitted'),
      listId: header('List-Id'),
      listPost: header('List-Post'),
      inReplyTo: header('In-Reply-To'),
    },
    contentFlags: [...flags],
    messageId: messageIdOf(headerValue(payload, 'Message-ID')),
    references: referencedIds(headerValue(payload, 'References'), headerValue(payload, 'In-Reply-To')),
    icalUid: invitation.uid,
    icalStart: invitation.start,
  });
}
