/**
 * search.messages with the part of Slack's query language the app relies on: `<@U123>` mentions,
 * `from:`, `in:`, `after:` / `before:` / `on:` / `during:` dates (UTC days; Slack uses the
 * searcher's time zone), `is:thread`, words and "quoted phrases". Only conversations the caller
 * can read are searched, and `searchLagMs` keeps fresh messages out of the index for a while.
 */
import { randomUUID } from 'node:crypto';
import { type MethodHandler, limitParam, requireScopes } from './context';
import { fail, ok } from './http';
import { type StoredChannel, type StoredMessage, type Workspace } from './workspace';

type Predicate = (message: StoredMessage, channel: StoredChannel) => boolean;

const DAY_MS = 86_400_000;

// A day or month at UTC midnight: [start, end) in epoch ms, or undefined when it is not a date.
function dayRange(value: string, now: number): [number, number] | undefined {
  const today = Math.floor(now / DAY_MS) * DAY_MS;
  if (value === 'today') return [today, today + DAY_MS];
  if (value === 'yesterday') return [today - DAY_MS, today];
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (day) {
    const start = Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3]));
    return [start, start + DAY_MS];
  }
  const month = /^(\d{4})-(\d{2})$/.exec(value);
  if (month) return [Date.UTC(Number(month[1]), Number(month[2]) - 1, 1), Date.UTC(Number(month[1]), Number(month[2]), 1)];
  return undefined;
}

// `<@U123>`, `<@U123|name>`, `@name` or `name` -> user id.
function userRef(ws: Workspace, value: string): string | undefined {
  const id = /^<@([A-Z0-9]+)(?:\|[^>]*)?>$/.exec(value)?.[1];
  if (id) return id;
  const name = value.replace(/^@/, '');
  if (name === 'me') return ws.selfId;
  return [...ws.users.values()].find((user) => user.name === name || user.id === name)?.id;
}

// `<#C123>`, `<#C123|name>`, `#name`, `C123` or `@user` (the IM with that person).
function channelMatcher(ws: Workspace, value: string): (channel: StoredChannel) => boolean {
  const id = /^<#([A-Z0-9]+)(?:\|[^>]*)?>$/.exec(value)?.[1];
  if (id) return (channel) => channel.id === id;
  if (value.startsWith('@')) {
    const user = userRef(ws, value);
    return (channel) => channel.kind === 'im' && channel.imUser === user;
  }
  const name = value.replace(/^#/, '');
  return (channel) => channel.id === name || (channel.kind !== 'im' && channel.name === name);
}

function parseQuery(ws: Workspace, query: string, now: number): Predicate[] {
  const predicates: Predicate[] = [];
  const dateMs = (message: StoredMessage) => message.micros / 1000;
  for (const match of query.matchAll(/"([^"]*)"|(\S+)/g)) {
    const phrase = match[1];
    const word = match[2] ?? '';
    if (phrase !== undefined) {
      predicates.push((message) => message.text.toLowerCase().includes(phrase.toLowerCase()));
      continue;
    }
    const modifier = /^(from|in|after|before|on|during|is):(.+)$/i.exec(word);
    const key = modifier?.[1]!.toLowerCase();
    const value = modifier?.[2] ?? '';
    const range = modifier ? dayRange(value, now) : undefined;
    if (key === 'from') {
      const user = userRef(ws, value);
      predicates.push((message) => message.user === user);
    } else if (key === 'in') {
      const matches = channelMatcher(ws, value);
      predicates.push((_message, channel) => matches(channel));
    } else if (key === 'after' && range) {
      predicates.push((message) => dateMs(message) >= range[1]);
    } else if (key === 'before' && range) {
      predicates.push((message) => dateMs(message) < range[0]);
    } else if ((key === 'on' || key === 'during') && range) {
      predicates.push((message) => dateMs(message) >= range[0] && dateMs(message) < range[1]);
    } else if (key === 'is' && value === 'thread') {
      predicates.push((message) => message.threadTs !== undefined);
    } else {
      // Words (mentions included) match case-insensitively anywhere in the text, as Slack's index does.
      predicates.push((message) => message.text.toLowerCase().includes(word.toLowerCase()));
    }
  }
  return predicates;
}

function channelSummary(channel: StoredChannel): Record<string, unknown> {
  return {
    id: channel.id, is_channel: channel.kind === 'public_channel' || channel.kind === 'private_channel', is_group: false, is_im: channel.kind === 'im',
    is_mpim: channel.kind === 'mpim', is_shared: false, is_org_shared: false, is_ext_shared: false, is_private: channel.kind !== 'public_channel',
    name: channel.name, pending_shared: [], is_pending_ext_shared: false,
  };
}

/** search.messages. */
export const searchMessages: MethodHandler = (ctx) => {
  const refused = requireScopes(ctx, ['search:read']);
  if (refused) return refused;
  const query = ctx.params.get('query')?.trim();
  if (!query) return fail('no_query');
  const now = ctx.now();
  const predicates = parseQuery(ctx.ws, query, now);
  const hits: { message: StoredMessage; channel: StoredChannel }[] = [];
  for (const channel of ctx.ws.channels.values()) {
    if (!ctx.ws.canRead(channel, ctx.userId)) continue;
    for (const message of channel.messages) {
      if (message.postedAt > now - ctx.searchLagMs) continue;
      if (predicates.every((predicate) => predicate(message, channel))) hits.push({ message, channel });
    }
  }
  // `score` has no meaning here; both sorts order by time, newest first unless sort_dir=asc.
  const ascending = ctx.params.get('sort_dir') === 'asc';
  hits.sort((a, b) => (ascending ? a.message.micros - b.message.micros : b.message.micros - a.message.micros));
  const count = limitParam(ctx.params.get('count'), 20, 100);
  const page = Math.min(100, Math.max(1, Number.parseInt(ctx.params.get('page') ?? '1', 10) || 1));
  const pages = Math.max(1, Math.ceil(hits.length / count));
  const slice = hits.slice((page - 1) * count, page * count);
  return ok({
    query,
    messages: {
      total: hits.length,
      matches: slice.map(({ message, channel }) => ({
        iid: randomUUID(), team: ctx.ws.team.id, score: 0, channel: channelSummary(channel), type: 'message', user: message.user,
        username: ctx.ws.users.get(message.user)?.name ?? '', ts: message.ts, text: message.text, permalink: ctx.ws.permalink(message),
        ...(message.reactions.size === 0 ? { no_reactions: true } : {}),
      })),
      pagination: {
        total_count: hits.length, page, per_page: count, page_count: pages,
        first: Math.min(hits.length, (page - 1) * count + 1), last: Math.min(hits.length, page * count),
      },
      paging: { count, total: hits.length, page, pages },
    },
  });
};
