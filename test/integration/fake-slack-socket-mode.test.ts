/**
 * The fake's Socket Mode against the official client (`@slack/socket-mode`) and WebClient: the
 * token rules of apps.connections.open, hello, envelopes and acks, retries of unacknowledged
 * envelopes, disconnect messages, forced drops, and the event shapes of edits, deletions, reactions.
 */
import { SocketModeClient } from '@slack/socket-mode';
import { WebClient } from '@slack/web-api';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeSlack, type FakeSlack, type FakeSlackOptions } from '../fakes/slack';

let slack: FakeSlack;
let clients: SocketModeClient[] = [];
afterEach(async () => {
  await Promise.all(clients.map((client) => client.disconnect().catch(() => undefined)));
  clients = [];
  await slack?.close();
});

const quiet = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined, setLevel: () => undefined, getLevel: () => 'error' as never, setName: () => undefined };

interface Received {
  type: string;
  envelope_id?: string;
  body: { event_id: string; event: Record<string, unknown> } & Record<string, unknown>;
  retry_num?: number;
  retry_reason?: string;
  ack: () => Promise<void>;
}

async function setup(options: FakeSlackOptions['socketMode'] = {}, autoReconnectEnabled = true) {
  slack = await startFakeSlack({ socketMode: { ackTimeoutMs: 200, ...options } });
  const peer = slack.addUser({ name: 'ann', realName: 'Ann Peer' });
  const dm = slack.addChannel({ isIm: true, members: [slack.selfId, peer] });
  const client = new SocketModeClient({ appToken: slack.env.SLACK_APP_TOKEN, logger: quiet, autoReconnectEnabled, clientPingTimeout: 1000, clientOptions: { slackApiUrl: slack.apiUrl } });
  clients.push(client);
  const received: Received[] = [];
  client.on('slack_event', (event: Received) => received.push(event));
  return { client, peer, dm, received };
}

async function until(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('fake Slack Socket Mode', () => {
  it('apps.connections.open takes only the app-level token, in the Authorization header', async () => {
    await setup();
    const asUser = new WebClient(slack.issueTokens().access_token, { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } });
    await expect(asUser.apps.connections.open({})).rejects.toMatchObject({ data: { error: 'not_allowed_token_type' } });
    const wrong = new WebClient('xapp-1-A0FAKEAPP1-1-wrong', { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } });
    await expect(wrong.apps.connections.open({})).rejects.toMatchObject({ data: { error: 'invalid_auth' } });
    const right = new WebClient(slack.env.SLACK_APP_TOKEN, { slackApiUrl: slack.apiUrl });
    const answer = await right.apps.connections.open({});
    expect(answer.url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/link\/\?ticket=[\w-]+&app_id=A0FAKEAPP1$/);
  });

  it('says hello, delivers a DM as an events_api envelope, and takes the ack', async () => {
    const { client, peer, dm, received } = await setup();
    const hello = await client.start();
    expect(hello).toMatchObject({ ok: true });
    const ts = slack.postMessage({ channel: dm, user: peer, text: 'Can you send the deck?' });
    await until(() => received.length === 1);
    const [envelope] = received;
    expect(envelope).toMatchObject({ type: 'events_api', retry_num: 0, retry_reason: '' });
    expect(envelope!.body).toMatchObject({ type: 'event_callback', team_id: slack.team.id, api_app_id: 'A0FAKEAPP1', authorizations: [{ user_id: slack.selfId, is_bot: false }] });
    expect(envelope!.body.event).toMatchObject({ type: 'message', channel: dm, channel_type: 'im', user: peer, text: 'Can you send the deck?', ts });
    await envelope!.ack();
    await until(() => slack.socketMode.deliveries[0]!.acked);
  });

  it('sends an unacknowledged envelope again with retry_attempt and the same event_id', async () => {
    const { client, peer, dm, received } = await setup({ maxRetries: 2 });
    await client.start();
    slack.postMessage({ channel: dm, user: peer, text: 'Ping' });
    await until(() => received.length === 3);
    expect(received.map((event) => event.retry_num)).toEqual([0, 1, 2]);
    expect(new Set(received.map((event) => event.body.event_id)).size).toBe(1);
    expect(new Set(received.map((event) => event.envelope_id)).size).toBe(3);
    expect(received[1]!.retry_reason).toBe('timeout');
  });

  it('asks for a refresh with a disconnect message; the client moves to a new socket', async () => {
    const { client } = await setup({ disconnectGraceMs: 60_000 });
    await client.start();
    const reconnected = new Promise((resolve) => client.once('connected', resolve));
    slack.socketMode.requestDisconnect('refresh_requested');
    await reconnected;
    expect(slack.socketMode.connectionsOpened).toHaveLength(2);
  });

  it('keeps events sent during a drop for the next socket, or loses them when told to', async () => {
    const { client, peer, dm, received } = await setup({}, false);
    await client.start();
    const closed = new Promise((resolve) => client.once('disconnected', resolve));
    slack.socketMode.forceDisconnect();
    await closed;
    slack.postMessage({ channel: dm, user: peer, text: 'while away' });
    slack.socketMode.configure({ whileDisconnected: 'drop' });
    slack.postMessage({ channel: dm, user: peer, text: 'lost' });
    await client.start();
    await until(() => received.length === 1);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(received.map((event) => event.body.event.text)).toEqual(['while away']);
  });

  it('shapes edits, deletions and reactions as Slack documents them', async () => {
    const { client, peer, dm, received } = await setup();
    await client.start();
    const ts = slack.postMessage({ channel: dm, user: peer, text: 'first' });
    slack.editMessage(dm, ts, 'second');
    slack.addReaction(dm, ts, 'white_check_mark', slack.selfId);
    slack.deleteMessage(dm, ts);
    await until(() => received.length === 4);
    const events = received.map((event) => event.body.event);
    expect(events[1]).toMatchObject({ type: 'message', subtype: 'message_changed', hidden: true, channel: dm, message: { text: 'second', ts, edited: { user: peer } }, previous_message: { text: 'first', ts } });
    expect(events[2]).toMatchObject({ type: 'reaction_added', user: slack.selfId, reaction: 'white_check_mark', item_user: peer, item: { type: 'message', channel: dm, ts } });
    expect(events[3]).toMatchObject({ type: 'message', subtype: 'message_deleted', channel: dm, deleted_ts: ts });
  });

  it('refuses a socket URL used twice', async () => {
    await setup();
    const web = new WebClient(slack.env.SLACK_APP_TOKEN, { slackApiUrl: slack.apiUrl });
    const { url } = await web.apps.connections.open({});
    const first = new (await import('ws')).WebSocket(url!);
    await new Promise((resolve) => first.once('message', resolve));
    const second = new (await import('ws')).WebSocket(url!);
    const status = await new Promise<number>((resolve) => second.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)));
    expect(status).toBe(401);
    first.terminate();
  });
});
