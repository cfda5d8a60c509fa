// The app learns from the person, through a real core: rules screen before any engine (checked at
// the fake OpenAI server), learned proposals, "always" and "priority", History, the personal model
// and the calibrated auto-approve threshold.
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeGoogle, visitAuthorizationUrl } from '../fakes/google';
import { startFakeOpenAi, type FakeOpenAi } from '../fakes/openai';
import { createScriptedAccount, scriptedEmail, scriptedProvider, type ScriptedAccount, type ScriptedOverrides } from '../fakes/scripted/scripted-provider';
import type { EngineQuality } from '../../src/main/ai/quality';
import { createTestCore, firstSync, type TestCore } from '../helpers/test-core';

const KEY = 'sk-test-key-0000000000';
let account: ScriptedAccount;
let t: TestCore;
let llm: FakeOpenAi | null = null;

const ASK = 'Could you please send me the signed contract by Friday?';
const from = (address: string, name: string | null = null): ScriptedOverrides => ({ from: { name, address } });

async function connect(): Promise<number> {
  const { integrationId } = await t.core.services.connections.connect({ provider: 'notion', options: { path: 'scripted' } });
  await firstSync(t.core, integrationId);
  return integrationId;
}

async function withLlm(): Promise<void> {
  llm = await startFakeOpenAi({ apiKey: KEY });
  await t.cleanup();
  t = createTestCore({ providers: [scriptedProvider(account)], env: { LLM_BASE_URL: llm.url, LLM_API_KEY: KEY, LLM_MODEL: 'gpt-4.1-mini' } });
  t.core.settings.update({ engine: 'llm', autoApproveEnabled: false });
}

const pending = () => t.core.services.suggestions.list({ limit: 500 }).items;

beforeEach(() => {
  account = createScriptedAccount();
  t = createTestCore({ providers: [scriptedProvider(account)] });
  t.core.settings.update({ autoApproveEnabled: false });
});
afterEach(async () => {
  await t.cleanup();
  await llm?.close();
  llm = null;
});

