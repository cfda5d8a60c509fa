/**
 * Turning a Slack message into the payload the content step reads, shared by the sync from the
 * cursor and by pushed events: the message JSON with its thread context and author and channel
 * names (the text is cleaned and bounded in the content worker). Names are cached per account for
 * the app's lifetime (users.info is Tier 4, and a busy socket would otherwise spend it on repeats).
 */
import type { RawSlackMessage as SlackPayload } from '../../content/slack-message';
import { ProviderError, RateLimitedError } from '../../errors';
import type { ProviderContext, ProviderSession } from '../provider';
import type { SlackCaller } from './slack-api';
import type { RawSlackMessage } from './slack-events';
import type { SlackCursor } from './slack-pages';

export { isSlackCursor, type SlackCursor } from './slack-pages';

const CONTEXT_MESSAGES = 5;
const NAME_TTL_MS = 60 * 60 * 1000;
const NAME_CACHE_SIZE = 2000;

/** A small cache of names (users, channels) with an age limit. */
export interface NameCache {
  get(key: string): string | undefined;
  set(key: string, name: string): void;
}

function createNameCache(now: () => number): NameCache {
  const entries = new Map<string, { name: string; at: number }>();
  return {
    get(key) {
      const entry = entries.get(key);
      if (!entry || now() - entry.at > NAME_TTL_MS) return undefined;
      return entry.name;
    },
    set(key, name) {
      entries.delete(key);
      entries.set(key, { name, at: now() });
      if (entries.size > NAME_CACHE_SIZE) entries.delete(entries.keys().next().value!);
    },
  };
}

/** The name cache of an account, shared by its syncs and pushed events. */
export function namesOf(context: ProviderContext, session: ProviderSession): NameCache {
  return context.shared(`slack:names:${session.integration.id}`, () => createNameCache(() => session.clock.now().getTime()));
}

/** How an item is built. */
export interface ItemOptions {
  /** Thread context is nice to have: give up on it at the first rate limit (pushed events). */
  contextBestEffort?: boolean;
}

/** A display name for a user id (users.info, cached). */
export async function userName(caller: SlackCaller, names: NameCache, userId: string | undefined): Promise<string> {
  if (!userId) return 'someone';
  const cached = names.get(`user:${userId}`);
  if (cached) return cached;
  const info = await caller.call<{ user?: { real_name?: string; name?: string; profile?: { display_name?: string } } }>('users.info', { user: userId });
  const name = info.user?.profile?.display_name || info.user?.real_name || info.user?.name || userId;
  names.set(`user:${userId}`, name);
  return name;
}

async function threadContext(caller: SlackCaller, names: NameCache, channelId: string, message: RawSlackMessage, options: ItemOptions): Promise<SlackPayload['threadContext']> {
  const ts = message.ts!;
  if (!message.thread_ts || message.thread_ts === ts) return [];
  try {
    const replies = await caller.call<{ messages?: RawSlackMessage[] }>('conversations.replies', { channel: channelId, ts: message.thread_ts, latest: ts, inclusive: false, limit: CONTEXT_MESSAGES + 1 });
    const context: SlackPayload['threadContext'] = [];
    for (const reply of (replies.messages ?? []).filter((entry) => entry.ts !== ts).slice(-CONTEXT_MESSAGES)) {
      // Raw text: the content step cleans and bounds it with the message.
      context.push({ author: await userName(caller, names, reply.user), text: reply.text ?? '' });
    }
    return context;
  } catch (error) {
    // Apps outside the Marketplace get one replies call a minute: the message is judged without it.
    if (options.contextBestEffort && (error instanceof RateLimitedError || error instanceof ProviderError)) return [];
    throw error;
  }
}

/** The payload of a message whose `channel` is filled in (names and thread context fetched). */
export async function toSlackPayload(caller: SlackCaller, message: RawSlackMessage, cursor: SlackCursor, names: NameCache, options: ItemOptions = {}): Promise<SlackPayload> {
  const channelId = message.channel?.id ?? '';
  const ts = message.ts!;
  const context = await threadContext(caller, names, channelId, message, options);
  return {
    ts,
    threadTs: message.thread_ts ?? null,
    text: message.text ?? '',
    channelId,
    channelName: message.channel?.name ?? channelId,
    isDirect: message.channel?.is_im === true || message.channel?.is_mpim === true,
    authorId: message.user ?? '',
    authorName: await userName(caller, names, message.user),
    threadContext: context,
    permalink: message.permalink ?? `${cursor.teamUrl.replace(/\/?$/, '/')}archives/${channelId}/p${ts.replace('.', '')}`,
  };
}

/** True when a message is one the person might need to act on: not theirs, not a bot's, not a channel event. */
export function isPersonMessage(message: RawSlackMessage, selfId: string): boolean {
  return Boolean(message.ts) && message.user !== selfId && !message.bot_id && (!message.subtype || message.subtype === 'thread_broadcast');
}
