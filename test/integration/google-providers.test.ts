import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeGoogle, visitAuthorizationUrl, type FakeGoogle } from '../fakes/google';
import { createTestCore, firstSync, type TestCore } from '../helpers/test-core';

let google: FakeGoogle;
let t: TestCore;

const REQUEST = { from: 'Dana Reyes <dana@example.com>', to: 'me@example.com', subject: 'Q4 proposal', text: 'Hi,\n\nCould you please review the Q4 proposal and send me your comments by Friday?\n\nThanks,\nDana' };
const NEWSLETTER = { from: 'News <news@example.com>', to: 'me@example.com', subject: 'Weekly digest', text: 'Top stories this week. Please click here to read more.', headers: { 'List-Unsubscribe': '<https://example.com/unsub>' } };

async function connect(provider: 'gmail' | 'google_calendar' = 'gmail'): Promise<number> {
  const { integrationId, authorizationUrl } = await t.core.services.connections.connect({ provider });
  expect(authorizationUrl).toContain(google.url);
  expect(t.opened.at(-1)).toBe(authorizationUrl);
  await visitAuthorizationUrl(authorizationUrl!, { follow: true });
  await expect.poll(() => t.core.repos.integrations.get(integrationId)?.status, { timeout: 10_000 }).toBe('connected');
  // The first sync starts on its own after connecting; wait for it.
  await firstSync(t.core, integrationId);
  return integrationId;
}

beforeEach(async () => {
  google = await startFakeGoogle({ tokenMarker: 'LEAKMARKER' });
  t = createTestCore({ env: { ...google.env }, options: { undoWindowMs: 0 } });
  t.core.settings.update({ autoApproveEnabled: false });
});
afterEach(async () => {
  await t.cleanup();
  await google.close();
});

describe('Google sign-in', () => {
  it('connects through the loopback redirect with PKCE and shows the account email', async () => {
    const id = await connect();
    const integration = t.core.services.integrations.list().find((entry) => entry.id === id)!;
    expect(integration).toMatchObject({ status: 'connected', accountEmail: google.account.email, lastError: null });
    expect(integration.grantedScopes).toContain('https://www.googleapis.com/auth/gmail.modify');
    const url = new URL(t.opened[0]!);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('redirect_uri')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/oauth2\/callback$/);
    expect(url.searchParams.get('state')!.length).toBeGreaterThanOrEqual(22);
  });

  it('names the missing variable when no client is configured', async () => {
    await t.cleanup();
    t = createTestCore({ env: {} });
    await expect(t.core.services.connections.connect({ provider: 'gmail' })).rejects.toThrow(/GMAIL_CLIENT_ID and GMAIL_CLIENT_SECRET/);
    expect(t.core.services.integrations.providers().find((p) => p.provider === 'gmail')).toMatchObject({ available: false, unavailableReason: expect.stringMatching(/GMAIL_CLIENT_ID/) });
  });

  it('refuses an account whose person unticked the Gmail permission, with a sentence', async () => {
    google.grantScopes(['openid', 'email']);
    const { integrationId, authorizationUrl } = await t.core.services.connections.connect({ provider: 'gmail' });
    await visitAuthorizationUrl(authorizationUrl!, { follow: true });
    await expect.poll(() => t.core.repos.integrations.get(integrationId)?.status, { timeout: 10_000 }).toBe('error');
    expect(t.core.repos.integrations.get(integrationId)!.lastError).toMatch(/permission it needs was not granted/);
    expect(await t.core.vault.loadTokens(integrationId)).toBeNull();
  });

  it('a denied consent ends in an error sentence and no token request', async () => {
    google.grantScopes('deny');
    const { integrationId, authorizationUrl } = await t.core.services.connections.connect({ provider: 'gmail' });
    await visitAuthorizationUrl(authorizationUrl!, { follow: true });
    // Google's access_denied: Cancel, or an account that is not a test user of an app in Testing; the sentence names both.
    await expect.poll(() => t.core.repos.integrations.get(integrationId)?.lastError, { timeout: 10_000 }).toMatch(/Google did not grant access \(access_denied\).*Test users/);
    expect(google.callCount('oauth.token')).toBe(0);
  });

  it('refreshes an expired token once for five concurrent callers and keeps the refresh token', async () => {
    const id = await connect();
    google.expireAccessTokens();
    const before = google.callCount('oauth.token');
    google.addMessage(REQUEST);
    const logs = await Promise.all([1, 2, 3, 4, 5].map(() => t.core.services.sync.syncIntegration(id)));
    expect(new Set(logs.map((log) => log.id)).size).toBe(1);
    expect(google.callCount('oauth.token') - before).toBe(1);
    expect((await t.core.vault.loadTokens(id))!.refreshToken).toBeTruthy();
  });

  it('a revoked refresh token marks the account needs_reconnect and notifies', async () => {
    const id = await connect();
    google.revokeRefreshTokens();
    google.expireAccessTokens();
    const log = await t.core.services.sync.syncIntegration(id);
    expect(log.status).toBe('failed');
    expect(t.core.repos.integrations.get(id)!.status).toBe('needs_reconnect');
    expect(t.notifications.some((n) => n.title === 'Reconnect Gmail')).toBe(true);
    // Reconnecting the same account reuses its row.
    const again = await t.core.services.connections.connect({ provider: 'gmail', integrationId: id });
    await visitAuthorizationUrl(again.authorizationUrl!, { follow: true });
    await expect.poll(() => t.core.repos.integrations.get(id)?.status, { timeout: 10_000 }).toBe('connected');
    expect(t.core.repos.integrations.list()).toHaveLength(1);
  });

  it('disconnect revokes and deletes local tokens, even when revocation fails', async () => {
    const id = await connect();
    google.injectFault('oauth.revoke', { status: 503, times: 5 });
    const result = await t.core.services.connections.disconnect(id);
    expect(result.status).toBe('disconnected');
    expect(result.lastError).toMatch(/could not be revoked/);
    expect(await t.core.vault.loadTokens(id)).toBeNull();
    t.core.repos.db.pragma('wal_checkpoint(TRUNCATE)');
    for (const name of readdirSync(t.dir)) if (name.startsWith('app.db')) expect(readFileSync(join(t.dir, name)).includes('LEAKMARKER')).toBe(false);
  });
});