describe('rules screen before any engine', () => {
  it('a "never" rule costs no LLM request, is recorded with its reason and counts its hit', async () => {
    await withLlm();
    const id = await connect();
    const rule = t.core.services.rules.set({ action: 'never', scope: 'sender', value: 'News@Vendor.example' });
    expect(rule).toMatchObject({ action: 'never', scope: 'sender', value: 'news@vendor.example', origin: 'person', status: 'active', hits: 0 });
    account.items.push(scriptedEmail(ASK, { id: 'blocked', ...from('news@vendor.example') }));
    const log = await t.core.services.sync.syncIntegration(id);
    expect(llm!.chatRequests()).toHaveLength(0);
    expect(log).toMatchObject({ suggestionsGenerated: 0, llmTokens: 0 });
    expect(t.core.repos.db.prepare(`SELECT outcome, reason FROM provider_items WHERE provider_item_id = 'blocked'`).get()).toEqual({ outcome: 'filtered', reason: 'your rule: never suggest from sender news@vendor.example' });
    expect(t.core.services.rules.list()[0]!.hits).toBe(1);
    // Someone else's message still goes to the model.
    account.items.push(scriptedEmail(ASK, { id: 'allowed', ...from('dana@acme.example') }));
    await t.core.services.sync.syncIntegration(id);
    expect(llm!.chatRequests()).toHaveLength(1);
  });

  it('an "always" rule lifts an item the engine judged as no task; "priority" sets the priority; both say why', async () => {
    const id = await connect();
    account.items.push(scriptedEmail('Thanks, that was really helpful!', { id: 'thanks-1', ...from('boss@acme.example', 'The Boss') }));
    await t.core.services.sync.syncIntegration(id);
    expect(pending()).toHaveLength(0);
    t.core.services.rules.set({ action: 'always', scope: 'sender', value: 'boss@acme.example' });
    t.core.services.rules.set({ action: 'priority', scope: 'domain', value: 'acme.example', priority: 'urgent' });
    account.items.push(scriptedEmail('Thanks, that was really helpful!', { id: 'thanks-2', ...from('boss@acme.example', 'The Boss') }));
    await t.core.services.sync.syncIntegration(id);
    const [lifted] = pending();
    expect(lifted).toMatchObject({ itemId: 'thanks-2', priority: 'urgent' });
    expect(lifted!.confidence).toBeLessThan(0.5);
    expect(lifted!.reasoning).toMatch(/^Your rule "always suggest from sender boss@acme.example" put it in the feed \(the engine saw no request\)\. Your rule "priority urgent for domain acme.example" set its priority\./);
    expect(lifted!.ruleTargets).toEqual({ sender: 'boss@acme.example', domain: 'acme.example', list: null, channel: null, channelLabel: null, calendar: null });
    expect(t.core.services.rules.list().map((rule) => [rule.action, rule.hits])).toEqual([['priority', 1], ['always', 1]]);
  });

  it('an "always" rule lets a sender\'s bulk mail past Gmail\'s header screen, before any body is fetched', async () => {
    const google = await startFakeGoogle();
    try {
      await t.cleanup();
      t = createTestCore({ env: { ...google.env } });
      t.core.settings.update({ engine: 'offline', autoApproveEnabled: false });
      const { integrationId, authorizationUrl } = await t.core.services.connections.connect({ provider: 'gmail' });
      await visitAuthorizationUrl(authorizationUrl!, { follow: true });
      await firstSync(t.core, integrationId);
      const bulk = { from: 'Billing <billing@vendor.example>', to: google.account.email, headers: { 'List-Unsubscribe': '<mailto:unsubscribe@vendor.example>' } };
      google.addMessage({ ...bulk, subject: 'Invoice 1001', text: 'Please pay invoice 1001 by Friday.' });
      await t.core.services.sync.syncIntegration(integrationId);
      expect(pending()).toHaveLength(0);
      t.core.services.rules.set({ action: 'always', scope: 'domain', value: 'vendor.example' });
      google.addMessage({ ...bulk, subject: 'Invoice 1002', text: 'Please pay invoice 1002 by Friday.' });
      await t.core.services.sync.syncIntegration(integrationId);
      expect(pending().map((s) => s.preview?.kind === 'email' && s.preview.subject)).toEqual(['Invoice 1002']);
    } finally {
      await google.close();
    }
  });

  it('refuses a value that can never match, with a sentence', () => {
    expect(() => t.core.services.rules.set({ action: 'never', scope: 'domain', value: 'not a domain' })).toThrow(/does not look right: give a domain such as acme.com/);
    expect(() => t.core.services.rules.set({ action: 'priority', scope: 'sender', value: 'a@b.example' })).toThrow(/needs a priority/);
  });
});

