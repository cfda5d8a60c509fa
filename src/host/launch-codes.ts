/**
 * One-time launch codes: what `npm run web` puts in the address it opens instead of the bridge token.
 * A browser's command line (/proc/PID/cmdline) and its history can be read by others; a code there is
 * worth nothing once the page has exchanged it (single use) or after a short while (it expires).
 * Codes are kept only as SHA-256 digests and compared in constant time.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** How long a code may wait for its page (the page exchanges it as soon as it loads). */
export const LAUNCH_CODE_TTL_MS = 60_000;
// Each `--open` issues one; a handful at most can be waiting at any time.
const MAX_OUTSTANDING = 8;

/** Issues codes and redeems each at most once. */
export interface LaunchCodes {
  /** A fresh code (256 random bits, URL-safe). */
  issue(): string;
  /** True exactly once per issued code, within its lifetime. */
  redeem(code: string): boolean;
}

const digest = (code: string): Buffer => createHash('sha256').update(code, 'utf8').digest();

/** Creates the code book of one host run; `now` is the clock in milliseconds. */
export function createLaunchCodes(now: () => number = Date.now, ttlMs = LAUNCH_CODE_TTL_MS): LaunchCodes {
  let outstanding: Array<{ digest: Buffer; expiresAt: number }> = [];
  const dropExpired = () => {
    const at = now();
    outstanding = outstanding.filter((entry) => entry.expiresAt > at);
  };
  return {
    issue() {
      dropExpired();
      const code = randomBytes(32).toString('base64url');
      outstanding = [...outstanding.slice(-(MAX_OUTSTANDING - 1)), { digest: digest(code), expiresAt: now() + ttlMs }];
      return code;
    },
    redeem(code) {
      dropExpired();
      if (typeof code !== 'string' || code.length === 0 || code.length > 200) return false;
      const given = digest(code);
      // Every outstanding digest is compared, so the time taken says nothing about which one matched.
      let match = -1;
      outstanding.forEach((entry, index) => {
        if (timingSafeEqual(entry.digest, given)) match = index;
      });
      if (match === -1) return false;
      outstanding = outstanding.filter((_, index) => index !== match);
      return true;
    },
  };
}
