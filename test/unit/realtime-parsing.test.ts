/**
 * The untrusted edges of push: Slack event payloads, Gmail notifications, the push settings'
 * shapes, and the reconnect and deduplication rules of the Socket Mode connection.
 */
import { describe, expect, it } from 'vitest';
import { IntegrationSettingsSchema } from '../../src/shared/models';
import { parseGmailNotification, canPull } from '../../src/main/providers/gmail/gmail-push';
import { eventRoute, parseSlackEvent } from '../../src/main/providers/slack/slack-events';
import { createRecentIds, reconnectDelayMs } from '../../src/main/providers/slack/socket-mode-connection';

const callback = (event: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  type: 'event_callback', event_id: 'Ev01', team_id: 'T0FAKE0001', event, authorizations: [{ team_id: 'T0FAKE0001', user_id: 'U0SELF0001', is_bot: false }], ...extra,
});

describe('Slack event payloads', () => {
  it('reads new messages, edits, deletions and reactions', () => {
    expect(parseSlackEvent(callback({ type: 'message', channel: 'D0DM000001', channel_type: 'im', user: 'U0PEER0001', text: 'hi', ts: '1700000000.000100' }))).toEqual({
      kind: 'message', eventId: 'Ev01', channel: 'D0DM000001', channelType: 'im',
      message: { ts: '1700000000.000100', thread_ts: undefined, user: 'U0PEER0001', text: 'hi', subtype: undefined, bot_id: undefined },
    });
    const edit = parseSlackEvent(callback({ type: 'message', subtype: 'message_changed', channel: 'C0GEN00001', channel_type: 'channel', message: { user: 'U0PEER0001', text: 'new', ts: '1700000000.000100' }, previous_message: { text: 'old' } }));
    expect(edit).toMatchObject({ kind: 'edited', channel: 'C0GEN00001', message: { text: 'new' } });
    expect(parseSlackEvent(callback({ type: 'message', subtype: 'message_deleted', channel: 'C0GEN00001', deleted_ts: '1700000000.000100' }))).toMatchObject({ kind: 'deleted', ts: '1700000000.000100' });
    expect(parseSlackEvent(callback({ type: 'reaction_added', user: 'U0SELF0001', reaction: 'white_check_mark', item: { type: 'message', channel: 'D0DM000001', ts: '1700000000.000100' } }))).toMatchObject({ kind: 'reaction', reaction: 'white_check_mark' });
  });

  it('ignores edits that keep the text (unfurls), unknown events and malformed fields', () => {
    expect(parseSlackEvent(callback({ type: 'message', subtype: 'message_changed', channel: 'C0GEN00001', message: { text: 'same', ts: '1.1' }, previous_message: { text: 'same' } }))).toBeNull();
    expect(parseSlackEvent(callback({ type: 'app_home_opened' }))).toBeNull();
    expect(parseSlackEvent(callback({ type: 'message', channel: 'C0GEN00001', ts: '1700000000.1; DROP' }))).toBeNull();
    expect(parseSlackEvent(callback({ type: 'message', channel: '../etc', ts: '1700000000.000100' }))).toBeNull();
    expect(parseSlackEvent({ type: 'url_verification' })).toBeNull();
    expect(parseSlackEvent(null)).toBeNull();
    expect(parseSlackEvent('{"type":"event_callback"}')).toBeNull();
  });

  it('cuts text to Slack’s maximum and routes by team and authorising user', () => {
    const long = parseSlackEvent(callback({ type: 'message', channel: 'D0DM000001', channel_type: 'im', text: 'x'.repeat(100_000), ts: '1700000000.000100' }));
    expect(long?.kind === 'message' && long.message.text?.length).toBe(40_000);
    expect(eventRoute(callback({}))).toEqual({ teamId: 'T0FAKE0001', userIds: ['U0SELF0001'] });
    expect(eventRoute(callback({}, { authorizations: [{ user_id: 'B0BOT00001', is_bot: true }] }))).toEqual({ teamId: 'T0FAKE0001', userIds: [] });
    expect(eventRoute({ event: {} })).toBeNull();
  });
});

describe('Gmail notifications', () => {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64');
  it('reads {emailAddress, historyId} with the id as a number or a string', () => {
    expect(parseGmailNotification(encode({ emailAddress: 'a@example.com', historyId: 1234 }))).toEqual({ emailAddress: 'a@example.com', historyId: '1234' });
    expect(parseGmailNotification(encode({ emailAddress: 'a@example.com', historyId: '99' }))).toEqual({ emailAddress: 'a@example.com', historyId: '99' });
  });
  it('rejects anything else without throwing', () => {
    expect(parseGmailNotification(encode({ emailAddress: 'a@example.com', historyId: '1e9' }))).toBeNull();
    expect(parseGmailNotification(encode({ historyId: 1 }))).toBeNull();
    expect(parseGmailNotification('not base64 json')).toBeNull();
    expect(parseGmailNotification(encode({ emailAddress: 'a', historyId: 1, pad: 'x'.repeat(10_000) }))).toBeNull();
  });
  it('pulls only with the Pub/Sub or cloud-platform scope', () => {
    expect(canPull(['https://www.googleapis.com/auth/gmail.modify'])).toBe(false);
    expect(canPull(['https://www.googleapis.com/auth/pubsub'])).toBe(true);
    expect(canPull(['https://www.googleapis.com/auth/cloud-platform'])).toBe(true);
  });
});

describe('push settings', () => {
  const parse = (settings: Record<string, unknown>) => IntegrationSettingsSchema.safeParse(settings);
  it('accepts Pub/Sub names and empty strings (push off)', () => {
    expect(parse({ pushTopic: 'projects/my-project-1/topics/gmail-push', pushSubscription: 'projects/my-project-1/subscriptions/gmail.app_1' }).success).toBe(true);
    expect(parse({ pushTopic: '', pushSubscription: '' }).success).toBe(true);
  });
  it('refuses other shapes with a sentence', () => {
    const topic = parse({ pushTopic: 'my-topic' });
    expect(topic.success).toBe(false);
    expect(JSON.stringify(topic.error?.issues)).toContain('projects/PROJECT/topics/TOPIC');
    expect(parse({ pushTopic: 'projects/my-project-1/subscriptions/x-sub' }).success).toBe(false);
    expect(parse({ pushSubscription: 'projects/UPPER/subscriptions/sub' }).success).toBe(false);
    expect(parse({ pushSubscription: 'projects/my-project-1/subscriptions/goog/../x' }).success).toBe(false);
    expect(parse({ pushTopic: `projects/my-project-1/topics/${'a'.repeat(400)}` }).success).toBe(false);
  });
});

describe('Socket Mode reconnects', () => {
  const backoff = { initialMs: 1000, maxMs: 300_000 };
  it('reconnects at once after a healthy socket dropped, then backs off exponentially with jitter, capped', () => {
    expect(reconnectDelayMs(0, backoff, () => 1)).toBeLessThanOrEqual(250);
    expect(reconnectDelayMs(1, backoff, () => 0)).toBe(500);
    expect(reconnectDelayMs(1, backoff, () => 1)).toBe(1000);
    expect(reconnectDelayMs(4, backoff, () => 1)).toBe(8000);
    expect(reconnectDelayMs(30, backoff, () => 1)).toBe(300_000);
  });
  it('remembers event ids up to a limit, forgetting the oldest', () => {
    const seen = createRecentIds(2);
    expect(seen.add('a')).toBe(true);
    expect(seen.add('a')).toBe(false);
    seen.add('b');
    seen.add('c');
    expect(seen.add('a')).toBe(true);
    expect(seen.add('c')).toBe(false);
  });
});
