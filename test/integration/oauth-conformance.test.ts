// Proves the app's loopback OAuth client (PKCE S256, single-use state, exact callback path) against
// oidc-provider, a spec-complete OAuth 2.0 / OpenID Connect server nobody here wrote. The browser is
// a cookie-carrying redirect follower; the provider's interaction is completed in code.
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LoopbackListener, startLoopbackListener } from '../../src/main/auth/loopback-server';
import { OAuthAbortedError, OAuthDeniedError } from '../../src/main/auth/oauth-errors';
import { createPkcePair, createState, type PkcePair } from '../../src/main/auth/pkce';
import { browse } from '../helpers/oidc-browser';
import { type OidcHarness, startOidcHarness } from '../helpers/oidc-harness';

const CALLBACK_PATH = '/oauth2/callback';
let op: OidcHarness;

beforeAll(async () => {
  // Registered without a port: RFC 8252 §7.3 says the loopback port is chosen at run time, and
  // oidc-provider ignores it when matching a native client's http://127.0.0.1 redirect.
  op = await startOidcHarness([`http://127.0.0.1${CALLBACK_PATH}`]);
});

afterAll(async () => {
  await op?.close();
});

interface Flow {
  pkce: PkcePair;
  state: string;
  listener: LoopbackListener;
  loopbackOrigin: string;
}

async function startFlow(): Promise<Flow> {
  const pkce = createPkcePair();
  const state = createState();
  const listener = await startLoopbackListener({ path: CALLBACK_PATH, state, timeoutMs: 20_000 });
  return { pkce, state, listener, loopbackOrigin: new URL(listener.redirectUri).origin };
}

function authorizationUrl(flow: Flow, overrides: Record<string, string | null> = {}): string {
  const params: Record<string, string | null> = {
    response_type: 'code', client_id: op.clientId, redirect_uri: flow.listener.redirectUri, scope: 'openid',
    state: flow.state, code_challenge: flow.pkce.challenge, code_challenge_method: 'S256', ...overrides,
  };
  const url = new URL(op.authorizationEndpoint);
  for (const [key, value] of Object.entries(params)) if (value !== null) url.searchParams.set(key, value);
  return url.toString();
}

async function exchange(code: string, verifier: string, redirectUri: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(op.tokenEndpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', code, code_verifier: verifier, redirect_uri: redirectUri, client_id: op.clientId }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

// A finished listener closes its sockets (deferred by one turn so its page can leave); after that
// any request is refused at the TCP level. Polls briefly for that turn to pass.
async function refused(url: string): Promise<boolean> {
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const outcome = await fetch(url).then((response) => response.status, (error: unknown) => String((error as { cause?: unknown }).cause ?? error));
    // Anything else (an answer, or a reset while the close is under way) means: not closed yet.
    if (typeof outcome === 'string' && /ECONNREFUSED/.test(outcome)) return true;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return false;
}

// Sends the same request twice in one TCP write (HTTP/1.1 pipelining): Node's server hands both to
// the listener before its deferred close, so the second is a genuine replay; returns both statuses.
function pipelinedTwice(url: URL): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const socket = connect(Number(url.port), url.hostname);
    let data = '';
    socket.on('data', (chunk) => (data += chunk.toString('utf8')));
    socket.on('close', () => resolve([...data.matchAll(/^HTTP\/1\.1 (\d{3})/gm)].map((match) => match[1]!)));
    socket.on('error', reject);
    const request = `GET ${url.pathname}${url.search} HTTP/1.1\r\nHost: ${url.host}\r\n\r\n`;
    socket.write(request + request);
  });
}

