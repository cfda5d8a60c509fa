/**
 * Raw RFC 822 messages (.eml files, mbox entries) to EmailItems with mailparser. Oversized
 * messages are quarantined unread, parsing is time-bounded, and nothing here throws: a message
 * either becomes an item or comes back with a reason a person can read.
 */
import { createHash } from 'node:crypto';
import { simpleParser, type AddressObject, type EmailAddress, type ParsedMail } from 'mailparser';
import type { EmailItem, Person } from '../items/provider-item';
import { bodyTextFromParts } from './body-text';
import { invitationOf, messageIdOf, referencedIds } from './calendar-part';
import { cleanHeaderText, snippetOf } from './header-text';
import { stripInvisible } from '../items/invisible-chars';
import { scanItem } from './item-scan';

/** Limits and context for `parseRfc822`. */
export interface Rfc822Options {
  /** Larger messages are quarantined without parsing (default 25 MB). */
  maxBytes?: number;
  /** Parsing that takes longer is abandoned and the message quarantined (default 10 s). */
  timeoutMs?: number;
  /** Longest body text kept (default 20,000 characters). */
  maxChars?: number;
  /** The person's own addresses; accepted for parity with the Gmail source (the pre-filter reads `from`). */
  selfAddresses?: string[];
}

/** An item, or the reason the message was quarantined. */
export type Rfc822Result = { ok: true; item: EmailItem } | { ok: false; reason: string };

const DEFAULT_MAX_BYTES = 25 * 1024 * 1024;

class ParseTimeout extends Error {}

function megabytes(bytes: number): string {
  return `${Math.round(bytes / (1024 * 1024))} MB`;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ParseTimeout()), ms);
    timer.unref();
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function people(value: AddressObject | AddressObject[] | undefined): Person[] {
  const list = value === undefined ? [] : Array.isArray(value) ? value : [value];
  const out: Person[] = [];
  const visit = (entry: EmailAddress): void => {
    if (out.length >= 500) return;
    if (entry.group) entry.group.forEach(visit);
    const address = stripInvisible(entry.address ?? '').text.replace(/\s+/g, '').slice(0, 320);
    if (!address) return;
    const name = cleanHeaderText(entry.name, 200);
    out.push({ name: name && name !== address ? name : null, address });
  };
  for (const object of list) object.value.forEach(visit);
  return out;
}

/** A subject without Re:/Fwd: prefixes (in several languages), lower-cased, for threading. */
function normaliseSubject(subject: string): string {
  let text = subject.toLowerCase().replace(/\s+/g, ' ').trim();
  for (let i = 0; i < 10; i++) {
    const next = text.replace(/^(?:re|fwd?|aw|wg|sv|vs|antw|tr|rv|enc|res|odp|ynt|ha|回复|转发|답장)\s*(?:(?:\[\d+\]|\(\d+\))\s*)?[:：]\s*/i, '').replace(/^\[[^\]]{1,40}\]\s*/, '');
    if (next === text) break;
    text = next;
  }
  return text;
}

function headerLine(parsed: ParsedMail, name: string): string | null {
  const line = parsed.headerLines.find((entry) => entry.key === name)?.line;
  if (line === undefined) return null;
  const value = line.slice(line.indexOf(':') + 1).replace(/\r?\n[ \t]+/g, ' ');
  return cleanHeaderText(value, 2000);
}

function threadKeyOf(parsed: ParsedMail, ownId: string | null, subject: string): string | null {
  const references = parsed.references === undefined ? [] : Array.isArray(parsed.references) ? parsed.references : parsed.references.split(/\s+/);
  const root = references.map(messageIdOf).find((id) => id !== null) ?? messageIdOf(parsed.inReplyTo?.split(/\s+/)[0]);
  if (root) return root;
  // A thread's first message has no References: its own ID is what replies will name as the root.
  if (ownId) return ownId;
  const normalised = normaliseSubject(subject);
  return normalised ? `subject:${normalised}` : null;
}

function itemFrom(parsed: ParsedMail, raw: Buffer, options: Rfc822Options): Rfc822Result {
  const body = bodyTextFromParts({ plain: parsed.text ?? null, html: typeof parsed.html === 'string' ? parsed.html : null }, { maxChars: options.maxChars });
  const subject = cleanHeaderText(parsed.subject);
  const from = people(parsed.from)[0] ?? { name: null, address: '' };
  if (parsed.headerLines.length === 0 && !body.text) return { ok: false, reason: 'The file does not look like an email: it has no headers and no text.' };
  if (!subject && !body.text && !from.address) return { ok: false, reason: 'The message has no sender, no subject and no text.' };
  const ownId = messageIdOf(parsed.messageId);
  const date = parsed.date && !Number.isNaN(parsed.date.getTime()) ? parsed.date.toISOString() : null;
  // mailparser hands an invitation's text/calendar part over as an attachment.
  const calendar = parsed.attachments.find((attachment) => attachment.contentType === 'text/calendar' && attachment.size <= 1_000_000);
  const invitation = calendar ? invitationOf(calendar.content.toString('utf8')) : { uid: null, start: null };
  return {
    ok: true,
    item: scanItem({
      type: 'email',
      id: ownId ?? `sha256:${createHash('sha256').update(raw).digest('hex').slice(0, 40)}`,
      threadKey: threadKeyOf(parsed, ownId, subject),
      date,
      link: null,
      from,
      to: people(parsed.to),
      cc: people(parsed.cc),
      subject,
      snippet: snippetOf(body.text),
      bodyText: body.text,
      labels: [],
      headers: {
        listUnsubscribe: headerLine(parsed, 'list-unsubscribe'),
        precedence: headerLine(parsed, 'precedence'),
        autoSubmitted: headerLine(parsed, 'auto-submitted'),
        listId: headerLine(parsed, 'list-id'),
        listPost: headerLine(parsed, 'list-post'),
        inReplyTo: headerLine(parsed, 'in-reply-to'),
      },
      contentFlags: body.flags,
      messageId: ownId,
      references: referencedIds(parsed.references ?? null, parsed.inReplyTo ?? null),
      icalUid: invitation.uid,
      icalStart: invitation.start,
    }),
  };
}

/** Parses one raw message into an EmailItem, or says why it was quarantined. Never throws. */
export async function parseRfc822(raw: Buffer, options: Rfc822Options = {}): Promise<Rfc822Result> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (raw.length > maxBytes) return { ok: false, reason: `The message is larger than ${megabytes(maxBytes)}, so it was not read.` };
  if (raw.length === 0 || /^\s*$/.test(raw.subarray(0, 4096).toString('latin1')) && raw.length <= 4096) {
    return { ok: false, reason: 'The message is empty.' };
  }
  const timeoutMs = options.timeoutMs ?? 10_000;
  try {
    const parsed = await withTimeout(
      simpleParser(raw, {
        // Skip the work we never use: text-to-HTML, linkifying, data: URLs for images, attachment hashes.
        skipHtmlToText: true,
        skipTextToHtml: true,
        skipTextLinks: true,
        skipImageLinks: true,
        keepCidLinks: true,
        checksumAlgo: false,
        maxChildNodes: 500,
      }),
      timeoutMs,
    );
    return itemFrom(parsed, raw, options);
  } catch (error) {
    if (error instanceof ParseTimeout) return { ok: false, reason: `Reading the message took longer than ${Math.round(timeoutMs / 1000)} seconds.` };
    const detail = error instanceof Error ? error.message.slice(0, 200) : String(error).slice(0, 200);
    return { ok: false, reason: `The message could not be read: ${detail}` };
  }
}
