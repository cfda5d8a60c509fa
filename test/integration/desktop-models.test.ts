// The tray and system watchers see the core only through these models: check what they show and do.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ManualClock } from '../../src/main/clock';
import { createScriptedAccount, scriptedEmail, scriptedProvider, type ScriptedAccount } from '../fakes/scripted/scripted-provider';
import { createTestCore, firstSync, type TestCore } from '../helpers/test-core';

let account: ScriptedAccount;
let t: TestCore;

beforeEach(() => {
  account = createScriptedAccount();
  t = createTestCore({ providers: [scriptedProvider(account)] });
  t.core.settings.update({ autoApproveEnabled: false });
});
afterEach(async () => t.cleanup());

describe('desktop models', () => {
  it('the tray counts pending suggestions, hears when they change, and pauses syncing', async () => {
    const { tray } = t.core.desktop;
    let changes = 0;
    const unsubscribe = tray.onChange(() => (changes += 1));
    account.items.push(scriptedEmail('Could you please review the Q4 proposal and send me comments by Friday?'));
    const { integrationId } = await t.core.services.connections.connect({ provider: 'notion', options: { path: 'scripted' } });
    await firstSync(t.core, integrationId);
    expect(tray.pendingCount()).toBe(1);
    expect(changes).toBeGreaterThan(0);
    unsubscribe();
    const before = changes;
    tray.setPaused(true);
    expect(tray.paused()).toBe(true);
    expect(t.core.settings.get().syncPaused).toBe(true);
    expect(changes).toBe(before);
  });

  it('the system model suspends the scheduler and reads launch-at-login', () => {
    const { system } = t.core.desktop;
    system.setSuspended('offline', true);
    expect(t.core.services.scheduler.isSuspended()).toBe(true);
    system.setSuspended('offline', false);
    expect(t.core.services.scheduler.isSuspended()).toBe(false);
    t.core.settings.update({ launchAtLogin: true });
    expect(system.launchAtLogin()).toBe(true);
  });

  it('the tray counts open tasks due today on the person’s clock and hears task changes', async () => {
    await t.cleanup();
    t = createTestCore({ clock: new ManualClock('2026-01-05T09:00:00.000Z') });
    t.core.settings.update({ timeZone: 'Europe/Paris' });
    const { tray } = t.core.desktop;
    let changes = 0;
    tray.onChange(() => (changes += 1));
    expect(tray.dueTodayCount()).toBe(0);

    t.core.services.tasks.create({ title: 'Early', dueAt: '2026-01-04T23:30:00.000Z' }); // 00:30 today in Paris
    t.core.services.tasks.create({ title: 'Late', dueAt: '2026-01-05T22:59:00.000Z' }); // 23:59 today
    t.core.services.tasks.create({ title: 'Tomorrow', dueAt: '2026-01-05T23:00:00.000Z' });
    const done = t.core.services.tasks.create({ title: 'Done', dueAt: '2026-01-05T12:00:00.000Z' });
    expect(changes).toBeGreaterThanOrEqual(4);
    expect(tray.dueTodayCount()).toBe(3);
    t.core.services.tasks.complete(done.id);
    expect(tray.dueTodayCount()).toBe(2);
  });

  it('waking the system model fires a reminder that came due during sleep, once', async () => {
    await t.cleanup();
    const clock = new ManualClock('2026-01-05T09:00:00.000Z');
    t = createTestCore({ clock });
    const task = t.core.services.tasks.create({ title: 'Call Dana', dueAt: '2026-01-05T10:00:00.000Z' });
    t.core.start();
    await vi.waitFor(() => expect(t.core.repos.reminders.pending().map((reminder) => reminder.taskId)).toEqual([task.id]));
    expect(t.notifications.filter((shown) => shown.screen === 'tasks')).toEqual([]);

    clock.advance(55 * 60_000); // slept past 09:45 (15 minutes before it is due)
    t.core.desktop.system.wake();
    await vi.waitFor(() => expect(t.notifications.filter((shown) => shown.title.includes('Call Dana'))).toHaveLength(1));
    t.core.desktop.system.wake();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(t.notifications.filter((shown) => shown.title.includes('Call Dana'))).toHaveLength(1);
  });
});
