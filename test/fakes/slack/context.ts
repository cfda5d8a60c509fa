/** What every Web API method handler gets, and the small helpers they share. */
import { type SlackRequest, type SlackResponse, fail } from './http';
import { type OAuthState } from './oauth';
import { type ChannelKind, type StoredChannel, type Workspace } from './workspace';

/** One authenticated call as a handler sees it. */
export interface MethodContext {
  req: SlackRequest;
  params: Map<string, string>;
  ws: Workspace;
  oauth: OAuthState;
  /** The caller (the person the user token belongs to). */
  userId: string;
  scopes: string[];
  token: string;
  nonMarketplace: boolean;
  searchLagMs: number;
  now: () => number;
}

/** A method handler. */
export type MethodHandler = (ctx: MethodContext) => SlackResponse;

/** `:read` and `:history` scopes per conversation kind. */
export const kindScopes: Record<ChannelKind, { read: string; history: string }> = {
  public_channel: { read: 'channels:read', history: 'channels:history' },
  private_channel: { read: 'groups:read', history: 'groups:history' },
  im: { read: 'im:read', history: 'im:history' },
  mpim: { read: 'mpim:read', history: 'mpim:history' },
};

/** Slack's `missing_scope` answer when the token lacks any of `needed`, else undefined. */
export function requireScopes(ctx: MethodContext, needed: string[]): SlackResponse | undefined {
  const missing = needed.filter((scope) => !ctx.scopes.includes(scope));
  return missing.length === 0 ? undefined : fail('missing_scope', { needed: missing.join(','), provided: ctx.scopes.join(',') });
}

/** The conversation named by `channel` if the caller may see it; Slack says `channel_not_found` otherwise. */
export function visibleChannel(ctx: MethodContext, id: string | undefined): StoredChannel | undefined {
  const channel = id ? ctx.ws.channels.get(id) : undefined;
  return channel && ctx.ws.canRead(channel, ctx.userId) ? channel : undefined;
}

/** An integer argument clamped to [1, max], or the default when absent or 0. */
export function limitParam(value: string | undefined, fallback: number, max: number): number {
  const parsed = Number.parseInt(value ?? '', 10);
  if (!Number.isFinite(parsed) || parsed <= 0) return Math.min(fallback, max);
  return Math.min(parsed, max);
}

/** Opaque cursors the way Slack builds them: base64 of a `kind:value` pair. */
export function encodeCursor(kind: string, value: string | number): string {
  return Buffer.from(`${kind}:${value}`, 'utf8').toString('base64');
}

/** The value of a cursor of `kind`, or null when it is not one of ours (Slack: `invalid_cursor`). */
export function decodeCursor(cursor: string, kind: string): string | null {
  const text = Buffer.from(cursor, 'base64').toString('utf8');
  return text.startsWith(`${kind}:`) ? text.slice(kind.length + 1) : null;
}
