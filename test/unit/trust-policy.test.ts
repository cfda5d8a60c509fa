import { describe, expect, it } from 'vitest';
import { HELD_UNKNOWN_SENDER, isTrustedSender, judgeTrust } from '../../src/main/sync/trust-policy';

const FLAGS = ['sensitive:payment', 'sensitive:credentials', 'sensitive:gift-card', 'sensitive:data-export', 'injection:approve-request', 'hidden-text:comment'];

describe('judgeTrust (the trust policy alone)', () => {
  it('trusts a clean verdict from a known sender', () => {
    expect(judgeTrust([], true)).toEqual({ trusted: true, holds: [] });
  });

  it('never trusts a stranger, and says so', () => {
    expect(judgeTrust([], false)).toEqual({ trusted: false, holds: [HELD_UNKNOWN_SENDER] });
  });

  it('never trusts a flagged verdict (sensitive requests included), even from a known sender', () => {
    for (const flag of FLAGS) expect(judgeTrust([flag], true)).toEqual({ trusted: false, holds: [] });
    expect(judgeTrust(['sensitive:payment'], false)).toEqual({ trusted: false, holds: [HELD_UNKNOWN_SENDER] });
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
