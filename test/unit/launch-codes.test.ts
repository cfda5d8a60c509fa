import { describe, expect, it } from 'vitest';
import { createLaunchCodes, LAUNCH_CODE_TTL_MS } from '../../src/host/launch-codes';

describe('launch codes', () => {
  it('redeem once: a replayed code is refused', () => {
    const codes = createLaunchCodes();
    const code = codes.issue();
    expect(code).toMatch(/^[\w-]{43}$/);
    expect(codes.redeem(code)).toBe(true);
    expect(codes.redeem(code)).toBe(false);
  });

  it('expire after their short lifetime', () => {
    let now = 1_000_000;
    const codes = createLaunchCodes(() => now);
    const late = codes.issue();
    const early = codes.issue();
    now += LAUNCH_CODE_TTL_MS - 1;
    expect(codes.redeem(early)).toBe(true);
    now += 1;
    expect(codes.redeem(late)).toBe(false);
  });

  it('refuse anything that was not issued, including near misses and junk', () => {
    const codes = createLaunchCodes();
    const code = codes.issue();
    for (const wrong of ['', code.slice(1), `${code}x`, code.toUpperCase() === code ? code.toLowerCase() : code.toUpperCase(), 'x'.repeat(10_000)]) expect(codes.redeem(wrong)).toBe(false);
    expect(codes.redeem(code)).toBe(true);
  });
});
