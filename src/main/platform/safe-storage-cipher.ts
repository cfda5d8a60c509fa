/**
 * The vault's cipher in the desktop app: Electron safeStorage (Keychain, DPAPI, libsecret/kwallet).
 * Uses the asynchronous API where this Electron has it (it is the only one from Electron 46 on), and
 * reports Linux's `basic_text` backend as weak so the vault refuses it unless the person opts in.
 */
import { safeStorage } from 'electron';
import type { SecretCipher } from '../auth/secret-cipher';
import type { SecretStorageStatus } from '../../shared/models';

interface AsyncSafeStorage {
  isAsyncEncryptionAvailable(): Promise<boolean>;
  encryptStringAsync(plainText: string): Promise<Buffer>;
  decryptStringAsync(encrypted: Buffer): Promise<{ result: string } | string>;
}

function asyncApi(): AsyncSafeStorage | null {
  const candidate = safeStorage as unknown as Partial<AsyncSafeStorage>;
  return typeof candidate.encryptStringAsync === 'function' && typeof candidate.decryptStringAsync === 'function'
    ? (candidate as AsyncSafeStorage)
    : null;
}

function describe(): SecretStorageStatus {
  const backend = process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : process.platform === 'darwin' ? 'keychain' : 'dpapi';
  const available = asyncApi() !== null || safeStorage.isEncryptionAvailable();
  const weak = backend === 'basic_text' || backend === 'unknown';
  return {
    backend,
    available,
    weak,
    explanation: weak
      ? 'No keyring was found, so secrets would be encrypted with a fixed, well-known key. Install or unlock GNOME Keyring or KWallet, or allow weak storage explicitly.'
      : 'Secrets are encrypted with a key kept by your operating system.',
  };
}

/** The safeStorage cipher; the status is read once safeStorage is ready (after app ready). */
export function createSafeStorageCipher(): SecretCipher {
  return {
    status: describe,
    async encrypt(plaintext) {
      const api = asyncApi();
      return api ? api.encryptStringAsync(plaintext) : safeStorage.encryptString(plaintext);
    },
    async decrypt(sealed) {
      const api = asyncApi();
      if (!api) return safeStorage.decryptString(sealed);
      const result = await api.decryptStringAsync(sealed);
      return typeof result === 'string' ? result : result.result;
    },
  };
}
