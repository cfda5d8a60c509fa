// The first sync is progressive (issue 16): newest first, in pages, each saved in its own
// transaction, so suggestions reach the feed while older pages are still fetched; it is bounded
// (30 days or 2,000 messages by default) and "Load older" reaches further on demand; a sync stopped
// mid-way continues after its last saved page. Real core against the fake Gmail over sockets.
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeGoogle, visitAuthorizationUrl, type FakeGoogle } from '../fakes/google';
import { createTestCore, firstSync, type TestCore } from '../helpers/test-core';

const DAY = 86_400_000;
let google: FakeGoogle;
let t: TestCore | null;
const extra: TestCore[] = [];
afterEach(async () => {
  for (const core of extra.splice(0)) await core.core.stop();
  await t?.cleanup();
  await google?.close();
});

/** `count` requests, the newest first, `spacingMs` apart from `startMs` ago. */
function addRequests(count: number, options: { startMs?: number; spacingMs?: number; label?: string } = {}): string[] {
  const ids: string[] = [];
  for (let index = 0; index < count; index += 1) {
    const date = new Date(Date.now() - (options.startMs ?? 60_000) - index * (options.spacingMs ?? 60_000));
    ids.push(google.addMessage({ from: `Colleague ${index} <c${index}@example.com>`, to: google.account.email, subject: `${options.label ?? 'Request'} ${index}`, date, text: `Could you please review draft ${options.label ?? ''}${index} and send me comments by Friday?` }));
  }
  return ids;
}

async function connect(core: TestCore): Promise<number> {
  const { integrationId, authorizationUrl } = await core.core.services.connections.connect({ provider: 'gmail' });
  await visitAuthorizationUrl(authorizationUrl!, { follow: true });
  return integrationId;
}

const seenIds = (core: TestCore, id: number) => (core.core.repos.db.prepare(`SELECT provider_item_id AS id FROM provider_items WHERE integration_id = ?`).all(id) as Array<{ id: string }>).map((row) => row.id);