describe('learned rules', () => {
  it('after 3 dismissals and no approval from one sender, proposes a "never" rule; accepting it stops that sender at no LLM cost', async () => {
    await withLlm();
    const id = await connect();
    for (let index = 0; index < 4; index += 1) account.items.push(scriptedEmail(`${ASK} (${index})`, { id: `promo-${index}`, ...from('deals@shop.example', 'Shop') }));
    await t.core.services.sync.syncIntegration(id);
    const fromShop = pending().filter((s) => s.ruleTargets.sender === 'deals@shop.example');
    expect(fromShop).toHaveLength(4);
    t.core.services.suggestions.dismiss(fromShop[0]!.id);
    t.core.services.suggestions.dismissBatch([fromShop[1]!.id]);
    expect(t.core.services.rules.list()).toEqual([]);
    t.core.services.suggestions.dismiss(fromShop[2]!.id);
    const [proposal] = t.core.services.rules.list();
    expect(proposal).toMatchObject({ action: 'never', scope: 'sender', value: 'deals@shop.example', label: 'Shop', origin: 'learned', status: 'proposed', reason: 'You dismissed 3 suggestions from this sender and approved none.' });
    // A proposal does nothing until accepted.
    account.items.push(scriptedEmail(ASK, { id: 'promo-4', ...from('deals@shop.example') }));
    await t.core.services.sync.syncIntegration(id);
    const requests = llm!.chatRequests().length;
    expect(pending().some((s) => s.itemId === 'promo-4')).toBe(true);
    expect(t.core.services.rules.accept(proposal!.id)).toMatchObject({ status: 'active', origin: 'learned' });
    account.items.push(scriptedEmail(ASK, { id: 'promo-5', ...from('deals@shop.example') }));
    await t.core.services.sync.syncIntegration(id);
    expect(llm!.chatRequests()).toHaveLength(requests);
    expect(pending().some((s) => s.itemId === 'promo-5')).toBe(false);
  });

  it('an approval from the sender, or an ignored proposal, means no proposal', async () => {
    const id = await connect();
    for (let index = 0; index < 8; index += 1) account.items.push(scriptedEmail(`${ASK} (${index})`, { id: `m-${index}`, ...from(index < 4 ? 'sam@acme.example' : 'ads@promo.example') }));
    await t.core.services.sync.syncIntegration(id);
    const sam = pending().filter((s) => s.ruleTargets.sender === 'sam@acme.example');
    t.core.services.suggestions.approve(sam[0]!.id);
    t.core.services.suggestions.dismissBatch(sam.slice(1).map((s) => s.id));
    expect(t.core.services.rules.list()).toEqual([]);
    const ads = pending().filter((s) => s.ruleTargets.sender === 'ads@promo.example');
    t.core.services.suggestions.dismissBatch(ads.slice(0, 3).map((s) => s.id));
    const [proposal] = t.core.services.rules.list();
    t.core.services.rules.remove(proposal!.id);
    t.core.services.suggestions.dismiss(ads[3]!.id);
    expect(t.core.services.rules.list()).toEqual([]);
  });

  it('proposes for a noisy mailing list whatever the sender', async () => {
    const id = await connect();
    const list = { headers: { listUnsubscribe: null, precedence: null, autoSubmitted: null, listId: 'Dev talk <dev.lists.example.org>' } };
    for (let index = 0; index < 3; index += 1) account.items.push(scriptedEmail(`${ASK} (${index})`, { id: `l-${index}`, ...from(`member${index}@example.org`), ...list }));
    await t.core.services.sync.syncIntegration(id);
    t.core.services.suggestions.dismissBatch(pending().map((s) => s.id));
    expect(t.core.services.rules.list()).toMatchObject([{ scope: 'list', value: 'dev.lists.example.org', reason: 'You dismissed 3 suggestions from this mailing list and approved none.' }]);
  });
});

describe('History', () => {
  it('finds approved and dismissed suggestions by sender through the full-text query, and Restore puts one back; a tombstone stays through a resync', async () => {
    const id = await connect();
    account.items.push(
      scriptedEmail(ASK, { id: 'a', ...from('dana.reyes@acme.example', 'Dana Reyes') }),
      scriptedEmail(`${ASK} Thanks.`, { id: 'b', ...from('sam@other.example', 'Sam Lee') }),
      scriptedEmail(`${ASK} Cheers.`, { id: 'c', ...from('dana.reyes@acme.example', 'Dana Reyes') }),
    );
    await t.core.services.sync.syncIntegration(id);
    const byItem = new Map(pending().map((s) => [s.itemId, s]));
    t.core.services.suggestions.dismissBatch([byItem.get('a')!.id, byItem.get('b')!.id]);
    t.core.services.suggestions.approve(byItem.get('c')!.id);
    const dismissed = t.core.services.suggestions.list({ status: 'dismissed', query: 'REYES' });
    expect(dismissed.items.map((s) => s.itemId)).toEqual(['a']);
    expect(dismissed.total).toBe(1);
    expect(t.core.services.suggestions.list({ status: 'dismissed', query: 'Sam Lee' }).items.map((s) => s.itemId)).toEqual(['b']);
    expect(t.core.services.suggestions.list({ status: 'approved', query: 'dana' }).items.map((s) => s.itemId)).toEqual(['c']);
    // By address too (its parts are words of the index), and a sender nobody wrote from finds nothing.
    expect(t.core.services.suggestions.list({ status: 'dismissed', query: 'dana.reyes@acme.example' }).items.map((s) => s.itemId)).toEqual(['a']);
    expect(t.core.services.suggestions.list({ status: 'dismissed', query: 'nobody@nowhere.example' }).items).toEqual([]);
    t.core.repos.integrations.setCursor(id, 0);
    await t.core.services.sync.syncIntegration(id);
    expect(t.core.repos.suggestions.get(byItem.get('b')!.id)!.status).toBe('dismissed');
    t.core.services.suggestions.restore(byItem.get('a')!.id);
    expect(t.core.repos.suggestions.get(byItem.get('a')!.id)!.status).toBe('pending_approval');
  });
});

