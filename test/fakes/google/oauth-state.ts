/**
 * OAuth bookkeeping of the fake: authorization codes, grants, access and refresh tokens.
 * A grant is one code exchange. The grants of one account to this client make up one combined
 * authorization, as at Google: with `include_granted_scopes=true` a new grant's tokens cover every
 * scope the account granted before, and revoking any token revokes the whole authorization (every
 * refresh and access token of that account), as Google's incremental-authorization rules say.
 */
import { createHash, randomBytes } from 'node:crypto';

const googleScopeRoot = 'https://www.googleapis.com/auth/';

/** Google's spelling of a scope: `email`/`profile` become userinfo URLs, bare names get the auth root. */
export function normalizeScope(scope: string): string {
  if (scope === 'openid' || scope.startsWith('https://')) return scope;
  if (scope === 'email') return `${googleScopeRoot}userinfo.email`;
  if (scope === 'profile') return `${googleScopeRoot}userinfo.profile`;
  return `${googleScopeRoot}${scope}`;
}

// Sign-in scopes are never offered as checkboxes on Google's granular consent screen.
const alwaysGranted = new Set(['openid', `${googleScopeRoot}userinfo.email`, `${googleScopeRoot}userinfo.profile`]);

/** One authorization code waiting for its single exchange. */
export interface AuthCode {
  /** The account that consented (Google's `sub`). */
  sub: string;
  /** `include_granted_scopes=true` was asked for. */
  includeGranted: boolean;
  clientId: string;
  redirectUri: string;
  scopes: string[];
  challenge: string | undefined;
  challengeMethod: string | undefined;
  offline: boolean;
  expiresAt: number;
  used: boolean;
}

/** Everything one account granted this client; revoking any of its tokens revokes it whole. */
export interface Authorization {
  sub: string;
  scopes: Set<string>;
  revoked: boolean;
}

/** One code exchange: scopes plus the tokens minted under it. */
export interface Grant {
  id: number;
  sub: string;
  scopes: string[];
  refreshToken: string | undefined;
  revoked: boolean;
  authorization: Authorization;
}

interface AccessToken {
  grant: Grant;
  expiresAt: number;
  expired: boolean;
}

/** Result of checking a bearer token. */
export type AccessCheck = { ok: true; scopes: string[]; grant: Grant } | { ok: false };

/** Codes, grants and tokens of the fake authorization server. */
export class OAuthState {
  /** What the next consent screen answers: all requested scopes, a subset, or a refusal. */
  consent: { kind: 'all' } | { kind: 'subset'; scopes: Set<string> } | { kind: 'deny' } = { kind: 'all' };
  private readonly codes = new Map<string, AuthCode>();
  private readonly access = new Map<string, AccessToken>();
  private readonly refresh = new Map<string, Grant>();
  private readonly authorizations = new Map<string, Authorization>();
  private grants = 0;
  /** How many revoke requests took effect. */
  revocations = 0;

  constructor(
    private readonly marker: string,
    private readonly lifetimeSeconds: number,
    private readonly now: () => number,
  ) {}

  /** Scopes the consent screen grants for a request, or undefined when the person refuses. */
  consentTo(requested: string[]): string[] | undefined {
    const normalized = [...new Set(requested.map(normalizeScope))];
    if (this.consent.kind === 'deny') return undefined;
    if (this.consent.kind === 'all') return normalized;
    const allowed = this.consent.scopes;
    return normalized.filter((scope) => alwaysGranted.has(scope) || allowed.has(scope));
  }

  /** Mints a single-use code (Google's codes start with `4/0A`; valid ten minutes). */
  issueCode(code: Omit<AuthCode, 'expiresAt' | 'used'>): string {
    const value = `4/0A${this.marker}${randomBytes(24).toString('base64url')}`;
    this.codes.set(value, { ...code, expiresAt: this.now() + 600_000, used: false });
    return value;
  }

  /** Takes a code for exchange; undefined when unknown, expired or already used (it is burnt either way). */
  takeCode(value: string): AuthCode | undefined {
    const code = this.codes.get(value);
    if (!code || code.used || code.expiresAt < this.now()) return undefined;
    code.used = true;
    return code;
  }

