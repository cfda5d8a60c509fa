// The exact evidence of merging: invitation UIDs read from text/calendar parts, Message-IDs and
// References, and links that open one provider item, on real-shaped samples and hostile text.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { icalUidOf, referencedIds } from '../../src/main/content/calendar-part';
import { parseRfc822 } from '../../src/main/content/rfc822';
import { calendarItemFromGoogle } from '../../src/main/content/google-calendar-event';
import { slackMessageItem } from '../../src/main/content/slack-message';
import { itemKeys, keyLinks } from '../../src/main/merge/item-keys';
import { linkKey, linkKeysIn } from '../../src/main/merge/link-keys';

const INVITE = [
  'BEGIN:VCALENDAR',
  'PRODID:-//Google Inc//Google Calendar 70.9054//EN',
  'METHOD:REQUEST',
  'BEGIN:VEVENT',
  'DTSTART:20260114T140000Z',
  'ORGANIZER;CN="Dana: the organiser":mailto:dana@example.com',
  'UID;X-NOTE="a:b":3q2ab1mvv5p0d2k8qhhb',
  '\tvc0uts@google.com',
  'SUMMARY:Q3 planning',
  'END:VEVENT',
  'END:VCALENDAR',
].join('\r\n');

describe('icalUidOf', () => {
  it('reads the first event UID, unfolding lines and skipping quoted colons in parameters', () => {
    expect(icalUidOf(INVITE)).toBe('3q2ab1mvv5p0d2k8qhhbvc0uts@google.com');
  });

  it('ignores a UID outside an event (a VTODO, the calendar itself) and empty or broken values', () => {
    expect(icalUidOf('BEGIN:VCALENDAR\r\nUID:calendar-uid\r\nBEGIN:VTODO\r\nUID:todo\r\nEND:VTODO\r\nEND:VCALENDAR')).toBeNull();
    expect(icalUidOf('BEGIN:VEVENT\nUID:   \nEND:VEVENT')).toBeNull();
    expect(icalUidOf('BEGIN:VEVENT\nUID:bad\u0007uid\nEND:VEVENT')).toBeNull();
    expect(icalUidOf('')).toBeNull();
  });

  it('bounds what it reads and keeps (a UID past 256 KB is not found, a long UID is cut)', () => {
    expect(icalUidOf(`BEGIN:VEVENT\n${'X-PAD:a\n'.repeat(40_000)}UID:late\nEND:VEVENT`)).toBeNull();
    expect(icalUidOf(`BEGIN:VEVENT\nUID:${'u'.repeat(2000)}\nEND:VEVENT`)).toHaveLength(500);
  });

  it('never throws and stays fast on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 2000 }), (text) => {
        const uid = icalUidOf(`BEGIN:VEVENT\n${text}`);
        expect(uid === null || (uid.length > 0 && uid.length <= 500)).toBe(true);
      }),
      { numRuns: 300 },
    );
    const started = performance.now();
    icalUidOf(`BEGIN:VEVENT\nUID;${'"'.repeat(100_000)}`);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('referencedIds', () => {
  it('keeps References then In-Reply-To, unique, brackets removed, the newest 20', () => {
    expect(referencedIds('<a@x> <b@x>', '<b@x>')).toEqual(['a@x', 'b@x']);
    const many = Array.from({ length: 30 }, (_, index) => `<m${index}@x>`).join(' ');
    expect(referencedIds(many, null)).toEqual(Array.from({ length: 20 }, (_, index) => `m${index + 10}@x`));
    // Old-style In-Reply-To phrases are words, not ids: none may become a key two messages share.
    expect(referencedIds(null, 'your message of Tue, <c@x>')).toEqual(['c@x']);
    expect(referencedIds(['<a@x>', 'garbage id'], undefined)).toEqual(['a@x']);
  });
});

