import { describe, expect, it } from 'vitest';
import { gateFor } from '../../src/main/ai/auto-approve-policy';
import type { EngineQuality } from '../../src/main/ai/quality';
import { decideAutoApprove } from '../../src/main/sync/sync-writer';
import { HELD_UNKNOWN_SENDER, isTrustedSender, judgeTrust } from '../../src/main/sync/trust-policy';

const verdict = (overrides: Partial<{ needsAction: boolean; confidence: number; flags: string[] }> = {}) => ({ needsAction: true, confidence: 0.99, flags: [], ...overrides });
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

describe('decideAutoApprove (engine gate and trust policy composed in the sync writer)', () => {
  const measured: EngineQuality = {
    engine: 'offline-v1',
    measuredOn: 'test split',
    measuredAt: '2026-12-03',
    command: 'npx tsx scripts/measure-quality.ts',
    kinds: { email: { count: 192, balancedAccuracy: 0.8, f1: 0.7, ece: 0.05, autoApprove: [{ threshold: 0.85, count: 20, precision: 0.95 }, { threshold: 0.9, count: 12, precision: 1 }] } },
  };
  const on = { enabled: true, threshold: 0.85 };
  const emailGate = gateFor(on, measured, 'email');

  it('approves only when the engine gate allows it and the sender is trusted', () => {
    expect(decideAutoApprove(verdict(), emailGate, true)).toEqual({ approve: true, holds: [] });
    expect(decideAutoApprove(verdict(), emailGate, false)).toEqual({ approve: false, holds: [HELD_UNKNOWN_SENDER] });
  });

  it('a flag stops it whoever sent it; a stranger also gets the hold reason', () => {
    for (const flag of FLAGS) expect(decideAutoApprove(verdict({ flags: [flag] }), emailGate, true)).toEqual({ approve: false, holds: [] });
    expect(decideAutoApprove(verdict({ flags: ['sensitive:payment'] }), emailGate, false)).toEqual({ approve: false, holds: [HELD_UNKNOWN_SENDER] });
  });

  it('holds nothing where the engine gate would not approve anyway (off, unmeasured kind, below threshold, no action)', () => {
    expect(decideAutoApprove(verdict(), gateFor({ ...on, enabled: false }, measured, 'email'), false)).toEqual({ approve: false, holds: [] });
    expect(decideAutoApprove(verdict(), gateFor(on, measured, 'slack_message'), true)).toEqual({ approve: false, holds: [] });
    expect(decideAutoApprove(verdict(), gateFor(on, null, 'email', 'llm:x'), true)).toEqual({ approve: false, holds: [] });
    expect(decideAutoApprove(verdict({ confidence: 0.5 }), emailGate, false)).toEqual({ approve: false, holds: [] });
    expect(decideAutoApprove(verdict({ needsAction: false }), emailGate, false)).toEqual({ approve: false, holds: [] });
  });

  it('uses the raised threshold of the engine gate, not the person\'s', () => {
    const raised = gateFor(on, { ...measured, kinds: { email: { ...measured.kinds.email!, autoApprove: [{ threshold: 0.85, count: 20, precision: 0.7 }, { threshold: 0.95, count: 8, precision: 1 }] } } }, 'email');
    expect(raised).toMatchObject({ enabled: true, threshold: 0.95 });
    expect(decideAutoApprove(verdict({ confidence: 0.9 }), raised, true)).toEqual({ approve: false, holds: [] });
    expect(decideAutoApprove(verdict({ confidence: 0.96 }), raised, true)).toEqual({ approve: true, holds: [] });
  });
});
