// The tray and system watchers see the core only through these models: check what they show and do.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
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
});
