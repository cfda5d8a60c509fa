/** Public types of the fake Slack server: options, workspace inputs, faults, inspection records. */
import type { SocketModeOptions } from './socket-mode';

/** Every Web API method the fake answers; counters, faults and tiers use these names. */
export type SlackMethod =
  | 'oauth.v2.access'
  | 'auth.test'
  | 'auth.revoke'
  | 'users.info'
  | 'users.conversations'
  | 'conversations.list'
  | 'conversations.info'
  | 'conversations.history'
  | 'conversations.replies'
  | 'search.messages'
  | 'reactions.add'
  | 'chat.getPermalink'
  | 'apps.connections.open';

/** Options of `startFakeSlack`; every field has a default. */
export interface FakeSlackOptions {
  /** Client id the fake accepts (default `1111111111.2222222222`). */
  clientId?: string;
  /** Client secret; only the non-PKCE exchange needs it (default `fake-slack-client-secret`). */
  clientSecret?: string;
  /** Redirect URIs registered in the Slack app; the authorize page matches them EXACTLY. */
  redirectUris?: string[];
  /** Refuse authorize requests without `code_challenge` (default true: a desktop PKCE app). */
  requirePkce?: boolean;
  /** Marker inside every issued code, access and refresh token, for leak sweeps (default `FAKETOKEN`). */
  tokenMarker?: string;
  /** User access token lifetime in seconds (default 43200 = 12 h, as with token rotation). */
  accessTokenTtlSeconds?: number;
  /** Refresh token lifetime in seconds (default 30 days). */
  refreshTokenTtlSeconds?: number;
  /** Workspace (defaults: `T0FAKE0001`, "Fake Workspace", domain `fake-workspace`). */
  team?: { id?: string; name?: string; domain?: string };
  /** The person who signs in (defaults: `U0SELF0001`, `pat`, "Pat Example"). */
  self?: FakeUserInput;
  /** Rate limits: false switches them off; a record overrides requests-per-minute of single methods. */
  rateLimits?: boolean | Partial<Record<SlackMethod, number>>;
  /**
   * The limit Slack imposes on new non-Marketplace apps: conversations.history and .replies allow
   * 1 request per minute each and at most 15 messages per call (larger `limit` values are cut to 15).
   */
  nonMarketplaceApp?: boolean;
  /** Multiplies rate-limit windows (0.001 turns a minute into 60 ms); token lifetimes are not scaled. */
  timeScale?: number;
  /**
   * Retry-After sent with a rate-limit 429. Default: whole seconds until the window frees, in
   * unscaled Slack seconds (at least 1; wait `value * timeScale` real seconds). A number fixes it
   * (0 lets WebClient's own retry loop run without sleeping).
   */
  retryAfterSeconds?: number;
  /** Messages younger than this (fake clock, ms) are not yet in the search index (default 0). */
  searchLagMs?: number;
  /** Socket Mode (app-level token, event delivery, retries, disconnects); see socket-mode.ts. */
  socketMode?: SocketModeOptions;
}

/** A workspace member. */
export interface FakeUserInput {
  id?: string;
  /** Handle, e.g. `jdoe`. */
  name: string;
  realName?: string;
  displayName?: string;
  isBot?: boolean;
  deleted?: boolean;
}

/** A conversation; the kind follows `isIm` / `isMpim` / `isPrivate` (default a public channel). */
export interface FakeChannelInput {
  id?: string;
  /** Channel name without `#`; IMs have none (Slack shows the other user's id). */
  name?: string;
  isIm?: boolean;
  isMpim?: boolean;
  isPrivate?: boolean;
  /** Member user ids; the signed-in person is added to IMs and MPIMs automatically. */
  members?: string[];
  /** Creation time in epoch seconds (default now). */
  created?: number;
}

/** A message to post as if someone had written it in Slack. */
export interface FakeMessageInput {
  channel: string;
  user: string;
  text: string;
  /** Slack timestamp "1700000000.000100"; default: the next one after now (strictly increasing). */
  ts?: string;
  /** Parent ts: posts a thread reply. */
  threadTs?: string;
}

/** One stored message as tests see it. */
export interface FakeMessageView {
  channel: string;
  ts: string;
  user: string;
  text: string;
  threadTs?: string;
  reactions: { name: string; users: string[] }[];
}

/** One successful reactions.add. */
export interface ReactionRecord {
  channel: string;
  timestamp: string;
  name: string;
  user: string;
  /** Fake-clock epoch ms. */
  at: number;
}

/** An armed failure for one method (or '*' for every API method). */
export interface FaultSpec {
  /** HTTP status: 429 answers `ratelimited` with Retry-After, 5xx an internal error. */
  status?: number;
  /** Slack error code; `ratelimited` means HTTP 429, anything else HTTP 200 `{ok:false,error}`. */
  error?: string;
  /** How many calls fail (default 1; Infinity until cleared). */
  times?: number;
  /** Retry-After seconds for a 429 (default 1). */
  retryAfterSeconds?: number;
}

/** One answered API request (no tokens, no secrets). */
export interface RequestLogEntry {
  method: string;
  status: number;
  /** Slack error code when `ok:false`. */
  error?: string;
  /** Request parameters with tokens, codes, verifiers and secrets redacted. */
  params: Record<string, string>;
  at: number;
}

/** Tokens handed out by `issueTokens` (the same shape the OAuth exchange answers in `authed_user`). */
export interface IssuedUserTokens {
  id: string;
  scope: string;
  access_token: string;
  token_type: 'user';
  refresh_token: string;
  expires_in: number;
}
