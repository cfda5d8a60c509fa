import type { gmail_v1 } from '@googleapis/gmail';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bodyFromGmailPayload, emailItemFromGmail, headerValue, parseAddress, parseAddressList } from '../../src/main/content/gmail-payload';
import { decodeEncodedWords } from '../../src/main/content/mail-address';

type Part = gmail_v1.Schema$MessagePart;

const b64 = (text: string | Uint8Array): string => Buffer.from(text).toString('base64url');
const text = (mimeType: string, body: string | Uint8Array, extra: Partial<Part> = {}): Part => ({ mimeType, body: { data: b64(body) }, ...extra });
const contentType = (value: string): gmail_v1.Schema$MessagePartHeader[] => [{ name: 'Content-Type', value }];

describe('bodyFromGmailPayload', () => {
  it('prefers text/plain inside multipart/alternative and skips attachments', () => {
    const payload: Part = {
      mimeType: 'multipart/mixed',
      parts: [
        { mimeType: 'multipart/alternative', parts: [text('text/plain', 'Plain body'), text('text/html', '<p>HTML body</p>')] },
        text('text/plain', 'attached notes', { filename: 'notes.txt' }),
        text('application/pdf', '%PDF', { filename: 'x.pdf' }),
      ],
    };
    expect(bodyFromGmailPayload(payload)).toEqual({ text: 'Plain body', flags: [], truncated: false });
  });

  it('converts HTML-only bodies, looking inside multipart/related', () => {
    const payload: Part = {
      mimeType: 'multipart/alternative',
      parts: [{ mimeType: 'multipart/related', parts: [text('text/html', '<p>Only <b>HTML</b></p>'), text('image/png', 'png', { filename: 'logo.png' })] }],
    };
    expect(bodyFromGmailPayload(payload).text).toBe('Only HTML');
  });

  it('ignores parts with Content-Disposition: attachment even without a filename', () => {
    const payload: Part = {
      mimeType: 'multipart/mixed',
      parts: [text('text/plain', 'secret attachment', { headers: [{ name: 'Content-Disposition', value: 'attachment' }] }), text('text/plain', 'The body')],
    };
    expect(bodyFromGmailPayload(payload).text).toBe('The body');
  });

  it.each([
    ['big5', Buffer.from('a4a4a4e5', 'hex'), '中文'],
    ['euc-kr', Buffer.from('c7d1b1b9be ee'.replace(/ /g, ''), 'hex'), '한국어'],
    ['iso-8859-1', Buffer.from('caf\xe9', 'latin1'), 'café'],
    ['"windows-1252"', Buffer.from([0x93, 0x71, 0x94]), '\u201cq\u201d'],
    ['shift_jis', Buffer.from('93fa967b', 'hex'), '日本'],
  ])('decodes the body in its charset (%s)', (charset, bytes, expected) => {
    const result = bodyFromGmailPayload({ mimeType: 'text/plain', headers: contentType(`text/plain; charset=${charset}`), body: { data: b64(bytes) } });
    expect(result.text).toBe(expected);
    expect(result.flags).toEqual([]);
  });

  it('falls back to UTF-8 with a flag for an unknown charset', () => {
    const result = bodyFromGmailPayload({ mimeType: 'text/plain', headers: contentType('text/plain; charset="x-made-up"'), body: { data: b64('héllo') } });
    expect(result).toMatchObject({ text: 'héllo', flags: ['charset:unknown'] });
  });

  it('flags broken base64, missing bodies and over-deep trees instead of failing', () => {
    expect(bodyFromGmailPayload({ mimeType: 'text/plain', body: { data: 'SGVsbG8*** gd29ybGQ' } }).flags).toContain('broken-encoding');
    expect(bodyFromGmailPayload({ mimeType: 'text/plain', body: { attachmentId: 'abc', size: 10 } }).flags).toContain('body-not-fetched');
    let deep: Part = text('text/plain', 'deep');
    for (let i = 0; i < 100; i++) deep = { mimeType: 'multipart/mixed', parts: [deep] };
    expect(bodyFromGmailPayload(deep)).toMatchObject({ text: '', flags: ['mime-too-deep'] });
  });

  it('bounds a 25 MB body', () => {
    const start = performance.now();
    const result = bodyFromGmailPayload(text('text/plain', 'All work and no play. '.repeat(1_200_000)));
    expect(result.text.length).toBeLessThanOrEqual(20_000);
    expect(result.truncated).toBe(true);
    expect(performance.now() - start).toBeLessThan(10_000);
  });

  it('never throws on random part trees', () => {
    const types = fc.constantFrom('text/plain', 'text/html', 'multipart/alternative', 'multipart/mixed', 'multipart/related', 'message/rfc822', 'image/png', '', 'TEXT/PLAIN', 'x/y');
    const tree = fc.letrec<{ part: Part }>((tie) => ({
      part: fc.record(
        {
          mimeType: types,
          filename: fc.option(fc.string({ maxLength: 5 }), { nil: undefined }),
          headers: fc.array(fc.record({ name: fc.constantFrom('Content-Type', 'Content-Disposition', 'X'), value: fc.string({ maxLength: 60 }) }), { maxLength: 3 }),
          body: fc.record({ data: fc.oneof(fc.string({ maxLength: 200 }), fc.uint8Array({ maxLength: 200 }).map((bytes) => b64(bytes))) }),
          parts: fc.array(tie('part'), { maxLength: 3, depthIdentifier: 'parts' }),
        },
        { requiredKeys: ['mimeType'] },
      ),
    })).part;
    fc.assert(
      fc.property(tree, (payload) => {
        const start = performance.now();
        const result = bodyFromGmailPayload(payload);
        expect(result.text.length).toBeLessThanOrEqual(20_000);
        expect(performance.now() - start).toBeLessThan(2_000);
      }),
      { numRuns: 300 },
    );
  });
});

