/**
 * conversations.list, users.conversations, conversations.info, .history and .replies with Slack's
 * paging: history is newest first and excludes thread replies, replies starts with the parent,
 * `oldest`/`latest` are exclusive unless `inclusive`, cursors are base64 `next_ts:` values.
 */
import {
  type MethodContext, type MethodHandler, decodeCursor, encodeCursor, kindScopes, limitParam, requireScopes, visibleChannel,
} from './context';
import { type SlackResponse, fail, flag, ok } from './http';
import { NON_MARKETPLACE_MAX_LIMIT } from './limits';
import { type ChannelKind, type StoredChannel, type StoredMessage, tsMicros } from './workspace';

const kinds = Object.keys(kindScopes) as ChannelKind[];

function listChannels(ctx: MethodContext, memberOnly: boolean): SlackResponse {
  const types = (ctx.params.get('types') || 'public_channel').split(',').map((type) => type.trim());
  if (types.some((type) => !kinds.includes(type as ChannelKind))) return fail('invalid_types');
  const refused = requireScopes(ctx, types.map((type) => kindScopes[type as ChannelKind].read));
  if (refused) return refused;
  const subject = memberOnly ? ctx.params.get('user') || ctx.userId : ctx.userId;
  if (!ctx.ws.users.has(subject)) return fail('user_not_found');
  const all = [...ctx.ws.channels.values()].filter((channel) =>
    types.includes(channel.kind) && ctx.ws.canRead(channel, ctx.userId) && (!memberOnly || channel.members.has(subject)));
  let start = 0;
  const cursor = ctx.params.get('cursor');
  if (cursor) {
    const id = decodeCursor(cursor, 'team');
    start = all.findIndex((channel) => channel.id === id);
    if (start < 0) return fail('invalid_cursor');
  }
  const limit = limitParam(ctx.params.get('limit'), 100, 1000);
  const page = all.slice(start, start + limit);
  const next = all[start + limit];
  return ok({ channels: page.map((channel) => ctx.ws.channelJson(channel, ctx.userId)), response_metadata: { next_cursor: next ? encodeCursor('team', next.id) : '' } });
}

// Arguments and checks shared by history and replies; a response means the call already failed.
function readable(ctx: MethodContext): { channel: StoredChannel; oldest: number; latest: number; inclusive: boolean } | SlackResponse {
  const channel = visibleChannel(ctx, ctx.params.get('channel'));
  if (!channel) return fail('channel_not_found');
  const refused = requireScopes(ctx, [kindScopes[channel.kind].history]);
  if (refused) return refused;
  const oldest = tsMicros(ctx.params.get('oldest') || '0');
  if (Number.isNaN(oldest)) return fail('invalid_ts_oldest');
  const latestParam = ctx.params.get('latest');
  const latest = latestParam ? tsMicros(latestParam) : Number.POSITIVE_INFINITY;
  if (Number.isNaN(latest)) return fail('invalid_ts_latest');
  return { channel, oldest, latest, inclusive: flag(ctx.params.get('inclusive')) };
}

function inRange(message: StoredMessage, range: { oldest: number; latest: number; inclusive: boolean }): boolean {
  return range.inclusive
    ? message.micros >= range.oldest && message.micros <= range.latest
    : message.micros > range.oldest && message.micros < range.latest;
}

// Non-Marketplace apps: the default and the maximum page size both drop to 15.
function pageSize(ctx: MethodContext, fallback: number): number {
  return ctx.nonMarketplace ? limitParam(ctx.params.get('limit'), NON_MARKETPLACE_MAX_LIMIT, NON_MARKETPLACE_MAX_LIMIT) : limitParam(ctx.params.get('limit'), fallback, 999);
}

function paged(ctx: MethodContext, page: StoredMessage[], next: StoredMessage | undefined): SlackResponse {
  const fields: Record<string, unknown> = { messages: page.map((message) => ctx.ws.messageJson(message)), has_more: next !== undefined };
  if (next) fields.response_metadata = { next_cursor: encodeCursor('next_ts', next.micros) };
  return ok(fields);
}

const history: MethodHandler = (ctx) => {
  const range = readable(ctx);
  if ('status' in range) return range;
  // Newest first; thread replies stay in their thread.
  let messages = range.channel.messages.filter((message) => !message.threadTs && inRange(message, range)).reverse();
  const cursor = ctx.params.get('cursor');
  if (cursor) {
    const bound = Number(decodeCursor(cursor, 'next_ts'));
    if (!Number.isFinite(bound) || bound <= 0) return fail('invalid_cursor');
    messages = messages.filter((message) => message.micros <= bound);
  }
  const limit = pageSize(ctx, 100);
  return paged(ctx, messages.slice(0, limit), messages[limit]);
};

const replies: MethodHandler = (ctx) => {
  const range = readable(ctx);
  if ('status' in range) return range;
  const ts = ctx.params.get('ts');
  if (!ts) return fail('invalid_arguments');
  const thread = ctx.ws.thread(range.channel, ts);
  if (!thread) return fail('thread_not_found');
  const [parent, ...rest] = thread;
  const cursor = ctx.params.get('cursor');
  let items = rest.filter((message) => inRange(message, range));
  if (cursor) {
    const bound = Number(decodeCursor(cursor, 'next_ts'));
    if (!Number.isFinite(bound) || bound <= 0) return fail('invalid_cursor');
    items = items.filter((message) => message.micros >= bound);
  } else {
    // The parent leads the first page whatever the range.
    items = [parent!, ...items];
  }
  const limit = pageSize(ctx, 1000);
  return paged(ctx, items.slice(0, limit), items[limit]);
};

/** The conversation methods by name. */
export const conversationMethods: Record<string, MethodHandler> = {
  'conversations.list': (ctx) => listChannels(ctx, false),
  'users.conversations': (ctx) => listChannels(ctx, true),
  'conversations.info': (ctx) => {
    const channel = visibleChannel(ctx, ctx.params.get('channel'));
    if (!channel) return fail('channel_not_found');
    return requireScopes(ctx, [kindScopes[channel.kind].read]) ?? ok({ channel: ctx.ws.channelJson(channel, ctx.userId) });
  },
  'conversations.history': history,
  'conversations.replies': replies,
};
