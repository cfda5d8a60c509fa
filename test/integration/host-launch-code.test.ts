import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startHost, type RunningHost } from '../helpers/host';
import { tempDir } from '../helpers/temp-db';

let host: RunningHost;
const temp = tempDir('pt-launch-');

async function openedAddress(): Promise<string> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const match = /Open this address in your browser: (\S+)/.exec(host.stderr());
    if (match) return match[1]!;
    if (Date.now() > deadline) throw new Error(`--open printed nothing:\n${host.stderr()}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const exchange = (code: unknown, headers: Record<string, string> = {}) =>
  fetch(`${host.url}/session`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ code }) });

beforeAll(async () => {
  host = await startHost({ dataDir: temp.dir, args: ['--open', '--open-external', 'print'] });
});
afterAll(async () => {
  await host?.stop();
  temp.cleanup();
});

describe('--open and the one-time launch code', () => {
  it('opens an address that carries a one-time code in the fragment, never the token, while stdout keeps the documented line', async () => {
    const address = await openedAddress();
    expect(address).not.toContain(host.token);
    expect(address).toMatch(new RegExp(`^${host.url}/#code=[\\w-]{43}$`));
    expect(host.ui).toBe(`${host.url}/#token=${host.token}`);
  });

  it('exchanges the code for the token exactly once', async () => {
    const code = new URL(await openedAddress()).hash.slice('#code='.length);
    const first = await exchange(code, { origin: host.url });
    expect(first.status).toBe(200);
    expect(first.headers.get('cache-control')).toBe('no-store');
    expect(await first.json()).toEqual({ token: host.token });
    const replay = await exchange(code, { origin: host.url });
    expect(replay.status).toBe(401);
    expect(await replay.json()).toEqual({ error: { code: 'unauthorized', message: expect.stringMatching(/already used or has expired/) } });
    expect((await host.call('tasks:list')).status).toBe(200);
  });

  it('refuses other sites, non-JSON bodies and wrong codes, quietly', async () => {
    expect((await exchange('whatever', { origin: 'http://evil.example' })).status).toBe(403);
    const form = await fetch(`${host.url}/session`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'code=x' });
    expect(form.status).toBe(403);
    expect((await exchange('not-a-code')).status).toBe(401);
    expect((await exchange({ nested: true })).status).toBe(401);
    expect((await fetch(`${host.url}/session`)).status).toBe(404);
    const logFile = join(temp.dir, 'logs', 'app.log');
    const logged = existsSync(logFile) ? readFileSync(logFile, 'utf8') : '';
    expect(logged).not.toMatch(/session|launch code|not-a-code/);
  });
});