describe('loopback client against oidc-provider', () => {
  it('completes the authorization code flow with PKCE and gets tokens', async () => {
    const flow = await startFlow();
    const page = await browse(authorizationUrl(flow), flow.loopbackOrigin);
    expect(page.status).toBe(200);
    expect(page.body).toContain('Connected');
    expect(page.url.pathname).toBe(CALLBACK_PATH);
    // The provider said who it is (RFC 9207); our listener does not check `iss` (see report).
    expect(page.url.searchParams.get('iss')).toBe(op.issuer);
    const { code, grantedScope } = await flow.listener.result;
    expect(code).toBe(page.url.searchParams.get('code'));
    expect(grantedScope).toBeNull();
    expect(op.interactions).toBeGreaterThanOrEqual(1);

    const tokens = await exchange(code, flow.pkce.verifier, flow.listener.redirectUri);
    expect(tokens.status).toBe(200);
    expect(tokens.body).toMatchObject({ token_type: 'Bearer', scope: 'openid' });
    expect(tokens.body.access_token).toEqual(expect.any(String));
    expect(String(tokens.body.id_token).split('.')).toHaveLength(3);
    // Codes are single-use at the provider too.
    expect((await exchange(code, flow.pkce.verifier, flow.listener.redirectUri)).body.error).toBe('invalid_grant');
  });

  it('is refused by the provider with a wrong verifier (invalid_grant)', async () => {
    const flow = await startFlow();
    await browse(authorizationUrl(flow), flow.loopbackOrigin);
    const { code } = await flow.listener.result;
    const wrong = await exchange(code, createPkcePair().verifier, flow.listener.redirectUri);
    expect([wrong.status, wrong.body.error]).toEqual([400, 'invalid_grant']);
  });

  it('never resolves on a tampered state: answers 400, keeps waiting, then cancels', async () => {
    const flow = await startFlow();
    const page = await browse(authorizationUrl(flow, { state: createState() }), flow.loopbackOrigin);
    expect(page.status).toBe(400);
    expect(page.body).toContain('Sign-in not recognised');
    let settled = false;
    void flow.listener.result.then(() => (settled = true), () => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(settled).toBe(false);
    // Still listening for the genuine callback.
    expect((await fetch(`${flow.listener.redirectUri}?state=x&code=y`)).status).toBe(400);
    flow.listener.cancel();
    await expect(flow.listener.result).rejects.toBeInstanceOf(OAuthAbortedError);
    expect(await refused(flow.listener.redirectUri)).toBe(true);
  });

  it('answers a replayed callback with 410, and refuses connections once closed', async () => {
    const flow = await startFlow();
    const callback = (await browse(authorizationUrl(flow), flow.loopbackOrigin, { loadStop: false })).url;
    expect(callback.searchParams.get('code')).toBeTruthy();
    expect(await pipelinedTwice(callback)).toEqual(['200', '410']);
    expect((await flow.listener.result).code).toBe(callback.searchParams.get('code'));
    // A later replay (e.g. the person reloads the tab) finds no listener at all.
    expect(await refused(callback.toString())).toBe(true);
  });

  it('gets the provider refusal of a request without code_challenge as a denied sign-in', async () => {
    const flow = await startFlow();
    const page = await browse(authorizationUrl(flow, { code_challenge: null, code_challenge_method: null }), flow.loopbackOrigin);
    expect(page.url.searchParams.get('error')).toBe('invalid_request');
    expect(page.url.searchParams.get('error_description')).toMatch(/PKCE/i);
    const error = await flow.listener.result.then(() => null, (caught: unknown) => caught);
    expect(error).toBeInstanceOf(OAuthDeniedError);
    expect((error as OAuthDeniedError).providerError).toBe('invalid_request');
  });

  it('lets the provider refuse a redirect URI with another path (exact path, no redirect)', async () => {
    const flow = await startFlow();
    const other = flow.listener.redirectUri.replace(CALLBACK_PATH, '/elsewhere');
    const page = await browse(authorizationUrl(flow, { redirect_uri: other }), flow.loopbackOrigin);
    expect(page.url.origin).toBe(op.issuer);
    expect([page.status, JSON.parse(page.body).error]).toEqual([400, 'invalid_redirect_uri']);
    flow.listener.cancel();
  });
});
