/**
 * Slack's OAuth v2 for a desktop app: the authorize page (auto-consent), oauth.v2.access for the
 * PKCE code exchange (no client secret) and for refresh with token rotation, and the token
 * checks every API call makes. Rotation as Slack documents it: user tokens `xoxe.xoxp-...` live
 * 12 h, refresh tokens `xoxe-1-...` are single-use and expire after 30 days.
 */
import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { type SlackRequest, type SlackResponse, basicCredentials, fail, htmlPage, ok, redirect } from './http';

interface Grant {
  userId: string;
  scopes: string[];
  /** Issued through PKCE: refreshing needs no client secret either. */
  pkce: boolean;
  revoked: boolean;
  refreshToken: string;
}

interface CodeRecord {
  clientId: string;
  userId: string;
  scopes: string[];
  redirectUri: string | undefined;
  challenge: string | undefined;
  expiresAt: number;
  used: boolean;
}

/** An access token check: the grant behind it, or Slack's error code. */
export type TokenCheck = { ok: true; token: string; userId: string; scopes: string[] } | { ok: false; error: string };

/** OAuth settings of the fake app. */
export interface OAuthConfig {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
  requirePkce: boolean;
  marker: string;
  accessTtlSeconds: number;
  refreshTtlSeconds: number;
  appId: string;
  team: { id: string; name: string };
  selfId: string;
}

const CODE_TTL_MS = 10 * 60 * 1000;
const challengeFormat = /^[A-Za-z0-9_-]{43}$/;
const verifierFormat = /^[A-Za-z0-9._~-]{43,128}$/;

