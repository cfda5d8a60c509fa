/**
 * Slack sign-in for a desktop app: OAuth v2 with PKCE and user scopes only, to a fixed set of
 * registered http://localhost ports (Slack matches redirect URIs exactly), no client secret in the
 * exchange, and token rotation (12-hour access tokens, single-use refresh tokens).
 */
import { ErrorCode } from '@slack/web-api';
import { createPkcePair } from '../../auth/pkce';
import type { StoredTokens } from '../../auth/token-vault';
import { AuthExpiredError, ProviderError } from '../../errors';
import type { OAuthSpec, ProviderContext } from '../provider';
import { createWebClient } from './slack-api';
import { checkSlackClient } from './slack-client-check';
import { SLACK_USER_SCOPES } from '../../../shared/slack-scopes';

/** The ports a person registers as redirect URLs in their Slack app (see README). */
const SLACK_LOOPBACK_PORTS = [53682, 53683, 53684];
const REFRESH_LIFETIME_MS = 30 * 24 * 60 * 60 * 1000;

interface TokenAnswer {
  access_token?: string;
  refresh_token?: string;
  expires_in?: number;
  scope?: string;
  authed_user?: { id?: string; access_token?: string; refresh_token?: string; expires_in?: number; scope?: string };
}

function toTokens(answer: TokenAnswer, now: number): StoredTokens {
  // The code exchange puts the user token under authed_user; a refresh answers at the top level.
  const source = answer.authed_user?.access_token ? answer.authed_user : answer;
  if (!source.access_token) throw new ProviderError('bad_request', 'Slack returned no user token.');
  return {
    accessToken: source.access_token,
    refreshToken: source.refresh_token ?? null,
    expiresAt: source.expires_in ? now + source.expires_in * 1000 : null,
    refreshExpiresAt: source.refresh_token ? now + REFRESH_LIFETIME_MS : null,
    scope: source.scope ?? '',
    tokenType: 'user',
  };
}

function toAuthError(error: unknown, action: string): Error {
  const e = error as { code?: string; data?: { error?: string } };
  const reason = e.code === ErrorCode.PlatformError ? e.data?.error : undefined;
  if (reason === 'invalid_refresh_token' || reason === 'invalid_grant' || reason === 'token_revoked') return new AuthExpiredError();
  if (reason) return new ProviderError('bad_request', `Slack refused to ${action} (${reason}).`, 400);
  return new ProviderError('network', `Slack could not be reached to ${action}.`);
}

/** The OAuth spec for Slack. */
export function createSlackOAuth(context: ProviderContext): OAuthSpec {
  const authorizeUrl = context.env.SLACK_OAUTH_AUTH_URL || 'https://slack.com/oauth/v2/authorize';
  const authorizationUrl: OAuthSpec['authorizationUrl'] = ({ credentials, redirectUri, state, codeChallenge }) => {
    const url = new URL(authorizeUrl);
    url.search = new URLSearchParams({
      client_id: credentials.clientId,
      user_scope: SLACK_USER_SCOPES.join(','),
      redirect_uri: redirectUri,
      state,
      code_challenge: codeChallenge,
      code_challenge_method: 'S256',
    }).toString();
    return url.toString();
  };
  return {
    loopback: { path: '/slack/callback', ports: SLACK_LOOPBACK_PORTS, dualStack: true, redirectHost: 'localhost' },
    authorizationUrl,
    checkClient({ credentials, redirectUri }) {
      return checkSlackClient({
        fetch: context.fetch,
        redirectUri,
        redirectUris: SLACK_LOOPBACK_PORTS.map((port) => `http://localhost:${port}/slack/callback`),
        authorizationUrl: authorizationUrl({ credentials, redirectUri, state: 'client-check', codeChallenge: createPkcePair().challenge }),
      });
    },
    describeDenial(error) {
      if (error !== 'access_denied') return null;
      return 'Slack did not grant access (access_denied): Cancel was pressed, or the workspace only allows apps an admin approved. Ask a workspace admin to approve the app, then connect again.';
    },
    async exchangeCode({ credentials, code, redirectUri, codeVerifier }) {
      try {
        // PKCE desktop apps send no client secret (the typed method insists on one, hence apiCall).
        const answer = await createWebClient(context).apiCall('oauth.v2.access', { client_id: credentials.clientId, code, code_verifier: codeVerifier, redirect_uri: redirectUri });
        return toTokens(answer as TokenAnswer, context.clock.now().getTime());
      } catch (error) {
        throw toAuthError(error, 'finish signing in');
      }
    },
    async refresh(tokens, credentials) {
      try {
        const answer = await createWebClient(context).apiCall('oauth.v2.access', { client_id: credentials.clientId, grant_type: 'refresh_token', refresh_token: tokens.refreshToken });
        return toTokens(answer as TokenAnswer, context.clock.now().getTime());
      } catch (error) {
        throw toAuthError(error, 'refresh the sign-in');
      }
    },
    async revoke(tokens) {
      try {
        await createWebClient(context, tokens.accessToken).apiCall('auth.revoke', {});
      } catch (error) {
        throw toAuthError(error, 'revoke access');
      }
    },
    async account(tokens) {
      try {
        const client = createWebClient(context, tokens.accessToken);
        const who = (await client.apiCall('auth.test', {})) as { user_id?: string; team_id?: string; team?: string; user?: string };
        const info = (await client.apiCall('users.info', { user: who.user_id })) as { user?: { real_name?: string; profile?: { display_name?: string; email?: string } } };
        return {
          accountId: `${who.team_id}:${who.user_id}`,
          accountEmail: info.user?.profile?.email ?? null,
          displayName: `${info.user?.real_name || who.user || who.user_id} (${who.team ?? who.team_id})`,
          grantedScopes: tokens.scope.split(',').filter(Boolean),
        };
      } catch (error) {
        throw toAuthError(error, 'read the account');
      }
    },
  };
}
