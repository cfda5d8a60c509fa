/** When to try again after a failed sync: exponential backoff, never sooner than the provider asked. */

const MINUTE = 60_000;

/**
 * Delay before the next attempt after `failures` failures in a row: 1, 2, 4... minutes with ±10%
 * jitter, capped at the integration's own frequency (a failing account is never polled faster than a
 * healthy one would be... nor slower than once per frequency), and at least Retry-After.
 */
export function retryDelayMs(failures: number, frequencyMinutes: number, retryAfterMs: number | null, random: () => number = Math.random): number {
  const exponential = MINUTE * 2 ** Math.max(0, failures - 1);
  const capped = Math.min(exponential, Math.max(MINUTE, frequencyMinutes * MINUTE));
  const jittered = Math.round(capped * (0.9 + random() * 0.2));
  return Math.max(jittered, retryAfterMs ?? 0);
}
