/**
 * Google's OAuth 2.0 endpoints for an installed ("Desktop app") client: the authorize page
 * (auto-consent redirect to a loopback URI), the token endpoint (authorization_code with PKCE,
 * refresh_token without a new refresh token), revoke, and OpenID userinfo. Error strings are
 * Google's, since clients match on `error` (invalid_grant, invalid_client, redirect_uri_mismatch).
 */
import { randomBytes } from 'node:crypto';
import { type ApiRequest, type ApiResponse, formBody, json, oauthError } from './http-util';
import { fakeIdToken, type Grant, verifierMatches } from './oauth-state';
import { type FakeState, type RouteDef } from './router';

const userinfoEmail = 'https://www.googleapis.com/auth/userinfo.email';
const userinfoProfile = 'https://www.googleapis.com/auth/userinfo.profile';

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** Google's `authError`: base64url of a protobuf with the code (field 1), the sentence (field 2) and the HTTP status (field 4). */
export function encodeAuthError(error: string, detail: string, status: number): string {
  const text = (field: number, value: string): Buffer => {
    const bytes = Buffer.from(value, 'utf8');
    return Buffer.concat([Buffer.from([(field << 3) | 2]), varint(bytes.length), bytes]);
  };
  return Buffer.concat([text(1, error), text(2, detail), Buffer.from([(4 << 3) | 0]), varint(status)]).toString('base64url');
}

function varint(value: number): Buffer {
  const bytes: number[] = [];
  let rest = value;
  do {
    bytes.push((rest & 0x7f) | (rest > 0x7f ? 0x80 : 0));
    rest >>>= 7;
  } while (rest > 0);
  return Buffer.from(bytes);
}

// Google does not send a refused request back to the app: it redirects the browser to its own error
// page, /signin/oauth/error/v2, with the reason packed in `authError`.
function errorPage(req: ApiRequest, status: number, error: string, detail: string): ApiResponse {
  const target = new URL('/signin/oauth/error/v2', `http://${req.headers.host ?? '127.0.0.1'}`);
  target.searchParams.set('authError', encodeAuthError(error, detail, status));
  target.searchParams.set('client_id', req.query.get('client_id') ?? '');
  return { status: 302, headers: { location: target.toString() }, body: '' };
}

/** The error page a refused request lands on ("Access blocked: ... Error 400: redirect_uri_mismatch"). */
function showErrorPage(req: ApiRequest): ApiResponse {
  const bytes = Buffer.from(req.query.get('authError') ?? '', 'base64url');
  // Field 1 starts at byte 2 (tag, one-byte length): enough for the fake's own blobs.
  const code = bytes.subarray(2, 2 + (bytes[1] ?? 0)).toString('utf8');
  const body = `<!doctype html><html><head><title>Error: ${escapeHtml(code)}</title></head><body><h1>Access blocked: this app’s request is invalid</h1><p>Error: ${escapeHtml(code)}</p></body></html>`;
  return { status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body };
}

/**
 * The account that signs in: the one `login_hint` names (an address or a `sub`, as Google accepts),
 * else the one picked on the account chooser (`consentAccount`).
 */
function signingInAccount(state: FakeState, hint: string | null): string {
  if (hint) {
    for (const data of state.accounts.values()) {
      if (data.account.sub === hint || data.account.email.toLowerCase() === hint.toLowerCase()) return data.account.sub;
    }
  }
  return state.consentAccount;
}

/** Desktop clients may redirect to any port of a loopback address over plain http (RFC 8252 §7.3). */
export function isLoopbackRedirect(uri: string): boolean {
  try {
    const url = new URL(uri);
    return url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname) && url.hash === '' && !uri.includes('#');
  } catch {
    return false;
  }
}

