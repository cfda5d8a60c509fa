/**
 * The one place secrets are sealed and opened. OAuth tokens live sealed in their integration's row,
 * or in their account's row when several services share one sign-in (a Google account); settings
 * secrets in `app_secrets`. Plaintext exists only in memory in the main process, and every value
 * handled is registered with the log redactor.
 */
import type { SecretName } from '../../shared/models';
import type { AccountRepository } from '../db/account-repository';
import type { IntegrationRepository } from '../db/integration-repository';
import type { SecretRepository } from '../db/secret-repository';
import type { Redactor } from '../logging/redactor';
import type { SecretCipher } from './secret-cipher';

/** OAuth tokens as stored for one integration. */
export interface StoredTokens {
  accessToken: string;
  refreshToken: string | null;
  /** Access token expiry, epoch milliseconds, or null when it does not expire. */
  expiresAt: number | null;
  /** Refresh token expiry (Slack rotation: 30 days), epoch ms, or null. */
  refreshExpiresAt?: number | null;
  scope: string;
  tokenType: string;
}

/** Thrown when the platform can only store secrets with a weak key and the person has not agreed to that. */
export class WeakSecretStorageError extends Error {
  constructor(backend: string) {
    super(
      `This computer has no secure key store for the app (backend: ${backend}), so secrets would be stored with a well-known key. ` +
        'Install and unlock a keyring (GNOME Keyring or KWallet), or allow weak storage explicitly in Settings.',
    );
    this.name = 'WeakSecretStorageError';
  }
}

/** Collaborators of the vault. */
export interface TokenVaultDeps {
  cipher: SecretCipher;
  integrations: IntegrationRepository;
  accounts: AccountRepository;
  secrets: SecretRepository;
  redactor: Redactor;
  /** Whether the person agreed to weak storage (Settings). */
  allowWeakStorage: () => boolean;
}

/** Creates the vault. */
export function createTokenVault(deps: TokenVaultDeps) {
  const { cipher, integrations, accounts, secrets, redactor } = deps;

  const seal = async (plaintext: string): Promise<Buffer> => {
    const status = cipher.status();
    if (!status.available || (status.weak && !deps.allowWeakStorage())) throw new WeakSecretStorageError(status.backend);
    redactor.add(plaintext);
    return cipher.encrypt(plaintext);
  };

  const open = async (blob: Buffer): Promise<string> => {
    const plaintext = await cipher.decrypt(blob);
    redactor.add(plaintext);
    return plaintext;
  };

  const registerTokens = (tokens: StoredTokens) => {
    redactor.add(tokens.accessToken);
    redactor.add(tokens.refreshToken);
  };

  const openTokens = async (blob: Buffer | null): Promise<StoredTokens | null> => {
    if (!blob) return null;
    const tokens = JSON.parse(await open(blob)) as StoredTokens;
    registerTokens(tokens);
    return tokens;
  };

  return {
    /** Seals and stores an integration's tokens (in its account's row when it shares its account's sign-in). */
    async saveTokens(integrationId: number, tokens: StoredTokens): Promise<void> {
      registerTokens(tokens);
      const sealed = await seal(JSON.stringify(tokens));
      const home = integrations.credentialHome(integrationId);
      if (home.kind === 'account') accounts.setSealedCredentials(home.accountId, sealed);
      else integrations.setSealedCredentials(integrationId, sealed);
    },
    /** Seals and stores a token set the integration holds on its own (a connection of one service). */
    async saveOwnTokens(integrationId: number, tokens: StoredTokens): Promise<void> {
      registerTokens(tokens);
      integrations.setSealedCredentials(integrationId, await seal(JSON.stringify(tokens)));
    },
    /** Opens an integration's tokens (its own, else its account's), or null when none are stored. */
    async loadTokens(integrationId: number): Promise<StoredTokens | null> {
      const home = integrations.credentialHome(integrationId);
      return openTokens(home.kind === 'account' ? accounts.getSealedCredentials(home.accountId) : integrations.getSealedCredentials(integrationId));
    },
    /** Deletes an integration's own tokens (an account's shared tokens go with `deleteAccountTokens`). */
    deleteTokens(integrationId: number): void {
      integrations.setSealedCredentials(integrationId, null);
    },
    /**
     * The key the token manager refreshes under: one per token set, so the services of one account
     * refresh once between them.
     */
    tokenKey(integrationId: number): string {
      const home = integrations.credentialHome(integrationId);
      return home.kind === 'account' ? `account:${home.accountId}` : `integration:${integrationId}`;
    },
    /** Seals and stores an account's shared tokens. */
    async saveAccountTokens(accountId: number, tokens: StoredTokens): Promise<void> {
      registerTokens(tokens);
      accounts.setSealedCredentials(accountId, await seal(JSON.stringify(tokens)));
    },
    /** Opens an account's shared tokens, or null. */
    loadAccountTokens: (accountId: number): Promise<StoredTokens | null> => openTokens(accounts.getSealedCredentials(accountId)),
    /** Deletes an account's shared tokens. */
    deleteAccountTokens(accountId: number): void {
      accounts.setSealedCredentials(accountId, null);
    },
    /** Seals and stores a named secret from Settings. */
    async setSecret(name: SecretName, value: string): Promise<void> {
      secrets.put(name, await seal(value));
    },
    /** Opens a named secret, or null. */
    async getSecret(name: SecretName): Promise<string | null> {
      const blob = secrets.get(name);
      return blob ? open(blob) : null;
    },
    /** Deletes a named secret. */
    deleteSecret(name: SecretName): void {
      secrets.remove(name);
    },
    /** Whether a named secret is stored (without opening it). */
    hasSecret(name: SecretName): boolean {
      return secrets.get(name) !== null;
    },
    /** The platform's storage status. */
    status: () => cipher.status(),
  };
}

/** The vault's type. */
export type TokenVault = ReturnType<typeof createTokenVault>;
