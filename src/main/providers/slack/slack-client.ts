/**
 * Reading Slack: messages that mention the person (search.messages) and messages in their DMs
 * (conversations.history) since the stored ts, with thread context and author names; write-back is a
 * reaction. Rate limits only slow a sync down: the caller waits and notes it.
 */
import { slackMessageItem, type RawSlackMessage } from '../../content/slack-message';
import { ProviderError } from '../../errors';
import type { FetchResult, ProviderAction, ProviderClient, ProviderContext, ProviderSession } from '../provider';
import type { SlackMessageItem } from '../../items/provider-item';
import { createSlackCaller, type SlackCaller } from './slack-api';

/** Slack's cursor: the newest message ts handled, and whose account it is. */
export interface SlackCursor {
  since: string;
  userId: string;
  teamUrl: string;
}

interface RawMessage {
  ts?: string;
  thread_ts?: string;
  user?: string;
  text?: string;
  subtype?: string;
  bot_id?: string;
  permalink?: string;
  channel?: { id?: string; name?: string; is_im?: boolean; is_mpim?: boolean };
}

const FIRST_SYNC_DAYS = 7;

const CONTEXT_MESSAGES = 5;

function threadTsOf(permalink: string | undefined): string | undefined {
  if (!permalink) return undefined;
  try {
    return new URL(permalink).searchParams.get('thread_ts') ?? undefined;
  } catch {
    return undefined;
  }
}

function isCursor(value: unknown): value is SlackCursor {
  return typeof value === 'object' && value !== null && typeof (value as SlackCursor).since === 'string' && typeof (value as SlackCursor).userId === 'string';
}

function newer(a: string, b: string): boolean {
  return Number(a) > Number(b);
}

