/**
 * The fake workspace: users, conversations, messages, threads and reactions, and the JSON shapes
 * Slack returns for them. Message timestamps are Slack's "seconds.micro" strings, kept strictly
 * increasing so that paging by ts behaves as it does against the real service.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { type FakeChannelInput, type FakeMessageInput, type FakeMessageView, type FakeUserInput, type ReactionRecord } from './types';

/** A member as stored. */
export interface StoredUser {
  id: string;
  name: string;
  realName: string;
  displayName: string;
  isBot: boolean;
  deleted: boolean;
}

/** Conversation kinds, named after the `types` argument values. */
export type ChannelKind = 'public_channel' | 'private_channel' | 'im' | 'mpim';

/** A conversation as stored; messages sorted by ts, oldest first. */
export interface StoredChannel {
  id: string;
  name: string;
  kind: ChannelKind;
  members: Set<string>;
  created: number;
  /** For an IM: the other person. */
  imUser?: string;
  messages: StoredMessage[];
}

/** A message as stored. */
export interface StoredMessage {
  channel: string;
  ts: string;
  micros: number;
  user: string;
  text: string;
  threadTs?: string;
  reactions: Map<string, string[]>;
  /** Fake-clock ms when it was posted (the search index lags behind this). */
  postedAt: number;
  clientMsgId: string;
  /** Set by an edit: who edited and the ts of the edit. */
  edited?: { user: string; ts: string };
}

/** A change to the workspace that Slack would announce as an event. */
export type WorkspaceChange =
  | { kind: 'posted'; message: StoredMessage }
  | { kind: 'edited'; message: StoredMessage; previousText: string; eventTs: string }
  | { kind: 'deleted'; message: StoredMessage; eventTs: string }
  | { kind: 'reacted'; message: StoredMessage; name: string; user: string; eventTs: string };

const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** A Slack-looking id: prefix + 10 upper-case letters and digits. */
export function slackId(prefix: string): string {
  return prefix + [...randomBytes(10)].map((byte) => alphabet[byte % alphabet.length]).join('');
}

/** "1700000000.000100" -> microseconds since the epoch (NaN when malformed). */
export function tsMicros(ts: string): number {
  const match = /^(\d{1,10})(?:\.(\d{1,6}))?$/.exec(ts.trim());
  return match ? Number(match[1]) * 1e6 + Number((match[2] ?? '').padEnd(6, '0')) : Number.NaN;
}

/** Microseconds -> "1700000000.000100". */
export function microsTs(micros: number): string {
  return `${Math.floor(micros / 1e6)}.${String(micros % 1e6).padStart(6, '0')}`;
}

/** All workspace content. */
export class Workspace {
  readonly users = new Map<string, StoredUser>();
  readonly channels = new Map<string, StoredChannel>();
  readonly reactionLog: ReactionRecord[] = [];
  /** Who hears about changes (the Socket Mode server turns them into events). */
  readonly listeners: Array<(change: WorkspaceChange) => void> = [];
  private lastMicros = 0;

  constructor(
    readonly team: { id: string; name: string; domain: string },
    readonly selfId: string,
    private readonly now: () => number,
  ) {}

  /** Adds a member; returns the id. */
  addUser(input: FakeUserInput): string {
    const id = input.id ?? slackId('U');
    if (this.users.has(id)) throw new Error(`user ${id} exists`);
    this.users.set(id, {
      id, name: input.name, realName: input.realName ?? input.name, displayName: input.displayName ?? '', isBot: input.isBot ?? false, deleted: input.deleted ?? false,
    });
    return id;
  }

  /** Adds a conversation; returns the id (C... channels, D... IMs, G... group DMs, as Slack prefixes them). */
  addChannel(input: FakeChannelInput): string {
    const kind: ChannelKind = input.isIm ? 'im' : input.isMpim ? 'mpim' : input.isPrivate ? 'private_channel' : 'public_channel';
    const id = input.id ?? slackId(kind === 'im' ? 'D' : kind === 'mpim' ? 'G' : 'C');
    if (this.channels.has(id)) throw new Error(`channel ${id} exists`);
    const members = new Set(input.members ?? []);
    for (const member of members) if (!this.users.has(member)) throw new Error(`unknown member ${member}`);
    if (kind === 'im' || kind === 'mpim') members.add(this.selfId);
    const others = [...members].filter((member) => member !== this.selfId);
    if (kind === 'im' && others.length !== 1) throw new Error('an IM has exactly one other member');
    const name = kind === 'im' ? others[0]! : input.name ?? (kind === 'mpim' ? `mpdm-${[...members].map((m) => this.users.get(m)!.name).join('--')}-1` : '');
    if (!name) throw new Error('a channel needs a name');
    this.channels.set(id, { id, name, kind, members, created: input.created ?? Math.floor(this.now() / 1000), imUser: kind === 'im' ? others[0] : undefined, messages: [] });
    return id;
  }

