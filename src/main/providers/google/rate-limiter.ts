/**
 * Client-side quota pacing: a one-second sliding window of quota units (Gmail allows 250 units per
 * user per second). Waiting here is cheaper than being answered 429 and backing off.
 */

/** Paces requests to a units-per-second budget. */
export interface RateLimiter {
  /** Resolves when `units` fit in the window (a request larger than the budget waits for an empty window). */
  acquire(units: number): Promise<void>;
}

/** Creates a limiter; `now` and `sleep` are injectable for tests. */
export function createRateLimiter(unitsPerSecond: number, now: () => number = () => performance.now(), sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms))): RateLimiter {
  const spent: Array<{ at: number; units: number }> = [];
  let chain: Promise<void> = Promise.resolve();
  const windowMs = 1000;

  const take = async (units: number) => {
    for (;;) {
      const t = now();
      while (spent.length > 0 && spent[0]!.at <= t - windowMs) spent.shift();
      const used = spent.reduce((sum, entry) => sum + entry.units, 0);
      if (used + units <= unitsPerSecond || spent.length === 0) {
        spent.push({ at: t, units });
        return;
      }
      // Wait until enough of the oldest spending leaves the window.
      let freed = 0;
      let waitUntil = t;
      for (const entry of spent) {
        freed += entry.units;
        waitUntil = entry.at + windowMs;
        if (used - freed + units <= unitsPerSecond) break;
      }
      await sleep(Math.max(1, waitUntil - t));
    }
  };

  return {
    acquire(units) {
      // Serialise acquisitions so concurrent callers are served in order.
      const next = chain.then(() => take(units));
      chain = next.catch(() => undefined);
      return next;
    },
  };
}
