// Proves the fake Slack server against the real @slack/web-api WebClient over real sockets: OAuth v2
// with PKCE and token rotation, the read methods the sync uses, reactions, revoke, and both ways
// WebClient meets a 429 (wait Retry-After and retry, or reject at once).
import { type ConversationsHistoryResponse, ErrorCode, LogLevel, WebClient, WebClientEvent, type WebClientOptions } from '@slack/web-api';
import { afterEach, describe, expect, it } from 'vitest';
import { createPkcePair, createState } from '../../src/main/auth/pkce';
import { type FakeSlack, type FakeSlackOptions, slackUserScopes, startFakeSlack, visitSlackAuthorize } from '../fakes/slack';

const redirectUri = 'http://localhost:53682/slack/callback';
const started: FakeSlack[] = [];

async function fake(options: FakeSlackOptions = {}): Promise<FakeSlack> {
  const instance = await startFakeSlack(options);
  started.push(instance);
  return instance;
}

afterEach(async () => {
  await Promise.all(started.splice(0).map((instance) => instance.close()));
});

function client(slack: FakeSlack, token?: string, options: WebClientOptions = {}): WebClient {
  return new WebClient(token, { slackApiUrl: slack.apiUrl, logLevel: LogLevel.ERROR, retryConfig: { retries: 0 }, ...options });
}

// The error WebClient threw, as the fields callers branch on.
async function failure(promise: Promise<unknown>): Promise<{ code: string; error?: string; retryAfter?: number; statusCode?: number; message: string }> {
  const caught = await promise.then(() => expect.fail('expected the call to fail'), (error: unknown) => error as Record<string, unknown>);
  const data = caught.data as { error?: string } | undefined;
  return { code: caught.code as string, error: data?.error, retryAfter: caught.retryAfter as number | undefined, statusCode: caught.statusCode as number | undefined, message: String(caught.message) };
}

function authorizeUrl(slack: FakeSlack, challenge: string | null, state: string): string {
  const url = new URL(slack.authorizeUrl);
  url.search = new URLSearchParams({ client_id: slack.env.SLACK_CLIENT_ID, user_scope: slackUserScopes.join(','), redirect_uri: redirectUri, state }).toString();
  if (challenge) url.searchParams.set('code_challenge', challenge);
  if (challenge) url.searchParams.set('code_challenge_method', 'S256');
  return url.toString();
}

// WebClient 8.2's typings demand client_secret and do not know code_verifier; a PKCE app sends neither
// secret nor typing, so the arguments go through a variable (no excess-property check) with the secret left out.
function pkceExchange(slack: FakeSlack, code: string, verifier: string, uri = redirectUri) {
  const args = { client_id: slack.env.SLACK_CLIENT_ID, client_secret: undefined as unknown as string, code, redirect_uri: uri, code_verifier: verifier };
  return client(slack).oauth.v2.access(args);
}

function refresh(slack: FakeSlack, refreshToken: string) {
  return client(slack).oauth.v2.access({ client_id: slack.env.SLACK_CLIENT_ID, client_secret: undefined as unknown as string, grant_type: 'refresh_token', refresh_token: refreshToken });
}

