/**
 * A meeting as it reaches the person twice: the calendar's copy of the event in the fake Google Calendar,
 * and the invitation email Google Calendar sends for it (text/calendar with the event's UID and start
 * inside multipart/alternative, plus invite.ics), as raw RFC 822 in the fake Gmail.
 */
import type { FakeGoogle } from '../fakes/google';

const CRLF = '\r\n';
const HOUR = 3_600_000;

/** A meeting start `days` from now, at 14:00 UTC. */
export function meetingStart(days = 2): Date {
  const start = new Date(Date.now() + days * 86_400_000);
  start.setUTCHours(14, 0, 0, 0);
  return start;
}

const icsStamp = (date: Date) => date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

/** An invitation as Google Calendar sends it: the event's UID and start in a text/calendar part. */
export function invitationMessage(uid: string, title: string, start: Date, to: string): string {
  const ics = [
    'BEGIN:VCALENDAR', 'PRODID:-//Google Inc//Google Calendar 70.9054//EN', 'VERSION:2.0', 'METHOD:REQUEST', 'BEGIN:VEVENT',
    `DTSTART:${icsStamp(start)}`, `DTEND:${icsStamp(new Date(start.getTime() + HOUR))}`, `DTSTAMP:${icsStamp(new Date())}`,
    'ORGANIZER;CN=Dana Reyes:mailto:dana@example.com', `UID:${uid}`,
    `ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE;CN=${to};X-NUM-GUESTS=0:mailto:${to}`,
    `SUMMARY:${title}`, 'END:VEVENT', 'END:VCALENDAR',
  ].join(CRLF);
  const text = `Dana Reyes has invited you to ${title}.\n\nPlease review the roadmap document and bring your questions to the meeting.\n\nReply for ${to}`;
  return [
    'From: Dana Reyes <dana@example.com>', `To: ${to}`, `Subject: Invitation: ${title} @ ${start.toUTCString()}`,
    `Date: ${new Date().toUTCString()}`, `Message-ID: <invite-${uid}>`, 'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="outer"', '',
    '--outer', 'Content-Type: multipart/alternative; boundary="inner"', '',
    '--inner', 'Content-Type: text/plain; charset="UTF-8"', '', text, '',
    '--inner', 'Content-Type: text/calendar; charset="UTF-8"; method=REQUEST', '', ics, '',
    '--inner--', '',
    '--outer', 'Content-Type: application/ics; name="invite.ics"', 'Content-Disposition: attachment; filename="invite.ics"', 'Content-Transfer-Encoding: base64', '',
    Buffer.from(ics).toString('base64'), '',
    '--outer--', '',
  ].join(CRLF);
}

/** Adds an event to the fake calendar (organised by Dana, the person invited). */
export function addMeetingEvent(google: FakeGoogle, eventId: string, title: string, start: Date): void {
  google.addEvent({
    id: eventId, summary: title, description: 'Please review the roadmap document before the meeting.',
    start: { dateTime: start.toISOString() }, end: { dateTime: new Date(start.getTime() + HOUR).toISOString() },
    organizer: { email: 'dana@example.com', displayName: 'Dana Reyes' },
    attendees: [{ email: google.account.email, self: true, responseStatus: 'needsAction' }, { email: 'dana@example.com', displayName: 'Dana Reyes', organizer: true, responseStatus: 'accepted' }],
  });
}

/** The event and its invitation email (the event's iCalUID is `<id>@google.com` in the fake); returns the Gmail message id. */
export function addInvitedMeeting(google: FakeGoogle, eventId: string, title: string, start = meetingStart()): string {
  addMeetingEvent(google, eventId, title, start);
  return google.addMessage(invitationMessage(`${eventId}@google.com`, title, start, google.account.email));
}