function authorize(req: ApiRequest, state: FakeState): ApiResponse {
  const p = req.query;
  if (p.get('client_id') !== state.clientId) return errorPage(req, 401, 'invalid_client', 'The OAuth client was not found.');
  const redirectUri = p.get('redirect_uri') ?? '';
  // A Desktop client takes any loopback port; a Web client only the addresses registered on it.
  const accepted = state.redirects.type === 'desktop' ? isLoopbackRedirect(redirectUri) : state.redirects.uris.includes(redirectUri);
  if (!accepted) {
    return errorPage(req, 400, 'redirect_uri_mismatch', "You can't sign in to this app because it doesn't comply with Google's OAuth 2.0 policy.\n\nIf you're the app developer, register the redirect URI in the Google Cloud Console.");
  }
  if (p.get('response_type') !== 'code') return errorPage(req, 400, 'unsupported_response_type', `Invalid response_type: ${p.get('response_type') ?? ''}`);
  const scope = p.get('scope')?.trim();
  if (!scope) return errorPage(req, 400, 'invalid_request', 'Missing required parameter: scope');
  const challenge = p.get('code_challenge') ?? undefined;
  const method = p.get('code_challenge_method') ?? undefined;
  if (method !== undefined && !['S256', 'plain'].includes(method)) return errorPage(req, 400, 'invalid_request', `Invalid code_challenge_method: ${method}`);
  if (challenge === undefined && state.requirePkce) return errorPage(req, 400, 'invalid_request', 'Missing required parameter: code_challenge');
  const target = new URL(redirectUri);
  const stateParam = p.get('state');
  if (stateParam !== null) target.searchParams.set('state', stateParam);
  const sub = signingInAccount(state, p.get('login_hint'));
  // An app in Testing: after "Access blocked", only its test users get through; others come back with access_denied.
  const email = state.accounts.get(sub)?.account.email ?? state.account.email;
  const blocked = state.testUsers !== null && !state.testUsers.includes(email);
  const granted = blocked ? undefined : state.oauth.consentTo(scope.split(/\s+/));
  if (!granted) {
    target.searchParams.set('error', 'access_denied');
    return { status: 302, headers: { location: target.toString() }, body: '' };
  }
  const offline = p.get('access_type') === 'offline';
  const includeGranted = p.get('include_granted_scopes') === 'true';
  const code = state.oauth.issueCode({ sub, includeGranted, clientId: state.clientId, redirectUri, scopes: granted, challenge, challengeMethod: challenge ? (method ?? 'plain') : undefined, offline });
  target.searchParams.set('code', code);
  // The redirect names what the person granted now plus, when asked for, what they granted before.
  const reported = includeGranted ? [...new Set([...state.oauth.grantedTo(sub), ...granted])] : granted;
  target.searchParams.set('scope', reported.join(' '));
  target.searchParams.set('authuser', '0');
  target.searchParams.set('prompt', 'consent');
  return { status: 302, headers: { location: target.toString() }, body: '' };
}

