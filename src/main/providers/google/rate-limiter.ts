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
  /**
   * A held grant sized to the budget free now: the most multiples of `step` units up to `max`, once
   * at least `min` fit (fewer when `max` is smaller). Lets a batch fill exactly what the window has left.
   */
  holdUpTo(max: number, step: number, min: number): Promise<HeldUnits>;
}

/** Units granted by `holdUpTo` and the function that ends their request. */
export interface HeldUnits {
  units: number;
  release(): void;
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

  /** Takes between `need` and `max` units (multiples of `step` above `need`) once `need` fit. */
  const take = async (need: number, max: number, step: number, held: boolean): Promise<Spending> => {
    for (;;) {
      const t = now();
      for (let index = spent.length - 1; index >= 0; index -= 1) if (spent[index]!.until <= t) spent.splice(index, 1);
      const used = spent.reduce((sum, entry) => sum + entry.units, 0);
      const free = unitsPerSecond - used;
      if (need <= free || spent.length === 0) {
        const units = Math.max(need, Math.min(max, need + Math.floor((free - need) / Math.max(1, step)) * Math.max(1, step)));
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
        if (free + freed >= need) {
          waitUntil = entry.until;
          break;
        }
      }
      await sleep(Math.max(1, Math.min(waitUntil - t, waitUntil === Infinity ? IN_FLIGHT_RECHECK_MS : Infinity)));
    }
  };

  const release = (entry: Spending) => () => {
    if (entry.until === Infinity) entry.until = now() + windowMs;
  };

  // Serialise acquisitions so concurrent callers are served in order.
  const queued = <T>(work: () => Promise<T>): Promise<T> => {
    const next = chain.then(work);
    chain = next.catch(() => undefined);
    return next;
  };

  return {
    acquire: (units) => queued(() => take(units, units, units, false)).then(() => undefined),
    hold: (units) => queued(async () => release(await take(units, units, units, true))),
    holdUpTo: (max, step, min) =>
      queued(async () => {
        const need = Math.min(max, Math.max(step, Math.ceil(min / step) * step));
        const entry = await take(need, max, step, true);
        return { units: entry.units, release: release(entry) };
      }),
  };
}