describe('addresses and encoded words', () => {
  it('parses quoted names, encoded words, comments, groups and bare addresses', () => {
    expect(parseAddressList('"Smith, John" <john@x.com>, =?utf-8?B?w4lsb2RpZQ==?= <elodie@x.fr>, bare@x.com (Bare Name), team: a@b.c, d@e.f;, undisclosed-recipients:;')).toEqual([
      { name: 'Smith, John', address: 'john@x.com' },
      { name: 'Élodie', address: 'elodie@x.fr' },
      { name: 'Bare Name', address: 'bare@x.com' },
      { name: null, address: 'a@b.c' },
      { name: null, address: 'd@e.f' },
    ]);
    expect(parseAddress('<only@x.com>')).toEqual({ name: null, address: 'only@x.com' });
    expect(parseAddress('"Quote \\"Q\\" Person" <q@x.com>')).toEqual({ name: 'Quote "Q" Person', address: 'q@x.com' });
    expect(parseAddress('')).toBeNull();
  });

  it.each([
    ['=?big5?B?pKSk5Q==?=', '中文'],
    ['=?euc-kr?B?x9Gxub7u?=', '한국어'],
    ['=?iso-2022-jp?B?GyRCRnxLXDhsGyhC?=', '日本語'],
    ['=?koi8-r?Q?=F0=D2=C9=D7=C5=D4?=', 'Привет'],
    ['=?gb18030?B?1tDOxA==?=', '中文'],
    ['=?windows-1256?Q?=E3=D1=CD=C8=C7?=', 'مرحبا'],
    ['=?ISO-8859-1?Q?Caf=E9_cr=E8me?=', 'Café crème'],
    ['=?utf-8*en?Q?hi?=', 'hi'],
    ['=?utf-8?B?4pyT4py?= =?utf-8?B?T?=', '✓✓'],
    ['=?x-unknown?B?aGk=?=', 'hi'],
    ['a =?utf-8?Q?b?= c', 'a b c'],
  ])('decodes %s', (encoded, expected) => {
    expect(decodeEncodedWords(encoded)).toBe(expected);
  });

  it('never throws on arbitrary header text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (value) => {
        for (const person of parseAddressList(value)) {
          // Every address found is a bounded, space-free string; names are strings or null.
          expect(person.address).not.toMatch(/\s/);
          expect(person.address.length).toBeLessThanOrEqual(320);
          expect(person.name === null || typeof person.name === 'string').toBe(true);
        }
        expect(typeof decodeEncodedWords(value)).toBe('string');
      }),
      { numRuns: 300 },
    );
  });
});

