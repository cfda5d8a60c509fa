/**
 * Slack over Socket Mode end to end: the app (real core, official Socket Mode client) against the
 * fake Slack. The aims are asserted here: 20 DMs and mentions reach the feed with a median
 * under 3 s and no history or search call in between; after a forced disconnect the app is back on
 * a socket within 30 s and a catch-up from the cursor finds what the dropped socket never delivered.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ITEM_LIMITS } from '../../src/main/items/item-bounds';
import { median, startSlackRealtime, suggestionFor, waitFor, waitLive, type SlackRealtimeRig } from '../helpers/realtime-harness';

let rig: SlackRealtimeRig | undefined;
afterEach(async () => {
  await rig?.t.cleanup();
  await rig?.slack.close();
  rig = undefined;
});

const pollingCalls = (r: SlackRealtimeRig) => r.slack.callCount('conversations.history') + r.slack.callCount('search.messages') + r.slack.callCount('users.conversations');
const card = (r: SlackRealtimeRig) => r.t.core.services.integrations.list().find((integration) => integration.id === r.id)!;

describe('Slack Socket Mode', () => {
  it('20 DMs and mentions reach the feed with a median under 3 s, without a single polling request', async () => {
    rig = await startSlackRealtime();
    const r = rig;
    await waitLive(r.t, r.id);
    // The catch-up after the first hello is allowed its reads; from here on only pushes count.
    await r.t.core.services.realtime.idle();
    r.slack.resetCounters();
    const latencies: number[] = [];
    for (let n = 0; n < 20; n += 1) {
      const mention = n % 2 === 1;
      const text = mention ? `<@${r.slack.selfId}> can you review pull request ${n} before Friday?` : `Can you send me the invoice number ${n} by Thursday?`;
      const posted = Date.now();
      const ts = r.slack.postMessage({ channel: mention ? r.general : r.dm, user: r.peer, text });
      await waitFor(() => suggestionFor(r.t, r.id, `${mention ? r.general : r.dm}:${ts}`), 10_000, `message ${n} in the feed`);
      latencies.push(Date.now() - posted);
    }
    const figures = { median_ms: median(latencies), max_ms: Math.max(...latencies), polling_requests: pollingCalls(r) };
    console.info(`slack push latency: ${JSON.stringify(figures)}`);
    expect(figures.median_ms).toBeLessThan(3000);
    expect(figures.polling_requests).toBe(0);
    expect(r.slack.socketMode.deliveries.every((delivery) => delivery.acked)).toBe(true);
    expect(card(r)).toMatchObject({ realtime: 'push', realtimeNote: expect.stringContaining('Socket Mode') });
  });

  it('after a forced disconnect the app is back on a socket within 30 s and catches up what the socket lost', async () => {
    rig = await startSlackRealtime({ socketMode: { whileDisconnected: 'drop' } });
    const r = rig;
    await waitLive(r.t, r.id);
    await r.t.core.services.realtime.idle();
    const opened = r.slack.socketMode.connectionsOpened.length;
    const dropAt = Date.now();
    r.slack.socketMode.forceDisconnect();
    // Posted while no socket is open: the fake drops these events, as Slack does once its retries run out.
    const lost = [
      { channel: r.dm, ts: r.slack.postMessage({ channel: r.dm, user: r.peer, text: 'Can you sign the contract by Monday?' }) },
      { channel: r.general, ts: r.slack.postMessage({ channel: r.general, user: r.peer, text: `<@${r.slack.selfId}> please update the roadmap doc today` }) },
    ];
    await waitFor(() => r.slack.socketMode.connectionsOpened.length > opened, 30_000, 'a new socket');
    const backInMs = Date.now() - dropAt;
    await waitLive(r.t, r.id);
    for (const message of lost) await waitFor(() => suggestionFor(r.t, r.id, `${message.channel}:${message.ts}`), 15_000, 'caught-up message');
    console.info(`slack reconnect: ${JSON.stringify({ back_on_socket_ms: backInMs })}`);
    expect(backInMs).toBeLessThan(30_000);
    const logs = r.t.core.services.sync.isSyncing(r.id) ? [] : r.t.core.repos.syncLogs.list(r.id);
    expect(logs.some((log) => log.trigger === 'catch-up' && log.status === 'succeeded')).toBe(true);
  });

  it('says on the card that it polls while the socket is down', async () => {
    rig = await startSlackRealtime({ socketMode: { whileDisconnected: 'drop' } });
    const r = rig;
    await waitLive(r.t, r.id);
    // Keep it down: apps.connections.open fails until the fault is cleared.
    r.slack.injectFault('apps.connections.open', { error: 'internal_error', times: Infinity });
    r.slack.socketMode.forceDisconnect();
    const note = await waitFor(() => (card(r).realtime === 'polling' ? card(r).realtimeNote : undefined), 10_000, 'polling note');
    expect(note).toMatch(/Slack is checked every 15 minutes/);
    r.slack.clearFaults('apps.connections.open');
  });

  it('acknowledges every envelope and drops retries and redeliveries by event_id', async () => {
    rig = await startSlackRealtime({ socketMode: { ackTimeoutMs: 500 } });
    const r = rig;
    await waitLive(r.t, r.id);
    const ts = r.slack.postMessage({ channel: r.dm, user: r.peer, text: 'Could you book the meeting room for Tuesday?' });
    const first = await waitFor(() => suggestionFor(r.t, r.id, `${r.dm}:${ts}`), 10_000, 'suggestion');
    const eventId = r.slack.socketMode.deliveries.at(-1)!.eventId;
    r.slack.socketMode.redeliver(eventId);
    r.slack.socketMode.redeliver(eventId);
    await waitFor(() => r.slack.socketMode.deliveries.filter((d) => d.eventId === eventId).every((d) => d.acked) || undefined, 5000, 'acks');
    await r.t.core.services.realtime.idle();
    const all = r.t.core.services.suggestions.list({ limit: 100 }).items.filter((s) => s.itemId === `${r.dm}:${ts}`);
    expect(all).toHaveLength(1);
    expect(all[0]!.id).toBe(first.id);
    expect(r.slack.socketMode.deliveries.filter((d) => d.eventId === eventId).map((d) => d.retryAttempt)).toEqual([0, 1, 2]);
  });

  it('an edit updates the pending suggestion; a deletion, a removed mention or the person’s ✅ withdraws it', async () => {
    rig = await startSlackRealtime();
    const r = rig;
    await waitLive(r.t, r.id);
    const post = async (channel: string, text: string) => {
      const ts = r.slack.postMessage({ channel, user: r.peer, text });
      await waitFor(() => suggestionFor(r.t, r.id, `${channel}:${ts}`), 10_000, 'suggestion');
      return ts;
    };
    const edited = await post(r.dm, 'Can you send the budget report by Friday?');
    const deleted = await post(r.dm, 'Can you call the supplier tomorrow morning?');
    const reacted = await post(r.dm, 'Please renew the domain before it expires next week.');
    const unmentioned = await post(r.general, `<@${r.slack.selfId}> can you check the staging deploy today?`);
    r.slack.editMessage(r.dm, edited, 'Can you send the hiring plan by Monday?');
    r.slack.deleteMessage(r.dm, deleted);
    r.slack.addReaction(r.dm, reacted, 'white_check_mark', r.slack.selfId);
    r.slack.addReaction(r.dm, edited, 'eyes', r.slack.selfId);
    r.slack.editMessage(r.general, unmentioned, 'never mind, staging is fine');
    const revised = await waitFor(() => {
      const s = suggestionFor(r.t, r.id, `${r.dm}:${edited}`);
      return s?.preview?.kind === 'slack_message' && s.preview.text.includes('hiring plan') ? s : undefined;
    }, 10_000, 'revised suggestion');
    expect(revised.status).toBe('pending_approval');
    for (const ts of [deleted, reacted]) {
      await waitFor(() => suggestionFor(r.t, r.id, `${r.dm}:${ts}`)?.status === 'dismissed', 10_000, 'withdrawn');
      expect(suggestionFor(r.t, r.id, `${r.dm}:${ts}`)!.flags).toContain('withdrawn-at-source');
    }
    await waitFor(() => suggestionFor(r.t, r.id, `${r.general}:${unmentioned}`)?.status === 'dismissed', 10_000, 'mention removed');
  });

  it('a pushed message is screened and bounded like a synced one: sensitive flags, item bounds (issue 13)', async () => {
    rig = await startSlackRealtime();
    const r = rig;
    await waitLive(r.t, r.id);
    const giftCards = r.slack.postMessage({ channel: r.dm, user: r.peer, text: 'Can you buy three Amazon gift cards and send me the codes today?' });
    // 200 KB of one request: the content step cuts a chat message to ITEM_LIMITS.chat before any pattern reads it.
    const huge = r.slack.postMessage({ channel: r.dm, user: r.peer, text: `Please send me the passwords for the build server. ${'more detail '.repeat(17_000)}` });
    const flagged = await waitFor(() => suggestionFor(r.t, r.id, `${r.dm}:${giftCards}`), 10_000, 'gift-card suggestion');
    expect(flagged).toMatchObject({ status: 'pending_approval', flags: expect.arrayContaining(['sensitive:gift-card']) });
    const long = await waitFor(() => suggestionFor(r.t, r.id, `${r.dm}:${huge}`), 10_000, 'long suggestion');
    expect(long.flags).toContain('sensitive:credentials');
    expect(long.preview?.kind).toBe('slack_message');
    expect(long.preview?.kind === 'slack_message' ? long.preview.text.length : Infinity).toBeLessThanOrEqual(ITEM_LIMITS.chat);
    const stored = r.t.core.repos.suggestions.snapshot(long.id) as { text?: string } | null;
    expect(stored?.text?.length ?? Infinity).toBeLessThanOrEqual(ITEM_LIMITS.chat);
  });

  it('without an app-level token the card explains how to turn push on; a token set in Settings connects', async () => {
    rig = await startSlackRealtime({}, { SLACK_APP_TOKEN: '' });
    const r = rig;
    const note = await waitFor(() => card(r).realtimeNote ?? undefined, 5000, 'note');
    expect(card(r).realtime).toBe('polling');
    expect(note).toMatch(/app-level token/);
    await expect(r.t.core.services.settings.setSecret('slackAppToken', 'xoxp-not-an-app-token')).rejects.toThrow(/xapp-/);
    await r.t.core.services.settings.setSecret('slackAppToken', r.slack.env.SLACK_APP_TOKEN);
    await waitLive(r.t, r.id);
    expect(JSON.stringify(r.t.core.services.settings.view())).not.toContain(r.slack.env.SLACK_APP_TOKEN);
  });

  it('why events are judged from their payload: a read from the cursor per event would wait a minute for Slack', async () => {
    // Socket Mode apps cannot be in the Marketplace; Slack gives such apps one history call a minute.
    const waits: number[] = [];
    rig = await startSlackRealtime({ nonMarketplaceApp: true }, { SLACK_APP_TOKEN: '' }, { sleep: async (ms) => void waits.push(ms) });
    const r = rig;
    r.slack.resetRateLimits();
    for (let n = 0; n < 2; n += 1) {
      r.slack.postMessage({ channel: r.dm, user: r.peer, text: `Can you send me the invoice number ${n} by Thursday?` });
      await r.t.core.services.sync.syncIntegration(r.id, 'manual');
    }
    console.info(`full sync per event: ${JSON.stringify({ rate_limit_wait_ms: Math.max(0, ...waits) })}`);
    expect(Math.max(0, ...waits)).toBeGreaterThanOrEqual(30_000);
  });

  it('a refused app-level token is said on the card; the app keeps polling', async () => {
    rig = await startSlackRealtime({}, { SLACK_APP_TOKEN: 'xapp-1-A0FAKEAPP1-1-revoked0000' });
    const r = rig;
    const note = await waitFor(() => (card(r).realtimeNote?.includes('refused') ? card(r).realtimeNote : undefined), 10_000, 'refusal note');
    expect(note).toMatch(/invalid_auth/);
    expect(card(r).realtime).toBe('polling');
  });
});
