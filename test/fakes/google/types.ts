/** Public types of the fake Google server (options, inputs, views, faults, log entries). */
import type { PubSubOptions } from './pubsub';

/** Every route the fake knows; fault injection, counters and the request log use these names. */
export type FakeRoute =
  | 'oauth.authorize'
  | 'oauth.error'
  | 'oauth.token'
  | 'oauth.revoke'
  | 'userinfo'
  | 'gmail.profile'
  | 'gmail.labels.list'
  | 'gmail.messages.list'
  | 'gmail.messages.get'
  | 'gmail.messages.attachments.get'
  | 'gmail.messages.modify'
  | 'gmail.messages.batchModify'
  | 'gmail.history.list'
  | 'gmail.batch'
  | 'calendar.events.list'
  | 'calendar.events.get'
  | 'gmail.watch'
  | 'gmail.stop'
  | 'pubsub.pull'
  | 'pubsub.acknowledge'
  | 'tasks.tasklists.list'
  | 'tasks.tasklists.get'
  | 'tasks.tasklists.insert'
  | 'tasks.tasks.list'
  | 'tasks.tasks.get'
  | 'tasks.tasks.insert'
  | 'tasks.tasks.patch'
  | 'tasks.tasks.update'
  | 'tasks.tasks.delete'
  | 'tasks.tasks.clear';

/** Options of `startFakeGoogle`; every field has a sensible default. */
export interface FakeGoogleOptions {
  /** OAuth client id the fake accepts (default `fake-client-id.apps.googleusercontent.com`). */
  clientId?: string;
  /** OAuth client secret the fake accepts (default `fake-client-secret`). */
  clientSecret?: string;
  /** The signed-in account (defaults: `person@example.com`, "Pat Example"). */
  account?: { email?: string; name?: string; sub?: string; picture?: string };
  /** Marker embedded in every issued access/refresh token and code, for leak sweeps (default `FAKETOKEN`). */
  tokenMarker?: string;
  /** Access token lifetime in seconds (default 3600). Below 300 google-auth-library refreshes before every call. */
  expiresInSeconds?: number;
  /** Random extra latency `[min, max]` ms added to every HTTP request except the authorize redirect. */
  latencyMs?: [number, number];
  /** Gmail per-user quota: units per 1-second sliding window; unset = unlimited. */
  quota?: { unitsPerSecond: number };
  /** Refuse authorize requests without `code_challenge` (default true; Google itself allows them). */
  requirePkce?: boolean;
  /** First mailbox history id (default 1000). */
  startHistoryId?: number;
  /** Keep at most this many history records; older start ids then get 404 (default unlimited). */
  historyLimit?: number;
  /** Clock for token expiry, internalDate defaults and `newer_than:`; default Date.now. */
  now?: () => number;
  /**
   * The app is in Testing with these test users (default: published, anyone may sign in). An account
   * not in the list gets `error=access_denied` on the redirect, as Google answers after its "Access blocked" page.
   */
  testUsers?: string[];
  /**
   * The OAuth client's type. A `desktop` client (default) takes any loopback redirect (RFC 8252 §7.3);
   * a `web` client only the exact `webRedirectUris` registered on it, so the app's loopback gets redirect_uri_mismatch.
   */
  clientType?: 'desktop' | 'web';
  webRedirectUris?: string[];
  /** Cloud Pub/Sub and Gmail's watch (project, pull hold, delivery delay, watch lifetime). */
  pubsub?: PubSubOptions;
}

/** A message built by the fake's MIME builder. */
export interface MessageBuilderInput {
  from: string;
  to: string | string[];
  cc?: string | string[];
  subject: string;
  /** Date header and default internalDate (default now). */
  date?: Date | string;
  text?: string;
  html?: string;
  /** Extra headers (List-Unsubscribe, Precedence, In-Reply-To, ...). */
  headers?: Record<string, string>;
  labelIds?: string[];
  threadId?: string;
  attachments?: Array<{ filename: string; contentType?: string; content: Buffer | string }>;
  /** Message-ID without angle brackets (default generated). */
  messageId?: string;
}

/** Options when adding raw RFC 822 (the builder object carries these itself). */
export interface AddMessageOptions {
  labelIds?: string[];
  threadId?: string;
  /** ms since epoch; default: the Date header, else now. */
  internalDate?: number;
  /** The message's id (default: from the time, as Gmail's): two mailboxes receiving mail at one moment can share one. */
  id?: string;
}

/** What `getMessage` / `messages()` show a test. */
export interface FakeMessageView {
  id: string;
  threadId: string;
  labelIds: string[];
  historyId: string;
  internalDate: string;
  snippet: string;
  sizeEstimate: number;
  raw: Buffer;
}

/** An attendee as Calendar returns it. */
export interface FakeAttendee {
  email: string;
  displayName?: string;
  responseStatus?: 'needsAction' | 'declined' | 'tentative' | 'accepted';
  self?: boolean;
  organizer?: boolean;
  optional?: boolean;
}

/** Start or end of an event: `dateTime` (RFC 3339 with offset) or all-day `date` (YYYY-MM-DD). */
export interface FakeEventTime {
  dateTime?: string;
  date?: string;
  timeZone?: string;
}

/** Input of `addEvent` / patch of `updateEvent`. */
export interface FakeEventInput {
  id?: string;
  /** Calendar id (default `primary`, which is the account email). */
  calendarId?: string;
  summary?: string;
  description?: string;
  location?: string;
  start: FakeEventTime;
  end: FakeEventTime;
  attendees?: FakeAttendee[];
  organizer?: { email: string; displayName?: string; self?: boolean };
  hangoutLink?: string;
  conferenceData?: unknown;
  status?: 'confirmed' | 'tentative' | 'cancelled';
  recurringEventId?: string;
  originalStartTime?: FakeEventTime;
  eventType?: string;
}

/** A fault armed on one route: answered instead of the real handler, `times` times (default 1). */
export interface FaultSpec {
  status: number;
  retryAfterSeconds?: number;
  /** Exact JSON body to send; default is Google's error body for the status and route. */
  body?: unknown;
  /** Error reason for the default body, e.g. `rateLimitExceeded`, `userRateLimitExceeded`, `backendError`. */
  reason?: string;
  times?: number;
}

/** One answered request (tokens in query strings are redacted). */
export interface RequestLogEntry {
  route: FakeRoute | 'unknown';
  method: string;
  path: string;
  status: number;
  /** Gmail quota units charged (0 when refused or not a Gmail call). */
  units: number;
  /** True for an inner request of `POST /batch/gmail/v1`. */
  inBatch: boolean;
  at: number;
}

/** Tokens issued directly by `issueTokens` (skipping the browser). */
export interface IssuedTokens {
  access_token: string;
  refresh_token: string;
  scope: string;
  token_type: 'Bearer';
  expiry_date: number;
}
