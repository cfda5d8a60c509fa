/**
 * The UID of the event an invitation email carries in its text/calendar part (RFC 5545/6047), so the
 * email and the calendar's copy of the event can be recognised as one commitment. A line scan over a
 * bounded prefix: no full iCalendar parse of hostile mail, nothing that can backtrack.
 */

/** Longest calendar text read (an invitation is a few kilobytes; a huge one is cut, not parsed whole). */
const MAX_CALENDAR_CHARS = 256 * 1024;
/** Longest UID kept, as the .ics reader keeps it. */
const MAX_UID_CHARS = 500;

/** The value of a content line (`NAME;PARAM="a:b":value`): after the first colon outside quotes. */
function valueOf(line: string): string {
  let quoted = false;
  for (let index = 0; index < line.length; index += 1) {
    const char = line[index];
    if (char === '"') quoted = !quoted;
    else if (char === ':' && !quoted) return line.slice(index + 1);
  }
  return '';
}

/**
 * The UID of the first VEVENT in an iCalendar text (folded lines joined), trimmed and bounded, or null
 * when there is none. Control characters make the UID unusable (null): it is compared as an identifier.
 */
export function icalUidOf(calendarText: string): string | null {
  const text = calendarText.length > MAX_CALENDAR_CHARS ? calendarText.slice(0, MAX_CALENDAR_CHARS) : calendarText;
  const lines = text.replace(/\r?\n[ \t]/g, '').split(/\r?\n/);
  let inEvent = false;
  for (const line of lines) {
    const upper = line.slice(0, 16).toUpperCase();
    if (upper.startsWith('BEGIN:VEVENT')) inEvent = true;
    else if (upper.startsWith('END:VEVENT')) inEvent = false;
    else if (inEvent && (upper.startsWith('UID:') || upper.startsWith('UID;'))) {
      const uid = valueOf(line).trim().slice(0, MAX_UID_CHARS);
      // eslint-disable-next-line no-control-regex
      return uid === '' || /[\u0000-\u001f\u007f]/.test(uid) ? null : uid;
    }
  }
  return null;
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
