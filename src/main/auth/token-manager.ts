/**
 * Access tokens on demand: refreshed when within 5 minutes of expiry (or when a provider said 401),
 * one refresh at a time per token set however many callers ask (single flight: the services of one
 * Google account share one token set, so they refresh once between them), and the new tokens
 * persisted in the vault before anyone uses them — a rotated refresh token (Slack) is single-use, so
 * losing it would lose the account.
 */
import type { Clock } from '../clock';
import type { StoredTokens, TokenVault } from './token-vault';
import { AuthExpiredError } from '../errors';

/** How close to expiry a token counts as expired. */
const EXPIRY_BUFFER_MS = 5 * 60 * 1000;

/** True when the access token expires within the buffer (tokens without expiry never do). */
export function isTokenExpired(tokens: Pick<StoredTokens, 'expiresAt'>, now: Date, bufferMs = EXPIRY_BUFFER_MS): boolean {
  return tokens.expiresAt !== null && tokens.expiresAt - bufferMs <= now.getTime();
}

/** Exchanges a refresh token for new tokens; throws AuthExpiredError when the grant is gone. */
export type RefreshFunction = (tokens: StoredTokens) => Promise<StoredTokens>;

/** Creates the token manager over the vault. */
export function createTokenManager(vault: TokenVault, clock: Clock) {
  const inFlight = new Map<string, Promise<StoredTokens>>();

  const refreshOnce = (key: string, integrationId: number, current: StoredTokens, refresh: RefreshFunction): Promise<StoredTokens> => {
    const running = inFlight.get(key);
    if (running) return running;
    const promise = (async () => {
      if (!current.refreshToken) throw new AuthExpiredError();
      if (current.refreshExpiresAt && current.refreshExpiresAt <= clock.now().getTime()) throw new AuthExpiredError();
      const fresh = await refresh(current);
      // Providers that do not rotate (Google) omit the refresh token: keep the one we have.
      const merged: StoredTokens = { ...fresh, refreshToken: fresh.refreshToken ?? current.refreshToken, refreshExpiresAt: fresh.refreshExpiresAt ?? current.refreshExpiresAt ?? null };
      await vault.saveTokens(integrationId, merged);
      return merged;
    })().finally(() => inFlight.delete(key));
    inFlight.set(key, promise);
    return promise;
  };

  return {
    /** A valid access token, refreshing first when needed (or when `force` says the provider rejected it). */
    async accessToken(integrationId: number, refresh: RefreshFunction, options: { force?: boolean } = {}): Promise<string> {
      const key = vault.tokenKey(integrationId);
      const running = inFlight.get(key);
      if (running) return (await running).accessToken;
      const tokens = await vault.loadTokens(integrationId);
      if (!tokens) throw new AuthExpiredError('This account has no stored sign-in. Connect it again.');
      if (!options.force && !isTokenExpired(tokens, clock.now())) return tokens.accessToken;
      return (await refreshOnce(key, integrationId, tokens, refresh)).accessToken;
    },
  };
}

/** The token manager's type. */
export type TokenManager = ReturnType<typeof createTokenManager>;
