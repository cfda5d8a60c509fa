// The one auto-approve decision (sync/auto-approve.ts): the engine's calibrated-confidence gate, the
// person's learned threshold and the trust policy, composed. Trust vetoes whatever the confidence.
import { describe, expect, it } from 'vitest';
import { adaptThreshold } from '../../src/main/ai/learning/calibration';
import type { EngineQuality } from '../../src/main/ai/quality';
import { autoApproveGate, decideAutoApprove, type AutoApproveContext } from '../../src/main/sync/auto-approve';
import { HELD_UNKNOWN_SENDER } from '../../src/main/sync/trust-policy';

const verdict = (overrides: Partial<{ needsAction: boolean; confidence: number; flags: string[] }> = {}) => ({ needsAction: true, confidence: 0.99, flags: [], ...overrides });
const FLAGS = ['sensitive:payment', 'sensitive:credentials', 'sensitive:gift-card', 'sensitive:data-export', 'injection:approve-request', 'hidden-text:comment'];

const measured: EngineQuality = {
  engine: 'offline-v1',
  measuredOn: 'test split',
  measuredAt: '2026-12-03',
  command: 'npx tsx scripts/measure-quality.ts',
  kinds: { email: { count: 192, balancedAccuracy: 0.8, f1: 0.7, ece: 0.05, autoApprove: [{ threshold: 0.85, count: 20, precision: 0.95 }, { threshold: 0.9, count: 12, precision: 1 }] } },
};
const context = (overrides: Partial<AutoApproveContext> = {}): AutoApproveContext => ({
  settings: { enabled: true, threshold: 0.85 },
  engine: 'offline-v1',
  quality: measured,
  personal: null,
  selfAddresses: ['me@example.com'],
  ...overrides,
});
const KNOWN = new Set(['ann@partner.example']);
const isKnown = (key: string) => KNOWN.has(key);
const STRANGER = 'billing@vendor-payments.example';

describe('decideAutoApprove: trust vetoes whatever the confidence', () => {
  it("never approves a stranger's payment request, even at 0.99 confidence", () => {
    expect(decideAutoApprove(context(), verdict({ confidence: 0.99, flags: ['sensitive:payment'] }), 'email', STRANGER, isKnown)).toEqual({ approve: false, holds: [HELD_UNKNOWN_SENDER] });
  });

  it("approves a known correspondent's plain request above the threshold", () => {
    expect(decideAutoApprove(context(), verdict({ confidence: 0.9 }), 'email', 'ann@partner.example', isKnown)).toEqual({ approve: true, holds: [] });
    // The person's own items count as known.
    expect(decideAutoApprove(context(), verdict({ confidence: 0.9 }), 'email', 'me@example.com', () => false)).toEqual({ approve: true, holds: [] });
  });

  it("holds a stranger's plain request, and says why", () => {
    expect(decideAutoApprove(context(), verdict(), 'email', STRANGER, isKnown)).toEqual({ approve: false, holds: [HELD_UNKNOWN_SENDER] });
    expect(decideAutoApprove(context(), verdict(), 'email', null, () => true)).toEqual({ approve: false, holds: [HELD_UNKNOWN_SENDER] });
  });

  it('a flag stops it whoever sent it (sensitive requests, hidden text, injection)', () => {
    for (const flag of FLAGS) expect(decideAutoApprove(context(), verdict({ flags: [flag] }), 'email', 'ann@partner.example', isKnown)).toEqual({ approve: false, holds: [] });
  });
});

describe('decideAutoApprove: the calibrated-confidence gate', () => {
  it('holds nothing where confidence alone would not approve (off, unmeasured kind or engine, below threshold, no action)', () => {
    expect(decideAutoApprove(context({ settings: { enabled: false, threshold: 0.85 } }), verdict(), 'email', STRANGER, isKnown)).toEqual({ approve: false, holds: [] });
    expect(decideAutoApprove(context(), verdict(), 'slack_message', 'ann@partner.example', isKnown)).toEqual({ approve: false, holds: [] });
    expect(decideAutoApprove(context({ engine: 'llm:x', quality: null }), verdict(), 'email', 'ann@partner.example', isKnown)).toEqual({ approve: false, holds: [] });
    expect(decideAutoApprove(context(), verdict({ confidence: 0.5 }), 'email', STRANGER, isKnown)).toEqual({ approve: false, holds: [] });
    expect(decideAutoApprove(context(), verdict({ needsAction: false }), 'email', STRANGER, isKnown)).toEqual({ approve: false, holds: [] });
  });

  it("uses the engine's raised threshold, not the person's setting", () => {
    const raised = { ...measured, kinds: { email: { ...measured.kinds.email!, autoApprove: [{ threshold: 0.85, count: 20, precision: 0.7 }, { threshold: 0.95, count: 8, precision: 1 }] } } };
    expect(autoApproveGate(context({ quality: raised }), 'email')).toMatchObject({ enabled: true, threshold: 0.95 });
    expect(decideAutoApprove(context({ quality: raised }), verdict({ confidence: 0.9 }), 'email', 'ann@partner.example', isKnown).approve).toBe(false);
    expect(decideAutoApprove(context({ quality: raised }), verdict({ confidence: 0.96 }), 'email', 'ann@partner.example', isKnown).approve).toBe(true);
  });

  it("applies the person's learned threshold: undone auto-approvals at 0.9 stop the next one at 0.9 from a known sender", () => {
    const undone = Array.from({ length: 6 }, () => ({ confidence: 0.9, approved: false, autoApproved: true }));
    const personal = adaptThreshold(undone, 0.85);
    expect(personal.threshold).toBeGreaterThan(0.9);
    const learned = context({ personal });
    expect(autoApproveGate(learned, 'email')).toMatchObject({ enabled: true, threshold: personal.threshold });
    expect(decideAutoApprove(learned, verdict({ confidence: 0.9 }), 'email', 'ann@partner.example', isKnown)).toEqual({ approve: false, holds: [] });
    expect(decideAutoApprove(learned, verdict({ confidence: 0.99 }), 'email', 'ann@partner.example', isKnown)).toEqual({ approve: true, holds: [] });
    // Above the learned threshold a stranger's payment request still waits.
    expect(decideAutoApprove(learned, verdict({ confidence: 0.99, flags: ['sensitive:payment'] }), 'email', STRANGER, isKnown).approve).toBe(false);
  });

  it('asks whether the sender is known only when confidence alone would approve', () => {
    const asked: string[] = [];
    const spy = (key: string) => (asked.push(key), true);
    decideAutoApprove(context(), verdict({ confidence: 0.5 }), 'email', STRANGER, spy);
    expect(asked).toEqual([]);
    decideAutoApprove(context(), verdict(), 'email', STRANGER, spy);
    expect(asked).toEqual([STRANGER]);
  });
});
