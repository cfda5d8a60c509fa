/**
 * Gmail push through Cloud Pub/Sub pull, end to end against the fake Google: the opt-in (settings,
 * then a reconnect that asks for the Pub/Sub scope, also for the Gmail of a Google account), users.watch and its renewal, a message in the
 * feed within 5 s of its notification (the aim), notifications Gmail dropped still read, failures
 * said on the card, and users.stop when push is turned off.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeGoogle, visitAuthorizationUrl, type FakeGoogle, type PubSubOptions } from '../fakes/google';
import { median, waitFor } from '../helpers/realtime-harness';
import { createTestCore, firstSync, type TestCore } from '../helpers/test-core';

let google: FakeGoogle;
let t: TestCore;
/** How far the fake Google's clock runs behind the real one (a test sets it to place a change in time). */
let fakeClockBehindMs = 0;
afterEach(async () => {
  await t?.cleanup();
  await google?.close();
  fakeClockBehindMs = 0;
});

const topic = 'projects/fake-project/topics/gmail-push';
const subscription = 'projects/fake-project/subscriptions/gmail-app';
const card = (id: number) => t.core.services.integrations.list().find((integration) => integration.id === id)!;

async function setup(pubsub: PubSubOptions = {}, readable = true, through: 'gmail' | 'google' = 'gmail'): Promise<number> {
  google = await startFakeGoogle({ now: () => Date.now() - fakeClockBehindMs, pubsub: { pullHoldMs: 2000, ...pubsub } });
  google.pubsub.createTopic(topic);
  google.pubsub.createSubscription(subscription, topic, readable);
  // A change check an hour apart: whatever reaches the feed in these tests came by push.
  t = createTestCore({ env: { ...google.env }, options: { undoWindowMs: 0, changeCheckMs: 3_600_000, realtimeGatherMs: 50 } });
  t.core.settings.update({ autoApproveEnabled: false, notificationsEnabled: false });
  // The Gmail card's own sign-in, or the Google account card's one sign-in for Gmail and Tasks.
  const input = through === 'gmail' ? { provider: 'gmail' as const } : { provider: 'google' as const, options: { services: ['gmail' as const, 'google_tasks' as const] } };
  const { integrationId, authorizationUrl } = await t.core.services.connections.connect(input);
  expect(new URL(authorizationUrl!).searchParams.get('scope')).not.toContain('pubsub');
  await visitAuthorizationUrl(authorizationUrl!, { follow: true });
  await firstSync(t.core, integrationId);
  t.core.start();
  return integrationId;
}

/** Turns push on the way a person does: settings, then the reconnect the card asks for. */
async function optIn(id: number): Promise<void> {
  await t.core.services.integrations.updateSettings(id, { pushTopic: topic, pushSubscription: subscription });
  await waitFor(() => card(id).realtimeNeedsReconnect || undefined, 5000, 'reconnect request');
  expect(card(id).realtimeNote).toMatch(/Pub\/Sub permission/);
  const { authorizationUrl } = await t.core.services.connections.connect({ provider: 'gmail', integrationId: id });
  expect(new URL(authorizationUrl!).searchParams.get('scope')).toContain('https://www.googleapis.com/auth/pubsub');
  await visitAuthorizationUrl(authorizationUrl!, { follow: true });
  await waitFor(() => card(id).realtime === 'push' || undefined, 10_000, 'push live');
}

const inFeed = (subject: string) => t.core.services.suggestions.list().items.find((s) => s.preview?.kind === 'email' && s.preview.subject === subject);

