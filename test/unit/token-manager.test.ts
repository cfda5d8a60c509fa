import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAesGcmCipher } from '../../src/main/auth/aes-gcm-cipher';
import { createTokenManager, isTokenExpired } from '../../src/main/auth/token-manager';
import { createTokenVault, type StoredTokens, type TokenVault } from '../../src/main/auth/token-vault';
import { AuthExpiredError } from '../../src/main/errors';
import { Redactor } from '../../src/main/logging/redactor';
import { createTestDatabase, type TestDatabase } from '../helpers/temp-db';

let t: TestDatabase;
let vault: TokenVault;
let integrationId: number;
beforeEach(async () => {
  t = createTestDatabase();
  vault = createTokenVault({ cipher: createAesGcmCipher(Buffer.alloc(32, 9), 'test'), integrations: t.repos.integrations, accounts: t.repos.accounts, secrets: t.repos.secrets, redactor: new Redactor(), allowWeakStorage: () => false });
  integrationId = t.repos.integrations.create({ provider: 'slack', status: 'connected' }).id;
});
afterEach(() => t.close());

const base: StoredTokens = { accessToken: 'old-access', refreshToken: 'refresh-1', expiresAt: 0, scope: '', tokenType: 'Bearer' };

describe('token expiry', () => {
  it('treats a token as expired five minutes early; a token without expiry never expires', () => {
    const now = new Date('2026-01-01T12:00:00Z');
    expect(isTokenExpired({ expiresAt: now.getTime() + 4 * 60_000 }, now)).toBe(true);
    expect(isTokenExpired({ expiresAt: now.getTime() + 6 * 60_000 }, now)).toBe(false);
    expect(isTokenExpired({ expiresAt: null }, now)).toBe(false);
  });
});

describe('single-flight refresh', () => {
  it('five concurrent callers share one refresh, and the rotated refresh token is stored before anyone gets the access token', async () => {
    await vault.saveTokens(integrationId, base);
    const manager = createTokenManager(vault, t.clock);
    let refreshes = 0;
    let storedWhenResolved: string | null | undefined;
    const refresh = async (tokens: StoredTokens): Promise<StoredTokens> => {
      refreshes += 1;
      expect(tokens.refreshToken).toBe('refresh-1');
      await new Promise((resolve) => setTimeout(resolve, 20));
      return { ...tokens, accessToken: 'new-access', refreshToken: 'refresh-2', expiresAt: t.clock.now().getTime() + 12 * 3600_000 };
    };
    const results = await Promise.all(
      Array.from({ length: 5 }, async () => {
        const token = await manager.accessToken(integrationId, refresh);
        storedWhenResolved = (await vault.loadTokens(integrationId))?.refreshToken;
        return token;
      }),
    );
    expect(results).toEqual(Array(5).fill('new-access'));
    expect(refreshes).toBe(1);
    expect(storedWhenResolved).toBe('refresh-2');
    // Fresh now: no further refresh.
    expect(await manager.accessToken(integrationId, refresh)).toBe('new-access');
    expect(refreshes).toBe(1);
  });

  it('keeps the refresh token when the provider does not rotate it (Google)', async () => {
    await vault.saveTokens(integrationId, base);
    const manager = createTokenManager(vault, t.clock);
    await manager.accessToken(integrationId, async () => ({ ...base, accessToken: 'a2', refreshToken: null, expiresAt: Date.now() + 3600_000 }));
    expect((await vault.loadTokens(integrationId))?.refreshToken).toBe('refresh-1');
  });

  it('forces a refresh after a 401 even when the token looks fresh', async () => {
    await vault.saveTokens(integrationId, { ...base, expiresAt: t.clock.now().getTime() + 3600_000 });
    const manager = createTokenManager(vault, t.clock);
    let calls = 0;
    const token = await manager.accessToken(integrationId, async () => ({ ...base, accessToken: `forced-${++calls}`, expiresAt: null }), { force: true });
    expect(token).toBe('forced-1');
  });

  it('fails with AuthExpired when the grant is gone, and every waiting caller sees it', async () => {
    await vault.saveTokens(integrationId, base);
    const manager = createTokenManager(vault, t.clock);
    const refresh = async () => {
      throw new AuthExpiredError();
    };
    const outcomes = await Promise.allSettled([1, 2, 3].map(() => manager.accessToken(integrationId, refresh)));
    expect(outcomes.every((outcome) => outcome.status === 'rejected' && outcome.reason instanceof AuthExpiredError)).toBe(true);
    // The old tokens are still there; nothing half-written.
    expect((await vault.loadTokens(integrationId))?.refreshToken).toBe('refresh-1');
  });

  it('refuses to use an expired refresh token or none at all', async () => {
    const manager = createTokenManager(vault, t.clock);
    await expect(manager.accessToken(integrationId, async () => base)).rejects.toBeInstanceOf(AuthExpiredError);
    await vault.saveTokens(integrationId, { ...base, refreshExpiresAt: t.clock.now().getTime() - 1 });
    await expect(manager.accessToken(integrationId, async () => base)).rejects.toBeInstanceOf(AuthExpiredError);
  });

  it('the services of one account share one token set: three integrations, one refresh, one stored result', async () => {
    const account = t.repos.accounts.upsert({ family: 'google', accountId: 'sub-1', accountEmail: 'me@example.com', displayName: null });
    const services = ['gmail', 'google_calendar', 'google_tasks'] as const;
    const ids = services.map((provider) => {
      const id = t.repos.integrations.create({ provider, status: 'connected' }).id;
      t.repos.integrations.setAccountRef(id, account.id);
      return id;
    });
    await vault.saveAccountTokens(account.id, base);
    expect(new Set(ids.map((id) => vault.tokenKey(id)))).toEqual(new Set([`account:${account.id}`]));
    const manager = createTokenManager(vault, t.clock);
    let refreshes = 0;
    const refresh = async (tokens: StoredTokens): Promise<StoredTokens> => {
      refreshes += 1;
      await new Promise((resolve) => setTimeout(resolve, 20));
      return { ...tokens, accessToken: 'shared-new', refreshToken: null, expiresAt: t.clock.now().getTime() + 3600_000 };
    };
    const tokens = await Promise.all(ids.flatMap((id) => [manager.accessToken(id, refresh), manager.accessToken(id, refresh)]));
    expect(tokens).toEqual(Array(6).fill('shared-new'));
    expect(refreshes).toBe(1);
    expect((await vault.loadAccountTokens(account.id))?.accessToken).toBe('shared-new');
    expect((await vault.loadAccountTokens(account.id))?.refreshToken).toBe('refresh-1');
    // An integration that still holds its own token set (an older connection) refreshes on its own.
    const legacy = t.repos.integrations.create({ provider: 'gmail', status: 'connected' }).id;
    t.repos.integrations.setAccountRef(legacy, account.id);
    await vault.saveOwnTokens(legacy, { ...base, accessToken: 'legacy-old' });
    expect(vault.tokenKey(legacy)).toBe(`integration:${legacy}`);
    expect(await manager.accessToken(legacy, async (own) => ({ ...own, accessToken: 'legacy-new', expiresAt: null }))).toBe('legacy-new');
    expect((await vault.loadAccountTokens(account.id))?.accessToken).toBe('shared-new');
  });
});
