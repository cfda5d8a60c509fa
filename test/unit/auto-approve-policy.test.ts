import { describe, expect, it } from 'vitest';
import { gateFor, gatesFor, mayAutoApprove, MIN_PRECISION, withPersonalThreshold } from '../../src/main/ai/auto-approve-policy';
import { adaptThreshold } from '../../src/main/ai/learning/calibration';
import { createQualityLookup, type EngineQuality } from '../../src/main/ai/quality';

const point = (threshold: number, count: number, precision: number | null) => ({ threshold, count, precision });
function quality(points: ReturnType<typeof point>[]): EngineQuality {
  return {
    engine: 'offline-v1',
    measuredOn: 'test split',
    measuredAt: '2026-12-03',
    command: 'npx tsx scripts/measure-quality.ts',
    kinds: { email: { count: 192, balancedAccuracy: 0.8, f1: 0.7, ece: 0.05, autoApprove: points } },
  };
}
const on = { enabled: true, threshold: 0.85 };

describe('auto-approve policy', () => {
  it('applies at the person\'s threshold where the measured precision is at least 0.90', () => {
    const gate = gateFor(on, quality([point(0.85, 20, 0.95), point(0.9, 12, 1)]), 'email');
    expect(gate).toMatchObject({ enabled: true, threshold: 0.85 });
    expect(gate.reason).toMatch(/95%/);
  });

  it('raises the threshold to the lowest one that earned it', () => {
    const gate = gateFor(on, quality([point(0.85, 20, 0.8), point(0.9, 10, 0.92), point(0.95, 6, 1)]), 'email');
    expect(gate).toMatchObject({ enabled: true, threshold: 0.9 });
    expect(gate.reason).toMatch(/Raised to 90%/);
  });

  it('is off where no measured threshold reaches 0.90, or too few items were measured', () => {
    expect(gateFor(on, quality([point(0.85, 20, 0.6), point(0.95, 8, 0.75)]), 'email')).toMatchObject({ enabled: false });
    expect(gateFor(on, quality([point(0.85, 3, 1)]), 'email').enabled).toBe(false);
    expect(gateFor(on, quality([point(0.85, 20, 0.6)]), 'email').reason).toMatch(/below 90%/);
    expect(MIN_PRECISION).toBe(0.9);
  });

  it('is off for an engine or an item kind never measured, and says so', () => {
    const unmeasured = gateFor(on, null, 'email');
    expect(unmeasured.enabled).toBe(false);
    expect(unmeasured.reason).toMatch(/never measured/);
    const gates = gatesFor(on, quality([point(0.85, 20, 0.95)]));
    expect(gates.email.enabled).toBe(true);
    expect(gates.slack_message.enabled).toBe(false);
    expect(gates.calendar_event.reason).toMatch(/calendar events/);
  });

  it('follows the person\'s switch and never approves a flagged, unneeded or unsure verdict', () => {
    expect(gateFor({ enabled: false, threshold: 0.85 }, quality([point(0.85, 20, 1)]), 'email').enabled).toBe(false);
    const gate = gateFor(on, quality([point(0.85, 20, 1)]), 'email');
    expect(mayAutoApprove({ needsAction: true, confidence: 0.9, flags: [] }, gate)).toBe(true);
    expect(mayAutoApprove({ needsAction: true, confidence: 0.9, flags: ['hidden-text:display-none'] }, gate)).toBe(false);
    expect(mayAutoApprove({ needsAction: false, confidence: 0.9, flags: [] }, gate)).toBe(false);
    expect(mayAutoApprove({ needsAction: true, confidence: 0.8, flags: [] }, gate)).toBe(false);
  });

  it('reads the bundled measured figures, and treats a malformed file as no measurement', () => {
    const lookup = createQualityLookup();
    const offline = lookup('offline-v1');
    if (offline) expect(offline.kinds.email?.autoApprove.length).toBeGreaterThan(0);
    expect(createQualityLookup([{ engines: 'nope' }])('offline-v1')).toBeNull();
  });

  it('composes with the person\'s adapted threshold: the higher of the two applies, and never where the engine is off', () => {
    const engineGate = gateFor(on, quality([point(0.85, 20, 0.8), point(0.9, 10, 0.92), point(0.95, 6, 1)]), 'email');
    // One undone auto-approval at 0.93 raises this person's threshold to 0.94, above the engine's 0.90.
    const raised = adaptThreshold([{ confidence: 0.93, approved: false, autoApproved: true }], on.threshold);
    expect(raised.threshold).toBe(0.94);
    const gate = withPersonalThreshold(engineGate, raised);
    expect(gate).toMatchObject({ enabled: true, threshold: 0.94 });
    expect(gate.reason).toContain('Raised to 90%');
    expect(gate.reason).toContain(raised.explanation!);
    expect(mayAutoApprove({ needsAction: true, confidence: 0.93, flags: [] }, gate)).toBe(false);
    expect(mayAutoApprove({ needsAction: true, confidence: 0.93, flags: [] }, engineGate)).toBe(true);
    expect(mayAutoApprove({ needsAction: true, confidence: 0.95, flags: [] }, gate)).toBe(true);
    // A personal threshold below the engine's gate leaves the gate as it is; so does none.
    expect(withPersonalThreshold(engineGate, adaptThreshold([], on.threshold))).toBe(engineGate);
    expect(withPersonalThreshold(engineGate, { threshold: 0.88, explanation: 'x' })).toBe(engineGate);
    expect(withPersonalThreshold(engineGate, null)).toBe(engineGate);
    // An engine that has not earned auto-approve stays off whatever the person's outcomes say.
    const off = gateFor(on, null, 'email');
    expect(withPersonalThreshold(off, raised)).toBe(off);
    // Raised without an explanation still says why.
    expect(withPersonalThreshold(gateFor(on, quality([point(0.85, 20, 0.95)]), 'email'), { threshold: 0.9, explanation: null }).reason).toMatch(/Raised to 90% for you/);
  });
});