  /** Posts a message (or a thread reply with `threadTs`); returns its ts. */
  postMessage(input: FakeMessageInput): string {
    const channel = this.channels.get(input.channel);
    if (!channel) throw new Error(`unknown channel ${input.channel}`);
    if (!this.users.has(input.user)) throw new Error(`unknown user ${input.user}`);
    if (input.threadTs !== undefined && !this.message(channel, input.threadTs)) throw new Error(`no parent ${input.threadTs} in ${input.channel}`);
    const micros = input.ts === undefined ? Math.max(this.now() * 1000, this.lastMicros + 1) : tsMicros(input.ts);
    if (Number.isNaN(micros)) throw new Error(`bad ts ${input.ts}`);
    const ts = microsTs(micros);
    if (this.message(channel, ts)) throw new Error(`ts ${ts} already used in ${input.channel}`);
    this.lastMicros = Math.max(this.lastMicros, micros);
    const stored: StoredMessage = { channel: channel.id, ts, micros, user: input.user, text: input.text, threadTs: input.threadTs, reactions: new Map(), postedAt: this.now(), clientMsgId: randomUUID() };
    const at = channel.messages.findIndex((other) => other.micros > micros);
    channel.messages.splice(at < 0 ? channel.messages.length : at, 0, stored);
    this.announce({ kind: 'posted', message: stored });
    return ts;
  }

  /** Edits a message's text as its author would (chat.update); returns the edit's ts. */
  editMessage(channelId: string, ts: string, text: string): string {
    const message = this.require(channelId, ts);
    const previousText = message.text;
    const eventTs = this.nextTs();
    message.text = text;
    message.edited = { user: message.user, ts: eventTs };
    this.announce({ kind: 'edited', message, previousText, eventTs });
    return eventTs;
  }

  /** Deletes a message (chat.delete); history and search no longer return it. */
  deleteMessage(channelId: string, ts: string): void {
    const message = this.require(channelId, ts);
    const channel = this.channels.get(channelId)!;
    channel.messages.splice(channel.messages.indexOf(message), 1);
    this.announce({ kind: 'deleted', message, eventTs: this.nextTs() });
  }

  private require(channelId: string, ts: string): StoredMessage {
    const channel = this.channels.get(channelId);
    const message = channel && this.message(channel, ts);
    if (!message) throw new Error(`no message ${ts} in ${channelId}`);
    return message;
  }

  /** A fresh event ts (strictly increasing, like message ts). */
  private nextTs(): string {
    this.lastMicros = Math.max(this.now() * 1000, this.lastMicros + 1);
    return microsTs(this.lastMicros);
  }

  private announce(change: WorkspaceChange): void {
    for (const listener of this.listeners) listener(change);
  }

  /** A message by exact ts. */
  message(channel: StoredChannel, ts: string): StoredMessage | undefined {
    const micros = tsMicros(ts);
    return channel.messages.find((message) => message.micros === micros);
  }

  /** The thread a ts belongs to: its parent first, then replies oldest first. */
  thread(channel: StoredChannel, ts: string): StoredMessage[] | undefined {
    const hit = this.message(channel, ts);
    if (!hit) return undefined;
    const parentTs = hit.threadTs ?? hit.ts;
    return channel.messages.filter((message) => message.ts === parentTs || message.threadTs === parentTs);
  }

  /** Whether a person may read a conversation (public channels are open to every member). */
  canRead(channel: StoredChannel, userId: string): boolean {
    return channel.kind === 'public_channel' || channel.members.has(userId);
  }

