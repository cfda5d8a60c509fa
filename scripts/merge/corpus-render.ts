/**
 * Renders corpus sources as the providers deliver them: Gmail API message resources (format=full, MIME
 * parts base64url, an invitation's text/calendar part), Google Calendar event resources (iCalUID,
 * htmlLink, zoned times), and Slack messages with their permalinks. The app's own content step then
 * reads them, so the merge is measured on the items the app would really hold.
 */
import type { calendar_v3 } from '@googleapis/calendar';
import type { gmail_v1 } from '@googleapis/gmail';
import type { RawSlackMessage } from '../../src/main/content/slack-message';
import { createZone } from '../../src/main/lib/time-zone';
import { ZONE_LABELS } from './corpus-vocabulary';

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** The person the corpus belongs to. */
export const SELF = { name: 'Pat Example', email: 'person@example.com', slackId: 'USELF0001' };
/** The Slack workspace's address. */
export const SLACK_TEAM_URL = 'https://acme-corp.slack.com/';

/** Local clock reading of an instant in a zone. */
export function wall(ms: number, zone: string) {
  return createZone(zone).wallAt(ms);
}

/** "3pm", "3:30pm" or "15:00", as people write times. */
export function clockText(ms: number, zone: string, style: 'ampm' | '24h'): string {
  const { hour, minute } = wall(ms, zone);
  if (style === '24h') return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
  const h = hour % 12 === 0 ? 12 : hour % 12;
  return `${h}${minute ? `:${String(minute).padStart(2, '0')}` : ''}${hour < 12 ? 'am' : 'pm'}`;
}

/** "Tuesday", "Tue Mar 10", "March 10" or "10/03": the ways a day is named. */
export function dayText(ms: number, zone: string, style: 'weekday' | 'short' | 'long'): string {
  const w = wall(ms, zone);
  if (style === 'weekday') return WEEKDAYS[w.weekday]!;
  if (style === 'short') return `${WEEKDAYS[w.weekday]!.slice(0, 3)} ${MONTHS[w.month - 1]!.slice(0, 3)} ${w.day}, ${w.year}`;
  return `${MONTHS[w.month - 1]} ${w.day}`;
}

/** The zone's short label ("PT"). */
export function zoneLabel(zone: string): string {
  return ZONE_LABELS[zone] ?? zone;
}

