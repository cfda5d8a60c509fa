/**
 * The fake's Gmail watch/stop (through @googleapis/gmail) and Cloud Pub/Sub pull/acknowledge
 * (through gaxios, as the app calls them): topic checks, notification payloads, ack deadlines and
 * redelivery, Gmail's one-notification-a-second limit, scopes and the Cloud error shape.
 */
import { gmail as createGmail } from '@googleapis/gmail';
import { request } from 'gaxios';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeGoogle, type FakeGoogle } from '../fakes/google';

let google: FakeGoogle;
afterEach(async () => {
  await google?.close();
});

const base = ['openid', 'email', 'https://www.googleapis.com/auth/gmail.modify'];
const pubsubScope = 'https://www.googleapis.com/auth/pubsub';
const topic = 'projects/fake-project/topics/gmail';
const subscription = 'projects/fake-project/subscriptions/gmail-app';

async function setup(options: Parameters<typeof startFakeGoogle>[0] = {}, scopes = [...base, pubsubScope]) {
  google = await startFakeGoogle({ pubsub: { pullHoldMs: 300, ackDeadlineMs: 300, ...options.pubsub }, ...options });
  google.pubsub.createTopic(topic);
  google.pubsub.createSubscription(subscription, topic);
  const token = google.issueTokens(scopes).access_token;
  const headers = { authorization: `Bearer ${token}` };
  const api = createGmail({ version: 'v1', rootUrl: google.env.GOOGLE_API_ROOT_URL, retry: false });
  const pull = (body: Record<string, unknown> = { maxMessages: 10 }, name = subscription) =>
    request<{ receivedMessages?: Array<{ ackId: string; message: { data: string; messageId: string; publishTime: string }; deliveryAttempt: number }> }>({
      url: `${google.env.GOOGLE_API_ROOT_URL}v1/${name}:pull`, method: 'POST', headers, data: body, retry: false, responseType: 'json',
    });
  const ack = (ackIds: string[]) => request({ url: `${google.env.GOOGLE_API_ROOT_URL}v1/${subscription}:acknowledge`, method: 'POST', headers, data: { ackIds }, retry: false, responseType: 'json' });
  const watch = (topicName = topic) => api.users.watch({ userId: 'me', requestBody: { topicName, labelIds: ['INBOX'], labelFilterBehavior: 'include' } }, { headers });
  return { api, headers, pull, ack, watch };
}

async function status(promise: Promise<unknown>): Promise<{ status: number; data: unknown }> {
  const error = (await promise.then(() => expect.fail('expected a failure'), (caught: unknown) => caught)) as { response: { status: number; data: unknown } };
  return { status: error.response.status, data: error.response.data };
}

const decode = (data: string) => JSON.parse(Buffer.from(data, 'base64').toString('utf8')) as { emailAddress: string; historyId: number };

describe('fake Gmail watch and Pub/Sub', () => {
  it('watch answers historyId and expiration as strings and checks the topic', async () => {
    const { watch } = await setup();
    const answer = await watch();
    expect(answer.data).toEqual({ historyId: google.historyId(), expiration: expect.stringMatching(/^\d+$/) });
    expect(Number(answer.data.expiration) - Date.now()).toBeGreaterThan(6.9 * 86_400_000);
    expect((await status(watch('projects/other-project/topics/gmail'))).status).toBe(400);
    expect((await status(watch('projects/fake-project/topics/missing'))).status).toBe(404);
    google.pubsub.createTopic('projects/fake-project/topics/closed', false);
    const denied = await status(watch('projects/fake-project/topics/closed'));
    expect(denied.status).toBe(403);
    expect(JSON.stringify(denied.data)).toContain('User not authorized to perform this action');
  });

  it('publishes {emailAddress, historyId} for inbox changes; pull brings it, acknowledge ends it', async () => {
    const { watch, pull, ack } = await setup();
    await watch();
    google.addMessage({ from: 'ann@example.org', to: 'person@example.com', subject: 'Hi', text: 'Call me' });
    const answer = await pull();
    const [received] = answer.data.receivedMessages!;
    expect(decode(received!.message.data)).toEqual({ emailAddress: 'person@example.com', historyId: Number(google.historyId()) });
    expect(received!.deliveryAttempt).toBe(1);
    await ack([received!.ackId]);
    await new Promise((resolve) => setTimeout(resolve, 350));
    expect(await pull()).toMatchObject({ data: {} });
    expect(google.pubsub.unacknowledged(subscription)).toBe(0);
  });

  it('an unacknowledged message comes back after its deadline; mail outside the watched labels is not announced', async () => {
    const { watch, pull } = await setup();
    await watch();
    google.addMessage({ from: 'ann@example.org', to: 'person@example.com', subject: 'Sent', text: 'x', labelIds: ['SENT'] });
    expect((await pull()).data).toEqual({});
    google.addMessage({ from: 'ann@example.org', to: 'person@example.com', subject: 'Hi', text: 'x' });
    const first = (await pull()).data.receivedMessages!;
    await new Promise((resolve) => setTimeout(resolve, 350));
    const again = (await pull()).data.receivedMessages!;
    expect(again[0]!.message.messageId).toBe(first[0]!.message.messageId);
    expect(again[0]!.deliveryAttempt).toBe(2);
  });

  it('drops notifications beyond one a second, as Gmail documents', async () => {
    const { watch } = await setup();
    await watch();
    for (let n = 0; n < 3; n += 1) google.addMessage({ from: 'ann@example.org', to: 'person@example.com', subject: `m${n}`, text: 'x' });
    expect(google.pubsub.published).toHaveLength(1);
    expect(google.pubsub.dropped).toBe(2);
  });

  it('stop ends the watch; an expired watch publishes nothing', async () => {
    const { api, headers, watch } = await setup({ pubsub: { watchLifetimeMs: 100 } });
    await watch();
    await new Promise((resolve) => setTimeout(resolve, 150));
    google.addMessage({ from: 'ann@example.org', to: 'person@example.com', subject: 'late', text: 'x' });
    expect(google.pubsub.published).toHaveLength(0);
    await watch();
    expect((await api.users.stop({ userId: 'me' }, { headers })).status).toBe(204);
    expect(google.pubsub.watch).toBeNull();
  });

  it('pull needs the Pub/Sub scope, a known subscription it may read, and maxMessages > 0', async () => {
    const { pull } = await setup({}, base);
    const scope = await status(pull());
    expect(scope.status).toBe(403);
    expect(JSON.stringify(scope.data)).toContain('ACCESS_TOKEN_SCOPE_INSUFFICIENT');
    await google.close();
    const { pull: pull2 } = await setup();
    expect(await status(pull2({ maxMessages: 10 }, 'projects/fake-project/subscriptions/nope'))).toMatchObject({ status: 404, data: { error: { status: 'NOT_FOUND' } } });
    expect(await status(pull2({ maxMessages: 0 }))).toMatchObject({ status: 400, data: { error: { status: 'INVALID_ARGUMENT' } } });
    google.pubsub.createSubscription('projects/fake-project/subscriptions/locked', topic, false);
    expect(await status(pull2({ maxMessages: 1 }, 'projects/fake-project/subscriptions/locked'))).toMatchObject({ status: 403, data: { error: { status: 'PERMISSION_DENIED' } } });
  });
});
