/**
 * A faithful fake of the Google endpoints the app uses (OAuth, userinfo, Gmail v1 incl. batch,
 * Calendar v3) on 127.0.0.1, for tests and benchmarks that run the real client libraries.
 * See README.md beside this file for what it imitates and what it leaves out.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { type AddressInfo } from 'node:net';
import { calendarRoutes } from './calendar-routes';
import { CalendarStore } from './calendar-store';
import { FaultBoard, QuotaWindow } from './faults';
import { gmailRoutes } from './gmail-routes';
import { batchRoutes } from './gmail-batch';
import { type ApiRequest, type ApiResponse, readBody, simpleApiError } from './http-util';
import { Mailbox } from './mailbox';
import { buildMessage } from './mime-builder';
import { normalizeScope, OAuthState } from './oauth-state';
import { oauthRoutes } from './oauth-routes';
import { PubSub } from './pubsub';
import { pubsubRoutes } from './pubsub-routes';
import { type FakeAccount, type FakeState, type RouteDef, runPipeline } from './router';
import {
  type AddMessageOptions, type FakeEventInput, type FakeGoogleOptions, type FakeMessageView, type FakeRoute,
  type FaultSpec, type IssuedTokens, type MessageBuilderInput, type RequestLogEntry,
} from './types';

export type * from './types';
export type { GmailWatch, PubSubOptions, PublishRecord } from './pubsub';
export { visitAuthorizationUrl, type ConsentResult } from './consent-browser';

/** The override variables the app reads, pointing at this fake. */
export interface FakeGoogleEnv {
  GOOGLE_OAUTH_AUTH_URL: string;
  GOOGLE_OAUTH_TOKEN_URL: string;
  GOOGLE_OAUTH_REVOKE_URL: string;
  GOOGLE_USERINFO_URL: string;
  /**
   * Root for `/gmail/v1/...`, `/calendar/v3/...` and `/batch/gmail/v1`; ends with '/' like Google's own
   * `https://gmail.googleapis.com/`. @googleapis accepts it with or without the slash: googleapis-common
   * rebuilds each URL as `new URL('/gmail/v1/...', rootUrl)`, which keeps only rootUrl's origin.
   */
  GOOGLE_API_ROOT_URL: string;
  GMAIL_CLIENT_ID: string;
  GMAIL_CLIENT_SECRET: string;
}

/** A running fake and its control surface. */
export interface FakeGoogle {
  /** Origin, e.g. `http://127.0.0.1:41234` (no trailing slash). */
  readonly url: string;
  readonly env: FakeGoogleEnv;
  readonly account: FakeAccount;
  /** Every request answered so far, oldest first (batch inner requests included, tokens redacted). */
  readonly requestLog: readonly RequestLogEntry[];
  /** Gmail quota units charged so far. */
  readonly quotaUnitsUsed: number;
  close(): Promise<void>;
  addMessage(input: MessageBuilderInput | Buffer | string, options?: AddMessageOptions): string;
  getMessage(id: string): FakeMessageView | undefined;
  messages(): FakeMessageView[];
  modifyLabels(id: string, change: { add?: string[]; remove?: string[] }): void;
  deleteMessage(id: string): boolean;
  /** How many modify/batchModify requests asked to remove `label` from message `id` (effective or not). */
  labelRemovalRequests(id: string, label: string): number;
  historyId(): string;
  truncateHistory(upToHistoryId?: number | string): void;
  addEvent(input: FakeEventInput): string;
  updateEvent(id: string, patch: Partial<FakeEventInput>, calendarId?: string): void;
  cancelEvent(id: string, calendarId?: string): void;
  getEvent(id: string, calendarId?: string): Record<string, unknown> | undefined;
  invalidateSyncTokens(): void;
  grantScopes(scopes: string[] | 'all' | 'deny'): void;
  /** Puts the app in Testing with these test users, or publishes it (null). */
  setTestUsers(emails: string[] | null): void;
  revokeRefreshTokens(): void;
  expireAccessTokens(): void;
  issueTokens(scopes?: string[]): IssuedTokens;
  issuedTokens(): { accessTokens: string[]; refreshTokens: string[] };
  injectFault(route: FakeRoute, spec: FaultSpec): void;
  clearFaults(route?: FakeRoute): void;
  callCount(route: FakeRoute): number;
  callCounts(): Partial<Record<FakeRoute, number>>;
  resetCounters(): void;
  /** Cloud Pub/Sub and Gmail's watch: topics, subscriptions, what was published, the live watch. */
  readonly pubsub: PubSub;
}

