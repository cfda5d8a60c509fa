import { describe, expect, it } from 'vitest';
import { decideAutoApprove, HELD_UNKNOWN_SENDER, isTrustedSender } from '../../src/main/sync/auto-approve-policy';

const on = { enabled: true, threshold: 0.85 };
const verdict = (overrides: Partial<{ needsAction: boolean; confidence: number; flags: string[] }> = {}) => ({ needsAction: true, confidence: 0.99, flags: [], ...overrides });

describe('decideAutoApprove', () => {
  it('approves a confident, clean verdict from a known sender', () => {
    expect(decideAutoApprove(verdict(), on, true)).toEqual({ approve: true, holds: [] });
  });

  it('never approves a stranger, and says so', () => {
    expect(decideAutoApprove(verdict(), on, false)).toEqual({ approve: false, holds: [HELD_UNKNOWN_SENDER] });
  });

  it('never approves a flagged verdict (sensitive requests included), even from a known sender', () => {
    for (const flag of ['sensitive:payment', 'sensitive:credentials', 'sensitive:gift-card', 'sensitive:data-export', 'injection:approve-request', 'hidden-text:comment']) {
      expect(decideAutoApprove(verdict({ flags: [flag] }), on, true)).toEqual({ approve: false, holds: [] });
    }
    expect(decideAutoApprove(verdict({ flags: ['sensitive:payment'] }), on, false)).toEqual({ approve: false, holds: [HELD_UNKNOWN_SENDER] });
  });

  it('holds nothing when auto-approve would not apply anyway', () => {
    expect(decideAutoApprove(verdict(), { ...on, enabled: false }, false)).toEqual({ approve: false, holds: [] });
    expect(decideAutoApprove(verdict({ confidence: 0.5 }), on, false)).toEqual({ approve: false, holds: [] });
    expect(decideAutoApprove(verdict({ needsAction: false }), on, false)).toEqual({ approve: false, holds: [] });
  });
});

describe('isTrustedSender', () => {
  const known = new Set(['ann@partner.example']);
  it('trusts the person themselves and known correspondents, nobody else', () => {
    expect(isTrustedSender('ann@partner.example', [], (key) => known.has(key))).toBe(true);
    expect(isTrustedSender('me@example.com', [' Me@Example.com '], () => false)).toBe(true);
    expect(isTrustedSender('eve@attacker.example', ['me@example.com'], (key) => known.has(key))).toBe(false);
    expect(isTrustedSender(null, ['me@example.com'], () => true)).toBe(false);
  });
});
