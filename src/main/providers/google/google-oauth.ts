/**
 * Google sign-in for a desktop app through google-auth-library's OAuth2Client: PKCE S256, offline
 * access, the granted scope read back; refresh keeps the refresh token (Google sends none on refresh);
 * `invalid_grant` means the person must reconnect.
 */
import { CodeChallengeMethod, OAuth2Client } from 'google-auth-library';
import { createPkcePair } from '../../auth/pkce';
import type { StoredTokens } from '../../auth/token-vault';
import { AuthExpiredError, ProviderError } from '../../errors';
import type { AccountFacts } from '../../db/integration-repository';
import type { ClientCredentials, OAuthSpec, ProviderContext } from '../provider';
import { checkGoogleClient } from './google-client-check';
import { googleEndpoints } from './google-endpoints';

/** Scopes by name (shared with the guided set-up, which lists them for the consent screen). */
export { GOOGLE_SCOPES } from '../../../shared/google-scopes';

/** How a sign-in asks: incremental (covering what the account granted before) and for which account. */
export interface GoogleSignInOptions {
  /** `include_granted_scopes=true`: the new tokens also cover every scope the account granted this app before. */
  includeGrantedScopes?: boolean;
  /** `login_hint`: the address of the account to sign in with (Google preselects it). */
  loginHint?: string;
}

interface GaxiosLikeError {
  response?: { status?: number; data?: { error?: string; error_description?: string } };
  message?: string;
}

/** Maps a token-endpoint failure to our errors: invalid_grant -> reconnect. */
function toGoogleAuthError(error: unknown, action: string): Error {
  const response = (error as GaxiosLikeError).response;
  if (response?.data?.error === 'invalid_grant') return new AuthExpiredError();
  if (response?.status === 401 || response?.data?.error === 'invalid_client') {
    return new ProviderError('forbidden', `Google rejected the app's OAuth client while trying to ${action}. Check the client ID and secret in Settings.`, 401);
  }
  if (response?.status) return new ProviderError('unavailable', `Google answered ${response.status} while trying to ${action}.`, response.status);
  return new ProviderError('network', `Google could not be reached while trying to ${action}.`);
}

function toStoredTokens(credentials: { access_token?: string | null; refresh_token?: string | null; expiry_date?: number | null; scope?: string | null; token_type?: string | null }, fallbackScope: string | null): StoredTokens {
  if (!credentials.access_token) throw new ProviderError('bad_request', 'Google returned no access token.');
  return {
    accessToken: credentials.access_token,
    refreshToken: credentials.refresh_token ?? null,
    expiresAt: credentials.expiry_date ?? null,
    scope: credentials.scope ?? fallbackScope ?? '',
    tokenType: credentials.token_type ?? 'Bearer',
  };
}

/** The OAuth spec for a Google provider requesting `scopes`. */
export function createGoogleOAuth(context: ProviderContext, scopes: readonly string[], options: GoogleSignInOptions = {}): OAuthSpec {
  const endpoints = googleEndpoints(context.env);
  const client = (credentials: ClientCredentials, redirectUri?: string) =>
    new OAuth2Client({
      clientId: credentials.clientId,
      clientSecret: credentials.clientSecret ?? undefined,
      redirectUri,
      endpoints: { oauth2AuthBaseUrl: endpoints.authUrl, oauth2TokenUrl: endpoints.tokenUrl, oauth2RevokeUrl: endpoints.revokeUrl },
    });

  const authorizationUrl: OAuthSpec['authorizationUrl'] = ({ credentials, redirectUri, state, codeChallenge, extraScopes = [] }) =>
    client(credentials, redirectUri).generateAuthUrl({
      access_type: 'offline',
      // consent makes Google return a refresh token even when the person connected before.
      prompt: 'consent',
      scope: [...new Set([...scopes, ...extraScopes])],
      ...(options.includeGrantedScopes ? { include_granted_scopes: true } : {}),
      ...(options.loginHint ? { login_hint: options.loginHint } : {}),
      state,
      code_challenge: codeChallenge,
      code_challenge_method: CodeChallengeMethod.S256,
    });

  return {
    loopback: { path: '/oauth2/callback' },
    authorizationUrl,
    checkClient({ credentials, redirectUri }) {
      const pkce = createPkcePair();
      return checkGoogleClient({
        fetch: context.fetch,
        redirectUri,
        authorizationUrl: authorizationUrl({ credentials, redirectUri, state: 'client-check', codeChallenge: pkce.challenge }),
        // A code that cannot exist: Google checks the client and its secret first, then refuses the code.
        probeToken: credentials.clientSecret ? () => client(credentials, redirectUri).getToken({ code: 'client-check', codeVerifier: pkce.verifier, redirect_uri: redirectUri }) : null,
      });
    },
    describeDenial(error) {
      if (error !== 'access_denied') return null;
      // Google answers access_denied both for Cancel and for an account that is not a test user of an app in Testing.
      return 'Google did not grant access (access_denied). If you did not press Cancel, your Google app is in Testing and this account is not one of its test users: add it under Google Auth Platform → Audience → Test users, then connect again.';
    },
    async exchangeCode({ credentials, code, redirectUri, codeVerifier, grantedScope }) {
      try {
        const { tokens } = await client(credentials, redirectUri).getToken({ code, codeVerifier, redirect_uri: redirectUri });
        return toStoredTokens(tokens, grantedScope);
      } catch (error) {
        throw toGoogleAuthError(error, 'finish signing in');
      }
    },
    async refresh(tokens, credentials) {
      const refresher = client(credentials);
      refresher.setCredentials({ refresh_token: tokens.refreshToken });
      try {
        const { credentials: fresh } = await refresher.refreshAccessToken();
        return toStoredTokens({ ...fresh, refresh_token: fresh.refresh_token === tokens.refreshToken ? null : fresh.refresh_token }, tokens.scope);
      } catch (error) {
        throw toGoogleAuthError(error, 'refresh the sign-in');
      }
    },
    async revoke(tokens, credentials) {
      try {
        await client(credentials).revokeToken(tokens.refreshToken ?? tokens.accessToken);
      } catch (error) {
        throw toGoogleAuthError(error, 'revoke access');
      }
    },
    async account(tokens): Promise<AccountFacts> {
      const grantedScopes = tokens.scope.split(/\s+/).filter(Boolean);
      const response = await context.fetch(endpoints.userinfoUrl, { headers: { authorization: `Bearer ${tokens.accessToken}` } });
      if (!response.ok) throw new ProviderError('unavailable', `Google did not say whose account this is (HTTP ${response.status}).`, response.status);
      const info = (await response.json()) as { sub?: string; email?: string; name?: string };
      if (!info.sub) throw new ProviderError('bad_request', 'Google did not say whose account this is.');
      return { accountId: info.sub, accountEmail: info.email ?? null, displayName: info.name ?? null, grantedScopes };
    },
  };
}