const defaultScopes = ['openid', 'email', 'https://www.googleapis.com/auth/gmail.modify', 'https://www.googleapis.com/auth/calendar.readonly'];
const routes: RouteDef[] = [...oauthRoutes, ...gmailRoutes, ...batchRoutes, ...calendarRoutes, ...pubsubRoutes];

function toApiRequest(req: IncomingMessage, body: Buffer): ApiRequest {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(req.headers)) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  return { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, headers, body };
}

function send(res: ServerResponse, response: ApiResponse): void {
  const body = typeof response.body === 'string' ? Buffer.from(response.body, 'utf8') : response.body;
  res.writeHead(response.status, { ...response.headers, 'content-length': String(body.length) });
  res.end(body);
}

function delay(range: [number, number] | undefined): Promise<void> | undefined {
  if (!range) return undefined;
  const ms = range[0] + Math.random() * Math.max(0, range[1] - range[0]);
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Starts the fake on 127.0.0.1 with a free port. */
export async function startFakeGoogle(options: FakeGoogleOptions = {}): Promise<FakeGoogle> {
  const now = options.now ?? Date.now;
  const account: FakeAccount = {
    email: options.account?.email ?? 'person@example.com',
    name: options.account?.name ?? 'Pat Example',
    sub: options.account?.sub ?? '109876543210987654321',
    picture: options.account?.picture ?? 'https://lh3.googleusercontent.com/a/fake-picture',
  };
  const state: FakeState = {
    clientId: options.clientId ?? 'fake-client-id.apps.googleusercontent.com',
    clientSecret: options.clientSecret ?? 'fake-client-secret',
    requirePkce: options.requirePkce ?? true,
    testUsers: options.testUsers ?? null,
    redirects: options.clientType === 'web' ? { type: 'web', uris: options.webRedirectUris ?? [] } : { type: 'desktop' },
    account,
    mailbox: new Mailbox(options.startHistoryId ?? 1000, options.historyLimit ?? Infinity, now),
    calendars: new CalendarStore(account.email, now),
    pubsub: new PubSub(account.email, now, options.pubsub),
    oauth: new OAuthState(options.tokenMarker ?? 'FAKETOKEN', options.expiresInSeconds ?? 3600, now),
    faults: new FaultBoard(),
    quota: options.quota ? new QuotaWindow(options.quota.unitsPerSecond) : undefined,
    log: [],
    counts: new Map(),
    quotaUnitsUsed: 0,
    now,
    dispatch: (req, inBatch) => runPipeline(routes, state, req, inBatch),
  };

  state.mailbox.changeListeners.push((historyId, labelIds) => state.pubsub.mailboxChanged(historyId, labelIds));
  const server = createServer((req, res) => {
    void (async () => {
      try {
        const apiRequest = toApiRequest(req, await readBody(req));
        // The consent redirect is a browser hop, not an API call: no latency there.
        if (apiRequest.path !== '/o/oauth2/v2/auth') await delay(options.latencyMs);
        send(res, await state.dispatch(apiRequest, false));
      } catch (error) {
        send(res, simpleApiError(500, 'backendError', `Fake Google failed: ${(error as Error).message}`));
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    account,
    env: {
      GOOGLE_OAUTH_AUTH_URL: `${url}/o/oauth2/v2/auth`,
      GOOGLE_OAUTH_TOKEN_URL: `${url}/token`,
      GOOGLE_OAUTH_REVOKE_URL: `${url}/revoke`,
      GOOGLE_USERINFO_URL: `${url}/oauth2/v3/userinfo`,
      GOOGLE_API_ROOT_URL: `${url}/`,
      GMAIL_CLIENT_ID: state.clientId,
      GMAIL_CLIENT_SECRET: state.clientSecret,
    },
    get requestLog() {
      return state.log;
    },
    get quotaUnitsUsed() {
      return state.quotaUnitsUsed;
    },
    pubsub: state.pubsub,
    close: () =>
      new Promise<void>((resolve, reject) => {
        state.pubsub.close();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
    addMessage(input, addOptions = {}) {
      if (typeof input === 'string' || Buffer.isBuffer(input)) {
        return state.mailbox.add(Buffer.isBuffer(input) ? input : Buffer.from(input, 'utf8'), addOptions).id;
      }
      const raw = buildMessage(input);
      const date = input.date === undefined ? undefined : new Date(input.date).getTime();
      return state.mailbox.add(raw, { labelIds: input.labelIds, threadId: input.threadId, internalDate: date, ...addOptions }).id;
    },
    getMessage: (id) => {
      const message = state.mailbox.messages.get(id);
      return message && state.mailbox.view(message);
    },
    messages: () => state.mailbox.sorted().map((message) => state.mailbox.view(message)),
    modifyLabels(id, change) {
      const message = state.mailbox.messages.get(id);
      if (!message) throw new Error(`no message ${id}`);
      const add = (change.add ?? []).map((label) => state.mailbox.ensureLabel(label));
      state.mailbox.modify(message, add, change.remove ?? []);
    },
    deleteMessage: (id) => state.mailbox.delete(id),
    labelRemovalRequests: (id, label) => state.mailbox.removalRequests.get(`${id}:${label}`) ?? 0,
    historyId: () => String(state.mailbox.historyId),
    truncateHistory: (upTo) => state.mailbox.truncateHistory(upTo === undefined ? undefined : Number(upTo)),
    addEvent: (input) => state.calendars.add(input),
    updateEvent: (id, patch, calendarId) => state.calendars.update(id, patch, calendarId),
    cancelEvent: (id, calendarId) => state.calendars.cancel(id, calendarId),
    getEvent: (id, calendarId) => {
      const event = state.calendars.find(id, calendarId);
      return event && state.calendars.resource(event);
    },
    invalidateSyncTokens: () => state.calendars.invalidateSyncTokens(),
    setTestUsers(emails) {
      state.testUsers = emails;
    },
    grantScopes(scopes) {
      if (scopes === 'all') state.oauth.consent = { kind: 'all' };
      else if (scopes === 'deny') state.oauth.consent = { kind: 'deny' };
      else state.oauth.consent = { kind: 'subset', scopes: new Set(scopes.map(normalizeScope)) };
    },
    revokeRefreshTokens: () => state.oauth.revokeAll(),
    expireAccessTokens: () => state.oauth.expireAll(),
    issueTokens(scopes = defaultScopes) {
      const grant = state.oauth.createGrant(scopes.map(normalizeScope), true);
      const { token, expiresIn } = state.oauth.issueAccessToken(grant);
      return { access_token: token, refresh_token: grant.refreshToken!, scope: grant.scopes.join(' '), token_type: 'Bearer', expiry_date: now() + expiresIn * 1000 };
    },
    issuedTokens: () => state.oauth.issuedTokens(),
    injectFault: (route, spec) => state.faults.inject(route, spec),
    clearFaults: (route) => state.faults.clear(route),
    callCount: (route) => state.counts.get(route) ?? 0,
    callCounts: () => Object.fromEntries(state.counts),
    resetCounters() {
      state.counts.clear();
      state.log.length = 0;
      state.quotaUnitsUsed = 0;
    },
  };
}
