// Proves the fake Google server's Gmail and Calendar APIs against @googleapis/gmail and
// @googleapis/calendar over real sockets: app code that works here speaks Google's protocol.
import { type OAuth2Client } from 'google-auth-library';
import { beforeAll, describe, expect, it } from 'vitest';
import { startFakeGoogle } from '../fakes/google';
import { apis, connectedClient, failure, fake, useFakeGoogle } from '../helpers/fake-google-harness';

useFakeGoogle();

describe('Gmail through @googleapis/gmail', () => {
  let client: OAuth2Client;
  beforeAll(async () => {
    client = await connectedClient();
  });

  it('lists with q and pages, gets full/metadata/minimal/raw, downloads an attachment', async () => {
    const rich = fake.addMessage({
      from: 'Zoë Sender <zoe@example.org>', to: 'person@example.com', subject: 'Réunion: budget', date: '2024-03-01T10:00:00Z',
      text: 'Bonjour, merci de répondre avant vendredi.', html: '<p>Bonjour, <b>merci</b></p>',
      attachments: [{ filename: 'notes.txt', contentType: 'text/plain', content: 'attached notes' }],
    });
    const promo = fake.addMessage({ from: 'deals@shop.example', to: 'person@example.com', subject: 'Sale', date: '2024-03-02T10:00:00Z', text: 'Buy', labelIds: ['INBOX', 'UNREAD', 'CATEGORY_PROMOTIONS'] });
    const read = fake.addMessage({ from: 'a@example.org', to: 'person@example.com', subject: 'Read one', date: '2024-03-03T10:00:00Z', text: 'x', labelIds: ['INBOX'] });
    const rawId = fake.addMessage(
      'From: Old <old@example.net>\r\nTo: person@example.com\r\nSubject: =?ISO-8859-1?Q?caf=E9?=\r\nDate: Mon, 04 Mar 2024 09:00:00 +0000\r\nContent-Type: text/plain; charset=ISO-8859-1\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\nun caf=E9 & des <croissants>\r\n',
    );
    for (const root of [fake.env.GOOGLE_API_ROOT_URL, fake.url, `${fake.url}/ignored/path/`]) {
      const listed = await apis(client, root).mail.users.messages.list({ userId: 'me', q: 'is:unread in:inbox -category:promotions' });
      expect(listed.data.messages?.map((m) => m.id)).toEqual([rawId, rich]);
    }
    const { mail } = apis(client);
    const page1 = await mail.users.messages.list({ userId: 'me', maxResults: 2 });
    expect(page1.data).toMatchObject({ resultSizeEstimate: 4, nextPageToken: expect.any(String) });
    const page2 = await mail.users.messages.list({ userId: 'me', maxResults: 2, pageToken: page1.data.nextPageToken! });
    expect([...page1.data.messages!, ...page2.data.messages!].map((m) => m.id)).toEqual([rawId, read, promo, rich]);
    expect(page2.data.nextPageToken).toBeUndefined();

    const full = (await mail.users.messages.get({ userId: 'me', id: rich, format: 'full' })).data;
    expect(full).toMatchObject({ id: rich, threadId: rich, labelIds: ['INBOX', 'UNREAD'], snippet: 'Bonjour, merci de répondre avant vendredi.', historyId: expect.stringMatching(/^\d+$/) });
    expect(full.payload!.headers!.find((h) => h.name === 'Subject')?.value).toBe('Réunion: budget');
    expect(full.payload).toMatchObject({ partId: '', mimeType: 'multipart/mixed', body: { size: 0 } });
    const [alternative, file] = full.payload!.parts!;
    expect(alternative!.parts!.map((p) => [p.partId, p.mimeType])).toEqual([['0.0', 'text/plain'], ['0.1', 'text/html']]);
    expect(Buffer.from(alternative!.parts![0]!.body!.data!, 'base64url').toString('utf8')).toBe('Bonjour, merci de répondre avant vendredi.');
    expect(file).toMatchObject({ partId: '1', filename: 'notes.txt', body: { size: 14, attachmentId: expect.any(String) } });
    const download = await mail.users.messages.attachments.get({ userId: 'me', messageId: rich, id: file!.body!.attachmentId! });
    expect(Buffer.from(download.data.data!, 'base64url').toString()).toBe('attached notes');

    const meta = (await mail.users.messages.get({ userId: 'me', id: rich, format: 'metadata', metadataHeaders: ['From', 'subject'] })).data;
    expect(meta.payload).toEqual({ partId: '', mimeType: 'multipart/mixed', filename: '', headers: [{ name: 'From', value: 'Zoë Sender <zoe@example.org>' }, { name: 'Subject', value: 'Réunion: budget' }] });
    expect((await mail.users.messages.get({ userId: 'me', id: read, format: 'minimal' })).data.payload).toBeUndefined();
    const raw = (await mail.users.messages.get({ userId: 'me', id: rawId, format: 'raw' })).data.raw!;
    expect(Buffer.from(raw, 'base64url').equals(fake.getMessage(rawId)!.raw)).toBe(true);
    const latin = (await mail.users.messages.get({ userId: 'me', id: rawId })).data;
    expect(latin.snippet).toBe('un café &amp; des &lt;croissants&gt;');
    expect(latin.payload!.headers!.find((h) => h.name === 'Subject')?.value).toBe('café');
    expect(Buffer.from(latin.payload!.body!.data!, 'base64url')).toEqual(Buffer.from('un caf\xe9 & des <croissants>\r\n', 'latin1'));
    expect(await failure(mail.users.messages.get({ userId: 'me', id: 'ffffffffffffffff' }))).toMatchObject({ status: 404, data: { error: { errors: [{ reason: 'notFound' }] } } });
  });

  it('modifies, batch-modifies and reports the changes through history', async () => {
    const { mail } = apis(client);
    const start = (await mail.users.getProfile({ userId: 'me' })).data.historyId!;
    const a = fake.addMessage({ from: 'b@example.org', to: 'person@example.com', subject: 'A', text: 'a' });
    const b = fake.addMessage({ from: 'b@example.org', to: 'person@example.com', subject: 'B', text: 'b' });
    const modified = await mail.users.messages.modify({ userId: 'me', id: a, requestBody: { removeLabelIds: ['UNREAD'] } });
    expect(modified.data).toEqual({ id: a, threadId: a, labelIds: ['INBOX'] });
    expect(fake.getMessage(a)!.labelIds).toEqual(['INBOX']);
    const batch = await mail.users.messages.batchModify({ userId: 'me', requestBody: { ids: [a, b], removeLabelIds: ['INBOX'] } });
    expect(batch.status).toBe(204);
    expect(fake.getMessage(a)!.labelIds).toEqual([]);
    expect((await mail.users.messages.get({ userId: 'me', id: a, format: 'minimal' })).data.labelIds).toBeUndefined();

    const history = (await mail.users.history.list({ userId: 'me', startHistoryId: start })).data;
    expect(history.historyId).toBe(fake.historyId());
    expect(history.history!.map((r) => Object.keys(r).filter((k) => k !== 'id' && k !== 'messages'))).toEqual([['messagesAdded'], ['messagesAdded'], ['labelsRemoved'], ['labelsRemoved'], ['labelsRemoved']]);
    expect(history.history![2]!.labelsRemoved).toEqual([{ message: { id: a, threadId: a, labelIds: ['INBOX'] }, labelIds: ['UNREAD'] }]);
    const added = (await mail.users.history.list({ userId: 'me', startHistoryId: start, historyTypes: ['messageAdded'], maxResults: 1 })).data;
    expect(added.history).toHaveLength(1);
    const rest = (await mail.users.history.list({ userId: 'me', startHistoryId: start, historyTypes: ['messageAdded'], pageToken: added.nextPageToken! })).data;
    expect([...added.history!, ...rest.history!].map((r) => r.messagesAdded![0]!.message!.id)).toEqual([a, b]);

    fake.truncateHistory();
    const gone = await failure(mail.users.history.list({ userId: 'me', startHistoryId: start }));
    expect(gone).toMatchObject({ status: 404, data: { error: { code: 404, status: 'NOT_FOUND', errors: [{ reason: 'notFound' }] } } });
    expect((await mail.users.history.list({ userId: 'me', startHistoryId: fake.historyId() })).data.history).toBeUndefined();
  });

  it('answers the HTTP batch endpoint with one application/http response per part', async () => {
    const id = fake.addMessage({ from: 'c@example.org', to: 'person@example.com', subject: 'Batched', text: 'c' });
    const before = fake.quotaUnitsUsed;
    const boundary = 'batch_test_boundary';
    const parts = [
      ['item1', `GET /gmail/v1/users/me/messages/${id}?format=metadata&metadataHeaders=Subject`],
      ['item2', `POST /gmail/v1/users/me/messages/${id}/modify\r\nContent-Type: application/json\r\n\r\n{"removeLabelIds":["UNREAD"]}`],
      ['item3', 'GET /gmail/v1/users/me/messages/0000000000000000?format=minimal'],
    ];
    const body = parts.map(([cid, http]) => `--${boundary}\r\nContent-Type: application/http\r\nContent-ID: <${cid}>\r\n\r\n${http}\r\n`).join('') + `--${boundary}--\r\n`;
    const headers = { authorization: `Bearer ${client.credentials.access_token}`, 'content-type': `multipart/mixed; boundary=${boundary}` };
    const response = await fetch(`${fake.url}/batch/gmail/v1`, { method: 'POST', headers, body });
    expect(response.status).toBe(200);
    const outer = /boundary=(\S+)/.exec(response.headers.get('content-type')!)![1]!;
    const answers = (await response.text()).split(`--${outer}`).slice(1, -1);
    expect(answers.map((part) => /Content-ID: <([^>]+)>/.exec(part)?.[1])).toEqual(['response-item1', 'response-item2', 'response-item3']);
    expect(answers.map((part) => Number(/HTTP\/1\.1 (\d{3})/.exec(part)?.[1]))).toEqual([200, 200, 404]);
    expect(JSON.parse(answers[0]!.slice(answers[0]!.indexOf('{'))).payload.headers).toEqual([{ name: 'Subject', value: 'Batched' }]);
    expect(fake.getMessage(id)!.labelIds).toEqual(['INBOX']);
    expect(fake.quotaUnitsUsed - before).toBe(15);
    expect(fake.requestLog.filter((entry) => entry.inBatch).slice(-3).map((entry) => entry.route)).toEqual(['gmail.messages.get', 'gmail.messages.modify', 'gmail.messages.get']);
    const tooMany = Array.from({ length: 101 }, () => `--${boundary}\r\nContent-Type: application/http\r\n\r\nGET /gmail/v1/users/me/profile\r\n`).join('') + `--${boundary}--`;
    expect((await fetch(`${fake.url}/batch/gmail/v1`, { method: 'POST', headers, body: tooMany })).status).toBe(400);
  });
});

