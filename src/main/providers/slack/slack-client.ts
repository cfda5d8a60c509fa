/**
 * Reading Slack: messages that mention the person (search.messages) and messages in their DMs
 * (conversations.history) since the stored ts, with thread context and author names; write-back is a
 * reaction. Rate limits only slow a sync down: the caller waits and notes it.
 */
import { ProviderError } from '../../errors';
import type { FetchResult, ProviderAction, ProviderClient, ProviderContext, ProviderSession } from '../provider';
import type { SlackMessageItem } from '../../items/provider-item';
import { createSlackCaller, type SlackCaller } from './slack-api';
import type { RawSlackMessage as RawMessage } from './slack-events';
import { isPersonMessage, isSlackCursor, namesOf, toSlackItem, type SlackCursor } from './slack-items';
import { fetchPushedEvents } from './slack-push';

export type { SlackCursor } from './slack-items';

const FIRST_SYNC_DAYS = 7;

function threadTsOf(permalink: string | undefined): string | undefined {
  if (!permalink) return undefined;
  try {
    return new URL(permalink).searchParams.get('thread_ts') ?? undefined;
  } catch {
    return undefined;
  }
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

  return {
    async fetchChanges(stored, session: ProviderSession): Promise<FetchResult> {
      const caller = createSlackCaller(context, session);
      const cursor: SlackCursor = isSlackCursor(stored)
        ? stored
        : { ...(await whoAmI(caller)), since: String((session.clock.now().getTime() - FIRST_SYNC_DAYS * 86_400_000) / 1000) };
      const cap = session.settings.maxResults ?? 200;
      const raw = [...(await mentions(caller, cursor, cap)), ...(await directMessages(caller, cursor, cap))];
      const unique = new Map<string, RawMessage>();
      for (const message of raw) {
        // Our own messages, bots and channel events (joins, topic changes) are not requests to us.
        if (!message.channel?.id || !isPersonMessage(message, cursor.userId)) continue;
        unique.set(`${message.channel.id}:${message.ts}`, message);
      }
      const all = [...unique.values()].sort((a, b) => Number(a.ts) - Number(b.ts));
      // The cap counts only messages not seen before (pushed ones are), so a catch-up after a busy
      // stretch of Socket Mode reaches the few the socket missed instead of re-reading known ones.
      const unseen = all.filter((message) => !session.isKnown(`${message.channel!.id}:${message.ts}`));
      const ordered = unseen.slice(0, cap);
      const names = namesOf(context, session);
      const items: SlackMessageItem[] = [];
      const quarantined: FetchResult['quarantined'] = [];
      for (const [index, message] of ordered.entries()) {
        session.progress(index, ordered.length);
        const id = `${message.channel!.id}:${message.ts}`;
        try {
          items.push(await toSlackItem(caller, message, cursor, names));
        } catch (error) {
          if (error instanceof ProviderError && error.kind !== 'bad_request') throw error;
          quarantined.push({ itemId: id, itemType: 'slack_message', reason: error instanceof Error ? error.message : String(error) });
        }
      }
      // Past the cap, the cursor stops at the last message handled; otherwise everything read is handled.
      const newest = (unseen.length > cap ? ordered : all).reduce((max, message) => (newer(message.ts!, max) ? message.ts! : max), cursor.since);
      return { items, quarantined, filtered: [], withdrawn: [], nextCursor: { ...cursor, since: newest } satisfies SlackCursor };
    },
    async fetchPushed(events, stored, session) {
      // Without a cursor the account has never synced: read it the ordinary way first.
      if (!isSlackCursor(stored)) return this.fetchChanges(stored, session);
      return fetchPushedEvents(context, events, stored, session);
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
