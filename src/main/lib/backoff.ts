/**
 * The one place backoff and jitter are computed: provider retries, failed syncs, the outbox, the
 * scheduler's timer and the next planned sync all spread their waits the same way.
 */

/** A source of randomness in [0, 1), injectable so tests are deterministic. */
export type Random = () => number;

/** `ms` spread by ±`spread` (0.1 = ±10%) so many clients do not fire in lockstep. */
export function jitter(ms: number, spread: number, random: Random = Math.random): number {
  return Math.round(ms * (1 - spread + random() * 2 * spread));
}

/** Doubling delay: `baseMs` × 2^`step`, capped at `capMs`. */
export function exponentialMs(step: number, baseMs: number, capMs: number): number {
  return Math.min(capMs, baseMs * 2 ** Math.max(0, step));
}

/** Exponential backoff with full jitter (a random wait up to the doubled delay), for retrying a request. */
export function fullJitterBackoffMs(attempt: number, baseMs: number, capMs: number, random: Random = Math.random): number {
  return Math.round(random() * exponentialMs(attempt, baseMs, capMs));
}