describe('mailbox control', () => {
  it('threads replies, records deletions, and forgets history beyond historyLimit', async () => {
    const small = await startFakeGoogle({ historyLimit: 2 });
    try {
      const first = small.addMessage({ from: 'g@example.org', to: 'person@example.com', subject: 'Q', text: 'q', messageId: 'q1@example.org' });
      const start = Number(small.historyId());
      const reply = small.addMessage({ from: 'h@example.org', to: 'person@example.com', subject: 'Re: Q', text: 'r', headers: { 'In-Reply-To': '<q1@example.org>' } });
      expect(small.getMessage(reply)!.threadId).toBe(first);
      small.deleteMessage(first);
      const headers = { authorization: `Bearer ${small.issueTokens().access_token}` };
      const history = await fetch(`${small.url}/gmail/v1/users/me/history?startHistoryId=${start}&historyTypes=messageDeleted`, { headers });
      expect(((await history.json()) as { history: unknown[] }).history).toEqual([{ id: String(start + 2), messages: [{ id: first, threadId: first }], messagesDeleted: [{ message: { id: first, threadId: first } }] }]);
      small.modifyLabels(reply, { remove: ['UNREAD'] });
      expect((await fetch(`${small.url}/gmail/v1/users/me/history?startHistoryId=${start}`, { headers })).status).toBe(404);
    } finally {
      await small.close();
    }
  });
});

