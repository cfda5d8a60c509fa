/** A core connected to the fake Slack with Socket Mode, and the waits realtime tests share. */
import { expect } from 'vitest';
import { startFakeSlack, visitSlackAuthorize, type FakeSlack, type FakeSlackOptions } from '../fakes/slack';
import type { CoreOptions } from '../../src/main/core';
import { createTestCore, firstSync, type TestCore } from './test-core';

/** What a realtime Slack test works with. */
export interface SlackRealtimeRig {
  slack: FakeSlack;
  t: TestCore;
  id: number;
  peer: string;
  dm: string;
  general: string;
}

/** Polls `check` every 10 ms until it returns a value (not undefined/false) or the time is up. */
export async function waitFor<T>(check: () => T | undefined | false, timeoutMs = 10_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`${what} not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Starts the fake and a core, connects Slack through the browser flow and starts the core's background work. */
export async function startSlackRealtime(options: FakeSlackOptions = {}, env: Record<string, string> = {}, coreOptions: CoreOptions = {}): Promise<SlackRealtimeRig> {
  const slack = await startFakeSlack(options);
  const t = createTestCore({ env: { ...slack.env, SLACK_CLIENT_SECRET: '', ...env }, options: { undoWindowMs: 0, realtimeGatherMs: 50, ...coreOptions } });
  t.core.settings.update({ autoApproveEnabled: false, notificationsEnabled: false });
  const peer = slack.addUser({ id: 'U0PEER0001', name: 'ann', realName: 'Ann Peer' });
  const dm = slack.addChannel({ isIm: true, members: [slack.selfId, peer] });
  const general = slack.addChannel({ name: 'general', members: [slack.selfId, peer] });
  const { integrationId, authorizationUrl } = await t.core.services.connections.connect({ provider: 'slack' });
  await visitSlackAuthorize(authorizationUrl!, { follow: true });
  await firstSync(t.core, integrationId);
  expect(t.core.repos.integrations.get(integrationId)!.status).toBe('connected');
  t.core.start();
  return { slack, t, id: integrationId, peer, dm, general };
}

/** The suggestion of a Slack item, if there is one. */
export function suggestionFor(t: TestCore, integrationId: number, itemId: string) {
  return t.core.services.suggestions.list({ status: ['pending_approval', 'approved', 'dismissed', 'auto_approved'], limit: 20_000 }).items.find((s) => s.integrationId === integrationId && s.itemId === itemId);
}

/** Waits until the account's card says its changes are pushed. */
export async function waitLive(t: TestCore, integrationId: number, timeoutMs = 10_000): Promise<void> {
  await waitFor(() => t.core.services.integrations.list().find((i) => i.id === integrationId)?.realtime === 'push', timeoutMs, 'push live');
}

/** The median of a list of numbers. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
