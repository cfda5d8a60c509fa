/**
 * Gmail `users.watch` / `users.stop` and Cloud Pub/Sub v1 `projects.subscriptions.pull` /
 * `acknowledge`, answered as Google answers them: watch returns `{historyId, expiration}` as
 * strings and checks the topic (same project as the OAuth client, Gmail allowed to publish); Pub/Sub
 * errors use the Cloud shape `{error:{code,message,status}}`; pull needs the pubsub (or
 * cloud-platform) scope and a positive maxMessages.
 */
import { type ApiRequest, type ApiResponse, empty, json, jsonBody, simpleApiError } from './http-util';
import { type FakeState, type RouteDef } from './router';

const auth = 'https://www.googleapis.com/auth/';
const gmailWatchScopes = ['https://mail.google.com/', `${auth}gmail.modify`, `${auth}gmail.readonly`, `${auth}gmail.metadata`];
const pubsubScopes = [`${auth}pubsub`, `${auth}cloud-platform`];
const canonical: Record<number, string> = { 400: 'INVALID_ARGUMENT', 403: 'PERMISSION_DENIED', 404: 'NOT_FOUND' };

function cloudError(code: number, message: string): ApiResponse {
  return json(code, { error: { code, message, status: canonical[code] ?? 'UNKNOWN' } });
}

function watch(req: ApiRequest, state: FakeState): ApiResponse {
  const body = jsonBody<{ topicName?: string; labelIds?: string[]; labelFilterBehavior?: string; labelFilterAction?: string }>(req) ?? {};
  const topic = body.topicName ?? '';
  const pubsub = state.pubsub;
  if (!/^projects\/[^/]+\/topics\/[^/]+$/.test(topic)) return simpleApiError(400, 'invalidArgument', 'Invalid topicName does not match projects/*/topics/*');
  if (!topic.startsWith(`projects/${pubsub.projectId}/`)) return simpleApiError(400, 'invalidArgument', `Invalid topicName does not match projects/${pubsub.projectId}/topics/*`);
  const found = pubsub.topics.get(topic);
  if (!found) return simpleApiError(404, 'notFound', `Resource not found (resource=${topic.split('/').pop()}).`);
  if (!found.gmailMayPublish) return simpleApiError(403, 'forbidden', `Error sending test message to Cloud PubSub ${topic} : User not authorized to perform this action.`);
  const behavior = (body.labelFilterBehavior ?? body.labelFilterAction ?? 'include').toLowerCase() === 'exclude' ? 'exclude' : 'include';
  const expiresAt = state.now() + pubsub.options.watchLifetimeMs;
  pubsub.watch = { topicName: topic, labelIds: body.labelIds ?? [], behavior, expiresAt };
  return json(200, { historyId: String(state.mailbox.historyId), expiration: String(expiresAt) });
}

async function pull(req: ApiRequest, name: string, state: FakeState): Promise<ApiResponse> {
  const subscription = state.pubsub.subscriptions.get(name);
  if (!subscription) return cloudError(404, `Resource not found (resource=${name.split('/').pop()}).`);
  if (!subscription.readable) return cloudError(403, 'User not authorized to perform this action.');
  const body = jsonBody<{ maxMessages?: unknown; returnImmediately?: unknown }>(req) ?? {};
  const max = Number(body.maxMessages);
  if (!Number.isInteger(max) || max <= 0) return cloudError(400, 'max_messages must be greater than 0.');
  const received = await state.pubsub.pull(name, max, body.returnImmediately === true);
  // An empty pull answers `{}`: proto3 JSON leaves out the empty list.
  if (received.length === 0) return json(200, {});
  return json(200, {
    receivedMessages: received.map(({ ackId, message }) => ({
      ackId,
      message: { data: message.data, messageId: message.messageId, publishTime: message.publishTime },
      deliveryAttempt: message.deliveryAttempt,
    })),
  });
}

function acknowledge(req: ApiRequest, name: string, state: FakeState): ApiResponse {
  if (!state.pubsub.subscriptions.has(name)) return cloudError(404, `Resource not found (resource=${name.split('/').pop()}).`);
  const ackIds = jsonBody<{ ackIds?: unknown }>(req)?.ackIds;
  if (!Array.isArray(ackIds) || ackIds.length === 0) return cloudError(400, 'No ack ids specified.');
  state.pubsub.acknowledge(name, ackIds.filter((id): id is string => typeof id === 'string'));
  return json(200, {});
}

/** Gmail watch/stop and the Pub/Sub subscriber routes. */
export const pubsubRoutes: RouteDef[] = [
  {
    name: 'gmail.watch', method: 'POST', pattern: /^\/gmail\/v1\/users\/([^/]+)\/watch$/, family: 'gmail', units: 100, scopes: () => gmailWatchScopes,
    handle: (req, _params, state) => watch(req, state),
  },
  {
    name: 'gmail.stop', method: 'POST', pattern: /^\/gmail\/v1\/users\/([^/]+)\/stop$/, family: 'gmail', units: 50, scopes: () => gmailWatchScopes,
    handle: (_req, _params, state) => {
      state.pubsub.watch = null;
      return empty(204);
    },
  },
  {
    name: 'pubsub.pull', method: 'POST', pattern: /^\/v1\/(projects\/[^/]+\/subscriptions\/[^/:]+):pull$/, family: 'pubsub', scopes: () => pubsubScopes,
    handle: (req, [name = ''], state) => pull(req, name, state),
  },
  {
    name: 'pubsub.acknowledge', method: 'POST', pattern: /^\/v1\/(projects\/[^/]+\/subscriptions\/[^/:]+):acknowledge$/, family: 'pubsub', scopes: () => pubsubScopes,
    handle: (req, [name = ''], state) => acknowledge(req, name, state),
  },
];