describe('the personal model and calibration', () => {
  it('learns from reviews, takes an undo back, is saved in the data folder and reset from Settings', async () => {
    const id = await connect();
    account.items.push(scriptedEmail(ASK, { id: 'x', ...from('dana@acme.example') }), scriptedEmail(`${ASK} Please.`, { id: 'y', ...from('sam@acme.example') }));
    await t.core.services.sync.syncIntegration(id);
    const [first, second] = pending();
    t.core.services.suggestions.approve(first!.id, { title: 'Send Dana the signed contract' });
    t.core.services.suggestions.dismiss(second!.id);
    expect(t.core.services.learning.status().personalModel).toMatchObject({ decisions: 2, revision: 2 });
    t.core.services.suggestions.restore(second!.id);
    expect(t.core.services.learning.status().personalModel).toMatchObject({ decisions: 1, revision: 3 });
    // Written shortly after a burst of reviews, and at the latest when the app stops: a restart keeps it.
    const dir = t.dir;
    await t.core.stop();
    expect(existsSync(join(dir, 'personal-model.json'))).toBe(true);
    t = createTestCore({ providers: [scriptedProvider(account)], dataDir: dir });
    expect(t.core.services.learning.status().personalModel).toMatchObject({ decisions: 1, revision: 3 });
    expect(t.core.services.learning.reset().personalModel).toEqual({ decisions: 0, revision: 0, updatedAt: null, weight: 0 });
    expect(existsSync(join(t.dir, 'personal-model.json'))).toBe(false);
    await t.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it('raises the auto-approve threshold after an undone auto-approval, says so, and stops auto-approving at that confidence', async () => {
    // An engine that earned auto-approve on held-out email from 0.5 up, so what moves the gate here is the person alone.
    const earned: EngineQuality = {
      engine: 'offline-v1',
      measuredOn: 'a test table',
      measuredAt: '2026-12-03',
      command: 'none',
      kinds: { email: { count: 100, balancedAccuracy: 1, f1: 1, ece: 0, autoApprove: [{ threshold: 0.5, count: 50, precision: 1 }] } },
    };
    await t.cleanup();
    t = createTestCore({ providers: [scriptedProvider(account)], options: { quality: (engine) => (engine === earned.engine ? earned : null) } });
    t.core.settings.update({ autoApproveEnabled: true, autoApproveThreshold: 0.5 });
    // Both senders are people the person wrote to: trust (known correspondents) allows them, so only the threshold decides.
    account.sent.push('dana@acme.example', 'sam@acme.example');
    const id = await connect();
    // A clear ask the offline engine is confident about, but not certain of.
    const ask = 'Could you please send me the signed contract by Friday?';
    account.items.push(scriptedEmail(ask, { id: 'auto-1', ...from('dana@acme.example') }));
    await t.core.services.sync.syncIntegration(id);
    const [auto] = t.core.services.suggestions.list({ status: 'auto_approved' }).items;
    expect(auto).toBeDefined();
    expect(t.core.services.learning.status().autoApprove).toMatchObject({ settingThreshold: 0.5, effectiveThreshold: 0.5, explanation: null });
    t.core.services.tasks.remove(auto!.taskId!);
    const status = t.core.services.learning.status().autoApprove;
    expect(status.effectiveThreshold).toBeGreaterThan(auto!.confidence);
    expect(status).toMatchObject({ undone: 1, kept: 0 });
    expect(status.explanation).toMatch(/^Auto-approve now needs a confidence of 0\.\d\d instead of your 0\.50/);
    expect(t.core.services.learning.stats()).toMatchObject({ autoApproved: 1, autoApprovedKept: 0, autoApprovedUndone: 1 });
    // The sync's gate is the engine's (0.50 here) narrowed by the person's threshold, and Settings shows the same.
    const gate = t.core.services.settings.view().autoApprove.find((entry) => entry.engine === 'offline-v1' && entry.itemType === 'email');
    expect(gate).toMatchObject({ enabled: true, threshold: status.effectiveThreshold });
    expect(gate!.reason).toContain(status.explanation!);
    account.items.push(scriptedEmail(ask, { id: 'auto-2', ...from('sam@acme.example') }));
    const log = await t.core.services.sync.syncIntegration(id);
    expect(log).toMatchObject({ suggestionsGenerated: 1, autoApproved: 0 });
  });
});