describe('OAuth v2 with PKCE and token rotation', () => {
  it('exchanges a code with the verifier and no secret, then rotates single-use refresh tokens', async () => {
    const slack = await fake();
    const pkce = createPkcePair();
    const state = createState();
    const { location } = await visitSlackAuthorize(authorizeUrl(slack, pkce.challenge, state));
    expect(`${location.origin}${location.pathname}`).toBe(redirectUri);
    expect(location.searchParams.get('state')).toBe(state);
    const code = location.searchParams.get('code')!;

    expect((await failure(pkceExchange(slack, code, createPkcePair().verifier))).error).toBe('invalid_code_verifier');
    expect((await failure(pkceExchange(slack, code, pkce.verifier, 'http://localhost:53683/slack/callback'))).error).toBe('bad_redirect_uri');
    const granted = await pkceExchange(slack, code, pkce.verifier);
    expect(granted).toMatchObject({ ok: true, team: { id: slack.team.id }, enterprise: null, is_enterprise_install: false });
    expect(granted.authed_user).toMatchObject({ id: slack.selfId, token_type: 'user', expires_in: 43_200, scope: slackUserScopes.join(',') });
    expect(granted.authed_user!.access_token).toMatch(/^xoxe\.xoxp-1-FAKETOKEN-/);
    expect(granted.authed_user!.refresh_token).toMatch(/^xoxe-1-FAKETOKEN-/);
    expect((await failure(pkceExchange(slack, code, pkce.verifier))).error).toBe('invalid_code');

    const first = granted.authed_user!.refresh_token!;
    const rotated = await refresh(slack, first);
    expect(rotated).toMatchObject({ ok: true, token_type: 'user', expires_in: 43_200 });
    expect(rotated.refresh_token).not.toBe(first);
    expect((await client(slack, rotated.access_token).auth.test()).user_id).toBe(slack.selfId);
    expect((await failure(refresh(slack, first))).error).toBe('invalid_refresh_token');

    slack.advanceClock(12 * 3600_000 + 1);
    expect((await failure(client(slack, rotated.access_token).auth.test())).error).toBe('token_expired');
    slack.advanceClock(30 * 86_400_000);
    expect((await failure(refresh(slack, rotated.refresh_token!))).error).toBe('invalid_refresh_token');
  });

  it('refuses what Slack refuses on the authorize page and at the exchange', async () => {
    const slack = await fake();
    const pkce = createPkcePair();
    await expect(visitSlackAuthorize(authorizeUrl(slack, pkce.challenge, 's').replace('53682', '9999'))).rejects.toThrow(/400.*redirect_uri did not match/);
    expect((await visitSlackAuthorize(authorizeUrl(slack, null, 's'))).location.searchParams.get('error')).toBe('invalid_request');
    slack.setConsent('deny');
    const denied = (await visitSlackAuthorize(authorizeUrl(slack, pkce.challenge, 's'))).location.searchParams;
    expect([denied.get('error'), denied.get('state'), denied.get('code')]).toEqual(['access_denied', 's', null]);
    const wrongClient = client(slack).oauth.v2.access({ client_id: 'nope', client_secret: 'x', code: 'c' });
    expect((await failure(wrongClient)).error).toBe('invalid_client_id');
    expect((await failure(client(slack).oauth.v2.access({ client_id: slack.env.SLACK_CLIENT_ID, client_secret: 'wrong', code: 'c' }))).error).toBe('bad_client_secret');
  });
});

