// Proves the fake Google server against the real client libraries (google-auth-library,
// @googleapis/gmail, @googleapis/calendar) over real sockets: if these pass, app code that works
// here speaks the same protocol as it would to Google.
import { calendar, type calendar_v3 } from '@googleapis/calendar';
import { gmail, type gmail_v1 } from '@googleapis/gmail';
import { CodeChallengeMethod, OAuth2Client } from 'google-auth-library';
import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type FakeGoogle, startFakeGoogle, visitAuthorizationUrl } from '../fakes/google';

const scopes = ['openid', 'email', 'https://www.googleapis.com/auth/gmail.modify', 'https://www.googleapis.com/auth/calendar.readonly'];
let fake: FakeGoogle;
let loopback: Server;
let redirectUri: string;
const callbacks: URL[] = [];

// Status, body and headers of a GaxiosError (gaxios 7 keeps fetch Headers on the response).
// `data` is any because each test reads a different Google error shape from it.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function failure(promise: Promise<unknown>): Promise<{ status: number; data: any; headers: Headers }> {
  const error = await promise.then(
    () => expect.fail('expected the call to fail'),
    (caught: unknown) => caught as { response?: { status: number; data: unknown; headers: Headers } },
  );
  if (!error.response) throw error as Error;
  return { status: error.response.status, data: error.response.data, headers: error.response.headers };
}

function newClient(): OAuth2Client {
  return new OAuth2Client({
    clientId: fake.env.GMAIL_CLIENT_ID,
    clientSecret: fake.env.GMAIL_CLIENT_SECRET,
    redirectUri,
    endpoints: { oauth2AuthBaseUrl: fake.env.GOOGLE_OAUTH_AUTH_URL, oauth2TokenUrl: fake.env.GOOGLE_OAUTH_TOKEN_URL, oauth2RevokeUrl: fake.env.GOOGLE_OAUTH_REVOKE_URL },
  });
}

// Runs the browser part of the flow: returns the callback URL and the verifier of this attempt.
async function authorize(client: OAuth2Client, state = 'state-123'): Promise<{ callback: URL; codeVerifier: string }> {
  const { codeVerifier, codeChallenge } = await client.generateCodeVerifierAsync();
  const url = client.generateAuthUrl({ access_type: 'offline', prompt: 'consent', scope: scopes, state, code_challenge: codeChallenge, code_challenge_method: CodeChallengeMethod.S256 });
  const { location, callbackStatus } = await visitAuthorizationUrl(url, { follow: true });
  expect(callbackStatus).toBe(200);
  expect(callbacks.at(-1)?.toString()).toBe(location.toString());
  return { callback: location, codeVerifier };
}

async function connectedClient(): Promise<OAuth2Client> {
  const client = newClient();
  const { callback, codeVerifier } = await authorize(client);
  client.setCredentials((await client.getToken({ code: callback.searchParams.get('code')!, codeVerifier })).tokens);
  return client;
}

// googleapis-common pins google-auth-library 10.5.0 while the project has 10.9.1: the same class at
// runtime, two declarations for TypeScript (private fields), hence the casts.
function apis(client: OAuth2Client, rootUrl = fake.env.GOOGLE_API_ROOT_URL) {
  return {
    mail: gmail({ version: 'v1', auth: client as unknown as gmail_v1.Options['auth'], rootUrl }),
    cal: calendar({ version: 'v3', auth: client as unknown as calendar_v3.Options['auth'], rootUrl }),
  };
}

beforeAll(async () => {
  fake = await startFakeGoogle();
  loopback = createServer((req, res) => {
    callbacks.push(new URL(req.url ?? '/', redirectUri));
    res.end('done');
  });
  await new Promise<void>((resolve) => loopback.listen(0, '127.0.0.1', resolve));
  redirectUri = `http://127.0.0.1:${(loopback.address() as AddressInfo).port}/oauth/callback`;
});
afterAll(async () => {
  await fake?.close();
  loopback?.closeAllConnections();
  await new Promise((resolve) => loopback?.close(resolve));
});
afterEach(() => {
  fake.grantScopes('all');
  fake.clearFaults();
});