describe('the first Gmail sync', () => {
  it('saves page by page, newest first: the feed hears of suggestions while the sync still runs', async () => {
    google = await startFakeGoogle({ latencyMs: [5, 15] });
    const ids = addRequests(60);
    t = createTestCore({ env: { ...google.env } });
    t.core.settings.update({ autoApproveEnabled: false });
    const seenAtFirstChange: { running: boolean; total: number; itemIds: string[] } [] = [];
    t.core.events.subscribe((event, payload) => {
      if (event !== 'suggestions:changed' || seenAtFirstChange.length > 0) return;
      const integrationId = (payload as { integrationId: number }).integrationId;
      const listed = t!.core.services.suggestions.list({ limit: 100 });
      seenAtFirstChange.push({ running: t!.core.repos.syncLogs.list(integrationId)[0]!.status === 'running', total: listed.total, itemIds: listed.items.map((s) => s.itemId) });
    });
    const id = await connect(t);
    const log = await firstSync(t.core, id);
    expect(log).toMatchObject({ status: 'succeeded', itemsFetched: 60, suggestionsGenerated: 60, pagesCommitted: 2 });
    expect(log.notes).toContain('Saved in 2 pages, newest first.');
    // The first page (25 newest) was in the feed while the sync was still running.
    expect(seenAtFirstChange[0]).toMatchObject({ running: true, total: 25 });
    expect(new Set(seenAtFirstChange[0]!.itemIds)).toEqual(new Set(ids.slice(0, 25)));
    // The cursor holds the history position only once the last page is saved.
    expect(t.core.repos.integrations.get(id)!.cursor).toMatchObject({ historyId: expect.any(String), fill: null });
  });

  it('reaches back 30 days or the configured count, whichever is smaller; "Load older" reads the next stretch, then says there is nothing older', async () => {
    google = await startFakeGoogle();
    const recent = addRequests(12, { startMs: DAY, spacingMs: DAY, label: 'recent' });
    const older = addRequests(5, { startMs: 40 * DAY, spacingMs: DAY, label: 'older' });
    t = createTestCore({ env: { ...google.env } });
    const id = await connect(t);
    await firstSync(t.core, id);
    expect(new Set(seenIds(t, id))).toEqual(new Set(recent));
    expect(t.core.services.integrations.list()[0]!.canLoadOlder).toBe(true);
    const first = await t.core.services.integrations.loadOlder(id);
    expect(first).toMatchObject({ trigger: 'older', status: 'succeeded', itemsFetched: 5 });
    expect(new Set(seenIds(t, id))).toEqual(new Set([...recent, ...older]));
    google.resetCounters();
    const nothing = await t.core.services.integrations.loadOlder(id);
    expect(nothing).toMatchObject({ itemsFetched: 0 });
    expect(google.callCount('gmail.messages.list')).toBe(1);
    const exhausted = await t.core.services.integrations.loadOlder(id);
    expect(exhausted.notes.join(' ')).toMatch(/no older unread mail/);
    expect(google.callCount('gmail.messages.list')).toBe(1);
  });

  it('stops at the configured count and "Load older" continues below the oldest message read', async () => {
    google = await startFakeGoogle();
    const ids = addRequests(30, { spacingMs: 3_600_000 });
    t = createTestCore({ env: { ...google.env } });
    t.core.settings.update({ autoApproveEnabled: false });
    const { integrationId: id } = await t.core.services.connections.connect({ provider: 'gmail' });
    // Settings before the sign-in completes, so the first sync already uses them.
    t.core.services.integrations.updateSettings(id, { firstSyncMaxItems: 12 });
    await visitAuthorizationUrl(t.opened[0]!, { follow: true });
    await firstSync(t.core, id);
    expect(new Set(seenIds(t, id))).toEqual(new Set(ids.slice(0, 12)));
    await t.core.services.integrations.loadOlder(id);
    // The next 12 listed from the oldest message read, that one included (it is skipped, not fetched).
    expect(new Set(seenIds(t, id))).toEqual(new Set(ids.slice(0, 23)));
    await t.core.services.integrations.loadOlder(id);
    expect(new Set(seenIds(t, id))).toEqual(new Set(ids));
  });

  it('continues after the last saved page when the app stopped mid-way: nothing saved is fetched again, nothing skipped', async () => {
    google = await startFakeGoogle({ latencyMs: [5, 15] });
    const ids = addRequests(160);
    t = createTestCore({ env: { ...google.env } });
    t.core.settings.update({ autoApproveEnabled: false });
    let stopping: Promise<void> | null = null;
    t.core.events.subscribe((event) => {
      // Quit as soon as the first page (25 newest) is saved.
      if (event === 'suggestions:changed' && !stopping) stopping = t!.core.stop();
    });
    const id = await connect(t);
    while (!stopping) await new Promise((resolve) => setTimeout(resolve, 10));
    await stopping;
    const again = createTestCore({ env: { ...google.env }, dataDir: t.dir });
    extra.push(again);
    const stopped = again.core.repos.syncLogs.list(id)[0]!;
    expect(stopped.status).toBe('failed');
    expect(stopped.error).toMatch(/Stopped because the app was closing\. 1 page\(s\) were saved; the next sync continues after them\./);
    const savedBefore = seenIds(again, id);
    expect(savedBefore.length).toBe(25);
    expect(again.core.repos.integrations.get(id)!.cursor).toMatchObject({ fill: { pageToken: null, listed: 0 } });
    const log = await again.core.services.sync.syncIntegration(id);
    expect(log).toMatchObject({ status: 'succeeded', itemsFetched: 135 });
    expect(new Set(seenIds(again, id))).toEqual(new Set(ids));
    const gets = new Map<string, number>();
    for (const entry of google.requestLog) {
      if (entry.route !== 'gmail.messages.get' || entry.status !== 200) continue;
      const message = /\/messages\/([^/?]+)/.exec(entry.path)![1]!;
      gets.set(message, (gets.get(message) ?? 0) + 1);
    }
    // What the stopped run saved is never fetched again; what it had only fetched ahead is.
    expect(savedBefore.map((saved) => gets.get(saved))).toEqual(savedBefore.map(() => 1));
    expect(ids.every((message) => (gets.get(message) ?? 0) >= 1)).toBe(true);
    const dup = again.core.repos.db.prepare(`SELECT COUNT(*) AS n FROM (SELECT provider_item_id FROM integration_tasks GROUP BY provider_item_id HAVING COUNT(*) > 1)`).get() as { n: number };
    expect(dup.n).toBe(0);
  });
});
