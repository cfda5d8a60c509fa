// Daily-use channels through the headless host exactly as `npm run host` runs: hostile search text never
// answers 500, and reminders under a manual clock reach SSE once, not again after a restart.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHost, type RunningHost } from '../helpers/host';
import { listenToEvents } from '../helpers/sse';
import { tempDir } from '../helpers/temp-db';

const START = '2026-01-05T09:00:00.000Z';

describe('search input through the bridge', () => {
  let host: RunningHost;
  const temp = tempDir('pt-search-host-');
  beforeAll(async () => {
    host = await startHost({ dataDir: temp.dir, args: ['--open-external', 'print'] });
    await host.call('tasks:create', { title: 'Sign the contract', description: 'NEAR the (end) of "Q3"' });
  });
  afterAll(async () => {
    await host?.stop();
    temp.cleanup();
  });

  const hostile = ['"', '"contract', 'contract"', '*', '**', 'contr*', 'NEAR(sign contract)', 'NEAR', 'sign NEAR/2 contract', '(((', ')', 'a) OR (b', 'title:sign', 'AND OR NOT', '-sign', '^sign', '{sign}', "'; DROP TABLE tasks; --", '\u0000', '😀 contract'];

  it('answers quotes, *, NEAR, unbalanced parentheses and odd characters with results, never a 500', async () => {
    for (const query of hostile) {
      for (const channel of ['tasks:list', 'suggestions:list']) {
        const { status, body } = await host.call(channel, { query });
        expect(status, `${channel} ${JSON.stringify(query)}`).toBe(200);
        expect(body).toBeTruthy();
      }
      expect((await host.call('export:tasks', { format: 'csv', query })).status).toBe(200);
    }
    const found = await host.call<Array<{ title: string }>>('tasks:list', { query: 'NEAR(sign contract' });
    expect(found.body.map((task) => task.title)).toEqual(['Sign the contract']);
    expect((await host.call<Array<unknown>>('tasks:list', { query: '"q3' })).body).toHaveLength(1);
  });

  it('answers 10 KB of text with a clear 400', async () => {
    for (const channel of ['tasks:list', 'suggestions:list']) {
      const { status, body } = await host.call<{ error: { code: string; message: string } }>(channel, { query: 'contract '.repeat(1200) });
      expect(status).toBe(400);
      expect(body.error).toEqual({ code: 'invalid_input', message: 'query: The search is too long: at most 500 characters.' });
    }
  });

  it('refuses a snooze in the past and a quick add with nothing to do, with a sentence', async () => {
    const task = (await host.call<Array<{ id: number }>>('tasks:list')).body[0]!;
    expect(await host.call('tasks:snooze', { id: task.id, until: '2000-01-01T00:00:00Z' })).toMatchObject({ status: 400, body: { error: { code: 'invalid_input', message: 'Pick a time in the future to snooze until.' } } });
    expect(await host.call('tasks:snooze', { id: task.id, until: 'someday' })).toMatchObject({ status: 400 });
    expect(await host.call('tasks:quick-add', { text: '#home !high' })).toMatchObject({ status: 400, body: { error: { code: 'invalid_input' } } });
    expect(await host.call('export:tasks', { format: 'pdf' })).toMatchObject({ status: 400 });
  });

  it('has no clock route without --manual-clock', async () => {
    expect((await fetch(`${host.url}/test/clock`, { method: 'POST', headers: { authorization: `Bearer ${host.token}` }, body: '{"advanceMs":1}' })).status).toBe(405);
  });
});

describe('reminders through the bridge under a manual clock', () => {
  it('a task due in 2 minutes gives one reminder:due, and none again after a restart', async () => {
    const temp = tempDir('pt-reminder-host-');
    let host = await startHost({ dataDir: temp.dir, args: ['--open-external', 'print', '--manual-clock', START] });
    try {
      let events = await listenToEvents(host.url, host.token);
      await host.call('settings:set', { reminderLeadMinutes: 1, timeZone: 'Europe/Paris' });
      const created = await host.call<{ id: number }>('tasks:create', { title: 'Call the bank', dueAt: '2026-01-05T09:02:00.000Z' });
      expect(created.status).toBe(200);
      const advance = (ms: number) => fetch(`${host.url}/test/clock`, { method: 'POST', headers: { authorization: `Bearer ${host.token}` }, body: JSON.stringify({ advanceMs: ms }) });
      expect((await fetch(`${host.url}/test/clock`, { method: 'POST', body: '{"advanceMs":1}' })).status).toBe(401);
      expect((await advance(-1)).status).toBe(400);
      // The answer also counts the open event streams (this test's own listener): E2E tests wait on it.
      expect(await (await advance(59_000)).json()).toEqual({ now: '2026-01-05T09:00:59.000Z', eventStreams: 1 });
      expect(events.events.filter((entry) => entry.event === 'reminder:due')).toEqual([]);
      await advance(1_000);
      await events.waitFor('reminder:due');
      expect(events.events.filter((entry) => entry.event === 'reminder:due').map((entry) => entry.data)).toEqual([
        { taskId: created.body.id, title: 'Call the bank', dueAt: '2026-01-05T09:02:00.000Z', dueAllDay: false, fireAt: '2026-01-05T09:01:00.000Z', late: false },
      ]);
      await advance(5 * 60_000);
      expect(events.events.filter((entry) => entry.event === 'reminder:due')).toHaveLength(1);
      expect(host.stderr()).toContain('Notification: Call the bank: Due at 10:02.');
      events.close();
      await host.stop();

      host = await startHost({ dataDir: temp.dir, args: ['--open-external', 'print', '--manual-clock', '2026-01-05T09:10:00.000Z'] });
      events = await listenToEvents(host.url, host.token);
      const after = await fetch(`${host.url}/test/clock`, { method: 'POST', headers: { authorization: `Bearer ${host.token}` }, body: JSON.stringify({ advanceMs: 60_000 }) });
      expect(after.status).toBe(200);
      // A task created now, already within its lead time, proves the stream is live.
      await host.call('tasks:create', { title: 'Second', dueAt: '2026-01-05T09:11:30.000Z' });
      await events.waitFor('reminder:due');
      expect(events.events.filter((entry) => entry.event === 'reminder:due').map((entry) => (entry.data as { title: string }).title)).toEqual(['Second']);
      events.close();
    } finally {
      await host.stop();
      temp.cleanup();
    }
  });
});
