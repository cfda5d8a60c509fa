import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ProviderError } from '../../src/main/errors';
import { createScriptedAccount, scriptedEmail, scriptedProvider, type ScriptedAccount } from '../fakes/scripted/scripted-provider';
import { createTestCore, firstSync, type TestCore } from '../helpers/test-core';

let account: ScriptedAccount;
let t: TestCore;

async function connectWith(texts: Array<[string, string]>): Promise<number> {
  t.core.settings.update({ autoApproveEnabled: false });
  for (const [id, text] of texts) account.items.push(scriptedEmail(text, { id }));
  const { integrationId } = await t.core.services.connections.connect({ provider: 'notion', options: { path: 'scripted' } });
  await firstSync(t.core, integrationId);
  return integrationId;
}

function approveAndComplete(itemId: string): number {
  const suggestion = t.core.services.suggestions.list().items.find((s) => s.itemId === itemId)!;
  const task = t.core.services.suggestions.approve(suggestion.id);
  t.core.services.tasks.complete(task.id);
  return task.id;
}

describe('outbox worker', () => {
  beforeEach(() => {
    account = createScriptedAccount();
    t = createTestCore({ providers: [scriptedProvider(account)], options: { undoWindowMs: 0 } });
  });
  afterEach(async () => t.cleanup());

  it('runs a completed task’s write-back once, marks it done, and never repeats it', async () => {
    await connectWith([['m1', 'Please review the Q4 proposal by Friday.']]);
    approveAndComplete('m1');
    expect(await t.core.services.outboxWorker.runDue()).toBe(1);
    expect(account.actions).toEqual([{ kind: 'mark_read', target: { messageId: 'm1' } }]);
    expect(t.core.services.outbox.list(10)[0]).toMatchObject({ state: 'done', kind: 'mark_read', label: expect.stringContaining('Mark read') });
    expect(await t.core.services.outboxWorker.runDue()).toBe(0);
    // Reopening and completing again does not repeat an effect already done.
    const task = t.core.services.tasks.list()[0]!;
    t.core.services.tasks.reopen(task.id);
    t.core.services.tasks.complete(task.id);
    await t.core.services.outboxWorker.runDue();
    expect(account.actions).toHaveLength(1);
  });

  it('after a crash mid-action, checks the provider instead of repeating an action that took effect', async () => {
    await connectWith([['m1', 'Please sign the contract and send it back by Monday.']]);
    approveAndComplete('m1');
    const row = t.core.repos.outbox.list()[0]!;
    // Simulate: the action ran at the provider, then the process died before marking it done.
    t.core.repos.outbox.claim(row.id);
    account.applied.add('mark_read:m1');
    await t.core.services.outboxWorker.runDue();
    expect(account.actions).toEqual([]);
    expect(t.core.repos.outbox.get(row.id)!.state).toBe('done');
  });

  it('retries transient failures with backoff and dead-letters repeated refusals; Retry revives them', async () => {
    const failing = scriptedProvider(account);
    let failures = 0;
    const client = failing.createClient;
    failing.createClient = (context, credentials) => ({
      ...client(context, credentials),
      runAction: async () => {
        failures += 1;
        throw new ProviderError('not_found', 'The message is gone.', 404);
      },
      isApplied: async () => false,
    });
    await t.cleanup();
    t = createTestCore({ providers: [failing], options: { undoWindowMs: 0 } });
    await connectWith([['m1', 'Please send me the budget by Friday.']]);
    approveAndComplete('m1');
    const id = t.core.repos.outbox.list()[0]!.id;
    for (let attempt = 0; attempt < 3; attempt += 1) {
      // Make the retry due now instead of waiting for its backoff.
      t.core.repos.outbox.retryAt(id, new Date(0), 'test');
      if (t.core.repos.outbox.get(id)!.state !== 'dead') await t.core.services.outboxWorker.runDue();
    }
    expect(failures).toBe(3);
    expect(t.core.repos.outbox.get(id)).toMatchObject({ state: 'dead', lastError: 'The message is gone.' });
    expect(t.core.services.outbox.retry(id).state).toBe('pending');
    expect(() => t.core.services.outbox.retry(id)).toThrow(/Only an action that gave up/);
  });
});

