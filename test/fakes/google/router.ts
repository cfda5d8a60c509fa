/**
 * Route table and the request pipeline every call goes through, whether it came over a socket
 * or inside a Gmail batch: count -> armed fault -> bearer token -> scope -> Gmail quota -> handler -> log.
 */
import { type CalendarStore } from './calendar-store';
import { type FaultBoard, type QuotaWindow, type RouteFamily, insufficientScope, rateLimited, unauthenticated } from './faults';
import { type ApiRequest, type ApiResponse, simpleApiError } from './http-util';
import { type Mailbox } from './mailbox';
import { type AccessCheck, type OAuthState } from './oauth-state';
import { type PubSub } from './pubsub';
import { type TasksStore } from './tasks-store';
import { type FakeRoute, type RequestLogEntry } from './types';

/** The signed-in person. */
export interface FakeAccount {
  email: string;
  name: string;
  sub: string;
  picture: string;
}

/** One Google account's data. */
export interface AccountData {
  account: FakeAccount;
  mailbox: Mailbox;
  calendars: CalendarStore;
  tasks: TasksStore;
}

/**
 * Everything the handlers share. `account`, `mailbox`, `calendars` and `tasks` are those of the
 * account a request's token belongs to (the first account outside a request).
 */
export interface FakeState {
  clientId: string;
  clientSecret: string;
  requirePkce: boolean;
  /** Test users of an app in Testing; null when the app is published. */
  testUsers: string[] | null;
  /** Redirects the client accepts: any loopback (desktop client), or exactly these (web client). */
  redirects: { type: 'desktop' } | { type: 'web'; uris: string[] };
  account: FakeAccount;
  mailbox: Mailbox;
  calendars: CalendarStore;
  tasks: TasksStore;
  /** Every account, by `sub`; the first is the one the fake started with. */
  accounts: Map<string, AccountData>;
  /** The account the next consent signs in with when the request has no matching `login_hint`. */
  consentAccount: string;
  /** The Cloud project's Pub/Sub (one per OAuth client); Gmail's watch covers the first account's mailbox. */
  pubsub: PubSub;
  oauth: OAuthState;
  faults: FaultBoard;
  quota: QuotaWindow | undefined;
  log: RequestLogEntry[];
  counts: Map<FakeRoute, number>;
  quotaUnitsUsed: number;
  now: () => number;
  /** Runs one inner request of a batch through the same pipeline. */
  dispatch: (req: ApiRequest, inBatch: boolean) => Promise<ApiResponse>;
}

/** A live, scoped token as handlers see it. */
export type Authorized = Extract<AccessCheck, { ok: true }>;

/** One route: how to recognise it, what it needs, what answers it. */
export interface RouteDef {
  name: FakeRoute;
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  pattern: RegExp;
  family: RouteFamily;
  /** Scopes of which the bearer token needs one; absent = no bearer check at all. */
  scopes?: (req: ApiRequest) => string[];
  /** Gmail quota units this call costs. */
  units?: number;
  handle: (req: ApiRequest, params: string[], state: FakeState, auth: Authorized | undefined) => ApiResponse | Promise<ApiResponse>;
}

/** Finds the route for a method and path; `params` are the pattern's captured groups, URI-decoded. */
export function matchRoute(routes: RouteDef[], method: string, path: string): { route: RouteDef; params: string[] } | undefined {
  for (const route of routes) {
    if (route.method !== method) continue;
    const match = route.pattern.exec(path);
    if (match) return { route, params: match.slice(1).map((part) => decodeURIComponent(part ?? '')) };
  }
  return undefined;
}

function bearer(req: ApiRequest): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  return match?.[1];
}

// Tokens travel in query strings for revoke; the log must never keep them.
function redact(path: string, query: URLSearchParams): string {
  const copy = new URLSearchParams(query);
  for (const key of ['token', 'access_token', 'code']) if (copy.has(key)) copy.set(key, '[redacted]');
  const text = copy.toString();
  return text ? `${path}?${text}` : path;
}

/** Runs one request through the pipeline and records it. */
export async function runPipeline(routes: RouteDef[], state: FakeState, req: ApiRequest, inBatch: boolean): Promise<ApiResponse> {
  const found = matchRoute(routes, req.method, req.path);
  const entry: RequestLogEntry = { route: found?.route.name ?? 'unknown', method: req.method, path: redact(req.path, req.query), status: 0, units: 0, inBatch, at: state.now() };
  const response = found ? await answer(found.route, found.params, state, req, entry) : simpleApiError(404, 'notFound', 'Not Found');
  entry.status = response.status;
  state.log.push(entry);
  return response;
}

async function answer(route: RouteDef, params: string[], state: FakeState, req: ApiRequest, entry: RequestLogEntry): Promise<ApiResponse> {
  state.counts.set(route.name, (state.counts.get(route.name) ?? 0) + 1);
  const fault = state.faults.take(route.name, route.family);
  if (fault) return fault;
  let auth: Authorized | undefined;
  if (route.scopes) {
    const token = bearer(req);
    const check = token ? state.oauth.checkAccess(token) : { ok: false as const };
    if (!check.ok) return unauthenticated(route.family, token !== undefined);
    const needed = route.scopes(req);
    if (!needed.some((scope) => check.scopes.includes(scope))) return insufficientScope(route.family, needed);
    auth = check;
  }
  if (route.units && state.quota) {
    const taken = state.quota.take(route.units);
    if (!taken.ok) return rateLimited(taken.retryAfterSeconds);
  }
  // Handlers see the data of the account the token belongs to.
  const data = auth ? state.accounts.get(auth.grant.sub) : undefined;
  const scoped: FakeState = data ? { ...state, ...data } : state;
  const response = await route.handle(req, params, scoped, auth);
  // Calls refused above (fault, auth, quota) cost nothing; every call that reached the handler does.
  if (route.units) {
    entry.units = route.units;
    state.quotaUnitsUsed += route.units;
  }
  return response;
}
