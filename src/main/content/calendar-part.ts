/**
 * The event an invitation email carries in its text/calendar part (RFC 5545/6047): its UID, so the email
 * and the calendar's copy of the event are recognised as one commitment, and its start. Also the
 * Message-IDs a message answers. A line scan over a bounded prefix: no full iCalendar parse of hostile
 * mail, nothing that can backtrack.
 */
import { createZone } from '../lib/time-zone';

/** Longest calendar text read (an invitation is a few kilobytes; a huge one is cut, not parsed whole). */
const MAX_CALENDAR_CHARS = 256 * 1024;
/** Longest UID kept, as the .ics reader keeps it. */
const MAX_UID_CHARS = 500;

/** A content line (`NAME;PARAM="a:b":value`) split at the first colon outside quotes. */
function splitLine(line: string): { head: string; value: string } {
  let quoted = false;
  for (let index = 0; index < line.length; index += 1) {
    const char = line[index];
    if (char === '"') quoted = !quoted;
    else if (char === ':' && !quoted) return { head: line.slice(0, index), value: line.slice(index + 1) };
  }
  return { head: line, value: '' };
}

/** A DTSTART as an ISO instant: UTC (`Z`), in its TZID, a date (all day, 00:00 UTC), or floating (read as UTC). */
function startOf(head: string, value: string): string | null {
  const match = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z?))?$/.exec(value.trim());
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map((part) => Number(part ?? 0)) as [number, number, number, number, number, number];
  const tzid = head.split(';').slice(1).map((param) => param.split('=')).find(([name]) => name?.trim().toUpperCase() === 'TZID')?.[1]?.replaceAll('"', '').trim();
  const ms = match[4] !== undefined && match[7] !== 'Z' && tzid ? createZone(tzid).toInstant(year, month, day, hour, minute, second) : Date.UTC(year, month - 1, day, hour, minute, second);
  return Number.isFinite(ms) && month >= 1 && month <= 12 && day >= 1 && day <= 31 ? new Date(ms).toISOString() : null;
}

/** What an invitation's text/calendar part says of its event. */
export interface Invitation {
  /** The event's UID (shared with the calendar's copy of the event), or null. */
  uid: string | null;
  /** When the event starts (ISO), or null. */
  start: string | null;
}

/**
 * The UID and start of the first VEVENT in an iCalendar text (folded lines joined); the UID trimmed
 * and bounded, and null when it holds control characters (it is compared as an identifier).
 */
export function invitationOf(calendarText: string): Invitation {
  const text = calendarText.length > MAX_CALENDAR_CHARS ? calendarText.slice(0, MAX_CALENDAR_CHARS) : calendarText;
  const lines = text.replace(/\r?\n[ \t]/g, '').split(/\r?\n/);
  let inEvent = false;
  const found: Invitation = { uid: null, start: null };
  let uidSeen = false;
  for (const line of lines) {
    const upper = line.slice(0, 16).toUpperCase();
    if (upper.startsWith('BEGIN:VEVENT')) inEvent = true;
    else if (upper.startsWith('END:VEVENT')) {
      if (uidSeen) break;
      inEvent = false;
    } else if (inEvent && !uidSeen && (upper.startsWith('UID:') || upper.startsWith('UID;'))) {
      uidSeen = true;
      const uid = splitLine(line).value.trim().slice(0, MAX_UID_CHARS);
      // eslint-disable-next-line no-control-regex
      found.uid = uid === '' || /[\u0000-\u001f\u007f]/.test(uid) ? null : uid;
    } else if (inEvent && found.start === null && (upper.startsWith('DTSTART:') || upper.startsWith('DTSTART;'))) {
      const { head, value } = splitLine(line.slice(0, 300));
      found.start = startOf(head, value);
    }
  }
  return found;
}

/** The UID of the first VEVENT in an iCalendar text, or null (see `invitationOf`). */
export function icalUidOf(calendarText: string): string | null {
  return invitationOf(calendarText).uid;
}

/** A Message-ID (or one entry of References) without its angle brackets, or null when unusable. */
export function messageIdOf(value: string | null | undefined): string | null {
  const id = (value ?? '').trim().replace(/^<|>$/g, '').trim();
  return id && id.length <= 256 && !/\s/.test(id) ? id : null;
}

/** How many referenced Message-IDs a message keeps (a long thread's References can list hundreds). */
const MAX_REFERENCES = 20;

/**
 * The Message-IDs a message answers: its References, then In-Reply-To, unique, the newest kept when
 * there are too many (they name the messages most likely still around).
 */
export function referencedIds(references: string | readonly string[] | null | undefined, inReplyTo: string | null | undefined): string[] {
  const listed = typeof references === 'string' ? references.slice(0, 20_000).split(/[\s,]+/) : [...(references ?? [])];
  // A msg-id has an "@" (RFC 5322 §3.6.4); old In-Reply-To phrases ("your message of Tue") are words, not ids.
  const ids = [...listed, ...(inReplyTo ?? '').slice(0, 2000).split(/[\s,]+/)].map(messageIdOf).filter((id): id is string => id !== null && id.includes('@'));
  return [...new Set(ids)].slice(-MAX_REFERENCES);
}
