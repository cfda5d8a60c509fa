/**
 * Client-side quota pacing: a one-second sliding window of quota units (Gmail allows 250 units per
 * user per second). Waiting here is cheaper than being answered 429 and backing off (Google's
 * Retry-After is whole seconds).
 *
 * Google charges a call when it arrives, somewhere between our send and its answer, and network
 * latency varies per request. Spending stamped at send time can therefore land in Google's window
 * next to spending it has not yet forgotten, and the second call gets 429. `hold` closes that gap:
 * the units count as spent "now" until the request has ended, and leave the window one second after.
 */

/** Paces requests to a units-per-second budget. */
export interface RateLimiter {
  /** Resolves when `units` fit in the window; they are stamped now (a request larger than the budget waits for an empty window). */
  acquire(units: number): Promise<void>;
  /**
   * Like `acquire`, but the units stay in the window until the returned function is called (when
   * the request has been answered or has failed) and leave it one second after that.
   */
  hold(units: number): Promise<() => void>;
}

interface Spending {
  units: number;
  /** When the units leave the window; Infinity while their request is in flight. */
  until: number;
}

/** While only in-flight spending could make room, look again this often (a release frees it one second later at the earliest). */
const IN_FLIGHT_RECHECK_MS = 20;

/** Creates a limiter; `now` and `sleep` are injectable for tests. */
export function createRateLimiter(unitsPerSecond: number, now: () => number = () => performance.now(), sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms))): RateLimiter {
  const spent: Spending[] = [];
  let chain: Promise<unknown> = Promise.resolve();
  const windowMs = 1000;

  const take = async (units: number, held: boolean): Promise<Spending> => {
    for (;;) {
      const t = now();
      for (let index = spent.length - 1; index >= 0; index -= 1) if (spent[index]!.until <= t) spent.splice(index, 1);
      const used = spent.reduce((sum, entry) => sum + entry.units, 0);
      if (used + units <= unitsPerSecond || spent.length === 0) {
        const entry = { units, until: held ? Infinity : t + windowMs };
        spent.push(entry);
        return entry;
      }
      // Wait until enough of the earliest-leaving spending is gone; in-flight spending has no date yet.
      const leaving = spent.filter((entry) => entry.until !== Infinity).sort((a, b) => a.until - b.until);
      let freed = 0;
      let waitUntil = Infinity;
      for (const entry of leaving) {
        freed += entry.units;
        if (used - freed + units <= unitsPerSecond) {
          waitUntil = entry.until;
          break;
        }
      }
      await sleep(Math.max(1, Math.min(waitUntil - t, waitUntil === Infinity ? IN_FLIGHT_RECHECK_MS : Infinity)));
    }
  };

  // Serialise acquisitions so concurrent callers are served in order.
  const queued = <T>(work: () => Promise<T>): Promise<T> => {
    const next = chain.then(work);
    chain = next.catch(() => undefined);
    return next;
  };

  return {
    acquire: (units) => queued(() => take(units, false)).then(() => undefined),
    hold: (units) =>
      queued(async () => {
        const entry = await take(units, true);
        return () => {
          if (entry.until === Infinity) entry.until = now() + windowMs;
        };
      }),
  };
}
