import { afterEach, describe, expect, it } from 'vitest';
import { startFakeSlack, visitSlackAuthorize, type FakeSlack, type FakeSlackOptions } from '../fakes/slack';
import { createTestCore, firstSync, type TestCore } from '../helpers/test-core';

let slack: FakeSlack;
let t: TestCore;
afterEach(async () => {
  await t?.cleanup();
  await slack?.close();
});

async function setup(options: FakeSlackOptions = {}, sleepScale = 0): Promise<{ id: number; waits: number[] }> {
  slack = await startFakeSlack(options);
  const waits: number[] = [];
  t = createTestCore({
    env: { ...slack.env, SLACK_CLIENT_SECRET: '' },
    options: {
      undoWindowMs: 0,
      // Record every wait the sync asks for; sleep a scaled-down version so the fake's window passes.
      sleep: async (ms) => {
        waits.push(ms);
        await new Promise((resolve) => setTimeout(resolve, ms * sleepScale));
      },
    },
  });
  t.core.settings.update({ autoApproveEnabled: false });
  slack.addUser({ id: 'U0PEER0001', name: 'pat', realName: 'Pat Peer' });
  return { id: 0, waits };
}

async function connect(): Promise<number> {
  const { integrationId, authorizationUrl } = await t.core.services.connections.connect({ provider: 'slack' });
  const url = new URL(authorizationUrl!);
  expect(url.searchParams.get('redirect_uri')).toMatch(/^http:\/\/localhost:5368[2-4]\/slack\/callback$/);
  expect(url.searchParams.get('code_challenge_method')).toBe('S256');
  expect(url.searchParams.get('user_scope')).toContain('reactions:write');
  await visitSlackAuthorize(authorizationUrl!, { follow: true });
  await firstSync(t.core, integrationId);
  expect(t.core.repos.integrations.get(integrationId)!.status).toBe('connected');
  return integrationId;
}

