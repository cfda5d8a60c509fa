/**
 * Reading Events API payloads (`event_callback`) that arrive over Socket Mode: who they are for
 * (team and authorising users) and what changed (a new message, an edit, a deletion, a reaction).
 * Payloads are untrusted: every field is type-checked, text is cut to Slack's own maximum, and
 * anything unexpected becomes null rather than an exception.
 */

/** A message as the Web API and the Events API both shape it (the fields we read). */
export interface RawSlackMessage {
  ts?: string;
  thread_ts?: string;
  user?: string;
  text?: string;
  subtype?: string;
  bot_id?: string;
  permalink?: string;
  channel?: { id?: string; name?: string; is_im?: boolean; is_mpim?: boolean };
}

/** A change Slack pushed. */
export type SlackPushEvent =
  | { kind: 'message'; eventId: string; channel: string; channelType: string; message: RawSlackMessage }
  | { kind: 'edited'; eventId: string; channel: string; channelType: string; message: RawSlackMessage }
  | { kind: 'deleted'; eventId: string; channel: string; ts: string }
  | { kind: 'reaction'; eventId: string; channel: string; ts: string; reaction: string; user: string };

/** Who an event is for: the workspace and the users whose authorisation delivered it. */
export interface SlackEventRoute {
  teamId: string;
  userIds: string[];
}

/** Slack's longest message text; anything longer is cut. */
const MAX_TEXT = 40_000;
const TS = /^\d{1,12}\.\d{1,8}$/;
const ID = /^[A-Z0-9]{2,40}$/;

type Json = Record<string, unknown>;

function object(value: unknown): Json | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : null;
}

function text(value: unknown, max = 200): string | undefined {
  return typeof value === 'string' && value.length <= max ? value : undefined;
}

function ts(value: unknown): string | undefined {
  return typeof value === 'string' && TS.test(value) ? value : undefined;
}

function id(value: unknown): string | undefined {
  return typeof value === 'string' && ID.test(value) ? value : undefined;
}

function message(value: unknown): RawSlackMessage | null {
  const raw = object(value);
  const messageTs = raw && ts(raw.ts);
  if (!raw || !messageTs) return null;
  const body = typeof raw.text === 'string' ? raw.text.slice(0, MAX_TEXT) : '';
  return { ts: messageTs, thread_ts: ts(raw.thread_ts), user: id(raw.user), text: body, subtype: text(raw.subtype, 64), bot_id: id(raw.bot_id) };
}

/** The route of an `event_callback` payload, or null when it names no workspace. */
export function eventRoute(body: unknown): SlackEventRoute | null {
  const payload = object(body);
  const teamId = payload && id(payload.team_id);
  if (!payload || !teamId) return null;
  const authorizations = Array.isArray(payload.authorizations) ? payload.authorizations.slice(0, 50) : [];
  const userIds = authorizations.flatMap((entry) => {
    const user = object(entry);
    return user && user.is_bot !== true && id(user.user_id) ? [id(user.user_id)!] : [];
  });
  return { teamId, userIds };
}

/** The change an `event_callback` payload describes, or null for events the app does not use. */
export function parseSlackEvent(body: unknown): SlackPushEvent | null {
  const payload = object(body);
  const event = payload && object(payload.event);
  const eventId = payload && text(payload.event_id, 100);
  if (!event || !eventId || payload.type !== 'event_callback') return null;
  if (event.type === 'reaction_added') {
    const item = object(event.item);
    const channel = item && id(item.channel);
    const itemTs = item && ts(item.ts);
    const reaction = text(event.reaction, 100);
    const user = id(event.user);
    return channel && itemTs && reaction && user ? { kind: 'reaction', eventId, channel, ts: itemTs, reaction, user } : null;
  }
  if (event.type !== 'message') return null;
  const channel = id(event.channel);
  const channelType = text(event.channel_type, 20) ?? '';
  if (!channel) return null;
  if (event.subtype === 'message_deleted') {
    const deleted = ts(event.deleted_ts);
    return deleted ? { kind: 'deleted', eventId, channel, ts: deleted } : null;
  }
  if (event.subtype === 'message_changed') {
    const changed = message(event.message);
    const previous = object(event.previous_message);
    // Slack also sends message_changed when only unfurls or metadata change: same text, nothing to do.
    if (!changed || (previous && previous.text === changed.text)) return null;
    return { kind: 'edited', eventId, channel, channelType, message: changed };
  }
  const posted = message(event);
  return posted ? { kind: 'message', eventId, channel, channelType, message: posted } : null;
}

/** True when a conversation type is a direct or group direct message. */
export function isDirectChannelType(channelType: string): boolean {
  return channelType === 'im' || channelType === 'mpim';
}