describe('OAuth against OAuth2Client with custom endpoints', () => {
  it('runs authorize -> code exchange with PKCE -> userinfo -> refresh -> revoke', async () => {
    const client = newClient();
    const { callback, codeVerifier } = await authorize(client, 'abc');
    expect(callback.searchParams.get('state')).toBe('abc');
    expect(callback.searchParams.get('scope')?.split(' ')).toEqual(expect.arrayContaining(['openid', 'https://www.googleapis.com/auth/userinfo.email', scopes[2], scopes[3]]));
    const { tokens } = await client.getToken({ code: callback.searchParams.get('code')!, codeVerifier });
    expect(tokens).toMatchObject({ token_type: 'Bearer', access_token: expect.stringContaining('FAKETOKEN'), refresh_token: expect.stringContaining('FAKETOKEN') });
    expect(tokens.expiry_date).toBeGreaterThan(Date.now() + 3_500_000);
    expect(JSON.parse(Buffer.from(tokens.id_token!.split('.')[1]!, 'base64url').toString())).toMatchObject({ email: 'person@example.com', aud: fake.env.GMAIL_CLIENT_ID });
    client.setCredentials(tokens);
    const me = await client.request<Record<string, unknown>>({ url: fake.env.GOOGLE_USERINFO_URL });
    expect(me.data).toEqual({ sub: fake.account.sub, email: 'person@example.com', email_verified: true });

    // Google answers a refresh without a new refresh token; the library keeps the old one.
    const raw = await fetch(fake.env.GOOGLE_OAUTH_TOKEN_URL, { method: 'POST', body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token!, client_id: fake.env.GMAIL_CLIENT_ID, client_secret: fake.env.GMAIL_CLIENT_SECRET }) });
    expect(Object.keys((await raw.json()) as object).sort()).toEqual(['access_token', 'expires_in', 'id_token', 'scope', 'token_type']);
    const refreshed = await client.refreshAccessToken();
    expect(refreshed.credentials.access_token).not.toBe(tokens.access_token);
    expect(refreshed.credentials.refresh_token).toBe(tokens.refresh_token);

    await client.revokeToken(tokens.refresh_token!);
    expect(await failure(client.refreshAccessToken())).toMatchObject({ status: 400, data: { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' } });
    expect((await failure(client.request({ url: fake.env.GOOGLE_USERINFO_URL }))).status).toBe(401);
  });

  it('refreshes through getAccessToken once the credentials are expired', async () => {
    const client = await connectedClient();
    const old = client.credentials.access_token;
    client.setCredentials({ ...client.credentials, expiry_date: Date.now() - 1000 });
    expect((await client.getAccessToken()).token).not.toBe(old);
    expect(fake.issuedTokens().accessTokens.every((token) => token.includes('FAKETOKEN'))).toBe(true);
  });

  it('refuses a wrong verifier, a reused code, a wrong secret and a different redirect_uri', async () => {
    const client = newClient();
    const first = await authorize(client);
    const code = first.callback.searchParams.get('code')!;
    expect(await failure(client.getToken({ code, codeVerifier: 'x'.repeat(43) }))).toMatchObject({ status: 400, data: { error: 'invalid_grant' } });
    const second = await authorize(client);
    const code2 = second.callback.searchParams.get('code')!;
    await client.getToken({ code: code2, codeVerifier: second.codeVerifier });
    expect(await failure(client.getToken({ code: code2, codeVerifier: second.codeVerifier }))).toMatchObject({ status: 400, data: { error: 'invalid_grant', error_description: 'Bad Request' } });
    const third = await authorize(client);
    const badSecret = new OAuth2Client({ clientId: fake.env.GMAIL_CLIENT_ID, clientSecret: 'nope', redirectUri, endpoints: { oauth2TokenUrl: fake.env.GOOGLE_OAUTH_TOKEN_URL } });
    expect(await failure(badSecret.getToken({ code: third.callback.searchParams.get('code')!, codeVerifier: third.codeVerifier }))).toMatchObject({ status: 401, data: { error: 'invalid_client' } });
    const fourth = await authorize(client);
    const other = await failure(client.getToken({ code: fourth.callback.searchParams.get('code')!, codeVerifier: fourth.codeVerifier, redirect_uri: 'http://127.0.0.1:1/other' }));
    expect(other).toMatchObject({ status: 400, data: { error: 'redirect_uri_mismatch' } });
  });

  it('rejects non-loopback redirects and unknown clients, and reports a refusal to the redirect URI', async () => {
    const evil = new URL(fake.env.GOOGLE_OAUTH_AUTH_URL);
    for (const [key, value] of Object.entries({ client_id: fake.env.GMAIL_CLIENT_ID, redirect_uri: 'https://evil.example/cb', response_type: 'code', scope: 'openid', code_challenge: 'a'.repeat(43), code_challenge_method: 'S256' })) evil.searchParams.set(key, value);
    const page = await fetch(evil, { redirect: 'manual' });
    expect(page.status).toBe(400);
    expect(await page.text()).toContain('redirect_uri_mismatch');
    evil.searchParams.set('redirect_uri', redirectUri);
    evil.searchParams.set('client_id', 'someone-else');
    expect((await fetch(evil, { redirect: 'manual' })).status).toBe(401);
    fake.grantScopes('deny');
    const client = newClient();
    const url = client.generateAuthUrl({ scope: scopes, state: 's1', code_challenge: 'a'.repeat(43), code_challenge_method: CodeChallengeMethod.S256 });
    const { location } = await visitAuthorizationUrl(url);
    expect(Object.fromEntries(location.searchParams)).toEqual({ state: 's1', error: 'access_denied' });
  });

  it('omits the refresh token without access_type=offline, as Google does', async () => {
    const client = newClient();
    const { codeVerifier, codeChallenge } = await client.generateCodeVerifierAsync();
    const { location } = await visitAuthorizationUrl(client.generateAuthUrl({ scope: scopes, code_challenge: codeChallenge, code_challenge_method: CodeChallengeMethod.S256 }));
    const { tokens } = await client.getToken({ code: location.searchParams.get('code')!, codeVerifier });
    expect(tokens.refresh_token).toBeUndefined();
  });
});

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

describe('faults, scopes, expiry, quota and latency', () => {
  it('shows how the googleapis client retries: GET on 429/5xx yes, POST no, 403 never', async () => {
    const { mail } = apis(await connectedClient());
    const id = fake.addMessage({ from: 'd@example.org', to: 'person@example.com', subject: 'D', text: 'd' });
    fake.resetCounters();
    fake.injectFault('gmail.messages.get', { status: 429, retryAfterSeconds: 7 });
    expect((await mail.users.messages.get({ userId: 'me', id })).status).toBe(200);
    expect(fake.callCount('gmail.messages.get')).toBe(2);
    fake.injectFault('gmail.messages.get', { status: 429, retryAfterSeconds: 7 });
    const limited = await failure(mail.users.messages.get({ userId: 'me', id }, { retry: false }));
    expect(limited.headers.get('retry-after')).toBe('7');
    expect(limited.data.error).toMatchObject({ code: 429, status: 'RESOURCE_EXHAUSTED', errors: [{ reason: 'rateLimitExceeded', domain: 'usageLimits' }] });
    fake.injectFault('gmail.messages.modify', { status: 503 });
    expect((await failure(mail.users.messages.modify({ userId: 'me', id, requestBody: { addLabelIds: ['STARRED'] } }))).status).toBe(503);
    expect(fake.callCount('gmail.messages.modify')).toBe(1);
    fake.injectFault('gmail.messages.list', { status: 403, reason: 'userRateLimitExceeded' });
    expect((await failure(mail.users.messages.list({ userId: 'me' }))).data.error.errors[0].reason).toBe('userRateLimitExceeded');
    expect(fake.callCount('gmail.messages.list')).toBe(1);
    // The token endpoint is retried even for POST: google-auth-library adds POST to its own retry list.
    const refresher = await connectedClient();
    const tokenCalls = fake.callCount('oauth.token');
    fake.injectFault('oauth.token', { status: 500 });
    expect((await refresher.refreshAccessToken()).credentials.access_token).toContain('FAKETOKEN');
    expect(fake.callCount('oauth.token') - tokenCalls).toBe(2);
  });

  it('answers 401 with WWW-Authenticate for an expired token and 403 for a missing scope', async () => {
    const client = await connectedClient();
    const { mail } = apis(client);
    fake.expireAccessTokens();
    const expired = await failure(mail.users.getProfile({ userId: 'me' }));
    expect(expired.status).toBe(401);
    expect(expired.headers.get('www-authenticate')).toContain('error="invalid_token"');
    expect(expired.data.error.errors[0].reason).toBe('authError');
    // The person unticks Gmail on the consent screen: Calendar works, Gmail answers 403.
    fake.grantScopes(['calendar.readonly']);
    const narrowClient = newClient();
    const { callback, codeVerifier } = await authorize(narrowClient);
    expect(callback.searchParams.get('scope')).toBe('openid https://www.googleapis.com/auth/userinfo.email https://www.googleapis.com/auth/calendar.readonly');
    narrowClient.setCredentials((await narrowClient.getToken({ code: callback.searchParams.get('code')!, codeVerifier })).tokens);
    const narrow = apis(narrowClient);
    expect((await narrow.cal.events.list({ calendarId: 'primary' })).status).toBe(200);
    const id = fake.addMessage({ from: 'e@example.org', to: 'person@example.com', subject: 'E', text: 'e' });
    const denied = await failure(narrow.mail.users.messages.get({ userId: 'me', id }));
    expect(denied).toMatchObject({ status: 403, data: { error: { status: 'PERMISSION_DENIED', errors: [{ reason: 'insufficientPermissions' }] } } });
    expect(denied.headers.get('www-authenticate')).toContain('insufficient_scope');
    // gmail.readonly may read but not modify.
    const readonly = { authorization: `Bearer ${fake.issueTokens(['gmail.readonly']).access_token}`, 'content-type': 'application/json' };
    const messageUrl = `${fake.url}/gmail/v1/users/me/messages/${id}`;
    expect((await fetch(messageUrl, { headers: readonly })).status).toBe(200);
    expect((await fetch(`${messageUrl}/modify`, { method: 'POST', headers: readonly, body: '{"removeLabelIds":["UNREAD"]}' })).status).toBe(403);
  });

  it('enforces the per-user quota with a sliding window and adds latency', async () => {
    const limited = await startFakeGoogle({ quota: { unitsPerSecond: 12 }, latencyMs: [40, 50] });
    try {
      const { access_token } = limited.issueTokens();
      const id = limited.addMessage({ from: 'f@example.org', to: 'person@example.com', subject: 'F', text: 'f' });
      const get = () => fetch(`${limited.url}/gmail/v1/users/me/messages/${id}?format=minimal`, { headers: { authorization: `Bearer ${access_token}` } });
      const started = performance.now();
      expect((await get()).status).toBe(200);
      expect(performance.now() - started).toBeGreaterThanOrEqual(39);
      expect((await get()).status).toBe(200);
      const third = await get();
      expect(third.status).toBe(429);
      expect(third.headers.get('retry-after')).toBe('1');
      expect(await third.json()).toMatchObject({ error: { code: 429, errors: [{ reason: 'rateLimitExceeded' }] } });
      expect(limited.quotaUnitsUsed).toBe(10);
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect((await get()).status).toBe(200);
    } finally {
      await limited.close();
    }
  });
});