describe('Calendar through @googleapis/calendar', () => {
  it('runs a paged full sync, an incremental sync with changes and cancellations, and 410 after invalidation', async () => {
    const { cal } = apis(await connectedClient());
    const standup = fake.addEvent({ summary: 'Standup', start: { dateTime: '2030-01-06T09:00:00Z' }, end: { dateTime: '2030-01-06T09:15:00Z' }, hangoutLink: 'https://meet.google.com/abc-defg-hij' });
    const review = fake.addEvent({
      summary: 'Review', location: 'Room 1', start: { dateTime: '2030-01-07T13:00:00+01:00' }, end: { dateTime: '2030-01-07T14:00:00+01:00' },
      organizer: { email: 'boss@example.org' }, attendees: [{ email: 'boss@example.org' }, { email: 'person@example.com', responseStatus: 'accepted' }],
    });
    fake.addEvent({ summary: 'Holiday', start: { date: '2030-01-10' }, end: { date: '2030-01-11' } });
    const window = { calendarId: 'primary', singleEvents: true, timeMin: '2030-01-06T00:00:00Z', timeMax: '2030-01-08T00:00:00Z' };
    const ordered = await cal.events.list({ ...window, orderBy: 'startTime' });
    expect(ordered.data.items!.map((e) => e.summary)).toEqual(['Standup', 'Review']);
    expect(ordered.data.nextSyncToken).toBeUndefined();
    expect(ordered.data.items![1]!.attendees).toEqual([
      { email: 'boss@example.org', organizer: true, responseStatus: 'needsAction' },
      { email: 'person@example.com', self: true, responseStatus: 'accepted' },
    ]);
    const first = await cal.events.list({ ...window, maxResults: 1 });
    expect(first.data).toMatchObject({ nextPageToken: expect.any(String) });
    expect(first.data.nextSyncToken).toBeUndefined();
    const last = await cal.events.list({ ...window, maxResults: 1, pageToken: first.data.nextPageToken! });
    expect(last.data.nextPageToken).toBeUndefined();
    const syncToken = last.data.nextSyncToken!;
    expect(syncToken).toEqual(expect.any(String));

    fake.updateEvent(standup, { summary: 'Standup (moved)' });
    fake.cancelEvent(review);
    fake.addEvent({ summary: 'New', start: { dateTime: '2031-01-01T10:00:00Z' }, end: { dateTime: '2031-01-01T11:00:00Z' } });
    const changes = await cal.events.list({ calendarId: 'primary', singleEvents: true, syncToken });
    expect(changes.data.items!.map((e) => [e.summary, e.status])).toEqual([['Standup (moved)', 'confirmed'], [undefined, 'cancelled'], ['New', 'confirmed']]);
    expect(changes.data.items![1]).toEqual({ kind: 'calendar#event', etag: expect.any(String), id: review, status: 'cancelled' });
    const next = changes.data.nextSyncToken!;
    expect((await cal.events.list({ calendarId: 'primary', syncToken: next })).data.items).toEqual([]);

    expect(await failure(cal.events.list({ calendarId: 'primary', syncToken: next, timeMin: '2030-01-01T00:00:00Z' }))).toMatchObject({ status: 400 });
    expect((await failure(cal.events.list({ calendarId: 'primary', orderBy: 'startTime' }))).status).toBe(400);
    fake.invalidateSyncTokens();
    const gone = await failure(cal.events.list({ calendarId: 'primary', syncToken: next }));
    expect(gone).toMatchObject({ status: 410, data: { error: { code: 410, errors: [{ domain: 'calendar', reason: 'fullSyncRequired' }] } } });
  });
});

