/**
 * A faithful fake of the Google endpoints the app uses (OAuth with incremental authorization,
 * userinfo, Gmail v1 incl. batch, Calendar v3, Tasks v1) on 127.0.0.1, for one or several accounts,
 * for tests and benchmarks that run the real client libraries.
 * See README.md beside this file for what it imitates and what it leaves out.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { type AddressInfo } from 'node:net';
import { accountControls, type FakeAccountControls, newAccountData } from './account-controls';
import { calendarRoutes } from './calendar-routes';
import { FaultBoard, QuotaWindow } from './faults';
import { gmailRoutes } from './gmail-routes';
import { batchRoutes } from './gmail-batch';
import { type ApiRequest, type ApiResponse, readBody, simpleApiError } from './http-util';
import { normalizeScope, OAuthState } from './oauth-state';
import { oauthRoutes } from './oauth-routes';
import { PubSub } from './pubsub';
import { pubsubRoutes } from './pubsub-routes';
import { tasksRoutes } from './tasks-routes';
import { type FakeAccount, type FakeState, type RouteDef, runPipeline } from './router';
import { type FakeGoogleOptions, type FakeRoute, type FaultSpec, type IssuedTokens, type RequestLogEntry } from './types';

export type * from './types';
export type { GmailWatch, PubSubOptions, PublishRecord } from './pubsub';
export { visitAuthorizationUrl, type ConsentResult } from './consent-browser';
export type { FakeAccountControls, FakeTaskInput, FakeTasksControls } from './account-controls';

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

/** A running fake and its control surface; the account controls act on the first account. */
export interface FakeGoogle extends FakeAccountControls {
  /** Origin, e.g. `http://127.0.0.1:41234` (no trailing slash). */
  readonly url: string;
  readonly env: FakeGoogleEnv;
  /** Every request answered so far, oldest first (batch inner requests included, tokens redacted). */
  readonly requestLog: readonly RequestLogEntry[];
  /** Gmail quota units charged so far. */
  readonly quotaUnitsUsed: number;
  /** Revoke requests that took effect (each revokes an account's whole authorization). */
  readonly revocations: number;
  close(): Promise<void>;
  /** Adds another Google account (its own mail, calendars and tasks); returns its controls. */
  addAccount(input: { email: string; name?: string; sub?: string }): FakeAccountControls;
  /** The controls of an account by address. */
  forAccount(email: string): FakeAccountControls;
  /** The account the next consents sign in with (the account chooser), unless `login_hint` names another. */
  chooseAccount(email: string): void;
  grantScopes(scopes: string[] | 'all' | 'deny'): void;
  /** Puts the app in Testing with these test users, or publishes it (null). */
  setTestUsers(emails: string[] | null): void;
  revokeRefreshTokens(): void;
  expireAccessTokens(): void;
  issueTokens(scopes?: string[], email?: string): IssuedTokens;
  issuedTokens(): { accessTokens: string[]; refreshTokens: string[] };
  injectFault(route: FakeRoute, spec: FaultSpec): void;
  clearFaults(route?: FakeRoute): void;
  callCount(route: FakeRoute): number;
  callCounts(): Partial<Record<FakeRoute, number>>;
  resetCounters(): void;
  /** Cloud Pub/Sub and Gmail's watch: topics, subscriptions, what was published, the live watch. */
  readonly pubsub: PubSub;
}

const defaultScopes = ['openid', 'email', 'https://www.googleapis.com/auth/gmail.modify', 'https://www.googleapis.com/auth/calendar.readonly', 'https://www.googleapis.com/auth/tasks'];
const routes: RouteDef[] = [...oauthRoutes, ...gmailRoutes, ...batchRoutes, ...calendarRoutes, ...tasksRoutes, ...pubsubRoutes];

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
  const primary = newAccountData(account, options, now);
  const state: FakeState = {
    clientId: options.clientId ?? 'fake-client-id.apps.googleusercontent.com',
    clientSecret: options.clientSecret ?? 'fake-client-secret',
    requirePkce: options.requirePkce ?? true,
    testUsers: options.testUsers ?? null,
    redirects: options.clientType === 'web' ? { type: 'web', uris: options.webRedirectUris ?? [] } : { type: 'desktop' },
    ...primary,
    accounts: new Map([[account.sub, primary]]),
    consentAccount: account.sub,
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

  const origin = () => url;
  const byEmail = (email: string) => {
    const data = [...state.accounts.values()].find((entry) => entry.account.email.toLowerCase() === email.toLowerCase());
    if (!data) throw new Error(`no fake account ${email}`);
    return data;
  };

  return {
    ...accountControls(state, primary, origin),
    url,
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
    get revocations() {
      return state.oauth.revocations;
    },
    pubsub: state.pubsub,
    close: () =>
      new Promise<void>((resolve, reject) => {
        state.pubsub.close();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
    addAccount(input) {
      const added: FakeAccount = { email: input.email, name: input.name ?? input.email.split('@')[0]!, sub: input.sub ?? String(100000000000000000000 + state.accounts.size * 7919), picture: account.picture };
      if (state.accounts.has(added.sub)) throw new Error(`account ${added.sub} exists`);
      const data = newAccountData(added, options, now);
      state.accounts.set(added.sub, data);
      return accountControls(state, data, origin);
    },
    forAccount: (email) => accountControls(state, byEmail(email), origin),
    chooseAccount(email) {
      state.consentAccount = byEmail(email).account.sub;
    },
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
    issueTokens(scopes = defaultScopes, email = account.email) {
      const grant = state.oauth.createGrant(byEmail(email).account.sub, scopes.map(normalizeScope), true);
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