describe('Web API methods', () => {
  async function workspace() {
    const slack = await fake();
    const ana = slack.addUser({ id: 'U0ANA00001', name: 'ana', realName: 'Ana Lima', displayName: 'ana.l' });
    const general = slack.addChannel({ id: 'C0GENERAL1', name: 'general', members: [slack.selfId, ana] });
    const dm = slack.addChannel({ id: 'D0ANA00001', isIm: true, members: [ana] });
    const secret = slack.addChannel({ id: 'C0SECRET01', name: 'secret', isPrivate: true, members: [ana] });
    return { slack, ana, general, dm, secret, web: client(slack, slack.issueTokens().access_token) };
  }

  it('answers auth.test, users.info and the conversation lists as Slack shapes them', async () => {
    const { slack, ana, general, dm, web } = await workspace();
    expect(await web.auth.test()).toMatchObject({ ok: true, user_id: slack.selfId, team_id: slack.team.id, url: 'https://fake-workspace.slack.com/' });
    const { user } = await web.users.info({ user: ana });
    expect([user?.name, user?.real_name, user?.profile?.display_name]).toEqual(['ana', 'Ana Lima', 'ana.l']);
    expect((await failure(web.users.info({ user: 'U0NOBODY01' }))).error).toBe('user_not_found');

    const mine = await web.users.conversations({ types: 'im,mpim,public_channel,private_channel' });
    expect(mine.channels?.map((channel) => channel.id)).toEqual([general, dm]);
    const first = await web.conversations.list({ types: 'public_channel,im', limit: 1 });
    expect(first.channels?.map((channel) => channel.id)).toEqual([general]);
    const second = await web.conversations.list({ types: 'public_channel,im', limit: 1, cursor: first.response_metadata!.next_cursor! });
    expect(second.channels?.[0]).toMatchObject({ id: dm, is_im: true, user: ana });
    expect(second.response_metadata?.next_cursor).toBe('');
    expect((await web.conversations.info({ channel: general })).channel).toMatchObject({ name: 'general', is_channel: true, is_member: true });
    expect((await failure(web.conversations.info({ channel: 'C0SECRET01' }))).error).toBe('channel_not_found');

    const narrow = client(slack, slack.issueTokens(['channels:read']).access_token);
    const refused = await failure(narrow.users.conversations({ types: 'im,public_channel' }));
    expect(refused.error).toBe('missing_scope');
  });

  it('pages conversations.history newest first without thread replies, and returns threads', async () => {
    const { slack, ana, general, web } = await workspace();
    const stamps = Array.from({ length: 25 }, (_, i) => slack.postMessage({ channel: general, user: ana, text: `m${i}`, ts: `1700000000.${String(100 + i).padStart(6, '0')}` }));
    const reply = slack.postMessage({ channel: general, user: slack.selfId, text: 'on it', threadTs: stamps[3] });
    const seen: string[] = [];
    for await (const page of web.paginate('conversations.history', { channel: general, limit: 10 })) {
      seen.push(...(page as ConversationsHistoryResponse).messages!.map((message) => message.ts!));
    }
    expect(seen).toEqual([...stamps].reverse());
    const window = await web.conversations.history({ channel: general, oldest: stamps[20], latest: stamps[22] });
    expect(window.messages?.map((message) => message.ts)).toEqual([stamps[21]]);
    const inclusive = await web.conversations.history({ channel: general, oldest: stamps[20], latest: stamps[22], inclusive: true });
    expect(inclusive.messages).toHaveLength(3);
    const parent = (await web.conversations.history({ channel: general, latest: stamps[3], inclusive: true, limit: 1 })).messages![0]!;
    expect(parent).toMatchObject({ reply_count: 1, thread_ts: stamps[3], latest_reply: reply });
    const thread = await web.conversations.replies({ channel: general, ts: stamps[3]! });
    expect(thread.messages?.map((message) => message.text)).toEqual(['m3', 'on it']);
    expect((await failure(web.conversations.history({ channel: general, cursor: 'garbage' }))).error).toBe('invalid_cursor');
  });

  it('finds mentions with search.messages, adds reactions once and links messages', async () => {
    const { slack, ana, general, dm, secret, web } = await workspace();
    const day = Date.UTC(2024, 4, 2) / 1000;
    const old = slack.postMessage({ channel: general, user: ana, text: `<@${slack.selfId}> old one`, ts: `${day - 86_400}.000100` });
    const mention = slack.postMessage({ channel: general, user: ana, text: `<@${slack.selfId}> please review`, ts: `${day}.000200` });
    slack.postMessage({ channel: secret, user: ana, text: `<@${slack.selfId}> hidden`, ts: `${day}.000300` });
    const direct = slack.postMessage({ channel: dm, user: ana, text: 'can you call me', ts: `${day}.000400` });

    const found = await web.search.messages({ query: `<@${slack.selfId}> after:2024-05-01`, sort: 'timestamp', count: 10 });
    expect(found.messages?.matches?.map((match) => match.ts)).toEqual([mention]);
    expect(found.messages?.matches?.[0]).toMatchObject({ user: ana, username: 'ana', channel: { id: general, name: 'general', is_im: false }, permalink: `https://fake-workspace.slack.com/archives/${general}/p${mention.replace('.', '')}` });
    const onDay = await web.search.messages({ query: 'on:2024-05-02', sort: 'timestamp', count: 1, page: 2 });
    expect(onDay.messages?.paging).toMatchObject({ total: 2, pages: 2, page: 2 });
    expect(onDay.messages?.matches?.[0]?.ts).toBe(mention);
    expect((await web.search.messages({ query: 'in:@ana call' })).messages?.matches?.[0]?.channel).toMatchObject({ id: dm, is_im: true, name: ana });
    expect(old).toBeTruthy();

    await web.reactions.add({ channel: general, timestamp: mention, name: 'white_check_mark' });
    expect((await failure(web.reactions.add({ channel: general, timestamp: mention, name: 'white_check_mark' }))).error).toBe('already_reacted');
    expect((await failure(web.reactions.add({ channel: general, timestamp: '1.000001', name: 'eyes' }))).error).toBe('message_not_found');
    expect(slack.reactions()).toMatchObject([{ channel: general, timestamp: mention, name: 'white_check_mark', user: slack.selfId }]);
    expect((await web.chat.getPermalink({ channel: dm, message_ts: direct })).permalink).toContain(`/archives/${dm}/p`);
  });

  it('revokes the whole authorization with auth.revoke', async () => {
    const slack = await fake();
    const tokens = slack.issueTokens();
    expect(await client(slack, tokens.access_token).auth.revoke()).toMatchObject({ ok: true, revoked: true });
    expect((await failure(client(slack, tokens.access_token).auth.test())).error).toBe('token_revoked');
    expect((await failure(refresh(slack, tokens.refresh_token))).error).toBe('invalid_refresh_token');
    expect((await failure(client(slack).auth.test())).error).toBe('not_authed');
    expect((await failure(client(slack, 'xoxp-unknown').auth.test())).error).toBe('invalid_auth');
  });
});