describe('Gmail', () => {
  it('fetches unread mail in full with one get each (bulk mail screened after reading), the Promotions tab left out by the query', async () => {
    google.addMessage(REQUEST);
    google.addMessage(NEWSLETTER);
    google.addMessage({ ...REQUEST, subject: 'Read already', text: 'Please call me.' }, { labelIds: ['INBOX'] });
    google.addMessage({ ...REQUEST, subject: 'Flash sale', text: 'Buy now.' }, { labelIds: ['INBOX', 'UNREAD', 'CATEGORY_PROMOTIONS'] });
    const id = await connect();
    const log = t.core.repos.syncLogs.list(id)[0]!;
    expect(log).toMatchObject({ status: 'succeeded', itemsFetched: 2, suggestionsGenerated: 1 });
    const suggestion = t.core.services.suggestions.list().items[0]!;
    expect(suggestion.preview).toMatchObject({ kind: 'email', from: 'dana@example.com', subject: 'Q4 proposal' });
    expect(suggestion.deadline).not.toBeNull();
    const gets = google.requestLog.filter((entry) => entry.route === 'gmail.messages.get');
    expect(gets.filter((entry) => entry.path.includes('format=metadata'))).toHaveLength(0);
    expect(gets.filter((entry) => entry.path.includes('format=full'))).toHaveLength(2);
    // Profile, the listing of sent mail (known correspondents), the inbox listing, two full gets.
    expect(log.quotaUnits).toBe(1 + 5 + 5 + 2 * 5);
    expect(t.core.repos.providerItems.counts(id)).toMatchObject({ suggested: 1, filtered: 1 });
    const lists = google.requestLog.filter((entry) => entry.route === 'gmail.messages.list').map((entry) => new URL(entry.path, 'http://x').searchParams);
    expect(lists.map((params) => params.get('labelIds'))).toEqual(['SENT', 'INBOX']);
    expect(lists[1]!.get('q')).toMatch(/^is:unread -category:promotions -category:social after:\d+$/);
  });

  it('a second sync after one new message makes one history call and fetches only that message', async () => {
    google.addMessage(REQUEST);
    const id = await connect();
    google.resetCounters();
    google.addMessage({ ...REQUEST, subject: 'Contract', text: 'Can you sign the contract and send it back by Monday?' });
    const log = await t.core.services.sync.syncIntegration(id);
    expect(google.callCount('gmail.history.list')).toBe(1);
    expect(google.callCount('gmail.messages.list')).toBe(0);
    expect(google.callCount('gmail.messages.get')).toBe(1);
    expect(log).toMatchObject({ itemsFetched: 1, suggestionsGenerated: 1, apiCalls: 2, quotaUnits: 7 });
  });

  it('expired history falls back to a full resync, said in the log', async () => {
    google.addMessage(REQUEST);
    const id = await connect();
    google.addMessage({ ...REQUEST, subject: 'Later' });
    google.truncateHistory();
    const log = await t.core.services.sync.syncIntegration(id);
    expect(log.notes.join(' ')).toMatch(/newest mail was read again/);
    expect(log.suggestionsGenerated).toBe(1);
  });

  it('rides out a 429 storm honouring Retry-After', async () => {
    google.addMessage(REQUEST);
    const id = await connect();
    google.addMessage({ ...REQUEST, subject: 'Storm' });
    google.injectFault('gmail.history.list', { status: 429, retryAfterSeconds: 2, times: 3 });
    google.injectFault('gmail.batch', { status: 503, times: 1 });
    const log = await t.core.services.sync.syncIntegration(id);
    expect(log).toMatchObject({ status: 'succeeded', suggestionsGenerated: 1 });
  });

  it('completing a task marks the message read and archives it in Gmail, once', async () => {
    const messageId = google.addMessage(REQUEST);
    const id = await connect();
    await t.core.services.integrations.updateSettings(id, { archiveOnDone: true });
    const suggestion = t.core.services.suggestions.list().items[0]!;
    const task = t.core.services.suggestions.approve(suggestion.id);
    t.core.services.tasks.complete(task.id);
    await t.core.services.outboxWorker.runDue();
    expect(google.getMessage(messageId)!.labelIds).not.toContain('UNREAD');
    expect(google.getMessage(messageId)!.labelIds).not.toContain('INBOX');
    expect(google.labelRemovalRequests(messageId, 'INBOX')).toBe(1);
    expect(t.core.services.outbox.list(10).map((row) => row.state)).toEqual(['done', 'done']);
    await t.core.services.outboxWorker.runDue();
    expect(google.labelRemovalRequests(messageId, 'INBOX')).toBe(1);
  });
});

