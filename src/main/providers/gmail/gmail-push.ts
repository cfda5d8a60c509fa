/**
 * Gmail's side of push: `users.watch` points the mailbox at a Pub/Sub topic (it expires after 7
 * days, so it is renewed daily as Google advises), `users.stop` ends it, and each Pub/Sub message
 * carries `{emailAddress, historyId}` as base64 JSON — a nudge to read history, never content.
 */
import { gmail as createGmail } from '@googleapis/gmail';
import { createGoogleCaller } from '../google/google-call';
import { apiRoot } from '../google/google-endpoints';
import { GOOGLE_SCOPES } from '../google/google-oauth';
import { acknowledgeMessages, pullMessages } from '../google/pubsub-pull';
import type { ProviderContext, ProviderSession } from '../provider';

/** Quota units of watch and stop (Gmail API usage limits). */
export const GMAIL_PUSH_UNITS = { watch: 100, stop: 50 } as const;
/** Scopes that allow pulling from a subscription. */
const PULL_SCOPES = [GOOGLE_SCOPES.pubsub, 'https://www.googleapis.com/auth/cloud-platform'];
/** The largest notification we read (they are about 60 bytes). */
const MAX_NOTIFICATION_BYTES = 4096;

/** A mailbox change notification. */
export interface GmailNotification {
  emailAddress: string;
  historyId: string;
}

/** True when the granted scopes let the app pull from Pub/Sub. */
export function canPull(grantedScopes: readonly string[]): boolean {
  return grantedScopes.some((scope) => PULL_SCOPES.includes(scope));
}

/** Decodes a Pub/Sub message's data; null for anything that is not a Gmail notification. */
export function parseGmailNotification(data: string): GmailNotification | null {
  if (data.length > (MAX_NOTIFICATION_BYTES * 4) / 3 + 4) return null;
  try {
    const decoded = JSON.parse(Buffer.from(data, 'base64').toString('utf8')) as { emailAddress?: unknown; historyId?: unknown };
    const historyId = typeof decoded.historyId === 'number' ? String(decoded.historyId) : decoded.historyId;
    if (typeof decoded.emailAddress !== 'string' || decoded.emailAddress.length > 320) return null;
    if (typeof historyId !== 'string' || !/^\d{1,20}$/.test(historyId)) return null;
    return { emailAddress: decoded.emailAddress, historyId };
  } catch {
    return null;
  }
}

/** Gmail's watch and Pub/Sub's pull for one session. */
export function createGmailPush(context: ProviderContext, session: ProviderSession, unitsPerSecond: number) {
  const gmailRoot = apiRoot(context.env, 'gmail');
  const api = createGmail({ version: 'v1', rootUrl: gmailRoot, retry: false });
  const gmailCaller = createGoogleCaller(session, context.quota(`gmail:${session.integration.id}`, unitsPerSecond));
  // Pub/Sub calls cost no Gmail quota; their own pacer only serialises nothing.
  const pubsubCaller = createGoogleCaller(session, context.quota(`pubsub:${session.integration.id}`, 1_000_000));
  const pubsubRoot = apiRoot(context.env, 'pubsub');
  return {
    /** Starts (or renews) the watch; Gmail answers the history id and when the watch ends. */
    async watch(topicName: string, labelIds: readonly string[]): Promise<{ historyId: string | null; expiresAt: number }> {
      const answer = await gmailCaller.run('users.watch', GMAIL_PUSH_UNITS.watch, (headers) =>
        api.users.watch({ userId: 'me', requestBody: { topicName, labelIds: [...labelIds], labelFilterBehavior: 'include' } }, { headers }),
      );
      const expiresAt = Number(answer.data.expiration ?? 0);
      return { historyId: answer.data.historyId ?? null, expiresAt: Number.isFinite(expiresAt) && expiresAt > 0 ? expiresAt : session.clock.now().getTime() + 7 * 86_400_000 };
    },
    /** Ends the watch (Gmail stops publishing). */
    async stop(): Promise<void> {
      await gmailCaller.run('users.stop', GMAIL_PUSH_UNITS.stop, (headers) => api.users.stop({ userId: 'me' }, { headers }));
    },
    /** Waits for notifications on the subscription (long poll); returns them with their ack ids. */
    async pull(subscription: string, timeoutMs: number): Promise<Array<{ ackId: string; notification: GmailNotification | null }>> {
      const received = await pullMessages(pubsubCaller, { rootUrl: pubsubRoot, subscription, maxMessages: 100, signal: session.signal, timeoutMs });
      return received.map((message) => ({ ackId: message.ackId, notification: parseGmailNotification(message.data) }));
    },
    /** Acknowledges pulled messages. */
    ack: (subscription: string, ackIds: readonly string[]) => acknowledgeMessages(pubsubCaller, { rootUrl: pubsubRoot, subscription, signal: session.signal }, ackIds),
  };
}

/** Gmail's push helpers for one session. */
export type GmailPush = ReturnType<typeof createGmailPush>;