describe('wire format', () => {
  it('reads arguments from the query, form and JSON bodies, and the token from the header or `token`', async () => {
    const slack = await fake();
    const token = slack.issueTokens().access_token;
    const call = async (path: string, init: RequestInit = {}) => (await (await fetch(`${slack.apiUrl}${path}`, init)).json()) as { ok: boolean; error?: string; user?: { id: string } };
    expect(await call(`users.info?token=${token}&user=${slack.selfId}`)).toMatchObject({ ok: true, user: { id: slack.selfId } });
    const form = new URLSearchParams({ token, user: slack.selfId });
    expect((await call('users.info', { method: 'POST', body: form })).ok).toBe(true);
    const jsonBody = (body: object, headers: Record<string, string> = {}) => ({ method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    expect((await call('users.info', jsonBody({ user: slack.selfId }, { authorization: `Bearer ${token}` }))).ok).toBe(true);
    // Slack ignores a token inside a JSON body: JSON callers must use the Authorization header.
    expect((await call('users.info', jsonBody({ token, user: slack.selfId }))).error).toBe('not_authed');
    expect(slack.requestLog.every((entry) => !JSON.stringify(entry).includes(token))).toBe(true);
  });
});

describe('rate limits and faults', () => {
  it('holds a non-Marketplace app to one history call a minute and 15 messages (rejectRateLimitedCalls)', async () => {
    const slack = await fake({ nonMarketplaceApp: true, timeScale: 0.01 });
    const ana = slack.addUser({ name: 'ana' });
    const channel = slack.addChannel({ name: 'general', members: [slack.selfId, ana] });
    for (let i = 0; i < 20; i += 1) slack.postMessage({ channel, user: ana, text: `m${i}` });
    const web = client(slack, slack.issueTokens().access_token, { rejectRateLimitedCalls: true });
    const page = await web.conversations.history({ channel, limit: 100 });
    expect([page.messages?.length, page.has_more]).toEqual([15, true]);
    const limited = await failure(web.conversations.history({ channel }));
    expect(limited.code).toBe(ErrorCode.RateLimitedError);
    // Retry-After counts Slack's seconds (up to a minute); timeScale 0.01 makes that at most 600 ms here.
    expect(limited.retryAfter).toBeGreaterThanOrEqual(1);
    expect(limited.retryAfter).toBeLessThanOrEqual(60);
    await new Promise((resolve) => setTimeout(resolve, limited.retryAfter! * 1000 * 0.01 + 20));
    expect((await web.conversations.history({ channel, cursor: page.response_metadata!.next_cursor! })).messages).toHaveLength(5);
  });

  it('answers Tier 2 search.messages with 429 after 20 calls a minute', async () => {
    const slack = await fake();
    const web = client(slack, slack.issueTokens().access_token, { rejectRateLimitedCalls: true });
    for (let i = 0; i < 20; i += 1) await web.search.messages({ query: 'x' });
    expect((await failure(web.search.messages({ query: 'x' }))).code).toBe(ErrorCode.RateLimitedError);
    expect(slack.requestLog.at(-1)).toMatchObject({ method: 'search.messages', status: 429, error: 'ratelimited' });
  });

  it('lets WebClient wait Retry-After and retry by default, until its retries run out', async () => {
    const slack = await fake({ nonMarketplaceApp: true, timeScale: 0.001, retryAfterSeconds: 0 });
    const channel = slack.addChannel({ name: 'general', members: [slack.selfId] });
    const events: number[] = [];
    const web = client(slack, slack.issueTokens().access_token, { retryConfig: { retries: 3, minTimeout: 100, maxTimeout: 100 } });
    web.on(WebClientEvent.RATE_LIMITED, (seconds: number) => events.push(seconds));
    await web.conversations.history({ channel });
    await web.conversations.history({ channel });
    expect([slack.callCount('conversations.history'), events]).toEqual([3, [0]]);

    slack.injectFault('auth.test', { status: 429, retryAfterSeconds: 1 });
    const started = Date.now();
    await web.auth.test();
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);

    slack.injectFault('auth.test', { error: 'ratelimited', times: Infinity, retryAfterSeconds: 0 });
    const exhausted = await failure(client(slack, 'x', { retryConfig: { retries: 2, minTimeout: 0, maxTimeout: 0 } }).auth.test());
    expect(exhausted.message).toMatch(/A rate limit was exceeded/);
    expect(slack.callCount('auth.test')).toBe(2 + 3);
  });

  it('injects Slack errors and outages, and WebClient retries only the outages', async () => {
    const slack = await fake();
    const token = slack.issueTokens().access_token;
    slack.injectFault('auth.test', { error: 'invalid_auth' });
    expect((await failure(client(slack, token, { retryConfig: { retries: 2, minTimeout: 0 } }).auth.test())).error).toBe('invalid_auth');
    expect(slack.callCount('auth.test')).toBe(1);
    slack.injectFault('auth.test', { status: 500 });
    expect((await failure(client(slack, token).auth.test())).statusCode).toBe(500);
    slack.injectFault('auth.test', { status: 503 });
    expect((await client(slack, token, { retryConfig: { retries: 1, minTimeout: 0 } }).auth.test()).ok).toBe(true);
    expect(slack.callCount('auth.test')).toBe(4);
  });
});
