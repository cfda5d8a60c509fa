import { describe, expect, it } from 'vitest';
import { applyCalibration, fitIsotonic, fitPlatt, type LabelledScore } from '../../src/main/ai/calibration';
import { calibratedConfidence, createLlmCalibration, verdictScore } from '../../src/main/ai/llm/verdict-calibration';
import { calibrationOf, expectedCalibrationError } from '../../scripts/lib/metrics';
import { seededRandom } from '../../src/main/ai/offline/logistic';

/** Scores whose true probability of a positive label is sigmoid(2 * score - 1). */
function synthetic(n: number): LabelledScore[] {
  const random = seededRandom(3);
  return Array.from({ length: n }, () => {
    const score = random() * 6 - 3;
    return { score, label: random() < 1 / (1 + Math.exp(-(2 * score - 1))) };
  });
}

describe('calibration maps', () => {
  it('Platt scaling recovers the slope and offset of a logistic relation', () => {
    const map = fitPlatt(synthetic(4000));
    expect(map.kind).toBe('platt');
    if (map.kind !== 'platt') return;
    expect(map.a).toBeGreaterThan(1.7);
    expect(map.a).toBeLessThan(2.3);
    expect(map.b).toBeGreaterThan(-1.3);
    expect(map.b).toBeLessThan(-0.7);
  });

  it('isotonic regression is non-decreasing, stays inside 0..1 and shrinks small blocks toward the rate', () => {
    const map = fitIsotonic(synthetic(500));
    expect(map.kind).toBe('isotonic');
    if (map.kind !== 'isotonic') return;
    for (let i = 1; i < map.y.length; i += 1) expect(map.y[i]!).toBeGreaterThanOrEqual(map.y[i - 1]!);
    expect(applyCalibration(map, -100)).toBeGreaterThan(0);
    expect(applyCalibration(map, 100)).toBeLessThan(1);
    const tiny = fitIsotonic([{ score: 1, label: true }, { score: 2, label: true }, { score: 0, label: false }]);
    expect(applyCalibration(tiny, 2)).toBeLessThan(1);
  });

  it('calibrated scores have a small expected calibration error, raw logits a large one', () => {
    const data = synthetic(3000);
    const map = fitPlatt(data);
    const calibrated = expectedCalibrationError(data.map((d) => ({ confidence: applyCalibration(map, d.score), actual: d.label })))!;
    const squashed = expectedCalibrationError(data.map((d) => ({ confidence: 1 / (1 + Math.exp(-d.score * 6)), actual: d.label })))!;
    expect(calibrated).toBeLessThan(0.03);
    expect(squashed).toBeGreaterThan(0.08);
  });

  it('survives one-class and empty data', () => {
    expect(applyCalibration(fitPlatt([{ score: 1, label: true }]), 1)).toBeGreaterThan(0.5);
    expect(fitIsotonic([])).toEqual({ kind: 'identity' });
    expect(applyCalibration({ kind: 'identity' }, Number.NaN)).toBe(0);
  });
});

describe('ECE and the auto-approve figures of an eval report', () => {
  it('computes ECE over 10 equal-width bins', () => {
    // Bin 0.9: confidence 0.95, 1 of 2 positive -> |0.5 - 0.95| = 0.45, weight 2/4; bin 0.1: 0.1 vs 0 -> 0.1, weight 2/4.
    const ece = expectedCalibrationError([
      { confidence: 0.95, actual: true },
      { confidence: 0.95, actual: false },
      { confidence: 0.1, actual: false },
      { confidence: 0.1, actual: false },
    ]);
    expect(ece).toBeCloseTo(0.275, 6);
    expect(expectedCalibrationError([])).toBeNull();
    // Confidence 1 falls in the last bin, 0 in the first.
    expect(expectedCalibrationError([{ confidence: 1, actual: true }, { confidence: 0, actual: false }])).toBe(0);
  });

  it('counts what the threshold would auto-approve and how many of those truly need action', () => {
    const report = calibrationOf(
      [
        { confidence: 0.9, predicted: true, actual: true },
        { confidence: 0.86, predicted: true, actual: false },
        { confidence: 0.95, predicted: false, actual: true },
        { confidence: 0.99, predicted: true, actual: null },
        { confidence: 0.5, predicted: true, actual: true },
      ],
      0.85,
    );
    expect(report).toMatchObject({ auto_approve_threshold: 0.85, auto_approve_count: 3, auto_approve_precision: 0.5 });
    expect(calibrationOf([{ confidence: 0.2, predicted: false, actual: false }], 0.85).auto_approve_precision).toBeNull();
  });
});

describe('LLM verdicts as probabilities', () => {
  it('reads "no action" verdicts with either meaning of confidence as a low score', () => {
    expect(verdictScore(true, 0.9)).toBe(0.9);
    expect(verdictScore(false, 0.2)).toBe(0.2);
    expect(verdictScore(false, 0.9)).toBeCloseTo(0.1, 10);
    expect(verdictScore(true, 1.7)).toBe(1);
  });

  it('applies the model\'s fitted map, and keeps the score for a model never calibrated', () => {
    const lookup = createLlmCalibration({ models: { 'fake-model': { map: { kind: 'isotonic', x: [0.2, 0.9], y: [0.1, 0.6] } } } });
    expect(calibratedConfidence(lookup('fake-model'), true, 0.9)).toBeCloseTo(0.6, 10);
    expect(calibratedConfidence(lookup('other-model'), true, 0.9)).toBe(0.9);
    expect(createLlmCalibration({ models: 'broken' })('fake-model')).toBeNull();
  });
});