/** Creates a Slack client. */
export function createSlackClient(context: ProviderContext): ProviderClient {
  async function whoAmI(caller: SlackCaller): Promise<{ userId: string; teamUrl: string }> {
    const who = await caller.call<{ user_id?: string; url?: string }>('auth.test', {});
    if (!who.user_id) throw new ProviderError('bad_request', 'Slack did not say whose account this is.');
    return { userId: who.user_id, teamUrl: who.url ?? 'https://slack.com/' };
  }

  async function mentions(caller: SlackCaller, cursor: SlackCursor, cap: number): Promise<RawMessage[]> {
    const found: RawMessage[] = [];
    for (let page = 1; page <= 20 && found.length < cap; page += 1) {
      const answer = await caller.call<{ messages?: { matches?: RawMessage[]; paging?: { pages?: number }; pagination?: { page_count?: number } } }>('search.messages', { query: `<@${cursor.userId}>`, sort: 'timestamp', sort_dir: 'desc', count: 100, page });
      const matches = answer.messages?.matches ?? [];
      // Search results carry no thread_ts; Slack puts it in the permalink of a thread reply.
      const fresh = matches.filter((match) => match.ts && newer(match.ts, cursor.since)).map((match) => ({ ...match, thread_ts: match.thread_ts ?? threadTsOf(match.permalink) }));
      found.push(...fresh);
      // Results are newest first: once a page reaches the cursor, older pages hold nothing new.
      const pages = answer.messages?.paging?.pages ?? answer.messages?.pagination?.page_count ?? 1;
      if (fresh.length < matches.length || page >= pages) break;
    }
    return found;
  }

  async function directMessages(caller: SlackCaller, cursor: SlackCursor, cap: number): Promise<RawMessage[]> {
    const channels: Array<{ id: string; is_im?: boolean; is_mpim?: boolean; name?: string }> = [];
    let next: string | undefined;
    do {
      const answer = await caller.call<{ channels?: typeof channels; response_metadata?: { next_cursor?: string } }>('users.conversations', { types: 'im,mpim', limit: 200, cursor: next, exclude_archived: true });
      channels.push(...(answer.channels ?? []));
      next = answer.response_metadata?.next_cursor || undefined;
    } while (next);
    const found: RawMessage[] = [];
    for (const channel of channels) {
      let page: string | undefined;
      do {
        const answer = await caller.call<{ messages?: RawMessage[]; response_metadata?: { next_cursor?: string } }>('conversations.history', { channel: channel.id, oldest: cursor.since, limit: 100, cursor: page });
        for (const message of answer.messages ?? []) found.push({ ...message, channel: { id: channel.id, name: channel.name ?? 'direct message', is_im: channel.is_im, is_mpim: channel.is_mpim } });
        page = answer.response_metadata?.next_cursor || undefined;
      } while (page && found.length < cap);
      if (found.length >= cap) break;
    }
    return found;
  }

  async function toItem(caller: SlackCaller, message: RawMessage, cursor: SlackCursor, names: Map<string, string>): Promise<SlackMessageItem> {
    const nameOf = async (userId: string | undefined): Promise<string> => {
      if (!userId) return 'someone';
      if (!names.has(userId)) {
        const info = await caller.call<{ user?: { real_name?: string; name?: string; profile?: { display_name?: string } } }>('users.info', { user: userId });
        names.set(userId, info.user?.profile?.display_name || info.user?.real_name || info.user?.name || userId);
      }
      return names.get(userId)!;
    };
    const channelId = message.channel?.id ?? '';
    const ts = message.ts!;
    const threadContext: RawSlackMessage['threadContext'] = [];
    if (message.thread_ts && message.thread_ts !== ts) {
      const replies = await caller.call<{ messages?: RawMessage[] }>('conversations.replies', { channel: channelId, ts: message.thread_ts, latest: ts, inclusive: false, limit: CONTEXT_MESSAGES + 1 });
      for (const reply of (replies.messages ?? []).filter((entry) => entry.ts !== ts).slice(-CONTEXT_MESSAGES)) {
        threadContext.push({ author: await nameOf(reply.user), text: reply.text ?? '' });
      }
    }
    return slackMessageItem({
      ts,
      threadTs: message.thread_ts ?? null,
      text: message.text ?? '',
      channelId,
      channelName: message.channel?.name ?? channelId,
      isDirect: message.channel?.is_im === true || message.channel?.is_mpim === true,
      authorId: message.user ?? '',
      authorName: await nameOf(message.user),
      threadContext,
      permalink: message.permalink ?? `${cursor.teamUrl.replace(/\/?$/, '/')}archives/${channelId}/p${ts.replace('.', '')}`,
    });
  }

  return {
    async fetchChanges(stored, session: ProviderSession): Promise<FetchResult> {
      const caller = createSlackCaller(context, session);
      const cursor: SlackCursor = isCursor(stored)
        ? stored
        : { ...(await whoAmI(caller)), since: String((session.clock.now().getTime() - FIRST_SYNC_DAYS * 86_400_000) / 1000) };
      const cap = session.settings.maxResults ?? 200;
      const raw = [...(await mentions(caller, cursor, cap)), ...(await directMessages(caller, cursor, cap))];
      const unique = new Map<string, RawMessage>();
      for (const message of raw) {
        // Our own messages, bots and channel events (joins, topic changes) are not requests to us.
        if (!message.ts || !message.channel?.id || message.user === cursor.userId || message.bot_id || (message.subtype && message.subtype !== 'thread_broadcast')) continue;
        unique.set(`${message.channel.id}:${message.ts}`, message);
      }
      const ordered = [...unique.values()].sort((a, b) => Number(a.ts) - Number(b.ts)).slice(0, cap);
      const names = new Map<string, string>();
      const items: SlackMessageItem[] = [];
      const quarantined: FetchResult['quarantined'] = [];
      for (const [index, message] of ordered.entries()) {
        session.progress(index, ordered.length);
        const id = `${message.channel!.id}:${message.ts}`;
        if (session.isKnown(id)) continue;
        try {
          items.push(await toItem(caller, message, cursor, names));
        } catch (error) {
          if (error instanceof ProviderError && error.kind !== 'bad_request') throw error;
          quarantined.push({ itemId: id, itemType: 'slack_message', reason: error instanceof Error ? error.message : String(error) });
        }
      }
      const newest = ordered.reduce((max, message) => (newer(message.ts!, max) ? message.ts! : max), cursor.since);
      return { items, quarantined, filtered: [], withdrawn: [], nextCursor: { ...cursor, since: newest } satisfies SlackCursor };
    },
    async runAction(action: ProviderAction, session) {
      if (action.kind !== 'react') throw new ProviderError('bad_request', `Slack cannot ${action.kind}.`);
      const caller = createSlackCaller(context, session);
      try {
        await caller.call('reactions.add', { channel: action.target.channel, timestamp: action.target.ts, name: action.target.name });
      } catch (error) {
        // Reacting twice is the same effect: Slack says so, and that is success.
        if (error instanceof ProviderError && /already_reacted/.test(error.message)) return;
        throw error;
      }
    },
  };
}