// Client credentials from HTTP Basic (RFC 6749 §2.3.1) or the form body.
function clientCredentials(req: ApiRequest, form: URLSearchParams): { id: string | null; secret: string | null } {
  const basic = /^Basic\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  if (basic) {
    const decoded = Buffer.from(basic[1]!, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    return { id: decodeURIComponent(decoded.slice(0, colon)), secret: decodeURIComponent(decoded.slice(colon + 1)) };
  }
  return { id: form.get('client_id'), secret: form.get('client_secret') };
}

function tokenResponse(state: FakeState, grant: Grant, includeRefresh: boolean): ApiResponse {
  const { token, expiresIn } = state.oauth.issueAccessToken(grant);
  const body: Record<string, unknown> = { access_token: token, expires_in: expiresIn };
  if (includeRefresh && grant.refreshToken) body.refresh_token = grant.refreshToken;
  body.scope = grant.scopes.join(' ');
  body.token_type = 'Bearer';
  if (grant.scopes.includes('openid')) {
    const now = Math.floor(state.now() / 1000);
    const account = state.accounts.get(grant.sub)?.account ?? state.account;
    const claims: Record<string, unknown> = { iss: 'https://accounts.google.com', azp: state.clientId, aud: state.clientId, sub: account.sub };
    if (grant.scopes.includes(userinfoEmail)) Object.assign(claims, { email: account.email, email_verified: true });
    claims.at_hash = randomBytes(16).toString('base64url');
    if (grant.scopes.includes(userinfoProfile)) Object.assign(claims, { name: account.name, picture: account.picture });
    Object.assign(claims, { iat: now, exp: now + 3600 });
    body.id_token = fakeIdToken(claims);
  }
  return json(200, body, { 'cache-control': 'no-cache, no-store, max-age=0, must-revalidate', pragma: 'no-cache' });
}

function token(req: ApiRequest, state: FakeState): ApiResponse {
  const form = formBody(req);
  const client = clientCredentials(req, form);
  if (!client.id) return oauthError(400, 'invalid_request', 'Could not determine client ID from request.');
  if (client.id !== state.clientId) return oauthError(401, 'invalid_client', 'The OAuth client was not found.');
  if (!client.secret) return oauthError(400, 'invalid_request', 'client_secret is missing.');
  if (client.secret !== state.clientSecret) return oauthError(401, 'invalid_client', 'Unauthorized');
  const grantType = form.get('grant_type');
  if (grantType === 'authorization_code') {
    const value = form.get('code');
    if (!value) return oauthError(400, 'invalid_request', 'Missing required parameter: code');
    const code = state.oauth.takeCode(value);
    if (!code || code.clientId !== client.id) return oauthError(400, 'invalid_grant', 'Bad Request');
    if (form.get('redirect_uri') !== code.redirectUri) return oauthError(400, 'redirect_uri_mismatch', 'Bad Request');
    if (code.challenge !== undefined) {
      const verifier = form.get('code_verifier');
      if (!verifier) return oauthError(400, 'invalid_grant', 'Missing code verifier.');
      if (!verifierMatches(verifier, code.challenge, code.challengeMethod)) return oauthError(400, 'invalid_grant', 'Bad Request');
    }
    return tokenResponse(state, state.oauth.createGrant(code.sub, code.scopes, code.offline, code.includeGranted), true);
  }
  if (grantType === 'refresh_token') {
    const refresh = form.get('refresh_token');
    if (!refresh) return oauthError(400, 'invalid_request', 'Missing required parameter: refresh_token');
    const grant = state.oauth.grantForRefresh(refresh);
    if (!grant) return oauthError(400, 'invalid_grant', 'Token has been expired or revoked.');
    // Google keeps the refresh token unchanged and does not send it again.
    return tokenResponse(state, grant, false);
  }
  return oauthError(400, 'unsupported_grant_type', `Invalid grant_type: ${grantType ?? ''}`);
}

function revoke(req: ApiRequest, state: FakeState): ApiResponse {
  const value = req.query.get('token') ?? formBody(req).get('token');
  if (!value) return oauthError(400, 'invalid_request', 'Missing required parameter: token');
  if (!state.oauth.revoke(value)) return oauthError(400, 'invalid_token', 'Token expired or revoked');
  return json(200, {});
}

function userinfo(state: FakeState, scopes: string[]): ApiResponse {
  const body: Record<string, unknown> = { sub: state.account.sub };
  if (scopes.includes(userinfoProfile)) {
    const [given = '', ...family] = state.account.name.split(' ');
    Object.assign(body, { name: state.account.name, given_name: given, family_name: family.join(' '), picture: state.account.picture });
  }
  if (scopes.includes(userinfoEmail)) Object.assign(body, { email: state.account.email, email_verified: true });
  return json(200, body);
}

/** OAuth and userinfo route table. */
export const oauthRoutes: RouteDef[] = [
  { name: 'oauth.authorize', method: 'GET', pattern: /^\/o\/oauth2\/v2\/auth$/, family: 'oauth', handle: (req, _p, state) => authorize(req, state) },
  { name: 'oauth.error', method: 'GET', pattern: /^\/signin\/oauth\/error\/v2$/, family: 'oauth', handle: (req) => showErrorPage(req) },
  { name: 'oauth.token', method: 'POST', pattern: /^\/token$/, family: 'oauth', handle: (req, _p, state) => token(req, state) },
  { name: 'oauth.revoke', method: 'POST', pattern: /^\/(?:o\/oauth2\/)?revoke$/, family: 'oauth', handle: (req, _p, state) => revoke(req, state) },
  { name: 'oauth.revoke', method: 'GET', pattern: /^\/(?:o\/oauth2\/)?revoke$/, family: 'oauth', handle: (req, _p, state) => revoke(req, state) },
  {
    name: 'userinfo', method: 'GET', pattern: /^\/oauth2\/v3\/userinfo$/, family: 'userinfo', scopes: () => ['openid', userinfoEmail, userinfoProfile],
    handle: (_req, _p, state, auth) => userinfo(state, auth?.scopes ?? []),
  },
];
