// Proves the fake Google server's OAuth and fault behaviour against the real google-auth-library
// over real sockets (the Gmail and Calendar APIs are in fake-google-apis.test.ts).
import { CodeChallengeMethod, OAuth2Client } from 'google-auth-library';
import { describe, expect, it } from 'vitest';
import { decodeAuthError } from '../../src/main/providers/google/google-client-check';
import { startFakeGoogle, visitAuthorizationUrl } from '../fakes/google';
import { apis, authorize, connectedClient, failure, fake, newClient, redirectUri, scopes, useFakeGoogle } from '../helpers/fake-google-harness';

useFakeGoogle();

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
    // Google sends the browser to its own error page with the reason in authError, never back to the app.
    const page = await fetch(evil, { redirect: 'manual' });
    expect(page.status).toBe(302);
    const errorPage = new URL(page.headers.get('location')!);
    expect(errorPage.pathname).toBe('/signin/oauth/error/v2');
    expect(decodeAuthError(errorPage.searchParams.get('authError')!)).toMatchObject({ code: 'redirect_uri_mismatch' });
    expect(await (await fetch(errorPage)).text()).toContain('redirect_uri_mismatch');
    evil.searchParams.set('redirect_uri', redirectUri);
    evil.searchParams.set('client_id', 'someone-else');
    const unknown = new URL((await fetch(evil, { redirect: 'manual' })).headers.get('location')!);
    expect(decodeAuthError(unknown.searchParams.get('authError')!)).toEqual({ code: 'invalid_client', message: 'The OAuth client was not found.' });
    fake.grantScopes('deny');
    const client = newClient();
    const url = client.generateAuthUrl({ scope: scopes, state: 's1', code_challenge: 'a'.repeat(43), code_challenge_method: CodeChallengeMethod.S256 });
    const { location } = await visitAuthorizationUrl(url);
    expect(Object.fromEntries(location.searchParams)).toEqual({ state: 's1', error: 'access_denied' });
    // An app in Testing lets only its test users through; anyone else comes back with access_denied too.
    fake.grantScopes('all');
    fake.setTestUsers(['someone@example.com']);
    expect(Object.fromEntries((await visitAuthorizationUrl(url)).location.searchParams)).toEqual({ state: 's1', error: 'access_denied' });
    fake.setTestUsers([fake.account.email]);
    expect((await visitAuthorizationUrl(url)).location.searchParams.get('code')).toBeTruthy();
    fake.setTestUsers(null);
  });

  it('omits the refresh token without access_type=offline, as Google does', async () => {
    const client = newClient();
    const { codeVerifier, codeChallenge } = await client.generateCodeVerifierAsync();
    const { location } = await visitAuthorizationUrl(client.generateAuthUrl({ scope: scopes, code_challenge: codeChallenge, code_challenge_method: CodeChallengeMethod.S256 }));
    const { tokens } = await client.getToken({ code: location.searchParams.get('code')!, codeVerifier });
    expect(tokens.refresh_token).toBeUndefined();
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
