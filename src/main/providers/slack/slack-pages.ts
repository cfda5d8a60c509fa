/**
 * Slack's pages, newest first and mentions before DM history: one page per search.messages page,
 * then one per conversations.history page of each DM. The cursor holds the position within that
 * walk (a fill), so a crash resumes at the page after the last one saved; `since` moves only when
 * the walk is done. A first sync and each "Load older" are bounded by the first-sync settings.
 */
import type { FetchMode, FetchPage } from '../provider';
import type { RawSlackMessage } from './slack-events';

/** A walk through mentions then DMs between two timestamps. */
export interface SlackFill {
  stage: 'mentions' | 'dms';
  /** Next search.messages page (1-based). */
  searchPage: number;
  /** DM being read (null: the first), and the history page cursor inside it. */
  channelId: string | null;
  historyCursor: string | null;
  /** Messages newer than `oldest` and older than `latest` (null: up to now), as Slack ts strings. */
  oldest: string;
  latest: string | null;
  /** Messages handed over so far, and at most how many (null: no limit, for regular syncs). */
  read: number;
  limit: number | null;
  /** Oldest ts seen by this walk. */
  oldestSeen: string | null;
  /**
   * Where the next regular sync starts once this walk is done: the walk's start less a margin, so a
   * message posted during the walk (or not yet in the search index) is read by the next sync.
   */
  nextSince: string;
  mode: FetchMode;
}

/** Slack's cursor: the newest message ts handled, whose account it is, and any walk under way. */
export interface SlackCursor {
  since: string;
  userId: string;
  teamUrl: string;
  fill?: SlackFill | null;
  /** How far back the walks have read (ts): "Load older" continues below it. */
  reached?: string | null;
  /** True once "Load older" found nothing older. */
  exhausted?: boolean;
}

/** A message as search or history returns it. */
export type RawMessage = RawSlackMessage;

/** What the walk needs from the client (the Slack calls). */
export interface SlackPageSource {
  /** One page of mentions, newest first, and whether later pages exist. */
  mentions(fill: SlackFill, page: number): Promise<{ matches: RawMessage[]; more: boolean }>;
  /** The person's DMs and group DMs. */
  directChannels(): Promise<Array<{ id: string; name?: string; is_im?: boolean; is_mpim?: boolean }>>;
  /** One page of a DM's history, newest first. */
  history(channelId: string, fill: SlackFill, cursor: string | null): Promise<{ messages: RawMessage[]; next: string | null }>;
  /** The page's payloads (names and thread context fetched), known messages skipped. */
  toPage(messages: RawMessage[]): Promise<Pick<FetchPage, 'raw' | 'quarantined'>>;
}

/** True when a stored value is Slack's cursor. */
export function isSlackCursor(value: unknown): value is SlackCursor {
  return typeof value === 'object' && value !== null && typeof (value as SlackCursor).since === 'string' && typeof (value as SlackCursor).userId === 'string';
}

/** Compares Slack timestamps (decimal seconds as strings). */
export function newer(a: string, b: string): boolean {
  return Number(a) > Number(b);
}

/** True when a message is inside the walk's bounds. */
export function inBounds(ts: string, fill: SlackFill): boolean {
  return newer(ts, fill.oldest) && (fill.latest === null || newer(fill.latest, ts));
}

/** A new walk between `oldest` and `latest`; `nextSince` as on SlackFill. */
export function newFill(mode: FetchMode, oldest: string, latest: string | null, limit: number | null, nextSince: string): SlackFill {
  return { stage: 'mentions', searchPage: 1, channelId: null, historyCursor: null, oldest, latest, read: 0, limit, oldestSeen: null, nextSince, mode };
}

function seen(fill: SlackFill, messages: RawMessage[]): SlackFill {
  let { oldestSeen } = fill;
  for (const message of messages) {
    if (message.ts && (oldestSeen === null || newer(oldestSeen, message.ts))) oldestSeen = message.ts;
  }
  return { ...fill, oldestSeen, read: fill.read + messages.length };
}

/** The cursor once a walk is done. */
function finished(cursor: SlackCursor, fill: SlackFill, reachedBottom: boolean): SlackCursor {
  const reached = reachedBottom ? fill.oldest : (fill.oldestSeen ?? fill.oldest);
  const lowest = cursor.reached && newer(reached, cursor.reached) ? cursor.reached : reached;
  if (fill.mode === 'older') return { ...cursor, fill: null, reached: lowest, exhausted: fill.read === 0 || cursor.exhausted === true };
  return { ...cursor, since: newer(fill.nextSince, cursor.since) ? fill.nextSince : cursor.since, fill: null, reached: lowest };
}

/** Walks mentions then DMs from the fill's position; each page carries the cursor that resumes after it. */
export async function* slackPages(cursor: SlackCursor, start: SlackFill, source: SlackPageSource): AsyncGenerator<FetchPage> {
  let fill = start;
  const full = () => fill.limit !== null && fill.read >= fill.limit;
  const room = (messages: RawMessage[]) => (fill.limit === null ? messages : messages.slice(0, Math.max(0, fill.limit - fill.read)));
  const emit = async (messages: RawMessage[], next: SlackFill | null): Promise<FetchPage> => {
    const page = await source.toPage(messages);
    return { ...page, filtered: [], withdrawn: [], cursor: next ? { ...cursor, fill: next } : finished(cursor, fill, !full()) };
  };
  while (fill.stage === 'mentions' && !full()) {
    const { matches, more } = await source.mentions(fill, fill.searchPage);
    const fresh = room(matches.filter((match) => match.ts && inBounds(match.ts, fill)));
    // Newest first: a match at or below the lower bound means older pages hold nothing for this walk.
    const done = !more || matches.some((match) => match.ts !== undefined && !newer(match.ts, fill.oldest));
    fill = seen(fill, fresh);
    fill = done || full() ? { ...fill, stage: 'dms', searchPage: 1 } : { ...fill, searchPage: fill.searchPage + 1 };
    yield await emit(fresh, fill);
  }
  const channels = full() ? [] : await source.directChannels();
  let index = Math.max(0, channels.findIndex((channel) => channel.id === fill.channelId));
  for (; index < channels.length && !full(); index += 1) {
    const channel = channels[index]!;
    let page: string | null = fill.channelId === channel.id ? fill.historyCursor : null;
    do {
      const answer = await source.history(channel.id, fill, page);
      const messages = room(answer.messages.map((message) => ({ ...message, channel: { id: channel.id, name: channel.name ?? 'direct message', is_im: channel.is_im, is_mpim: channel.is_mpim } })));
      fill = seen(fill, messages);
      page = answer.next;
      const nextChannel = channels[index + 1];
      const next = page && !full() ? { ...fill, channelId: channel.id, historyCursor: page } : nextChannel && !full() ? { ...fill, channelId: nextChannel.id, historyCursor: null } : null;
      yield await emit(messages, next);
      if (!next) return;
    } while (page && !full());
  }
  // No DM to read (or the limit was reached by the mentions): the walk ends with an empty page.
  yield await emit([], null);
}
