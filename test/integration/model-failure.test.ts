// Nothing is lost when the model fails (issue 14): items the LLM could not judge wait and are tried
// again on later syncs with backoff; after three failed attempts the offline engine judges them and
// says so. Real core, fake Gmail and fake OpenAI over sockets, the openai SDK in between.
import { afterEach, describe, expect, it } from 'vitest';
import type { Clock } from '../../src/main/clock';
import { JUDGED_OFFLINE_FLAG } from '../../src/main/sync/judging';
import { startFakeGoogle, visitAuthorizationUrl, type FakeGoogle } from '../fakes/google';
import { faults, heuristicResponder, startFakeOpenAi, type FakeOpenAi } from '../fakes/openai';
import { join } from 'node:path';
import { ROOT } from '../helpers/host';
import { createTestCore, firstSync, type TestCore } from '../helpers/test-core';

/** The wall clock moved on by hand: waits end without waiting (tokens from the fake stay valid). */
class SkippingClock implements Clock {
  private offset = 0;
  now(): Date {
    return new Date(Date.now() + this.offset);
  }
  skip(ms: number): void {
    this.offset += ms;
  }
}

const KEY = 'sk-test-key-0000000000';
const ASKS = ['contract', 'budget', 'slides', 'agenda', 'invoice', 'roadmap'];

let google: FakeGoogle;
let llm: FakeOpenAi;
let t: TestCore;
let clock: SkippingClock;
/** The fakes this test started: each closes once (a later test may start none). */
const started: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await t?.cleanup();
  for (const fake of started.splice(0)) await fake.close();
});

/** Gmail with six requests, the LLM answering 500 to everything, and the first sync done. */
async function failingFirstSync(): Promise<number> {
  google = await startFakeGoogle();
  llm = await startFakeOpenAi({ apiKey: KEY });
  started.push(google, llm);
  llm.setResponder(() => faults.serverError(500));
  clock = new SkippingClock();
  t = createTestCore({ clock, env: { ...google.env, LLM_BASE_URL: llm.url, LLM_API_KEY: KEY, LLM_MODEL: 'gpt-4.1-mini' } });
  t.core.settings.update({ autoApproveEnabled: false });
  for (const ask of ASKS) google.addMessage({ from: 'Dana Reyes <dana@example.com>', to: google.account.email, subject: `The ${ask}`, text: `Could you please send me the ${ask} by Friday?` });
  const { integrationId, authorizationUrl } = await t.core.services.connections.connect({ provider: 'gmail' });
  await visitAuthorizationUrl(authorizationUrl!, { follow: true });
  await firstSync(t.core, integrationId);
  return integrationId;
}

function suggestionsPerItem(id: number): Map<string, number> {
  const rows = t.core.repos.db.prepare(`SELECT provider_item_id AS item, COUNT(*) AS n FROM integration_tasks WHERE integration_id = ? GROUP BY provider_item_id`).all(id) as Array<{ item: string; n: number }>;
  return new Map(rows.map((row) => [row.item, row.n]));
}

describe('when the model fails', () => {
  it('an LLM answering 500 for a whole sync loses nothing: the items wait, and the sync after it recovers judges each once', async () => {
    const id = await failingFirstSync();
    const failed = t.core.repos.syncLogs.list(id)[0]!;
    expect(failed).toMatchObject({ status: 'partial', itemsFetched: 6, itemsQuarantined: 0, itemsWaiting: 6, suggestionsGenerated: 0 });
    expect(failed.notes.join(' ')).toMatch(/6 item\(s\) wait for the model \(.*\(500\).*\); they are tried again on the next syncs/);
    expect(t.core.services.integrations.list()[0]!.stats.waitingForModel).toBe(6);
    expect(t.core.repos.providerItems.counts(id)).toMatchObject({ waiting: 6, quarantined: 0 });
    // The model was asked once (with the SDK's own retries); the rest of the run did not hammer it.
    const asked = llm.chatRequests().length;
    expect(asked).toBe(3);

    // Too soon: the items wait out their backoff, the model is not asked again.
    await t.core.services.sync.syncIntegration(id);
    expect(llm.chatRequests()).toHaveLength(asked);
    expect(t.core.repos.waits.count(id)).toBe(6);

    llm.setResponder(heuristicResponder);
    clock.skip(2 * 60_000);
    const recovered = await t.core.services.sync.syncIntegration(id);
    expect(recovered).toMatchObject({ status: 'succeeded', itemsQuarantined: 0, itemsWaiting: 0, suggestionsGenerated: 6 });
    const perItem = suggestionsPerItem(id);
    expect([...perItem.values()]).toEqual([1, 1, 1, 1, 1, 1]);
    expect(google.messages().every((message) => perItem.get(message.id) === 1)).toBe(true);
    expect(t.core.services.suggestions.list().items.every((s) => s.model === 'gpt-4.1-mini' && !s.flags.includes(JUDGED_OFFLINE_FLAG))).toBe(true);
    expect(t.core.repos.providerItems.counts(id)).toMatchObject({ suggested: 6, waiting: 0, quarantined: 0 });
    expect(t.core.services.integrations.list()[0]!.stats.waitingForModel).toBe(0);
    // And nothing more to do after it.
    const after = await t.core.services.sync.syncIntegration(id);
    expect(after).toMatchObject({ suggestionsGenerated: 0, itemsWaiting: 0 });
  });

  it('an LLM that never recovers: the offline engine judges each item after three failed attempts, and the suggestion says so', async () => {
    const id = await failingFirstSync();
    clock.skip(2 * 60_000);
    const second = await t.core.services.sync.syncIntegration(id);
    expect(second).toMatchObject({ itemsWaiting: 6, suggestionsGenerated: 0 });
    expect(t.core.repos.waits.due(id, new Date(clock.now().getTime() + 3_600_000), 100).map((wait) => wait.attempts)).toEqual([2, 2, 2, 2, 2, 2]);
    clock.skip(3 * 60_000);
    const third = await t.core.services.sync.syncIntegration(id);
    expect(third).toMatchObject({ status: 'succeeded', itemsWaiting: 0, itemsQuarantined: 0, suggestionsGenerated: 6 });
    expect(third.notes.join(' ')).toMatch(/6 item\(s\) were judged offline after the model failed 3 times/);
    const suggestions = t.core.services.suggestions.list().items;
    expect(suggestions).toHaveLength(6);
    for (const suggestion of suggestions) {
      expect(suggestion.model).toBe('offline-v1');
      expect(suggestion.flags).toContain(JUDGED_OFFLINE_FLAG);
      expect(suggestion.reasoning).toMatch(/^Judged offline after the model failed 3 times\./);
    }
    expect([...suggestionsPerItem(id).values()]).toEqual([1, 1, 1, 1, 1, 1]);
    expect(t.core.repos.waits.count(id)).toBe(0);
    // Three syncs asked the model, once each (plus the SDK's two retries each).
    expect(llm.chatRequests()).toHaveLength(9);
  });
});

