/**
 * Reading Slack: messages that mention the person (search.messages), then messages in their DMs
 * (conversations.history), newest first, in pages (slack-pages.ts), with thread context and author
 * names fetched here and the message JSON handed over raw to the content step; write-back is a
 * reaction. Rate limits only slow a sync down: the caller waits and notes it.
 */
import { ProviderError } from '../../errors';
import { fillBounds } from '../first-sync';
import type { FetchPage, ProviderAction, ProviderClient, ProviderContext, ProviderSession } from '../provider';
import { createSlackCaller, type SlackCaller } from './slack-api';
import { isPersonMessage, namesOf, toSlackPayload } from './slack-items';
import { isSlackCursor, newFill, slackPages, type RawMessage, type SlackCursor, type SlackFill, type SlackPageSource } from './slack-pages';
import { fetchPushedEvents } from './slack-push';

export type { SlackCursor } from './slack-pages';

/** Search indexes new messages with a delay: each regular sync looks this far behind where the last one started. */
const SEARCH_LAG_MS = 10 * 60_000;
const toTs = (ms: number) => (ms / 1000).toFixed(6);
/** Slack's search dates are whole days: the day of a ts, as YYYY-MM-DD (UTC). */
const dayOf = (ts: string, shiftDays = 0) => new Date(Number(ts) * 1000 + shiftDays * 86_400_000).toISOString().slice(0, 10);

function threadTsOf(permalink: string | undefined): string | undefined {
  if (!permalink) return undefined;
  try {
    return new URL(permalink).searchParams.get('thread_ts') ?? undefined;
  } catch {
    return undefined;
  }
}

