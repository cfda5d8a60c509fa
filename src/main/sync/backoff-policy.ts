/** When to try again after a failed sync: exponential backoff, never sooner than the provider asked. */
import { exponentialMs, jitter, type Random } from '../lib/backoff';

const MINUTE = 60_000;

/**
 * Delay before the next attempt after `failures` failures in a row: 1, 2, 4... minutes with ±10%
 * jitter, capped at the integration's own frequency (a failing account is never polled faster than a
 * healthy one would be... nor slower than once per frequency), and at least Retry-After.
 */
export function retryDelayMs(failures: number, frequencyMinutes: number, retryAfterMs: number | null, random: Random = Math.random): number {
  const capped = exponentialMs(failures - 1, MINUTE, Math.max(MINUTE, frequencyMinutes * MINUTE));
  return Math.max(jitter(capped, 0.1, random), retryAfterMs ?? 0);
}
