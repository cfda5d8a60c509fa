/**
 * One place for how we call Google APIs: pace by quota, count calls and units for the sync log,
 * refresh once on 401, honour Retry-After on 429 and rate-limit 403s, retry 5xx only for requests
 * that are safe to repeat, and turn everything else into a typed ProviderError.
 */
import { AuthExpiredError, ProviderError, RateLimitedError } from '../../errors';
import type { ProviderSession } from '../provider';
import type { HeldUnits, RateLimiter } from './rate-limiter';
import { fullJitterBackoffMs } from '../../lib/backoff';

/** The shape of a gaxios error as far as we read it. */
interface GaxiosLikeError {
  status?: number;
  response?: { status?: number; headers?: Headers | Record<string, string>; data?: unknown };
  code?: string;
}

/** Status, Google error reason and Retry-After of a failed call. */
export interface GoogleFailure {
  status: number | null;
  reason: string | null;
  retryAfterMs: number | null;
}

const RATE_LIMIT_REASONS = new Set(['rateLimitExceeded', 'userRateLimitExceeded', 'quotaExceeded', 'dailyLimitExceeded']);
const MAX_ATTEMPTS = 6;

/** Parses Retry-After (seconds or an HTTP date) into milliseconds. */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | null {
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

function header(headers: Headers | Record<string, string> | undefined, name: string): string | null {
  if (!headers) return null;
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name);
  const record = headers as Record<string, string>;
  return record[name] ?? record[name.toLowerCase()] ?? null;
}

/** Extracts what we need from a gaxios/googleapis error. */
export function describeGoogleFailure(error: unknown): GoogleFailure {
  const e = error as GaxiosLikeError;
  const status = e.response?.status ?? e.status ?? null;
  const data = e.response?.data as { error?: { errors?: Array<{ reason?: string }>; status?: string } } | undefined;
  const reason = data?.error?.errors?.[0]?.reason ?? data?.error?.status ?? null;
  return { status, reason, retryAfterMs: parseRetryAfter(header(e.response?.headers, 'retry-after')) };
}

/** True for answers that mean "slow down" rather than "no". */
export function isRateLimit(failure: GoogleFailure): boolean {
  return failure.status === 429 || (failure.status === 403 && failure.reason !== null && RATE_LIMIT_REASONS.has(failure.reason));
}


/** Calls Google for one provider session. */
export interface GoogleCaller {
  /**
   * Runs `request` with an auth header. `units` is the quota cost; `idempotent` marks requests safe
   * to repeat after a server error (GETs, label changes).
   */
  run<T>(name: string, units: number, request: (headers: Record<string, string>) => Promise<T>, options?: { idempotent?: boolean }): Promise<T>;
  /**
   * Runs a request made of up to `sizing.max` calls of `sizing.unitsEach` units (a batch), sized to
   * the quota free now once `sizing.min` calls fit. `sizing.grant(count)` learns the size before the
   * request is made; retries keep it. `request` gets the headers and the count.
   */
  runSized<T>(name: string, sizing: BatchSizing, request: (headers: Record<string, string>, count: number) => Promise<T>, options?: { idempotent?: boolean }): Promise<T>;
}

/** How a sized request may be cut. */
export interface BatchSizing {
  max: number;
  min: number;
  unitsEach: number;
  grant(count: number): void;
}

/** Creates a caller bound to a session and a limiter. */
export function createGoogleCaller(session: ProviderSession, limiter: RateLimiter): GoogleCaller {
  /** The shared attempt loop; `first` takes the quota of the first attempt, later attempts hold as much again. */
  async function attempts<T>(name: string, first: () => Promise<HeldUnits>, request: (headers: Record<string, string>) => Promise<T>, options: { idempotent?: boolean }): Promise<T> {
    let forced = false;
    let units: number | null = null;
    for (let attempt = 0; ; attempt += 1) {
      session.signal.throwIfAborted();
      // Held until the answer is in: Google may charge the call at any point before it answers.
      const held: HeldUnits = units === null ? await first() : { units, release: await limiter.hold(units) };
      units = held.units;
      let token: string;
      try {
        token = await session.accessToken({ force: forced });
      } catch (error) {
        held.release();
        throw error;
      }
      session.meter.record(name, units);
      try {
        const answer = await request({ authorization: `Bearer ${token}` });
        held.release();
        return answer;
      } catch (error) {
        held.release();
        const failure = describeGoogleFailure(error);
        if (failure.status === 401 && !forced) {
          forced = true;
          continue;
        }
        if (failure.status === 401) throw new AuthExpiredError();
        const retryable = isRateLimit(failure) || (options.idempotent !== false && failure.status !== null && failure.status >= 500) || (options.idempotent !== false && failure.status === null);
        if (!retryable || attempt + 1 >= MAX_ATTEMPTS) throw toProviderError(name, failure);
        const wait = failure.retryAfterMs ?? fullJitterBackoffMs(attempt, 1000, 60_000);
        if (isRateLimit(failure)) session.logger.info(`${name} rate limited; waiting ${wait} ms`);
        await session.sleep(wait);
      }
    }
  }

  return {
    run: (name, units, request, options = {}) => attempts(name, async () => ({ units, release: await limiter.hold(units) }), request, options),
    runSized(name, sizing, request, options = {}) {
      let count = 0;
      const first = async () => {
        const held = await limiter.holdUpTo(sizing.max * sizing.unitsEach, sizing.unitsEach, sizing.min * sizing.unitsEach);
        count = Math.max(1, Math.floor(held.units / sizing.unitsEach));
        sizing.grant(count);
        return held;
      };
      return attempts(name, first, (headers) => request(headers, count), options);
    },
  };
}

/** Maps a failure to the error the sync engine understands. */
function toProviderError(name: string, failure: GoogleFailure): ProviderError {
  if (isRateLimit(failure)) return new RateLimitedError(`Google kept answering "slow down" to ${name}.`, failure.retryAfterMs, failure.status ?? 429);
  if (failure.status === 403) return new ProviderError('forbidden', `Google refused ${name} (${failure.reason ?? 'forbidden'}): the permission may not have been granted.`, 403);
  if (failure.status === 404) return new ProviderError('not_found', `Google did not find what ${name} asked for.`, 404);
  if (failure.status === 410) return new ProviderError('not_found', `Google says the sync position for ${name} expired.`, 410);
  if (failure.status !== null && failure.status >= 500) return new ProviderError('unavailable', `Google had a problem answering ${name} (HTTP ${failure.status}).`, failure.status);
  if (failure.status === null) return new ProviderError('network', `Google could not be reached for ${name}.`);
  return new ProviderError('bad_request', `Google rejected ${name} (HTTP ${failure.status}).`, failure.status);
}