describe('Google Calendar', () => {
  it('reads upcoming events, syncs incrementally, withdraws cancelled ones and survives a 410', async () => {
    const soon = (hours: number) => new Date(Date.now() + hours * 3600_000).toISOString();
    const review = google.addEvent({ summary: 'Quarterly business review', description: 'Agenda: present the Q4 numbers. Please prepare the slides.', start: { dateTime: soon(48) }, end: { dateTime: soon(49) }, attendees: [{ email: google.account.email, self: true, responseStatus: 'accepted' }, { email: 'boss@example.com' }] });
    google.addEvent({ summary: 'Far away', start: { dateTime: soon(24 * 30) }, end: { dateTime: soon(24 * 30 + 1) } });
    const id = await connect('google_calendar');
    const first = t.core.services.suggestions.list().items;
    expect(first.map((s) => s.itemId)).toEqual([review]);
    expect(first[0]!.preview).toMatchObject({ kind: 'calendar_event', title: 'Quarterly business review' });
    google.cancelEvent(review);
    const second = await t.core.services.sync.syncIntegration(id);
    expect(second.notes.join(' ')).toMatch(/withdrawn/);
    expect(t.core.services.suggestions.list().items).toHaveLength(0);
    google.invalidateSyncTokens();
    const third = await t.core.services.sync.syncIntegration(id);
    expect(third.status).toBe('succeeded');
    expect(third.notes.join(' ')).toMatch(/full resync/);
  });

  it('judges and saves the nearest events first, in pages', async () => {
    const soon = (hours: number) => new Date(Date.now() + hours * 3600_000).toISOString();
    const hours = Array.from({ length: 30 }, (_, index) => 2 + ((index * 7) % 30));
    const byHour = new Map<number, string>();
    for (const hour of hours) {
      byHour.set(hour, google.addEvent({ summary: `Review ${hour}`, description: 'Agenda: present the Q4 numbers. Please prepare the slides.', start: { dateTime: soon(hour) }, end: { dateTime: soon(hour + 1) }, attendees: [{ email: google.account.email, self: true, responseStatus: 'accepted' }, { email: 'boss@example.com' }] }));
    }
    const firstPages: string[][] = [];
    t.core.events.subscribe((event) => {
      if (event === 'suggestions:changed' && firstPages.length === 0) firstPages.push(t.core.services.suggestions.list({ limit: 100 }).items.map((s) => s.itemId));
    });
    const id = await connect('google_calendar');
    expect(t.core.repos.syncLogs.list(id)[0]).toMatchObject({ suggestionsGenerated: 30, pagesCommitted: 2 });
    const nearest = [...byHour.entries()].sort((a, b) => a[0] - b[0]).slice(0, 25).map(([, eventId]) => eventId);
    expect(new Set(firstPages[0])).toEqual(new Set(nearest));
  });

  it('after the upgrade, an event the old rule quarantined is fetched again by ID and judged once; a deleted one is set aside', async () => {
    const soon = (hours: number) => new Date(Date.now() + hours * 3600_000).toISOString();
    const id = await connect('google_calendar');
    const far = google.addEvent({ summary: 'Board meeting', description: 'Agenda: the Q4 numbers. Please prepare the slides.', start: { dateTime: soon(24 * 60) }, end: { dateTime: soon(24 * 60 + 1) }, attendees: [{ email: google.account.email, self: true, responseStatus: 'accepted' }, { email: 'boss@example.com' }] });
    for (const itemId of [far, 'deleted-event']) {
      t.core.repos.providerItems.record({ integrationId: id, itemId, itemType: 'calendar_event', threadKey: null, outcome: 'waiting', reason: 'No usable suggestion: ...' });
      t.core.repos.waits.save({ integrationId: id, itemId, itemType: 'calendar_event', threadKey: null, snapshot: null, attempts: 1, nextAttemptAt: new Date().toISOString(), lastError: null });
    }
    const log = await t.core.services.sync.syncIntegration(id);
    expect(log).toMatchObject({ suggestionsGenerated: 1, itemsQuarantined: 1, itemsWaiting: 0 });
    expect(t.core.services.suggestions.list().items.map((s) => s.itemId)).toEqual([far]);
    expect(t.core.repos.providerItems.quarantined(id)).toEqual([{ itemId: 'deleted-event', reason: 'It could not be found at Google Calendar again to be judged.' }]);
  });
});