  /**
   * Starts a grant for the scopes; a refresh token only for `access_type=offline`, as Google does.
   * With `includeGranted`, the grant also covers what the account granted this client before.
   */
  createGrant(sub: string, scopes: string[], offline: boolean, includeGranted = false): Grant {
    let authorization = this.authorizations.get(sub);
    if (!authorization || authorization.revoked) {
      authorization = { sub, scopes: new Set(), revoked: false };
      this.authorizations.set(sub, authorization);
    }
    const covered = includeGranted ? [...new Set([...authorization.scopes, ...scopes])] : scopes;
    for (const scope of scopes) authorization.scopes.add(scope);
    const grant: Grant = { id: ++this.grants, sub, scopes: covered, refreshToken: undefined, revoked: false, authorization };
    if (offline) {
      grant.refreshToken = `1//0${this.marker}${randomBytes(32).toString('base64url')}`;
      this.refresh.set(grant.refreshToken, grant);
    }
    return grant;
  }

  /** Mints an access token under a grant. */
  issueAccessToken(grant: Grant): { token: string; expiresIn: number } {
    const token = `ya29.a0${this.marker}${randomBytes(40).toString('base64url')}`;
    this.access.set(token, { grant, expiresAt: this.now() + this.lifetimeSeconds * 1000, expired: false });
    return { token, expiresIn: this.lifetimeSeconds };
  }

  /** The live grant of a refresh token; undefined when unknown or revoked. */
  grantForRefresh(token: string): Grant | undefined {
    const grant = this.refresh.get(token);
    return grant && !grant.revoked && !grant.authorization.revoked ? grant : undefined;
  }

  /** Checks a bearer token: issued, not expired, grant not revoked. */
  checkAccess(token: string): AccessCheck {
    const entry = this.access.get(token);
    if (!entry || entry.expired || entry.grant.revoked || entry.grant.authorization.revoked || entry.expiresAt <= this.now()) return { ok: false };
    return { ok: true, scopes: entry.grant.scopes, grant: entry.grant };
  }

  /**
   * Revokes the whole authorization behind an access or refresh token (every grant of that account
   * to this client); false when the token is unknown or already dead.
   */
  revoke(token: string): boolean {
    const grant = this.refresh.get(token) ?? this.access.get(token)?.grant;
    if (!grant || grant.revoked || grant.authorization.revoked) return false;
    const entry = this.access.get(token);
    if (entry && (entry.expired || entry.expiresAt <= this.now()) && !this.refresh.has(token)) return false;
    grant.revoked = true;
    grant.authorization.revoked = true;
    this.revocations += 1;
    return true;
  }

  /** Scopes the account's live authorization holds (empty once revoked). */
  grantedTo(sub: string): string[] {
    const authorization = this.authorizations.get(sub);
    return authorization && !authorization.revoked ? [...authorization.scopes] : [];
  }

  /** Revokes every grant (the person removed the app in their Google account). */
  revokeAll(): void {
    for (const grant of this.refresh.values()) grant.revoked = true;
    for (const entry of this.access.values()) entry.grant.revoked = true;
    for (const authorization of this.authorizations.values()) authorization.revoked = true;
  }

  /** Expires every access token issued so far; refresh tokens keep working. */
  expireAll(): void {
    for (const entry of this.access.values()) entry.expired = true;
  }

  /** Every token string issued so far, for leak sweeps. */
  issuedTokens(): { accessTokens: string[]; refreshTokens: string[] } {
    return { accessTokens: [...this.access.keys()], refreshTokens: [...this.refresh.keys()] };
  }
}

/** PKCE check (RFC 7636 §4.6): S256 compares base64url(SHA-256(verifier)); plain compares as is. */
export function verifierMatches(verifier: string, challenge: string, method: string | undefined): boolean {
  if (!/^[A-Za-z0-9\-._~]{43,128}$/.test(verifier)) return false;
  if ((method ?? 'plain') === 'plain') return verifier === challenge;
  return createHash('sha256').update(verifier).digest('base64url') === challenge;
}

/** An id_token that looks like Google's (RS256 header, Google claims) but whose signature is random bytes. */
export function fakeIdToken(claims: Record<string, unknown>): string {
  const part = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'RS256', kid: 'fake-google-key', typ: 'JWT' })}.${part(claims)}.${randomBytes(256).toString('base64url')}`;
}