describe('after the upgrade', () => {
  it('items the old rule quarantined are fetched again by ID and judged once; one gone from Gmail is set aside with a reason', async () => {
    google = await startFakeGoogle();
    started.push(google);
    clock = new SkippingClock();
    t = createTestCore({ clock, env: { ...google.env } });
    t.core.settings.update({ autoApproveEnabled: false });
    const { integrationId: id, authorizationUrl } = await t.core.services.connections.connect({ provider: 'gmail' });
    await visitAuthorizationUrl(authorizationUrl!, { follow: true });
    await firstSync(t.core, id);
    // What migration 0005 leaves for two messages the old rule quarantined: waiting, no snapshot.
    const kept = google.addMessage({ from: 'Dana Reyes <dana@example.com>', to: google.account.email, subject: 'The contract', text: 'Could you please sign the contract by Friday?' });
    for (const itemId of [kept, 'deleted-since']) {
      t.core.repos.providerItems.record({ integrationId: id, itemId, itemType: 'email', threadKey: null, outcome: 'waiting', reason: 'No usable suggestion: The LLM server had a problem (HTTP 500).' });
      t.core.repos.waits.save({ integrationId: id, itemId, itemType: 'email', threadKey: null, snapshot: null, attempts: 1, nextAttemptAt: clock.now().toISOString(), lastError: 'No usable suggestion: ...' });
    }
    google.resetCounters();
    const log = await t.core.services.sync.syncIntegration(id);
    expect(google.callCount('gmail.messages.get')).toBe(2);
    expect(log).toMatchObject({ suggestionsGenerated: 1, itemsQuarantined: 1, itemsWaiting: 0 });
    expect(t.core.services.suggestions.list().items.map((s) => s.itemId)).toEqual([kept]);
    expect(t.core.repos.providerItems.quarantined(id)).toEqual([{ itemId: 'deleted-since', reason: 'It could not be found at Gmail again to be judged.' }]);
    expect(t.core.repos.waits.count(id)).toBe(0);
    // Judged once: the next sync neither fetches nor judges them again.
    google.resetCounters();
    await t.core.services.sync.syncIntegration(id);
    expect(google.callCount('gmail.messages.get')).toBe(0);
  });

  it('a mail file is read again for the items the old rule quarantined (the file itself unchanged)', async () => {
    t = createTestCore({ env: {} });
    t.core.settings.update({ autoApproveEnabled: false });
    const { integrationId: id } = await t.core.services.connections.connect({ provider: 'mail_files', options: { path: join(ROOT, 'resources/sample.mbox') } });
    await firstSync(t.core, id);
    // Pretend the old rule had quarantined one of the requests: its suggestion never existed.
    const victim = t.core.services.suggestions.list().items[0]!;
    t.core.repos.db.prepare(`DELETE FROM integration_tasks WHERE id = ?`).run(victim.id);
    t.core.repos.db.prepare(`UPDATE provider_items SET outcome = 'waiting' WHERE provider_item_id = ?`).run(victim.itemId);
    for (const itemId of [victim.itemId, 'no-such-message@example.com']) {
      if (itemId !== victim.itemId) t.core.repos.providerItems.record({ integrationId: id, itemId, itemType: 'email', threadKey: null, outcome: 'waiting', reason: 'No usable suggestion: ...' });
      t.core.repos.waits.save({ integrationId: id, itemId, itemType: 'email', threadKey: null, snapshot: null, attempts: 1, nextAttemptAt: new Date().toISOString(), lastError: null });
    }
    const log = await t.core.services.sync.syncIntegration(id);
    expect(log).toMatchObject({ suggestionsGenerated: 1, itemsQuarantined: 1, itemsWaiting: 0 });
    expect(t.core.services.suggestions.list().items.find((s) => s.itemId === victim.itemId)).toMatchObject({ title: victim.title });
    expect(t.core.repos.providerItems.quarantined(id)).toEqual([{ itemId: 'no-such-message@example.com', reason: 'It could not be found at Mail files again to be judged.' }]);
  });
});

