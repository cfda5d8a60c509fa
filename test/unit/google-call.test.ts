import { describe, expect, it } from 'vitest';
import { buildBatchBody, parseBatchResponse } from '../../src/main/providers/gmail/gmail-batch';
import { fullJitterBackoffMs, jitter } from '../../src/main/lib/backoff';
import { describeGoogleFailure, isRateLimit, parseRetryAfter } from '../../src/main/providers/google/google-call';
import { createRateLimiter } from '../../src/main/providers/google/rate-limiter';
import { retryDelayMs } from '../../src/main/sync/backoff-policy';

describe('retry policy', () => {
  it('parses Retry-After as seconds or as an HTTP date', () => {
    expect(parseRetryAfter('7')).toBe(7000);
    expect(parseRetryAfter('Wed, 21 Oct 2026 07:28:10 GMT', Date.parse('Wed, 21 Oct 2026 07:28:00 GMT'))).toBe(10_000);
    expect(parseRetryAfter('soon')).toBeNull();
    expect(parseRetryAfter(null)).toBeNull();
  });

  it('treats 429 and rate-limit 403s as "slow down", other 403s as refusals', () => {
    const error = (status: number, reason: string) => ({ response: { status, headers: new Headers({ 'retry-after': '3' }), data: { error: { errors: [{ reason }] } } } });
    expect(isRateLimit(describeGoogleFailure(error(429, 'rateLimitExceeded')))).toBe(true);
    expect(isRateLimit(describeGoogleFailure(error(403, 'userRateLimitExceeded')))).toBe(true);
    expect(isRateLimit(describeGoogleFailure(error(403, 'insufficientPermissions')))).toBe(false);
    expect(describeGoogleFailure(error(429, 'x')).retryAfterMs).toBe(3000);
  });

  it('backs off exponentially with jitter, capped', () => {
    expect(fullJitterBackoffMs(0, 1000, 60_000, () => 1)).toBe(1000);
    expect(fullJitterBackoffMs(3, 1000, 60_000, () => 1)).toBe(8000);
    expect(fullJitterBackoffMs(20, 1000, 60_000, () => 1)).toBe(60_000);
    expect(fullJitterBackoffMs(3, 1000, 60_000, () => 0)).toBe(0);
    expect(jitter(10_000, 0.2, () => 0)).toBe(8000);
    expect(jitter(10_000, 0.2, () => 0.5)).toBe(10_000);
    expect(jitter(10_000, 0.1, () => 0.999999)).toBe(11_000);
  });

  it('spaces failed syncs 1, 2, 4 minutes up to the frequency, never before Retry-After', () => {
    expect(retryDelayMs(1, 15, null, () => 0.5)).toBe(60_000);
    expect(retryDelayMs(3, 15, null, () => 0.5)).toBe(240_000);
    expect(retryDelayMs(10, 15, null, () => 0.5)).toBe(900_000);
    expect(retryDelayMs(1, 15, 300_000, () => 0.5)).toBe(300_000);
  });
});

describe('quota pacing', () => {
  it('never lets more than the budget through in any one-second window', async () => {
    let clock = 0;
    const grants: number[] = [];
    const limiter = createRateLimiter(250, () => clock, async (ms) => {
      clock += ms;
    });
    for (let index = 0; index < 30; index += 1) {
      await limiter.acquire(50);
      grants.push(clock);
    }
    for (const at of grants) expect(grants.filter((other) => other > at - 1000 && other <= at).length * 50).toBeLessThanOrEqual(250);
    expect(clock).toBeGreaterThanOrEqual(5000);
  });
});

describe('quota holds (units spent until the answer, then for one second)', () => {
  function simulated() {
    let clock = 0;
    const limiter = createRateLimiter(250, () => clock, async (ms) => {
      clock += ms;
    });
    return { limiter, advance: (ms: number) => (clock += ms), now: () => clock };
  }

  it('keeps held units in the window while the request is in flight, and one second after it ends', async () => {
    const { limiter, advance, now } = simulated();
    const release = await limiter.hold(200);
    advance(5000);
    // Still in flight after 5 s: a second 200-unit request must wait for the release.
    let granted = false;
    const second = limiter.hold(200).then((done) => {
      granted = true;
      return done;
    });
    await Promise.resolve();
    expect(granted).toBe(false);
    release();
    const started = now();
    (await second)();
    expect(now() - started).toBeGreaterThanOrEqual(1000);
  });

  it('sizes a grant to what the window has left, in steps, never below the minimum', async () => {
    const { limiter } = simulated();
    const first = await limiter.holdUpTo(245, 5, 50);
    expect(first.units).toBe(245);
    first.release();
    const { limiter: fresh } = simulated();
    const partial = await fresh.hold(150);
    const rest = await fresh.holdUpTo(245, 5, 50);
    expect(rest.units).toBe(100);
    partial();
    rest.release();
  });
});

describe('Gmail batch format', () => {
  it('builds application/http parts and reads a multipart answer, including inner failures', () => {
    const { body, boundary } = buildBatchBody({ ids: ['a1', 'b2'], format: 'metadata', metadataHeaders: ['From', 'Subject'] });
    expect(body).toContain(`--${boundary}\r\nContent-Type: application/http\r\nContent-ID: <item0>\r\n\r\nGET /gmail/v1/users/me/messages/a1?format=metadata&metadataHeaders=From&metadataHeaders=Subject`);
    expect(body.endsWith(`--${boundary}--\r\n`)).toBe(true);
    const answer = [
      '--batch_zz',
      'Content-Type: application/http',
      'Content-ID: <response-item1>',
      '',
      'HTTP/1.1 429 Too Many Requests',
      'Retry-After: 2',
      'Content-Type: application/json',
      '',
      '{"error":{"code":429,"errors":[{"reason":"rateLimitExceeded"}]}}',
      '--batch_zz',
      'Content-Type: application/http',
      'Content-ID: <response-item0>',
      '',
      'HTTP/1.1 200 OK',
      'Content-Type: application/json; charset=UTF-8',
      '',
      '{"id":"a1","threadId":"t1"}',
      '--batch_zz--',
    ].join('\r\n');
    const parsed = parseBatchResponse(answer, 'multipart/mixed; boundary=batch_zz', 2);
    expect(parsed.get(0)).toEqual({ ok: true, message: { id: 'a1', threadId: 't1' } });
    expect(parsed.get(1)).toEqual({ ok: false, status: 429, reason: 'rateLimitExceeded', retryAfterMs: 2000 });
    expect(() => parseBatchResponse(answer, 'multipart/mixed', 2)).toThrow(/boundary/);
  });
});
