/**
 * Failure answers in Google's own shapes: armed faults, the per-user quota window, and the
 * 401/403/429 bodies the real APIs send. Clients branch on these exact fields (error.errors[0].reason,
 * error.status, Retry-After, WWW-Authenticate), so they are spelled as Google spells them.
 */
import { type ApiResponse, apiError, oauthError, simpleApiError } from './http-util';
import { type FakeRoute, type FaultSpec } from './types';

/** Which error dialect a route speaks. */
export type RouteFamily = 'gmail' | 'calendar' | 'tasks' | 'oauth' | 'userinfo' | 'pubsub';

const realm = 'Bearer realm="https://accounts.google.com/"';

/** 401 for an API call without credentials or with a dead token, with WWW-Authenticate as Google sends it. */
export function unauthenticated(family: RouteFamily, hadToken: boolean): ApiResponse {
  const headers = { 'www-authenticate': hadToken ? `${realm}, error="invalid_token"` : realm };
  if (family === 'userinfo') return { ...oauthError(401, 'invalid_request', 'Invalid Credentials'), headers: { 'content-type': 'application/json; charset=UTF-8', ...headers } };
  const message = hadToken
    ? 'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.'
    : 'Request is missing required authentication credential. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.';
  const item = hadToken
    ? { message: 'Invalid Credentials', domain: 'global', reason: 'authError', location: 'Authorization', locationType: 'header' }
    : { message: 'Login Required.', domain: 'global', reason: 'required', location: 'Authorization', locationType: 'header' };
  return apiError(401, message, [item], { headers, withStatus: true });
}

/** 403 for a token that lacks the route's scope (Google adds an ErrorInfo detail and a scope hint). */
export function insufficientScope(family: RouteFamily, needed: string[]): ApiResponse {
  const services: Partial<Record<RouteFamily, string>> = { calendar: 'calendar-json.googleapis.com', tasks: 'tasks.googleapis.com', pubsub: 'pubsub.googleapis.com' };
  const service = services[family] ?? 'gmail.googleapis.com';
  return apiError(403, 'Request had insufficient authentication scopes.', [{ message: 'Insufficient Permission', domain: 'global', reason: 'insufficientPermissions' }], {
    headers: { 'www-authenticate': `${realm}, error="insufficient_scope", scope="${needed.join(' ')}"` },
    details: [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'ACCESS_TOKEN_SCOPE_INSUFFICIENT', domain: 'googleapis.com', metadata: { service } }],
  });
}

/** Gmail's per-user rate limit answer: 429, `rateLimitExceeded`, Retry-After. */
export function rateLimited(retryAfterSeconds: number, reason = 'rateLimitExceeded'): ApiResponse {
  const retryAt = new Date(Date.now() + retryAfterSeconds * 1000).toISOString();
  const response = apiError(429, `User-rate limit exceeded.  Retry after ${retryAt}`, [
    { message: `User-rate limit exceeded.  Retry after ${retryAt}`, domain: 'usageLimits', reason },
  ]);
  response.headers['retry-after'] = String(retryAfterSeconds);
  return response;
}

const reasonMessages: Record<string, string> = {
  rateLimitExceeded: 'Rate Limit Exceeded',
  userRateLimitExceeded: 'User Rate Limit Exceeded',
  dailyLimitExceeded: 'Daily Limit Exceeded',
  quotaExceeded: 'Quota exceeded',
  insufficientPermissions: 'Insufficient Permission',
  backendError: 'Backend Error',
};

/** The body Google would send for a status on a route family (used when a fault gives none). */
export function defaultFaultResponse(family: RouteFamily, spec: FaultSpec): ApiResponse {
  const { status } = spec;
  if (family === 'oauth') {
    if (status === 400) return oauthError(400, 'invalid_grant', 'Bad Request');
    if (status === 401) return oauthError(401, 'invalid_client', 'Unauthorized');
    if (status === 429) return oauthError(429, 'rate_limit_exceeded', 'Rate limit exceeded');
    return oauthError(status, status === 503 ? 'temporarily_unavailable' : 'internal_failure', 'Backend Error');
  }
  if (status === 401) return unauthenticated(family, true);
  const withStatus = family !== 'calendar';
  const reasonDomain = (reason: string): string => (/Limit|quota/i.test(reason) ? 'usageLimits' : 'global');
  switch (status) {
    case 403: {
      const reason = spec.reason ?? 'userRateLimitExceeded';
      return simpleApiError(403, reason, reasonMessages[reason] ?? reason, reasonDomain(reason), withStatus);
    }
    case 429:
      return spec.reason ? simpleApiError(429, spec.reason, reasonMessages[spec.reason] ?? spec.reason, 'usageLimits', withStatus) : rateLimited(spec.retryAfterSeconds ?? 1);
    case 404:
      return simpleApiError(404, 'notFound', 'Requested entity was not found.', 'global', withStatus);
    case 410:
      return simpleApiError(410, 'fullSyncRequired', 'Sync token is no longer valid, a full sync is required.', 'calendar', false);
    case 503:
      return simpleApiError(503, spec.reason ?? 'backendError', 'The service is currently unavailable.', 'global', withStatus);
    case 500:
      return simpleApiError(500, spec.reason ?? 'backendError', 'Internal error encountered.', 'global', withStatus);
    default:
      return simpleApiError(status, spec.reason ?? 'badRequest', 'Bad Request', 'global', withStatus);
  }
}

/** Armed faults per route, consumed one answer at a time. */
export class FaultBoard {
  private readonly armed = new Map<FakeRoute, FaultSpec & { left: number }>();

  /** Arms a fault; a later call for the same route replaces it. */
  inject(route: FakeRoute, spec: FaultSpec): void {
    this.armed.set(route, { ...spec, left: spec.times ?? 1 });
  }

  /** Disarms one route or all. */
  clear(route?: FakeRoute): void {
    if (route) this.armed.delete(route);
    else this.armed.clear();
  }

  /** The fault answer for this call, if one is armed (and counts it down). */
  take(route: FakeRoute, family: RouteFamily): ApiResponse | undefined {
    const spec = this.armed.get(route);
    if (!spec) return undefined;
    if (--spec.left <= 0) this.armed.delete(route);
    const response =
      spec.body === undefined
        ? defaultFaultResponse(family, spec)
        : { status: spec.status, headers: { 'content-type': 'application/json; charset=UTF-8' }, body: JSON.stringify(spec.body) };
    if (spec.retryAfterSeconds !== undefined) response.headers['retry-after'] = String(spec.retryAfterSeconds);
    return response;
  }
}

/** Gmail's per-user quota as a 1-second sliding window of charged units. */
export class QuotaWindow {
  private readonly charges: Array<{ at: number; units: number }> = [];
  private inWindow = 0;

  constructor(
    private readonly unitsPerSecond: number,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  /** Charges `units` if they fit in the last second; otherwise the seconds until they would. */
  take(units: number): { ok: true } | { ok: false; retryAfterSeconds: number } {
    const now = this.clock();
    while (this.charges.length > 0 && this.charges[0]!.at <= now - 1000) this.inWindow -= this.charges.shift()!.units;
    if (this.inWindow + units <= this.unitsPerSecond) {
      this.charges.push({ at: now, units });
      this.inWindow += units;
      return { ok: true };
    }
    // Find when enough old charges leave the window for this call to fit.
    let freed = 0;
    let waitMs = 1000;
    for (const charge of this.charges) {
      freed += charge.units;
      if (this.inWindow - freed + units <= this.unitsPerSecond) {
        waitMs = charge.at + 1000 - now;
        break;
      }
    }
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
  }
}
