/**
 * The headless host's cipher: AES-256-GCM with a key from INTEGRATION_ENCRYPTION_KEY or a 0600 key
 * file in the data dir (created on first use). Blob layout: version(1) | iv(12) | tag(16) | ciphertext.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { ensurePrivateFile, makeFilesPrivate } from '../security/private-files';
import type { SecretStorageStatus } from '../../shared/models';
import type { SecretCipher } from './secret-cipher';

const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** Thrown when a key is malformed or a blob cannot be opened with it. */
class CipherError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CipherError';
  }
}

/** Decodes a base64 key and checks it is 32 bytes. */
export function parseKey(base64: string, origin: string): Buffer {
  const key = Buffer.from(base64.trim(), 'base64');
  if (key.length !== 32) throw new CipherError(`${origin} must be 32 bytes encoded in base64 (got ${key.length} bytes).`);
  return key;
}

/** Reads the key from the environment value, else from (or into) the key file with mode 0600. */
export function loadOrCreateKey(envValue: string | undefined, keyFile: string): { key: Buffer; source: string } {
  if (envValue && envValue.trim() !== '') return { key: parseKey(envValue, 'INTEGRATION_ENCRYPTION_KEY'), source: 'environment key' };
  if (existsSync(keyFile)) {
    makeFilesPrivate([keyFile]);
    return { key: parseKey(readFileSync(keyFile, 'utf8'), keyFile), source: 'key file' };
  }
  const key = randomBytes(32);
  // Created 0600 before the key is written into it, whatever the umask.
  ensurePrivateFile(keyFile);
  writeFileSync(keyFile, key.toString('base64'), { flag: 'r+' });
  return { key, source: 'key file' };
}

/** AES-256-GCM cipher over a fixed key. */
export function createAesGcmCipher(key: Buffer, source: string): SecretCipher {
  if (key.length !== 32) throw new CipherError('The encryption key must be 32 bytes.');
  const status: SecretStorageStatus = {
    backend: `aes-256-gcm (${source})`,
    available: true,
    weak: false,
    explanation:
      source === 'key file'
        ? 'Secrets are encrypted with a key kept in a file only your user can read in the data folder.'
        : 'Secrets are encrypted with the key given in INTEGRATION_ENCRYPTION_KEY.',
  };
  return {
    status: () => status,
    async encrypt(plaintext) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), body]);
    },
    async decrypt(sealed) {
      if (sealed.length < 1 + IV_BYTES + TAG_BYTES || sealed[0] !== VERSION) throw new CipherError('The stored secret is not in a known format.');
      const iv = sealed.subarray(1, 1 + IV_BYTES);
      const tag = sealed.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
      const decipher = createDecipheriv('aes-256-gcm', key, iv);
      decipher.setAuthTag(tag);
      try {
        return Buffer.concat([decipher.update(sealed.subarray(1 + IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
      } catch {
        throw new CipherError('The stored secret could not be decrypted with this key.');
      }
    },
  };
}
