/** What the vault needs from the platform: sealing strings at rest and an honest word on how well. */
import type { SecretStorageStatus } from '../../shared/models';

/** Encrypts and decrypts secrets with a key the platform guards (safeStorage, or a key file headless). */
export interface SecretCipher {
  /** Which backend protects the key, and whether it is weak (e.g. Linux `basic_text`). */
  status(): SecretStorageStatus;
  encrypt(plaintext: string): Promise<Buffer>;
  decrypt(sealed: Buffer): Promise<string>;
}