  /** Adds a reaction; returns a Slack error code or undefined. */
  react(channelId: string, ts: string, name: string, userId: string): string | undefined {
    const channel = this.channels.get(channelId);
    if (!channel || !this.canRead(channel, userId)) return 'channel_not_found';
    const message = this.message(channel, ts);
    if (!message) return 'message_not_found';
    const users = message.reactions.get(name) ?? [];
    if (users.includes(userId)) return 'already_reacted';
    if (!message.reactions.has(name) && message.reactions.size >= 50) return 'too_many_reactions';
    message.reactions.set(name, [...users, userId]);
    this.reactionLog.push({ channel: channelId, timestamp: message.ts, name, user: userId, at: this.now() });
    this.announce({ kind: 'reacted', message, name, user: userId, eventTs: this.nextTs() });
    return undefined;
  }

  /** `https://<domain>.slack.com/archives/C123/p1700000000000100`, with thread arguments for replies. */
  permalink(message: StoredMessage): string {
    const base = `https://${this.team.domain}.slack.com/archives/${message.channel}/p${message.ts.replace('.', '')}`;
    return message.threadTs ? `${base}?thread_ts=${message.threadTs}&cid=${message.channel}` : base;
  }

  /** The `user` object of users.info. */
  userJson(user: StoredUser): Record<string, unknown> {
    return {
      id: user.id, team_id: this.team.id, name: user.name, deleted: user.deleted, real_name: user.realName, tz: 'Etc/UTC', tz_offset: 0,
      is_bot: user.isBot, is_app_user: false, is_admin: false, is_owner: false, updated: 1_700_000_000,
      profile: { real_name: user.realName, real_name_normalized: user.realName, display_name: user.displayName, display_name_normalized: user.displayName, team: this.team.id },
    };
  }

  /** The conversation object of conversations.list/info, as the given person sees it. */
  channelJson(channel: StoredChannel, viewer: string): Record<string, unknown> {
    const common = { id: channel.id, created: channel.created, is_archived: false, is_org_shared: false, context_team_id: this.team.id };
    if (channel.kind === 'im') return { ...common, is_im: true, user: channel.imUser, is_user_deleted: this.users.get(channel.imUser!)?.deleted ?? false, priority: 0 };
    const isChannel = channel.kind !== 'mpim';
    return {
      ...common, name: channel.name, name_normalized: channel.name, is_channel: isChannel, is_group: false, is_im: false, is_mpim: !isChannel,
      is_private: channel.kind !== 'public_channel', is_general: false, is_shared: false, is_ext_shared: false, is_pending_ext_shared: false,
      pending_shared: [], is_member: channel.members.has(viewer), creator: [...channel.members][0] ?? '', num_members: channel.members.size,
      topic: { value: '', creator: '', last_set: 0 }, purpose: { value: '', creator: '', last_set: 0 },
    };
  }

  /** The message object of conversations.history/replies. */
  messageJson(message: StoredMessage): Record<string, unknown> {
    const json: Record<string, unknown> = { type: 'message', user: message.user, text: message.text, ts: message.ts, team: this.team.id, client_msg_id: message.clientMsgId };
    if (message.threadTs) {
      json.thread_ts = message.threadTs;
      const channel = this.channels.get(message.channel)!;
      json.parent_user_id = this.message(channel, message.threadTs)?.user;
    } else {
      const replies = this.channels.get(message.channel)!.messages.filter((other) => other.threadTs === message.ts);
      if (replies.length > 0) {
        const replyUsers = [...new Set(replies.map((reply) => reply.user))];
        Object.assign(json, { thread_ts: message.ts, reply_count: replies.length, reply_users_count: replyUsers.length, reply_users: replyUsers, latest_reply: replies.at(-1)!.ts, is_locked: false, subscribed: false });
      }
    }
    if (message.edited) json.edited = { ...message.edited };
    if (message.reactions.size > 0) json.reactions = [...message.reactions].map(([name, users]) => ({ name, users, count: users.length }));
    return json;
  }

  /** A message as tests inspect it. */
  view(message: StoredMessage): FakeMessageView {
    return { channel: message.channel, ts: message.ts, user: message.user, text: message.text, threadTs: message.threadTs, reactions: [...message.reactions].map(([name, users]) => ({ name, users: [...users] })) };
  }
}