describe('Slack', () => {
  it('connects with PKCE and no client secret, turns a DM and a mention into suggestions with thread context', async () => {
    await setup();
    const dm = slack.addChannel({ isIm: true, members: [slack.selfId, 'U0PEER0001'] });
    const general = slack.addChannel({ name: 'general', members: [slack.selfId, 'U0PEER0001'] });
    slack.postMessage({ channel: dm, user: 'U0PEER0001', text: 'Can you review my pull request before tomorrow noon?' });
    const parent = slack.postMessage({ channel: general, user: 'U0PEER0001', text: 'Release notes draft is in the doc.' });
    slack.postMessage({ channel: general, user: 'U0PEER0001', text: `<@${slack.selfId}> could you approve the release notes by Friday?`, threadTs: parent });
    const id = await connect();
    const items = t.core.services.suggestions.list().items;
    expect(items).toHaveLength(2);
    const mention = items.find((s) => s.preview?.kind === 'slack_message' && s.preview.channel === '#general')!;
    expect(mention.preview).toMatchObject({ author: 'Pat Peer' });
    const snapshot = t.core.repos.suggestions.snapshot(mention.id) as { threadContext: Array<{ text: string }> };
    expect(snapshot.threadContext.map((entry) => entry.text)).toEqual(['Release notes draft is in the doc.']);
    expect(t.core.repos.integrations.get(id)!.displayName).toContain('Fake Workspace');
    // A second sync from the stored ts fetches nothing new.
    const again = await t.core.services.sync.syncIntegration(id);
    expect(again.itemsFetched).toBe(0);
  });

  it('rotates tokens: one refresh for concurrent callers, the new single-use refresh token stored first', async () => {
    await setup({ accessTokenTtlSeconds: 3600 });
    const id = await connect();
    const before = await t.core.vault.loadTokens(id);
    slack.expireAccessTokens();
    slack.advanceClock(2 * 3600_000);
    t.core.repos.integrations.setSchedule(id, null, new Date().toISOString());
    // Make the stored token look expired so the manager refreshes before calling.
    await t.core.vault.saveTokens(id, { ...before!, expiresAt: Date.now() - 1000 });
    const logs = await Promise.all([1, 2, 3].map(() => t.core.services.sync.syncIntegration(id)));
    expect(logs.every((log) => log.status !== 'failed')).toBe(true);
    const after = await t.core.vault.loadTokens(id);
    expect(after!.refreshToken).not.toBe(before!.refreshToken);
    expect(slack.callCount('oauth.v2.access')).toBe(2);
  });

  it('a 429 storm on conversations.history only slows the sync; nothing is lost and Activity says why', async () => {
    const { waits } = await setup({ retryAfterSeconds: 1, timeScale: 0.001 }, 0.001);
    const dm = slack.addChannel({ isIm: true, members: [slack.selfId, 'U0PEER0001'] });
    for (let index = 0; index < 6; index += 1) slack.postMessage({ channel: dm, user: 'U0PEER0001', text: `Can you check ticket ${index} before Friday?` });
    slack.injectFault('conversations.history', { status: 429, times: 4 });
    const id = await connect();
    const log = t.core.repos.syncLogs.list(id)[0]!;
    expect(log.status).toBe('succeeded');
    expect(log.notes.join(' ')).toMatch(/Slack rate-limited conversations.history; the sync waited/);
    expect(waits.filter((ms) => ms >= 1000).length).toBeGreaterThanOrEqual(4);
    expect(t.core.services.suggestions.list().items).toHaveLength(6);
  });

  it('stays correct under the one-history-call-a-minute limit of apps outside the Marketplace', async () => {
    await setup({ nonMarketplaceApp: true, timeScale: 0.001 }, 0.001);
    for (let channel = 0; channel < 3; channel += 1) {
      const dm = slack.addChannel({ isIm: true, members: [slack.selfId, 'U0PEER0001'] });
      slack.postMessage({ channel: dm, user: 'U0PEER0001', text: `Could you send the report for region ${channel} by Monday?` });
    }
    const id = await connect();
    expect(t.core.repos.syncLogs.list(id)[0]!.status).toBe('succeeded');
    expect(t.core.services.suggestions.list().items).toHaveLength(3);
  });

  it('finishing a task from a Slack message adds the configured reaction once; a revoked token asks to reconnect', async () => {
    await setup();
    const dm = slack.addChannel({ isIm: true, members: [slack.selfId, 'U0PEER0001'] });
    slack.postMessage({ channel: dm, user: 'U0PEER0001', text: 'Can you send me the invoice today?' });
    const id = await connect();
    await t.core.services.integrations.updateSettings(id, { reaction: 'eyes' });
    const task = t.core.services.suggestions.approve(t.core.services.suggestions.list().items[0]!.id);
    t.core.services.tasks.complete(task.id);
    await t.core.services.outboxWorker.runDue();
    await t.core.services.outboxWorker.runDue();
    expect(slack.reactions()).toEqual([expect.objectContaining({ name: 'eyes', channel: dm })]);
    slack.revokeAllTokens();
    const log = await t.core.services.sync.syncIntegration(id);
    expect(log.status).toBe('failed');
    expect(t.core.repos.integrations.get(id)!.status).toBe('needs_reconnect');
  });

  it('reads mentions before DM history, newest first, page by page; the first sync reaches back 30 days and "Load older" further', async () => {
    await setup();
    const dm = slack.addChannel({ isIm: true, members: [slack.selfId, 'U0PEER0001'] });
    const general = slack.addChannel({ name: 'general', members: [slack.selfId, 'U0PEER0001'] });
    const ts = (daysAgo: number, n: number) => `${Math.floor((Date.now() - daysAgo * 86_400_000) / 1000)}.${String(n).padStart(6, '0')}`;
    const old = slack.postMessage({ channel: dm, user: 'U0PEER0001', text: 'Could you send me last quarter\'s report?', ts: ts(40, 1) });
    slack.postMessage({ channel: dm, user: 'U0PEER0001', text: 'Can you review my pull request before tomorrow noon?', ts: ts(2, 2) });
    for (let index = 0; index < 3; index += 1) slack.postMessage({ channel: general, user: 'U0PEER0001', text: `<@${slack.selfId}> could you approve release ${index} by Friday?`, ts: ts(1, 10 + index) });
    const pages: string[][] = [];
    t.core.events.subscribe((event) => {
      if (event !== 'suggestions:changed') return;
      const seen = new Set(pages.flat());
      pages.push(t.core.services.suggestions.list({ limit: 100 }).items.map((s) => s.itemId).filter((itemId) => !seen.has(itemId)));
    });
    const id = await connect();
    expect(pages.length).toBeGreaterThanOrEqual(2);
    expect(pages[0]!.every((itemId) => itemId.startsWith(`${general}:`))).toBe(true);
    expect(pages[0]).toHaveLength(3);
    expect(pages.flat().filter((itemId) => itemId.startsWith(`${dm}:`))).toHaveLength(1);
    expect(t.core.repos.providerItems.isKnown(id, `${dm}:${old}`)).toBe(false);
    const older = await t.core.services.integrations.loadOlder(id);
    expect(older).toMatchObject({ trigger: 'older', itemsFetched: 1, suggestionsGenerated: 1 });
    expect(t.core.repos.providerItems.isKnown(id, `${dm}:${old}`)).toBe(true);
  });

  it('after the upgrade, a message the old rule quarantined is fetched again (thread reply included) and judged once; a vanished one is set aside', async () => {
    await setup();
    const dm = slack.addChannel({ isIm: true, members: [slack.selfId, 'U0PEER0001'] });
    const general = slack.addChannel({ name: 'general', members: [slack.selfId, 'U0PEER0001'] });
    const long = (n: number) => `${Math.floor((Date.now() - 60 * 86_400_000) / 1000)}.${String(n).padStart(6, '0')}`;
    const parent = slack.postMessage({ channel: general, user: 'U0PEER0001', text: 'Release notes draft is in the doc.', ts: long(1) });
    const reply = slack.postMessage({ channel: general, user: 'U0PEER0001', text: `<@${slack.selfId}> could you approve the release notes by Friday?`, threadTs: parent, ts: long(2) });
    const direct = slack.postMessage({ channel: dm, user: 'U0PEER0001', text: 'Can you send me the invoice today?', ts: long(3) });
    const id = await connect();
    // What migration 0005 leaves for items the old rule quarantined: waiting, no snapshot.
    const lost = [`${general}:${reply}`, `${dm}:${direct}`, `${dm}:1.000009`];
    for (const itemId of lost) {
      t.core.repos.providerItems.record({ integrationId: id, itemId, itemType: 'slack_message', threadKey: null, outcome: 'waiting', reason: 'No usable suggestion: ...' });
      t.core.repos.waits.save({ integrationId: id, itemId, itemType: 'slack_message', threadKey: null, snapshot: null, attempts: 1, nextAttemptAt: new Date().toISOString(), lastError: null });
    }
    const log = await t.core.services.sync.syncIntegration(id);
    expect(log).toMatchObject({ suggestionsGenerated: 2, itemsQuarantined: 1, itemsWaiting: 0 });
    const byItem = new Map(t.core.services.suggestions.list().items.map((s) => [s.itemId, s]));
    const snapshot = t.core.repos.suggestions.snapshot(byItem.get(lost[0]!)!.id) as { threadContext: Array<{ text: string }> };
    expect(snapshot.threadContext.map((entry) => entry.text)).toEqual(['Release notes draft is in the doc.']);
    expect(byItem.get(lost[1]!)!.preview).toMatchObject({ channel: 'DM', author: 'Pat Peer' });
    expect(t.core.repos.providerItems.quarantined(id)).toEqual([{ itemId: lost[2], reason: 'It could not be found at Slack again to be judged.' }]);
    expect(t.core.repos.waits.count(id)).toBe(0);
  });
});

