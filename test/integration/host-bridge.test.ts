import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHost, type RunningHost } from '../helpers/host';
import { tempDir } from '../helpers/temp-db';

let host: RunningHost;
const temp = tempDir('pt-host-');
const renderer = tempDir('pt-renderer-');

beforeAll(async () => {
  // A stand-in renderer build, so serving is tested the same with or without `npm run build`.
  mkdirSync(join(renderer.dir, 'assets'));
  writeFileSync(join(renderer.dir, 'index.html'), '<!doctype html><title>app</title>');
  writeFileSync(join(renderer.dir, 'assets', 'app.js'), 'console.log(1)');
  host = await startHost({ dataDir: temp.dir, args: ['--open-external', 'print', '--renderer-dir', renderer.dir] });
});
afterAll(async () => {
  await host?.stop();
  temp.cleanup();
  renderer.cleanup();
});

describe('headless host bridge', () => {
  it('prints the ready line with a loopback url, a token and a ui link carrying the token in the fragment', () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(host.token.length).toBeGreaterThanOrEqual(32);
    expect(host.ui).toBe(`${host.url}/#token=${host.token}`);
  });

  it('answers 401 without the token or with a wrong one', async () => {
    expect((await host.call('tasks:list', undefined, null)).status).toBe(401);
    expect((await host.call('tasks:list', undefined, 'wrong')).status).toBe(401);
  });

  it('serves tasks:create, tasks:list and integrations:list', async () => {
    const created = await host.call<{ id: number; title: string }>('tasks:create', { title: 'Call the bank' });
    expect(created.status).toBe(200);
    expect(created.body.title).toBe('Call the bank');
    const list = await host.call<Array<{ id: number }>>('tasks:list');
    expect(list.body.map((task) => task.id)).toContain(created.body.id);
    const integrations = await host.call('integrations:list', {});
    expect(integrations).toEqual({ status: 200, body: [] });
  });

  it('answers 400 with the error shape for bad input, 404 for an unknown channel', async () => {
    const bad = await host.call('tasks:create', { title: '' });
    expect(bad).toEqual({ status: 400, body: { error: { code: 'invalid_input', message: expect.any(String) } } });
    const notJson = await fetch(`${host.url}/api/tasks:create`, { method: 'POST', headers: { authorization: `Bearer ${host.token}` }, body: '{' });
    expect(notJson.status).toBe(400);
    expect((await host.call('tasks:fly', {})).status).toBe(404);
  });

  it('answers 500 with a sentence and no stack for a failing call', async () => {
    const missing = await host.call<{ error: { code: string; message: string } }>('tasks:complete', { id: 999_999 });
    expect(missing.status).toBe(500);
    expect(missing.body.error).toEqual({ code: 'not_found', message: 'Task 999999 was not found.' });
  });

  it('streams events over SSE, with the token as a query parameter', async () => {
    const controller = new AbortController();
    const response = await fetch(`${host.url}/api/events?token=${host.token}`, { signal: controller.signal });
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    const reader = response.body!.getReader();
    await host.call('tasks:create', { title: 'Evented' });
    let text = '';
    while (!text.includes('event: tasks:changed')) text += new TextDecoder().decode((await reader.read()).value);
    controller.abort();
    expect(text).toMatch(/event: tasks:changed\ndata: \{"taskId":\d+\}/);
    expect((await fetch(`${host.url}/api/events?token=nope`)).status).toBe(401);
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    const port = Number(new URL(host.url).port);
    const status = await new Promise<number>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path: '/api/tasks:list', method: 'POST', headers: { host: `evil.example:${port}`, authorization: `Bearer ${host.token}` } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(421);
  });

  it('serves the renderer with the CSP header and nothing outside its folder', async () => {
    const response = await fetch(`${host.url}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(response.headers.get('content-type')).toContain('text/html');
    expect((await fetch(`${host.url}/assets/app.js`)).headers.get('content-type')).toContain('text/javascript');
    const port = Number(new URL(host.url).port);
    for (const path of ['/../../package.json', '/%2e%2e/%2e%2e/package.json', '/assets/..%2f..%2fpackage.json', '/nope.js']) {
      const status = await new Promise<number>((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port, path, method: 'GET' }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        req.end();
      });
      expect({ path, status }).toEqual({ path, status: 404 });
    }
    expect((await fetch(`${host.url}/`, { method: 'POST' })).status).toBe(405);
  });

  it('answers bad percent-encoding with 400 and writes no log line for it, authenticating before decoding', async () => {
    const logFile = join(temp.dir, 'logs', 'app.log');
    const logged = () => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : '');
    const before = logged();
    const port = Number(new URL(host.url).port);
    const raw = (path: string, method: string, token: string | null) =>
      new Promise<number>((resolve, reject) => {
        const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
        const req = request({ host: '127.0.0.1', port, path, method, headers }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        req.end();
      });
    // What any web page can make a browser send: <img src="http://127.0.0.1:PORT/%E0">.
    for (let i = 0; i < 20; i += 1) expect(await raw('/%E0', 'GET', null)).toBe(400);
    expect(await raw('/assets/%E0%A4%A', 'GET', null)).toBe(400);
    expect(await raw('/api/%E0', 'POST', null)).toBe(401);
    expect(await raw('/api/%E0', 'POST', 'wrong')).toBe(401);
    expect(await raw('/api/%E0', 'POST', host.token)).toBe(400);
    // The host still answers, and nothing about these requests reached the log.
    expect((await host.call('app:info')).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(logged().slice(before.length)).not.toMatch(/bridge request failed|URIError|%E0/);
  });
});

describe('a damaged database at start', () => {
  it('is set aside, the app starts fresh, and the person is told where the old file is', async () => {
    const damaged = tempDir('pt-corrupt-');
    const { writeFileSync, existsSync } = await import('node:fs');
    const { join } = await import('node:path');
    writeFileSync(join(damaged.dir, 'app.db'), Buffer.alloc(16_384, 0x42));
    const fresh = await startHost({ dataDir: damaged.dir, args: ['--open-external', 'print'] });
    try {
      const info = await fresh.call<{ notices: string[] }>('app:info');
      expect(info.body.notices).toHaveLength(1);
      const movedTo = /set aside at (\S+) and/.exec(info.body.notices[0]!)?.[1];
      expect(movedTo && existsSync(movedTo)).toBe(true);
      expect(fresh.stderr()).toMatch(/Notification: Your data could not be read/);
      expect((await fresh.call('tasks:create', { title: 'Still works' })).status).toBe(200);
    } finally {
      await fresh.stop();
      damaged.cleanup();
    }
  });
});
