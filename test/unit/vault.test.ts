import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAesGcmCipher, loadOrCreateKey, parseKey } from '../../src/main/auth/aes-gcm-cipher';
import type { SecretCipher } from '../../src/main/auth/secret-cipher';
import { createTokenVault, WeakSecretStorageError } from '../../src/main/auth/token-vault';
import { createLogger, type LogRecord } from '../../src/main/logging/logger';
import { Redactor } from '../../src/main/logging/redactor';
import { createTestDatabase, type TestDatabase } from '../helpers/temp-db';

const ACCESS = 'ya29.MARKER-access-token-0123456789';
const REFRESH = '1//MARKER-refresh-token-abcdefghijklmnop';

let t: TestDatabase;
beforeEach(() => {
  t = createTestDatabase();
});
afterEach(() => t.close());

function vaultWith(cipher: SecretCipher, allowWeak = false) {
  return createTokenVault({ cipher, integrations: t.repos.integrations, accounts: t.repos.accounts, secrets: t.repos.secrets, redactor: new Redactor(), allowWeakStorage: () => allowWeak });
}

function filesContaining(dir: string, needle: string): string[] {
  return readdirSync(dir)
    .map((name) => join(dir, name))
    .filter((file) => statSync(file).isFile() && readFileSync(file).includes(Buffer.from(needle)));
}

describe('token vault', () => {
  it('stores tokens sealed: neither the database nor its WAL holds them in clear', async () => {
    const { key, source } = loadOrCreateKey(undefined, join(t.dir, 'vault.key'));
    const vault = vaultWith(createAesGcmCipher(key, source));
    const integration = t.repos.integrations.create({ provider: 'gmail', status: 'connected' });
    await vault.saveTokens(integration.id, { accessToken: ACCESS, refreshToken: REFRESH, expiresAt: 1, scope: 'email', tokenType: 'Bearer' });
    await vault.setSecret('llmApiKey', 'sk-MARKER-llm-key-000000000000');
    expect(await vault.loadTokens(integration.id)).toMatchObject({ accessToken: ACCESS, refreshToken: REFRESH });
    expect(await vault.getSecret('llmApiKey')).toBe('sk-MARKER-llm-key-000000000000');
    t.db.pragma('wal_checkpoint(PASSIVE)');
    expect(readdirSync(t.dir).some((name) => name.endsWith('-wal'))).toBe(true);
    expect(filesContaining(t.dir, 'MARKER')).toEqual([]);
    vault.deleteTokens(integration.id);
    expect(await vault.loadTokens(integration.id)).toBeNull();
  });

  it('creates the key file with mode 0600 and reuses it', () => {
    const file = join(t.dir, 'vault.key');
    const first = loadOrCreateKey(undefined, file);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(loadOrCreateKey(undefined, file).key.equals(first.key)).toBe(true);
  });

  it('rejects a malformed INTEGRATION_ENCRYPTION_KEY with a clear sentence', () => {
    expect(() => parseKey('c2hvcnQ=', 'INTEGRATION_ENCRYPTION_KEY')).toThrow(/must be 32 bytes/);
  });

  it('refuses to open a blob sealed with another key', async () => {
    const a = createAesGcmCipher(Buffer.alloc(32, 1), 'test');
    const b = createAesGcmCipher(Buffer.alloc(32, 2), 'test');
    await expect(b.decrypt(await a.encrypt('secret'))).rejects.toThrow(/could not be decrypted/);
  });

  it('refuses a weak backend unless the person opted in', async () => {
    const inner = createAesGcmCipher(Buffer.alloc(32, 3), 'test');
    const weak: SecretCipher = { ...inner, status: () => ({ backend: 'basic_text', available: true, weak: true, explanation: '' }) };
    await expect(vaultWith(weak).setSecret('llmApiKey', 'sk-123456789')).rejects.toBeInstanceOf(WeakSecretStorageError);
    await expect(vaultWith(weak, true).setSecret('llmApiKey', 'sk-123456789')).resolves.toBeUndefined();
  });
});

describe('redacting logger', () => {
  it('never writes a secret the vault handled, a token-shaped string or a secret-named field', async () => {
    const redactor = new Redactor();
    const records: LogRecord[] = [];
    const logger = createLogger((record) => records.push(record), redactor, () => new Date(0));
    const vault = createTokenVault({ cipher: createAesGcmCipher(Buffer.alloc(32, 4), 'test'), integrations: t.repos.integrations, accounts: t.repos.accounts, secrets: t.repos.secrets, redactor, allowWeakStorage: () => false });
    await vault.setSecret('gmailClientSecret', 'plain-client-secret-value');
    logger.error('token exchange failed for plain-client-secret-value', { headers: { authorization: 'Bearer abc.def' }, body: 'xoxp-1234-5678', refresh_token: 'whatever', nested: [{ note: 'sk-abcdefghijklmnopqrstuvwxyz' }] });
    const text = JSON.stringify(records);
    expect(text).not.toMatch(/plain-client-secret-value|abc\.def|xoxp-1234|whatever|sk-abcdefgh/);
    expect(text).toContain('[redacted]');
  });
});
