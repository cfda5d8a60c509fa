/** Small statistics and timing helpers shared by the benchmark parts. */

/** The middle value (the upper one of an even count); NaN for no values. */
export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

/** Nearest-rank percentile (p in 0..100); NaN for no values. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  // Nearest rank: the smallest value with at least p% of the values at or below it.
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(sorted.length, rank) - 1]!;
}

/** Rounds to `digits` decimals (figures in the output stay readable). */
export function round(value: number, digits = 2): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** Milliseconds elapsed since `start` (a performance.now() value). */
export function since(start: number): number {
  return performance.now() - start;
}

/** A part that ran out of its time budget. */
export class PartTimeout extends Error {
  constructor(part: string, ms: number) {
    super(`${part} did not finish within ${Math.round(ms / 1000)} s`);
    this.name = 'PartTimeout';
  }
}

/**
 * Runs `work` with a deadline. The work gets an AbortSignal so it can stop its children and servers;
 * the promise rejects with PartTimeout at the deadline whether or not the work has stopped yet.
 */
export async function withDeadline<T>(part: string, ms: number, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new PartTimeout(part, ms);
      controller.abort(error);
      reject(error);
    }, ms);
  });
  try {
    return await Promise.race([work(controller.signal), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** A deterministic pseudo-random generator (mulberry32), so every run benchmarks the same corpus. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