/** RFC 3339 with the zone's offset, as Calendar returns `dateTime`. */
export function zonedIso(ms: number, zone: string): string {
  const offset = createZone(zone).offsetAt(ms);
  const local = new Date(ms + offset * 60_000).toISOString().slice(0, 19);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** Calendar's htmlLink for an event (eid = base64 of "eventId calendarId"). */
export function eventLink(eventId: string, calendarId = SELF.email): string {
  return `https://www.google.com/calendar/event?eid=${Buffer.from(`${eventId} ${calendarId}`).toString('base64url')}`;
}

/** A Gmail web link to a thread. */
export function threadLink(threadId: string): string {
  return `https://mail.google.com/mail/u/0/#inbox/${threadId}`;
}

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

/** What one email is made of. */
export interface EmailSpec {
  id: string;
  threadId: string;
  from: string;
  to: string[];
  cc?: string[];
  subject: string;
  sentMs: number;
  text: string;
  messageId: string;
  /** The invitation's iCalendar text, put in an inline text/calendar part as Google and Outlook do. */
  calendar?: string;
  references?: string[];
}

/** A Gmail API message resource (format=full). */
export function gmailMessage(spec: EmailSpec): gmail_v1.Schema$Message {
  const headers = [
    { name: 'From', value: spec.from },
    { name: 'To', value: spec.to.join(', ') },
    ...(spec.cc?.length ? [{ name: 'Cc', value: spec.cc.join(', ') }] : []),
    { name: 'Subject', value: spec.subject },
    { name: 'Date', value: new Date(spec.sentMs).toUTCString() },
    { name: 'Message-ID', value: `<${spec.messageId}>` },
    ...(spec.references?.length ? [{ name: 'References', value: spec.references.map((id) => `<${id}>`).join(' ') }, { name: 'In-Reply-To', value: `<${spec.references.at(-1)}>` }] : []),
  ];
  const plain = { mimeType: 'text/plain', headers: [{ name: 'Content-Type', value: 'text/plain; charset="UTF-8"' }], body: { data: b64(spec.text) } };
  const calendarParts = spec.calendar
    ? [{ mimeType: 'text/calendar', headers: [{ name: 'Content-Type', value: 'text/calendar; charset="UTF-8"; method=REQUEST' }], body: { data: b64(spec.calendar) } }]
    : [];
  const payload = calendarParts.length > 0 ? { mimeType: 'multipart/alternative', headers, parts: [plain, ...calendarParts] } : { ...plain, headers: [...headers, ...plain.headers] };
  return { id: spec.id, threadId: spec.threadId, labelIds: ['INBOX', 'UNREAD'], snippet: spec.text.slice(0, 120), internalDate: String(spec.sentMs), payload };
}

/** An invitation's iCalendar text. */
export function invitationIcs(uid: string, title: string, startMs: number, endMs: number, organizer: string, attendees: string[]): string {
  const stamp = (ms: number) => new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  return [
    'BEGIN:VCALENDAR', 'PRODID:-//Google Inc//Google Calendar 70.9054//EN', 'VERSION:2.0', 'METHOD:REQUEST', 'BEGIN:VEVENT',
    `DTSTART:${stamp(startMs)}`, `DTEND:${stamp(endMs)}`, `DTSTAMP:${stamp(startMs - 86_400_000)}`, `ORGANIZER;CN=${organizer}:mailto:${organizer}`, `UID:${uid}`,
    ...attendees.map((address) => `ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:${address}`),
    `SUMMARY:${title}`, 'STATUS:CONFIRMED', 'END:VEVENT', 'END:VCALENDAR',
  ].join('\r\n');
}

/** What one calendar event is made of. */
export interface EventSpec {
  id: string;
  title: string;
  description: string;
  startMs: number;
  endMs: number;
  zone: string;
  organizer: { email: string; displayName: string };
  attendees: Array<{ email: string; displayName: string }>;
  createdMs: number;
}

/** A Google Calendar event resource. */
export function calendarEvent(spec: EventSpec): calendar_v3.Schema$Event {
  return {
    kind: 'calendar#event',
    id: spec.id,
    status: 'confirmed',
    htmlLink: eventLink(spec.id),
    created: new Date(spec.createdMs).toISOString(),
    updated: new Date(spec.createdMs).toISOString(),
    summary: spec.title,
    description: spec.description,
    organizer: spec.organizer,
    start: { dateTime: zonedIso(spec.startMs, spec.zone), timeZone: spec.zone },
    end: { dateTime: zonedIso(spec.endMs, spec.zone), timeZone: spec.zone },
    iCalUID: `${spec.id}@google.com`,
    attendees: [
      ...spec.attendees.map((attendee) => ({ ...attendee, responseStatus: 'accepted' })),
      { email: SELF.email, displayName: SELF.name, self: true, responseStatus: 'needsAction' },
    ],
  };
}

/** A Slack message as the provider reads it. */
export function slackMessage(spec: { channelId: string; channelName: string; isDirect: boolean; author: { slackId: string; slackName: string }; text: string; sentMs: number }): RawSlackMessage {
  const ts = `${Math.floor(spec.sentMs / 1000)}.${String(spec.sentMs % 1000).padStart(3, '0')}100`;
  return {
    ts,
    threadTs: null,
    text: spec.text,
    channelId: spec.channelId,
    channelName: spec.channelName,
    isDirect: spec.isDirect,
    authorId: spec.author.slackId,
    authorName: spec.author.slackName,
    threadContext: [],
    permalink: `${SLACK_TEAM_URL}archives/${spec.channelId}/p${ts.replace('.', '')}`,
  };
}
