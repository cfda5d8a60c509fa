import { createServer, request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { escapeHtml, startLoopbackListener } from '../../src/main/auth/loopback-server';
import { OAuthAbortedError, OAuthDeniedError } from '../../src/main/auth/oauth-errors';
import { createPkcePair, createState, s256 } from '../../src/main/auth/pkce';

function send(url: string, options: { method?: string; host?: string } = {}): Promise<{ status: number; body: string; headers: Record<string, string | string[] | undefined> }> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: target.port, path: target.pathname + target.search, method: options.method ?? 'GET', headers: { host: options.host ?? target.host } }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('PKCE and state', () => {
  it('matches the RFC 7636 appendix B example', () => {
    expect(s256('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  });

  it('draws verifiers of 256 bits and states of 128 bits, never repeating', () => {
    const pairs = Array.from({ length: 50 }, () => createPkcePair());
    expect(new Set(pairs.map((pair) => pair.verifier)).size).toBe(50);
    expect(pairs.every((pair) => /^[A-Za-z0-9_-]{43}$/.test(pair.verifier) && pair.challenge === s256(pair.verifier))).toBe(true);
    expect(Buffer.from(createState(), 'base64url')).toHaveLength(16);
  });
});

describe('loopback listener', () => {
  it('listens on 127.0.0.1 with a free port and resolves the first valid callback, then closes', async () => {
    const state = createState();
    const listener = await startLoopbackListener({ path: '/oauth2/callback', state });
    expect(listener.redirectUri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/oauth2\/callback$/);
    const answer = await send(`${listener.redirectUri}?code=abc&state=${state}&scope=email`);
    expect(answer.status).toBe(200);
    expect(answer.headers['referrer-policy']).toBe('no-referrer');
    expect(answer.headers['cache-control']).toBe('no-store');
    await expect(listener.result).resolves.toEqual({ code: 'abc', grantedScope: 'email', issuer: null });
    await new Promise((resolve) => setTimeout(resolve, 20));
    await expect(send(`${listener.redirectUri}?code=again&state=${state}`)).rejects.toThrow(/ECONNREFUSED/);
  });

  it('refuses hostile callbacks and keeps waiting for the real one', async () => {
    const state = createState();
    const listener = await startLoopbackListener({ path: '/oauth2/callback', state });
    const base = listener.redirectUri;
    expect((await send(`${base}?code=abc`)).status).toBe(400);
    expect((await send(`${base}?code=abc&state=${state}x`)).status).toBe(400);
    expect((await send(`${base}?code=abc&state=${state}`, { host: 'evil.example' })).status).toBe(400);
    expect((await send(`${base}?code=abc&state=${state}`, { method: 'POST' })).status).toBe(405);
    expect((await send(base.replace('/oauth2/callback', '/oauth2/callbackx') + `?code=abc&state=${state}`)).status).toBe(404);
    expect((await send(base.replace('/oauth2/callback', '/oauth2/callback/') + `?code=abc&state=${state}`)).status).toBe(404);
    expect((await send(`${base}?state=${state}`)).status).toBe(400);
    const real = await send(`${base}?code=real&state=${state}`);
    expect(real.status).toBe(200);
    await expect(listener.result).resolves.toMatchObject({ code: 'real' });
  });

  it('escapes a hostile error description and reports the denial', async () => {
    const state = createState();
    const listener = await startLoopbackListener({ path: '/cb', state });
    const payload = encodeURIComponent('<script>alert(document.cookie)</script><img src=x onerror=alert(1)>');
    const answer = await send(`${listener.redirectUri}?error=access_denied&error_description=${payload}&state=${state}`);
    expect(answer.body).not.toMatch(/<script>|<img/);
    expect(answer.body).toContain('&#60;script&#62;');
    expect(answer.headers['content-security-policy']).toContain("default-src 'none'");
    await expect(listener.result).rejects.toBeInstanceOf(OAuthDeniedError);
    expect(escapeHtml(`"'<>&/=\``)).not.toMatch(/["'<>/=`]/);
  });

  it('gives up after the timeout and on cancel', async () => {
    const timed = await startLoopbackListener({ path: '/cb', state: createState(), timeoutMs: 30 });
    await expect(timed.result).rejects.toMatchObject({ reason: 'timeout' });
    const cancelled = await startLoopbackListener({ path: '/cb', state: createState() });
    cancelled.cancel();
    await expect(cancelled.result).rejects.toBeInstanceOf(OAuthAbortedError);
    await expect(cancelled.result).rejects.toMatchObject({ reason: 'cancelled' });
  });

  it('takes the first free port of a fixed list and can name the host localhost', async () => {
    const first = await startLoopbackListener({ path: '/slack/callback', state: createState(), ports: [0] });
    const busy = Number(new URL(first.redirectUri).port);
    const second = await startLoopbackListener({ path: '/slack/callback', state: createState(), ports: [busy, 0], redirectHost: 'localhost', dualStack: true });
    expect(second.redirectUri).toMatch(/^http:\/\/localhost:\d+\/slack\/callback$/);
    expect(new URL(second.redirectUri).port).not.toBe(String(busy));
    first.cancel();
    second.cancel();
    await expect(startLoopbackListener({ path: '/x', state: 's', ports: [] })).rejects.toThrow(/No free port/);
  });

  it('skips a port whose IPv6 side another process holds (it could receive our redirect)', async () => {
    const squatter = createServer();
    const ipv6 = await new Promise<boolean>((resolve) => {
      squatter.once('error', () => resolve(false));
      squatter.listen(0, '::1', () => resolve(true));
    });
    if (!ipv6) return; // No IPv6 loopback on this machine: nothing to hijack.
    const taken = (squatter.address() as { port: number }).port;
    const listener = await startLoopbackListener({ path: '/slack/callback', state: createState(), ports: [taken, 0], dualStack: true, redirectHost: 'localhost' });
    expect(new URL(listener.redirectUri).port).not.toBe(String(taken));
    listener.cancel();
    squatter.close();
  });
});
