// The secret-leak sweep (issue 8): every token the fakes issue carries a marker; after a full
// connect-sync-approve-complete-disconnect flow through the headless host, no file in the data dir
// (database and WAL read as bytes), no log line, no bridge response and no SSE event may contain it.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeGoogle, type FakeGoogle } from '../fakes/google';
import { startFakeOpenAi, type FakeOpenAi } from '../fakes/openai';
import { startFakeSlack, type FakeSlack } from '../fakes/slack';
import { startHost, type RunningHost } from '../helpers/host';
import { tempDir } from '../helpers/temp-db';

const MARKER = 'SWEEPMARKER';
const LLM_KEY = `sk-${MARKER}-llm-key-1234567890`;
const CLIENT_SECRET = `${MARKER}-client-secret`;
const temp = tempDir('pt-sweep-');
let google: FakeGoogle;
let slack: FakeSlack;
let llm: FakeOpenAi;
let host: RunningHost;
const responses: string[] = [];
let events = '';
let stopEvents: AbortController;

function files(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

async function call<T>(channel: string, input?: unknown): Promise<T> {
  const response = await fetch(`${host.url}/api/${channel}`, { method: 'POST', headers: { authorization: `Bearer ${host.token}`, 'content-type': 'application/json' }, body: JSON.stringify(input ?? {}) });
  const text = await response.text();
  responses.push(text);
  if (!response.ok) throw new Error(`${channel}: ${text}`);
  return JSON.parse(text) as T;
}

async function until<T>(probe: () => Promise<T>, ok: (value: T) => boolean, what: string): Promise<T> {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const value = await probe();
    if (ok(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

beforeAll(async () => {
  google = await startFakeGoogle({ tokenMarker: MARKER, clientSecret: CLIENT_SECRET });
  slack = await startFakeSlack({ tokenMarker: MARKER });
  llm = await startFakeOpenAi({ apiKey: LLM_KEY });
  google.addMessage({ from: 'Dana <dana@example.com>', to: google.account.email, subject: 'Contract', text: 'Could you sign the contract and send it back by Friday?' });
  slack.addUser({ id: 'U0PEER0001', name: 'peer', realName: 'Pat Peer' });
  const channel = slack.addChannel({ isIm: true, members: [slack.selfId, 'U0PEER0001'] });
  slack.postMessage({ channel, user: 'U0PEER0001', text: 'Can you review my pull request before tomorrow noon?' });
  host = await startHost({
    dataDir: temp.dir,
    args: ['--open-external', 'follow', '--undo-window-ms', '0'],
    // The Slack app-level token goes through Settings (the vault), not the environment.
    env: { ...google.env, ...slack.env, LLM_BASE_URL: llm.url, GMAIL_CLIENT_SECRET: CLIENT_SECRET, SLACK_CLIENT_SECRET: '', SLACK_APP_TOKEN: '' },
  });
  stopEvents = new AbortController();
  void fetch(`${host.url}/api/events?token=${host.token}`, { signal: stopEvents.signal })
    .then(async (response) => {
      const reader = response.body!.getReader();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        events += new TextDecoder().decode(value);
      }
    })
    .catch(() => undefined);
}, 60_000);

afterAll(async () => {
  stopEvents?.abort();
  await host?.stop();
  await Promise.all([google?.close(), slack?.close(), llm?.close()]);
  temp.cleanup();
});

describe('secret-leak sweep', () => {
  it('finds the marker nowhere after connect, sync, approve, complete and disconnect', async () => {
    await call('settings:set-secret', { name: 'llmApiKey', value: LLM_KEY });
    await call('settings:set-secret', { name: 'slackAppToken', value: slack.env.SLACK_APP_TOKEN });
    for (const provider of ['gmail', 'slack'] as const) {
      const { integrationId } = await call<{ integrationId: number }>('integrations:connect', { provider });
      await until(() => call<Array<{ id: number; status: string }>>('integrations:list'), (list) => list.some((entry) => entry.id === integrationId && entry.status === 'connected'), `${provider} connected`);
      await until(() => call<Array<{ status: string }>>('sync-logs:list', { integrationId }), (logs) => logs.some((log) => log.status !== 'running'), `${provider} synced`);
    }
    // Socket Mode came up with the vault's app-level token.
    await until(() => call<Array<{ provider: string; realtime: string }>>('integrations:list'), (list) => list.some((entry) => entry.provider === 'slack' && entry.realtime === 'push'), 'Slack live');
    const pending = await call<{ items: Array<{ id: number }> }>('suggestions:list', { status: ['pending_approval', 'auto_approved'] });
    expect(pending.items.length).toBeGreaterThanOrEqual(2);
    for (const suggestion of (await call<{ items: Array<{ id: number }> }>('suggestions:list')).items) await call('suggestions:approve', { id: suggestion.id });
    for (const task of await call<Array<{ id: number; status: string }>>('tasks:list', { status: 'open' })) await call('tasks:complete', { id: task.id });
    await until(() => call<Array<{ state: string }>>('outbox:list'), (rows) => rows.length >= 2 && rows.every((row) => row.state === 'done'), 'write-back done');
    expect(slack.reactions().length).toBe(1);
    for (const integration of await call<Array<{ id: number }>>('integrations:list')) await call('integrations:disconnect', { integrationId: integration.id });
    await call('settings:get');
    await new Promise((resolve) => setTimeout(resolve, 300));

    // The marker really was in circulation: the fakes issued it and the LLM fake received the key.
    expect(google.issuedTokens().accessTokens.some((token) => token.includes(MARKER))).toBe(true);
    expect(slack.issuedTokens().accessTokens.some((token) => token.includes(MARKER))).toBe(true);
    expect(slack.env.SLACK_APP_TOKEN).toContain(MARKER);

    // Sweep while the host runs (the WAL and shared-memory files exist) and again after it stopped.
    const live = files(temp.dir).map((file) => ({ file, bytes: readFileSync(file) }));
    await host.stop();
    const stopped = files(temp.dir).map((file) => ({ file, bytes: readFileSync(file) }));
    const swept = [...live, ...stopped];
    const bytes = swept.reduce((sum, entry) => sum + entry.bytes.length, 0);
    const fileHits = swept.filter((entry) => entry.bytes.includes(Buffer.from(MARKER))).map((entry) => entry.file);
    const responseHits = responses.filter((text) => text.includes(MARKER));
    const eventCount = (events.match(/^event: /gm) ?? []).length;
    console.log(`secret-leak sweep: ${swept.length} file reads (${bytes} bytes: ${[...new Set(swept.map((entry) => entry.file.slice(temp.dir.length + 1)))].join(', ')}), ${responses.length} bridge responses, ${eventCount} SSE events searched; hits: ${fileHits.length + responseHits.length + (events.includes(MARKER) ? 1 : 0)}`);
    expect(live.some((entry) => entry.file.endsWith('app.db-wal'))).toBe(true);
    expect(swept.some((entry) => entry.file.endsWith('app.log'))).toBe(true);
    expect(eventCount).toBeGreaterThan(0);
    expect(fileHits).toEqual([]);
    expect(responseHits).toEqual([]);
    expect(events.includes(MARKER)).toBe(false);
    expect(host.stderr().includes(MARKER)).toBe(false);
  }, 120_000);
});