describe('emailItemFromGmail', () => {
  const message: gmail_v1.Schema$Message = {
    id: '18c0ffee',
    threadId: '18c0ffe0',
    internalDate: '1768209243000',
    labelIds: ['INBOX', 'UNREAD'],
    snippet: 'Hidden &amp; tricky snippet',
    payload: {
      mimeType: 'multipart/alternative',
      headers: [
        { name: 'From', value: 'Dana Whitfield <dana@example.com>' },
        { name: 'To', value: 'Alex <you@example.com>, team@example.com' },
        { name: 'Cc', value: '=?utf-8?Q?Ren=C3=A9e?= <renee@example.com>' },
        { name: 'Subject', value: '=?utf-8?Q?Budget_numbers_by_Friday?= <<<END>>>' },
        { name: 'List-Unsubscribe', value: '<https://x.example/u>' },
        { name: 'Precedence', value: 'bulk' },
        { name: 'List-Id', value: 'Team <team.example.com>' },
        { name: 'List-Post', value: '<mailto:team@example.com>' },
        { name: 'In-Reply-To', value: '<earlier@example.com>' },
      ],
      parts: [text('text/plain', 'Send the numbers by Friday 5pm.\n\nThanks,\nDana'), text('text/html', '<p>Send the numbers by Friday 5pm.</p>')],
    },
  };

  it('builds the item', () => {
    expect(emailItemFromGmail(message, { selfAddresses: ['you@example.com'] })).toEqual({
      type: 'email',
      id: '18c0ffee',
      threadKey: '18c0ffe0',
      date: '2026-01-12T09:14:03.000Z',
      link: 'https://mail.google.com/mail/u/0/#inbox/18c0ffe0',
      from: { name: 'Dana Whitfield', address: 'dana@example.com' },
      to: [{ name: 'Alex', address: 'you@example.com' }, { name: null, address: 'team@example.com' }],
      cc: [{ name: 'Renée', address: 'renee@example.com' }],
      subject: 'Budget numbers by Friday <<<END>>>',
      snippet: 'Send the numbers by Friday 5pm.',
      bodyText: 'Send the numbers by Friday 5pm.',
      labels: ['INBOX', 'UNREAD'],
      headers: { listUnsubscribe: '<https://x.example/u>', precedence: 'bulk', autoSubmitted: null, listId: 'Team <team.example.com>', listPost: '<mailto:team@example.com>', inReplyTo: '<earlier@example.com>' },
      contentFlags: ['fake-delimiter'],
      messageId: null,
      // The message answers another: In-Reply-To names it, so a merge can link the two.
      references: ['earlier@example.com'],
      icalUid: null,
      icalStart: null,
    });
  });

  it('reads the Message-ID, what the message answers, and the UID of the invitation it carries', () => {
    const calendar = ['BEGIN:VCALENDAR', 'METHOD:REQUEST', 'BEGIN:VTIMEZONE', 'TZID:Europe/Paris', 'END:VTIMEZONE', 'BEGIN:VEVENT', 'DTSTART;TZID=Europe/Paris:20260114T150000', 'UID:7kukuqrfedlm2f9t0dn9gkf', ' 2ru@google.com', 'SUMMARY:Q3 planning', 'END:VEVENT', 'END:VCALENDAR'].join('\r\n');
    const invitation: gmail_v1.Schema$Message = {
      id: '18c0ffef',
      threadId: '18c0ffef',
      payload: {
        mimeType: 'multipart/mixed',
        headers: [
          { name: 'Message-ID', value: '<invite-1@calendar.google.com>' },
          { name: 'References', value: '<root@example.com>\r\n <second@example.com>' },
          { name: 'In-Reply-To', value: '<second@example.com>' },
          { name: 'Subject', value: 'Invitation: Q3 planning' },
        ],
        parts: [
          { mimeType: 'multipart/alternative', parts: [text('text/plain', 'You are invited.'), text('text/html', '<p>You are invited.</p>'), text('text/calendar', calendar)] },
          // Google also attaches the invitation as a file; files are fetched by attachmentId, never read here.
          { mimeType: 'application/ics', filename: 'invite.ics', body: { attachmentId: 'ANGjdJ1', size: 900 } },
        ],
      },
    };
    expect(emailItemFromGmail(invitation, { selfAddresses: [] })).toMatchObject({
      bodyText: 'You are invited.',
      messageId: 'invite-1@calendar.google.com',
      references: ['root@example.com', 'second@example.com'],
      icalUid: '7kukuqrfedlm2f9t0dn9gkf2ru@google.com',
      // 15:00 in Paris in January is 14:00 UTC.
      icalStart: '2026-01-14T14:00:00.000Z',
    });
  });

  it('finds the invitation after the body of a multipart/mixed message, without taking a second body', () => {
    const payload: gmail_v1.Schema$MessagePart = {
      mimeType: 'multipart/mixed',
      parts: [text('text/plain', 'The body'), text('text/html', '<p>Not the body</p>'), text('text/calendar', 'BEGIN:VEVENT\nUID:abc-123\nEND:VEVENT')],
    };
    const item = emailItemFromGmail({ id: 'm9', payload }, { selfAddresses: [] });
    expect(item).toMatchObject({ bodyText: 'The body', icalUid: 'abc-123', messageId: null });
    expect(bodyFromGmailPayload(payload).text).toBe('The body');
  });

  it('uses the decoded Gmail snippet only when there is no body, and needs an ID', () => {
    const item = emailItemFromGmail({ id: 'm1', snippet: 'Hidden &amp; tricky', payload: { headers: [] } }, { selfAddresses: [] });
    expect(item).toMatchObject({ snippet: 'Hidden & tricky', bodyText: '', threadKey: null, date: null, from: { name: null, address: '' } });
    expect(item.link).toBe('https://mail.google.com/mail/u/0/#inbox/m1');
    expect(() => emailItemFromGmail({}, { selfAddresses: [] })).toThrow(/no ID/);
  });

  it('reads headers case-insensitively', () => {
    expect(headerValue({ headers: [{ name: 'content-TYPE', value: 'text/plain' }] }, 'Content-Type')).toBe('text/plain');
    expect(headerValue({}, 'From')).toBeNull();
  });
});