/** Creates a Slack client. */
export function createSlackClient(context: ProviderContext): ProviderClient {
  async function whoAmI(caller: SlackCaller): Promise<{ userId: string; teamUrl: string }> {
    const who = await caller.call<{ user_id?: string; url?: string }>('auth.test', {});
    if (!who.user_id) throw new ProviderError('bad_request', 'Slack did not say whose account this is.');
    return { userId: who.user_id, teamUrl: who.url ?? 'https://slack.com/' };
  }

  function source(caller: SlackCaller, session: ProviderSession, cursor: SlackCursor): SlackPageSource {
    const names = namesOf(context, session);
    return {
      async mentions(fill: SlackFill, page: number) {
        // Search dates are whole days: ask a day wider and keep what is inside the bounds.
        const dates = fill.mode === 'older' ? ` after:${dayOf(fill.oldest, -1)}${fill.latest ? ` before:${dayOf(fill.latest, 1)}` : ''}` : '';
        const answer = await caller.call<{ messages?: { matches?: RawMessage[]; paging?: { pages?: number }; pagination?: { page_count?: number } } }>('search.messages', { query: `<@${cursor.userId}>${dates}`, sort: 'timestamp', sort_dir: 'desc', count: 100, page });
        // Search results carry no thread_ts; Slack puts it in the permalink of a thread reply.
        const matches = (answer.messages?.matches ?? []).map((match) => ({ ...match, thread_ts: match.thread_ts ?? threadTsOf(match.permalink) }));
        const pages = answer.messages?.paging?.pages ?? answer.messages?.pagination?.page_count ?? 1;
        return { matches, more: page < pages };
      },
      async directChannels() {
        const channels: Array<{ id: string; is_im?: boolean; is_mpim?: boolean; name?: string }> = [];
        let next: string | undefined;
        do {
          const answer = await caller.call<{ channels?: typeof channels; response_metadata?: { next_cursor?: string } }>('users.conversations', { types: 'im,mpim', limit: 200, cursor: next, exclude_archived: true });
          channels.push(...(answer.channels ?? []));
          next = answer.response_metadata?.next_cursor || undefined;
        } while (next);
        return channels;
      },
      async history(channelId, fill, page) {
        const answer = await caller.call<{ messages?: RawMessage[]; response_metadata?: { next_cursor?: string } }>('conversations.history', { channel: channelId, oldest: fill.oldest, latest: fill.latest ?? undefined, limit: 100, cursor: page ?? undefined });
        return { messages: answer.messages ?? [], next: answer.response_metadata?.next_cursor || null };
      },
      async toPage(messages) {
        const raw: FetchPage['raw'] = [];
        const quarantined: FetchPage['quarantined'] = [];
        for (const [index, message] of messages.entries()) {
          session.progress(index, messages.length);
          // Our own messages, bots and channel events (joins, topic changes) are not requests to us.
          if (!message.channel?.id || !isPersonMessage(message, cursor.userId)) continue;
          const id = `${message.channel.id}:${message.ts}`;
          if (session.isKnown(id) || raw.some((entry) => entry.kind === 'slack-message' && `${entry.message.channelId}:${entry.message.ts}` === id)) continue;
          try {
            raw.push({ kind: 'slack-message', message: await toSlackPayload(caller, message, cursor, names) });
          } catch (error) {
            if (error instanceof ProviderError && error.kind !== 'bad_request') throw error;
            quarantined.push({ itemId: id, itemType: 'slack_message', reason: error instanceof Error ? error.message : String(error) });
          }
        }
        return { raw, quarantined };
      },
    };
  }

  return {
    async *fetchPages(stored, session, mode) {
      const caller = createSlackCaller(context, session);
      const now = session.clock.now();
      const bounds = fillBounds(session.settings, now);
      const nextSince = toTs(now.getTime() - SEARCH_LAG_MS);
      let cursor: SlackCursor;
      let fill: SlackFill;
      if (!isSlackCursor(stored)) {
        cursor = { ...(await whoAmI(caller)), since: toTs(bounds.sinceMs), fill: null, reached: toTs(bounds.sinceMs) };
        fill = newFill('sync', cursor.since, null, bounds.maxItems, nextSince);
      } else if (stored.fill) {
        cursor = stored;
        fill = stored.fill;
      } else if (mode === 'older') {
        cursor = stored;
        if (stored.exhausted) {
          session.note('Slack has no older messages for you within reach.');
          yield { raw: [], quarantined: [], filtered: [], withdrawn: [], cursor: stored };
          return;
        }
        const top = Number(stored.reached ?? stored.since) * 1000;
        const older = fillBounds(session.settings, now, top);
        fill = newFill('older', toTs(older.sinceMs), toTs(top), older.maxItems, stored.since);
      } else {
        cursor = stored;
        // A regular sync reads everything since the last one: no limit, nothing skipped.
        fill = newFill('sync', stored.since, null, null, nextSince);
      }
      yield* slackPages(cursor, fill, source(caller, session, cursor));
    },
    async *refetch(itemIds, session) {
      const caller = createSlackCaller(context, session);
      const cursor: SlackCursor = isSlackCursor(session.integration.cursor) ? session.integration.cursor : { ...(await whoAmI(caller)), since: '0' };
      const channels = new Map<string, RawMessage['channel']>();
      const found: RawMessage[] = [];
      for (const itemId of itemIds) {
        const split = itemId.lastIndexOf(':');
        const channelId = itemId.slice(0, split);
        const ts = itemId.slice(split + 1);
        try {
          if (!channels.has(channelId)) {
            const info = await caller.call<{ channel?: { name?: string; is_im?: boolean; is_mpim?: boolean } }>('conversations.info', { channel: channelId });
            channels.set(channelId, { id: channelId, name: info.channel?.name ?? 'direct message', is_im: info.channel?.is_im, is_mpim: info.channel?.is_mpim });
          }
          // replies answers for a thread's parent, a reply, or a message without a thread alike.
          const answer = await caller.call<{ messages?: RawMessage[] }>('conversations.replies', { channel: channelId, ts, oldest: ts, latest: ts, inclusive: true });
          const message = (answer.messages ?? []).find((entry) => entry.ts === ts);
          if (message) found.push({ ...message, channel: channels.get(channelId) });
        } catch (error) {
          // Gone (deleted, or the conversation left): absent from the page, and the sync says so.
          if (error instanceof ProviderError && error.kind === 'bad_request') continue;
          throw error;
        }
      }
      // These items are known (they wait for judgement): fetched without the "already seen" skip.
      const page = await source(caller, { ...session, isKnown: () => false }, cursor).toPage(found);
      yield { ...page, filtered: [], withdrawn: [] };
    },
    async *fetchPushed(events, stored, session) {
      // Without a cursor the account has never synced: read it the ordinary way first.
      if (!isSlackCursor(stored)) return yield* this.fetchPages(stored, session, 'sync');
      yield await fetchPushedEvents(context, events, stored, session);
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