describe('linkKey', () => {
  it('names Gmail threads and messages, Calendar events and Slack messages by their links', () => {
    expect(linkKey('https://mail.google.com/mail/u/0/#inbox/18c0ffe0a1b2c3d4')).toBe('gmail:18c0ffe0a1b2c3d4');
    expect(linkKey('https://mail.google.com/mail/u/1/#label/Work/FMfcgzQXJWxyz')).toBe('gmail:FMfcgzQXJWxyz');
    const eid = Buffer.from('abc123def person@example.com').toString('base64url');
    expect(linkKey(`https://www.google.com/calendar/event?eid=${eid}`)).toBe('gcal:abc123def');
    expect(linkKey(`https://calendar.google.com/calendar/u/0/r/event?eid=${eid}&ctz=Europe/Paris`)).toBe('gcal:abc123def');
    expect(linkKey('https://acme.slack.com/archives/C024BE91L/p1700000000123456')).toBe('slack:C024BE91L/1700000000.123456');
  });

  it('names nothing for other links, plain http, or malformed ids', () => {
    for (const url of ['https://example.com/x', 'http://mail.google.com/mail/u/0/#inbox/18c0ffe0a1b2', 'https://mail.google.com/mail/u/0/#inbox', 'https://acme.slack.com/archives/C024BE91L/123', 'https://www.google.com/calendar/event?eid=%%%', 'not a url']) {
      expect(linkKey(url)).toBeNull();
    }
  });

  it('reads Slack-formatted links (<url|label>) and trailing punctuation from text, bounded', () => {
    const text = 'Did you see <https://mail.google.com/mail/u/0/#inbox/18c0ffe0a1b2|Dana’s email>? Also https://acme.slack.com/archives/C024BE91L/p1700000000123456.';
    expect(linkKeysIn(text)).toEqual(['gmail:18c0ffe0a1b2', 'slack:C024BE91L/1700000000.123456']);
    expect(linkKeysIn('Here: https://acme.slack.com/archives/C024BE91L/p1700000000123456?!…, https://mail.google.com/mail/u/0/#inbox/18c0ffe0a1b2;:')).toEqual(['slack:C024BE91L/1700000000.123456', 'gmail:18c0ffe0a1b2']);
    const flood = Array.from({ length: 50 }, (_, index) => `https://mail.google.com/mail/u/0/#inbox/abcdef${index}`).join(' ');
    expect(linkKeysIn(flood)).toHaveLength(20);
  });
});

describe('itemKeys', () => {
  it('gives an invitation email and its Google Calendar event the same iCalUID key', async () => {
    const raw = [
      'From: Dana <dana@example.com>',
      'To: person@example.com',
      'Subject: Invitation: Q3 planning',
      'Message-ID: <invite-1@calendar.example.com>',
      'MIME-Version: 1.0',
      'Content-Type: multipart/alternative; boundary="B"',
      '',
      '--B',
      'Content-Type: text/plain; charset=UTF-8',
      '',
      'You are invited to Q3 planning.',
      '--B',
      'Content-Type: text/calendar; charset=UTF-8; method=REQUEST',
      '',
      INVITE,
      '--B--',
      '',
    ].join('\r\n');
    const parsed = await parseRfc822(Buffer.from(raw));
    if (!parsed.ok) throw new Error(parsed.reason);
    const event = calendarItemFromGoogle({ id: 'ev1', iCalUID: '3q2ab1mvv5p0d2k8qhhbvc0uts@google.com', summary: 'Q3 planning', start: { dateTime: '2026-01-14T14:00:00Z' } });
    const emailKeys = itemKeys(parsed.item);
    expect(emailKeys).toEqual(expect.arrayContaining(['msg:invite-1@calendar.example.com', 'ical:3q2ab1mvv5p0d2k8qhhbvc0uts@google.com']));
    expect(itemKeys(event)).toContain('ical:3q2ab1mvv5p0d2k8qhhbvc0uts@google.com');
  });

  it('gives a Slack message the key of the email thread it links, and its own permalink key', () => {
    const slack = slackMessageItem({
      ts: '1700000000.123456', threadTs: null, channelId: 'C024BE91L', channelName: 'finance', isDirect: false, authorId: 'U1', authorName: 'Dana',
      text: 'Can you answer <https://mail.google.com/mail/u/0/#inbox/18c0ffe0a1b2|this thread> today?', threadContext: [],
      permalink: 'https://acme.slack.com/archives/C024BE91L/p1700000000123456',
    });
    expect(itemKeys(slack).sort()).toEqual(['gmail:18c0ffe0a1b2', 'slack:C024BE91L/1700000000.123456']);
  });
});

describe('keyLinks', () => {
  it('links by an account-local ID only when one side names it in a link, never two items of that kind in two accounts', () => {
    // Gmail IDs grow with time: two mailboxes receiving mail at the same moment can hold the same one.
    expect(keyLinks('gmail:18c0ffe0a1b2', 'email', 'email')).toBe(false);
    expect(keyLinks('gmail:18c0ffe0a1b2', 'slack_message', 'email')).toBe(true);
    expect(keyLinks('gmail:18c0ffe0a1b2', 'email', 'slack_message')).toBe(true);
    expect(keyLinks('gcal:3q2ab1mvv5p0', 'calendar_event', 'calendar_event')).toBe(false);
    expect(keyLinks('slack:C024BE91L/1700000000.123456', 'slack_message', 'slack_message')).toBe(false);
    expect(keyLinks('slack:C024BE91L/1700000000.123456', 'email', 'slack_message')).toBe(true);
  });

  it('always links by a global key: the same Message-ID or iCalUID in two accounts is one commitment', () => {
    expect(keyLinks('msg:invite-1@calendar.example.com', 'email', 'email')).toBe(true);
    expect(keyLinks('ical:3q2ab1mvv5p0d2k8qhhbvc0uts@google.com', 'calendar_event', 'calendar_event')).toBe(true);
  });
});