describe('Gmail push', () => {
  it('reaches the feed within 5 s of its Pub/Sub notification, without the change check', async () => {
    const id = await setup();
    await optIn(id);
    expect(google.callCount('gmail.watch')).toBe(1);
    expect(google.pubsub.watch).toMatchObject({ topicName: topic, labelIds: ['INBOX'], behavior: 'include' });
    const latencies: number[] = [];
    for (let n = 0; n < 5; n += 1) {
      const subject = `Please approve purchase order ${n} by Friday`;
      const published = google.pubsub.published.length;
      google.addMessage({ from: 'Ann <ann@example.org>', to: 'person@example.com', subject, text: `Can you approve purchase order ${n} by Friday? Thanks, Ann` });
      const notification = await waitFor(() => google.pubsub.published[published], 2000, 'notification');
      await waitFor(() => inFeed(subject), 10_000, `message ${n}`);
      latencies.push(Date.now() - notification.at);
      // Gmail sends at most one notification a second.
      await new Promise((resolve) => setTimeout(resolve, 1050));
    }
    console.info(`gmail push latency: ${JSON.stringify({ median_ms: median(latencies), max_ms: Math.max(...latencies) })}`);
    expect(Math.max(...latencies)).toBeLessThan(5000);
    expect(google.pubsub.unacknowledged(subscription)).toBe(0);
    const triggers = t.core.repos.syncLogs.list(id).map((log) => log.trigger);
    expect(triggers).not.toContain('change');
    expect(triggers).toContain('push');
  });

  it('mail whose notification Gmail dropped (over one a second) is read by the trailing history read', async () => {
    const id = await setup();
    await optIn(id);
    await t.core.services.realtime.idle();
    const add = (subject: string) => google.addMessage({ from: 'Ann <ann@example.org>', to: 'person@example.com', subject, text: `${subject}? Thanks` });
    const reads = google.callCount('gmail.history.list');
    const published = google.pubsub.published.length;
    add('Can you sign the lease today');
    const notification = await waitFor(() => google.pubsub.published[published], 2000, 'notification');
    // The push's own history read has passed, so only a later read can find the next message.
    await waitFor(() => google.callCount('gmail.history.list') > reads || undefined, 5000, 'history read of the push');
    // The next message reaches Gmail half a second after the first notification, whatever this
    // machine's load made of the real time since: Gmail drops its notification.
    fakeClockBehindMs = Math.max(0, Date.now() - (notification.at + 500));
    add('Could you send the slides by noon');
    expect(google.pubsub.dropped).toBe(1);
    await waitFor(() => inFeed('Can you sign the lease today'), 5000, 'first message');
    await waitFor(() => inFeed('Could you send the slides by noon'), 5000, 'second message');
  });

  it('Gmail of a Google account: the reconnect is one incremental consent for that account, and Tasks stays on', async () => {
    const id = await setup({}, true, 'google');
    const tasksRow = () => t.core.repos.integrations.list().find((row) => row.provider === 'google_tasks')!;
    expect(card(id).sharedSignIn).toBe(true);
    await t.core.services.integrations.updateSettings(id, { pushTopic: topic, pushSubscription: subscription });
    await waitFor(() => card(id).realtimeNeedsReconnect || undefined, 5000, 'reconnect request');
    // The account already granted Gmail: without Pub/Sub in the request this would turn Gmail on with no consent at all.
    const { authorizationUrl } = await t.core.services.connections.connect({ provider: 'gmail', integrationId: id });
    const url = new URL(authorizationUrl!);
    expect(url.searchParams.get('scope')).toContain('https://www.googleapis.com/auth/pubsub');
    expect(url.searchParams.get('include_granted_scopes')).toBe('true');
    expect(url.searchParams.get('login_hint')).toBe(google.account.email);
    await visitAuthorizationUrl(authorizationUrl!, { follow: true });
    await waitFor(() => card(id).realtime === 'push' || undefined, 10_000, 'push live');
    expect(google.callCount('oauth.authorize')).toBe(2);
    expect(tasksRow().status).toBe('connected');
    expect(t.core.services.accounts.list().accounts[0]!.grantedScopes).toContain('https://www.googleapis.com/auth/pubsub');
    const subject = 'Please sign the lease by Monday';
    google.addMessage({ from: 'Ann <ann@example.org>', to: 'person@example.com', subject, text: 'Can you sign the lease by Monday? Thanks, Ann' });
    await waitFor(() => inFeed(subject), 10_000, 'pushed message');
  });

  it('renews the watch before it expires', async () => {
    const id = await setup({ watchLifetimeMs: 1500, pullHoldMs: 300 });
    await optIn(id);
    await waitFor(() => google.callCount('gmail.watch') >= 3 || undefined, 10_000, 'renewals');
    expect(card(id).realtime).toBe('push');
  });

  it('a subscription the account may not read is said on the card, and the change check stays', async () => {
    const id = await setup({}, false);
    await t.core.services.integrations.updateSettings(id, { pushTopic: topic, pushSubscription: subscription });
    const { authorizationUrl } = await t.core.services.connections.connect({ provider: 'gmail', integrationId: id });
    await visitAuthorizationUrl(authorizationUrl!, { follow: true });
    const note = await waitFor(() => (card(id).realtimeNote?.includes('refused') ? card(id).realtimeNote : undefined), 10_000, 'refusal');
    expect(note).toMatch(/Checking every minute meanwhile/);
    expect(card(id).realtime).toBe('polling');
  });

  it('turning push off stops the watch; half a setting is refused', async () => {
    const id = await setup();
    await optIn(id);
    await expect(t.core.services.integrations.updateSettings(id, { pushSubscription: '' })).rejects.toThrow(/both/);
    await t.core.services.integrations.updateSettings(id, { pushTopic: '', pushSubscription: '' });
    await waitFor(() => google.callCount('gmail.stop') === 1 || undefined, 5000, 'users.stop');
    await waitFor(() => card(id).realtime === 'polling' || undefined, 5000, 'polling');
    expect(card(id).realtimeNote).toMatch(/checked for every minute/);
    expect(google.pubsub.watch).toBeNull();
  });
});