describe('scheduler', () => {
  beforeEach(() => {
    account = createScriptedAccount();
  });
  afterEach(async () => {
    vi.useRealTimers();
    await t.cleanup();
  });

  it('syncs due integrations on its timer chain, pauses while suspended, catches up on resume, and stops cleanly', async () => {
    t = createTestCore({ providers: [scriptedProvider(account)], options: { schedulerTickMs: 1000, changeCheckMs: 60_000 } });
    const id = await connectWith([['m1', 'Please review the Q4 proposal by Friday.']]);
    const scheduler = t.core.services.scheduler;
    const logs = () => t.core.repos.syncLogs.list(id).length;
    const before = logs();
    t.core.repos.integrations.setSchedule(id, null, new Date(Date.now() - 1000).toISOString());
    scheduler.setSuspended('sleep', true);
    scheduler.start();
    await new Promise((resolve) => setTimeout(resolve, 1600));
    expect(logs()).toBe(before);
    scheduler.setSuspended('sleep', false);
    await vi.waitFor(() => expect(logs()).toBe(before + 1), { timeout: 3000 });
    // After a successful sync the next one is a whole frequency away.
    expect(Date.parse(t.core.repos.integrations.get(id)!.nextSyncAt!) - Date.now()).toBeGreaterThan(10 * 60_000);
    await scheduler.stop();
  });

  it('runs its setTimeout chain with jitter under fake timers, and a failed sync waits out its backoff', async () => {
    t = createTestCore({ providers: [scriptedProvider(account)], options: { schedulerTickMs: 30_000, changeCheckMs: 3_600_000 } });
    const id = await connectWith([['m1', 'Please review the Q4 proposal by Friday.']]);
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const scheduler = t.core.services.scheduler;
    const runs = () => t.core.repos.syncLogs.list(id).length;
    const before = runs();
    account.failNextFetch = new ProviderError('unavailable', 'down', 503);
    t.core.repos.integrations.setSchedule(id, null, new Date(Date.now() - 1).toISOString());
    scheduler.start();
    // First tick within 1 s (±20%): the failing sync runs and sets a backoff of about a minute.
    await vi.advanceTimersByTimeAsync(1300);
    await vi.waitFor(() => expect(runs()).toBe(before + 1));
    const retryAt = Date.parse(t.core.repos.integrations.get(id)!.nextSyncAt!);
    expect(retryAt - Date.now()).toBeGreaterThan(50_000);
    // Ticks every 30 s ±20% do nothing until the backoff has passed...
    await vi.advanceTimersByTimeAsync(40_000);
    expect(runs()).toBe(before + 1);
    // ...then the next tick syncs again, successfully.
    await vi.advanceTimersByTimeAsync(60_000);
    await vi.waitFor(() => expect(runs()).toBe(before + 2));
    expect(t.core.repos.syncLogs.list(id)[0]!.status).toBe('succeeded');
    await scheduler.stop();
    vi.useRealTimers();
  });

  it('a cheap change check starts a sync only when something changed, and its cost lands in the next log', async () => {
    t = createTestCore({ providers: [scriptedProvider(account)] });
    const id = await connectWith([['m1', 'Please review the Q4 proposal by Friday.']]);
    const scheduler = t.core.services.scheduler;
    const before = t.core.repos.syncLogs.list(id).length;
    expect(await scheduler.checkForChanges()).toBe(0);
    account.items.push(scriptedEmail('Can you send the slides before the meeting tomorrow?', { id: 'm2' }));
    expect(await scheduler.checkForChanges()).toBe(1);
    const logs = t.core.repos.syncLogs.list(id);
    expect(logs.length).toBe(before + 1);
    expect(logs[0]!.trigger).toBe('change');
    expect(logs[0]!.notes.join(' ')).toMatch(/2 change check\(s\) since the last sync cost 2 call\(s\) and 4 quota unit\(s\)/);
  });
});