function secretEquals(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

// Slack writes scope lists with commas; accept spaces too, the way its authorize page does.
function splitScopes(value: string | undefined): string[] {
  return [...new Set((value ?? '').split(/[\s,]+/).filter(Boolean))];
}

/** Codes, grants and tokens of the fake app. */
export class OAuthState {
  consent: 'allow' | 'deny' = 'allow';
  private readonly codes = new Map<string, CodeRecord>();
  private readonly access = new Map<string, { grant: Grant; expiresAt: number }>();
  private readonly refresh = new Map<string, { grant: Grant; expiresAt: number; used: boolean }>();

  constructor(
    private readonly config: OAuthConfig,
    private readonly now: () => number,
  ) {}

  /** GET /oauth/v2/authorize: validates like Slack, then consents for the signed-in person. */
  authorize(req: SlackRequest): SlackResponse {
    const p = req.params;
    // Slack cannot trust the request, so it shows its own page instead of redirecting back:
    // "Something went wrong when authorizing this app." with the error details under it.
    if (p.get('client_id') !== this.config.clientId) return htmlPage(400, 'Something went wrong when authorizing this app.', 'Error details: Invalid client_id parameter');
    const redirectUri = p.get('redirect_uri') ?? undefined;
    // Redirect URIs match the app's configured list exactly: scheme, host, port and path.
    if (redirectUri !== undefined && !this.config.redirectUris.includes(redirectUri)) {
      return htmlPage(400, 'Something went wrong when authorizing this app.', `Error details: redirect_uri did not match any configured URIs. Passed URI: ${redirectUri}`);
    }
    const target = new URL(redirectUri ?? this.config.redirectUris[0]!);
    const back = (fields: Record<string, string>): SlackResponse => {
      for (const [key, value] of Object.entries(fields)) target.searchParams.set(key, value);
      if (p.has('state')) target.searchParams.set('state', p.get('state')!);
      return redirect(target.toString());
    };
    const challenge = p.get('code_challenge') || undefined;
    if (challenge === undefined && this.config.requirePkce) return back({ error: 'invalid_request', error_description: 'code_challenge required' });
    if (challenge !== undefined && (p.get('code_challenge_method') !== 'S256' || !challengeFormat.test(challenge))) {
      return back({ error: 'invalid_request', error_description: 'code_challenge_method must be S256' });
    }
    // A desktop (PKCE) app has user scopes only: bot scopes would need the client secret.
    if (challenge !== undefined && splitScopes(p.get('scope')).length > 0) return back({ error: 'invalid_scope', error_description: 'bot scopes are not available with PKCE' });
    const scopes = splitScopes(p.get('user_scope'));
    if (scopes.length === 0 || scopes.some((scope) => !/^[a-z_]+(:[a-z_.]+)+$/.test(scope))) return back({ error: 'invalid_scope' });
    if (this.consent === 'deny') return back({ error: 'access_denied' });
    const code = `${randomInt(1e9, 1e10)}.${randomInt(1e12, 1e13)}.${this.config.marker}${randomBytes(24).toString('hex')}`;
    this.codes.set(code, { clientId: this.config.clientId, userId: this.config.selfId, scopes, redirectUri, challenge, expiresAt: this.now() + CODE_TTL_MS, used: false });
    return back({ code });
  }

  /** POST /api/oauth.v2.access: code exchange or refresh (`grant_type=refresh_token`). */
  exchange(req: SlackRequest): SlackResponse {
    const p = req.params;
    const basic = basicCredentials(req);
    const clientId = basic?.id ?? p.get('client_id');
    const secret = basic?.secret ?? p.get('client_secret') ?? '';
    if (clientId !== this.config.clientId) return fail('invalid_client_id');
    // An empty secret counts as none: PKCE callers (and WebClient's typings) may send `client_secret=`.
    if (secret !== '' && !secretEquals(secret, this.config.clientSecret)) return fail('bad_client_secret');
    const grantType = p.get('grant_type') ?? 'authorization_code';
    if (grantType === 'refresh_token') return this.refreshGrant(p.get('refresh_token') ?? '', secret !== '');
    if (grantType !== 'authorization_code') return fail('invalid_grant_type');

    const code = p.get('code') ?? '';
    const record = this.codes.get(code);
    if (!record || record.used || record.expiresAt <= this.now() || record.clientId !== clientId) return fail('invalid_code');
    if (record.redirectUri !== undefined && p.get('redirect_uri') !== record.redirectUri) return fail('bad_redirect_uri');
    if (record.challenge !== undefined) {
      const verifier = p.get('code_verifier') ?? '';
      const computed = createHash('sha256').update(verifier, 'ascii').digest('base64url');
      if (!verifierFormat.test(verifier) || !secretEquals(computed, record.challenge)) return fail('invalid_code_verifier');
    } else if (secret === '') {
      return fail('bad_client_secret');
    }
    record.used = true;
    const issued = this.issue(record.userId, record.scopes, record.challenge !== undefined);
    return ok({
      app_id: this.config.appId,
      authed_user: { id: record.userId, scope: record.scopes.join(','), access_token: issued.accessToken, token_type: 'user', refresh_token: issued.refreshToken, expires_in: this.config.accessTtlSeconds },
      team: this.config.team,
      enterprise: null,
      is_enterprise_install: false,
    });
  }

  private refreshGrant(refreshToken: string, hadSecret: boolean): SlackResponse {
    const record = this.refresh.get(refreshToken);
    if (!record || record.used || record.grant.revoked || record.expiresAt <= this.now()) return fail('invalid_refresh_token');
    if (!record.grant.pkce && !hadSecret) return fail('bad_client_secret');
    // Single use: the old refresh token dies the moment the new pair exists.
    record.used = true;
    const issued = this.rotate(record.grant);
    return ok({
      app_id: this.config.appId, access_token: issued.accessToken, token_type: 'user', scope: record.grant.scopes.join(','), expires_in: this.config.accessTtlSeconds,
      refresh_token: issued.refreshToken, user_id: record.grant.userId, team: this.config.team, enterprise: null, is_enterprise_install: false,
    });
  }

  /** Creates a grant with a fresh access and refresh token (what a completed sign-in yields). */
  issue(userId: string, scopes: string[], pkce: boolean): { accessToken: string; refreshToken: string } {
    return this.rotate({ userId, scopes, pkce, revoked: false, refreshToken: '' });
  }

  private rotate(grant: Grant): { accessToken: string; refreshToken: string } {
    const marker = this.config.marker;
    const accessToken = `xoxe.xoxp-1-${marker}-${randomBytes(24).toString('base64url')}`;
    const refreshToken = `xoxe-1-${marker}-${randomBytes(24).toString('base64url')}`;
    this.access.set(accessToken, { grant, expiresAt: this.now() + this.config.accessTtlSeconds * 1000 });
    this.refresh.set(refreshToken, { grant, expiresAt: this.now() + this.config.refreshTtlSeconds * 1000, used: false });
    grant.refreshToken = refreshToken;
    return { accessToken, refreshToken };
  }

  /** The check every API call makes on its token. */
  check(token: string | undefined): TokenCheck {
    if (!token) return { ok: false, error: 'not_authed' };
    const record = this.access.get(token);
    if (!record) return { ok: false, error: 'invalid_auth' };
    if (record.grant.revoked) return { ok: false, error: 'token_revoked' };
    if (record.expiresAt <= this.now()) return { ok: false, error: 'token_expired' };
    return { ok: true, token, userId: record.grant.userId, scopes: record.grant.scopes };
  }

  /** auth.revoke: the whole authorization goes (access and refresh tokens alike). */
  revoke(token: string): void {
    const record = this.access.get(token);
    if (record) record.grant.revoked = true;
  }

  /** Control: every access token expires now (refresh tokens keep working). */
  expireAccessTokens(): void {
    for (const record of this.access.values()) record.expiresAt = Math.min(record.expiresAt, this.now());
  }

  /** Control: every grant is revoked, as if the person removed the app. */
  revokeAll(): void {
    for (const record of this.access.values()) record.grant.revoked = true;
  }

  /** Inspection: every token handed out so far, oldest first. */
  issuedTokens(): { accessTokens: string[]; refreshTokens: string[] } {
    return { accessTokens: [...this.access.keys()], refreshTokens: [...this.refresh.keys()] };
  }
}
