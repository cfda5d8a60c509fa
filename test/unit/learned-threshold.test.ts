import { describe, expect, it } from 'vitest';
import { adaptThreshold, CALIBRATION_WINDOW, precisionAt, PRIOR_WEIGHT, TARGET_PRECISION, type CalibrationOutcome } from '../../src/main/ai/learning/calibration';

const kept = (confidence: number, autoApproved = true): CalibrationOutcome => ({ confidence, approved: true, autoApproved });
const undone = (confidence: number, autoApproved = true): CalibrationOutcome => ({ confidence, approved: false, autoApproved });

describe('auto-approve threshold adaptation', () => {
  it('keeps the setting without outcomes, or when they are right', () => {
    expect(adaptThreshold([], 0.85)).toEqual({ threshold: 0.85, explanation: null, undone: 0, kept: 0 });
    expect(adaptThreshold([kept(0.9), kept(0.95), kept(0.86)], 0.85)).toMatchObject({ threshold: 0.85, explanation: null, kept: 3 });
  });

  it('raises the threshold above an undone auto-approval, and says so', () => {
    const adapted = adaptThreshold([undone(0.9), kept(0.95)], 0.85);
    // At 0.85..0.90 the smoothed precision is (1 + 9) / (2 + 10) = 0.83; above 0.90 it is (1 + 9) / (1 + 10) = 0.91.
    expect(adapted.threshold).toBe(0.91);
    expect(adapted).toMatchObject({ undone: 1, kept: 1 });
    expect(adapted.explanation).toBe(
      'Auto-approve now needs a confidence of 0.91 instead of your 0.85: 1 of your recent suggestions at or above 0.85 were dismissed or undone, and it keeps at least 90% of the tasks it makes right for you.',
    );
  });

  it('counts confident suggestions the person dismissed, not only auto-approvals', () => {
    expect(adaptThreshold([undone(0.93, false)], 0.85).threshold).toBe(0.94);
  });

  it('one undo among many approvals does not move it; enough approvals bring it back down', () => {
    const many = [undone(0.9), ...Array.from({ length: 12 }, () => kept(0.88))];
    // (12 + 9) / (13 + 10) = 0.913 >= 0.9
    expect(precisionAt(many, 0.85)).toBeCloseTo(21 / 23, 12);
    expect(adaptThreshold(many, 0.85).threshold).toBe(0.85);
  });

  it('never goes below the setting, and reaches 1 when nothing confident is right', () => {
    expect(adaptThreshold([kept(0.6), kept(0.7)], 0.9).threshold).toBe(0.9);
    const wrong = Array.from({ length: 5 }, () => undone(1));
    expect(adaptThreshold(wrong, 0.85).threshold).toBe(1);
  });

  it('reads only the recent window (outcomes come newest first)', () => {
    const old = Array.from({ length: 40 }, () => undone(0.95));
    const recent = Array.from({ length: CALIBRATION_WINDOW }, () => kept(0.95));
    expect(adaptThreshold([...recent, ...old], 0.85).threshold).toBe(0.85);
    expect(adaptThreshold([...old, ...recent], 0.85).threshold).toBeGreaterThan(0.95);
  });

  it('the prior is the target precision worth PRIOR_WEIGHT outcomes', () => {
    expect(precisionAt([], 0.5)).toBeCloseTo(TARGET_PRECISION, 12);
    expect(precisionAt([undone(0.9)], 0.5)).toBeCloseTo((TARGET_PRECISION * PRIOR_WEIGHT) / (1 + PRIOR_WEIGHT), 12);
  });
});
