/**
 * Cloud Pub/Sub's REST API for a pull subscriber, with the person's own OAuth token (scope
 * `https://www.googleapis.com/auth/pubsub`): `projects.subscriptions.pull` (a long poll that answers
 * as soon as messages wait) and `projects.subscriptions.acknowledge`. Calls go through gaxios, the
 * HTTP client of Google's own libraries, so failures reach GoogleCaller in the shape it reads.
 */
import { request } from 'gaxios';
import type { GoogleCaller } from './google-call';

/** One received message: its ack id and its payload (base64 in `data`). */
export interface ReceivedMessage {
  ackId: string;
  data: string;
  messageId: string | null;
  publishTime: string | null;
}

/** Where and how long one pull may wait. */
export interface PullOptions {
  rootUrl: string;
  subscription: string;
  maxMessages: number;
  signal: AbortSignal;
  /** The server may hold the request until messages arrive: give it this long. */
  timeoutMs: number;
}

interface PullAnswer {
  receivedMessages?: Array<{ ackId?: unknown; message?: { data?: unknown; messageId?: unknown; publishTime?: unknown } }>;
}

/** The most messages one answer is allowed to bring (Pub/Sub may send fewer). */
const MAX_PULL = 1000;

/** Pulls up to `maxMessages` messages; an empty list when none arrived in time. */
export async function pullMessages(caller: GoogleCaller, options: PullOptions): Promise<ReceivedMessage[]> {
  const answer = await caller.run(
    'pubsub.pull',
    0,
    (headers) =>
      request<PullAnswer>({
        url: `${options.rootUrl}v1/${options.subscription}:pull`,
        method: 'POST',
        headers,
        data: { maxMessages: Math.min(MAX_PULL, Math.max(1, options.maxMessages)) },
        signal: options.signal,
        timeout: options.timeoutMs,
        retry: false,
        responseType: 'json',
      }),
    // A pull whose answer was lost only delays its messages (redelivered after the ack deadline).
    { idempotent: false },
  );
  const received = Array.isArray(answer.data?.receivedMessages) ? answer.data.receivedMessages.slice(0, MAX_PULL) : [];
  return received.flatMap((entry) => {
    if (typeof entry.ackId !== 'string' || entry.ackId.length > 4096) return [];
    const message = entry.message ?? {};
    return [{
      ackId: entry.ackId,
      data: typeof message.data === 'string' ? message.data : '',
      messageId: typeof message.messageId === 'string' ? message.messageId : null,
      publishTime: typeof message.publishTime === 'string' ? message.publishTime : null,
    }];
  });
}

/** Acknowledges received messages so Pub/Sub does not send them again. */
export async function acknowledgeMessages(caller: GoogleCaller, options: Pick<PullOptions, 'rootUrl' | 'subscription' | 'signal'>, ackIds: readonly string[]): Promise<void> {
  if (ackIds.length === 0) return;
  await caller.run('pubsub.acknowledge', 0, (headers) =>
    request({
      url: `${options.rootUrl}v1/${options.subscription}:acknowledge`,
      method: 'POST',
      headers,
      data: { ackIds },
      signal: options.signal,
      timeout: 30_000,
      retry: false,
      responseType: 'json',
    }),
  );
}
