import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addConfusion, confusion, metricsOf, roundMetrics } from '../../scripts/lib/metrics';

const pairs = (spec: Array<[boolean, boolean]>) => spec.map(([actual, predicted]) => ({ actual, predicted }));

describe('eval metrics', () => {
  it('computes accuracy, balanced accuracy, precision, recall and F1', () => {
    // tp=3 fn=1 fp=2 tn=4
    const c = confusion(pairs([[true, true], [true, true], [true, true], [true, false], [false, true], [false, true], [false, false], [false, false], [false, false], [false, false]]));
    expect(c).toEqual({ tp: 3, fn: 1, fp: 2, tn: 4 });
    const m = metricsOf(c);
    expect(m.accuracy).toBeCloseTo(0.7);
    expect(m.recall).toBeCloseTo(0.75);
    expect(m.precision).toBeCloseTo(0.6);
    expect(m.balanced_accuracy).toBeCloseTo((0.75 + 4 / 6) / 2);
    expect(m.f1).toBeCloseTo((2 * 0.6 * 0.75) / (0.6 + 0.75));
  });

  it('gives null metrics when nothing is labelled', () => {
    expect(metricsOf(confusion([]))).toEqual({ accuracy: null, balanced_accuracy: null, precision: null, recall: null, f1: null });
  });

  it('scores zero denominators as 0, and balanced accuracy over the classes present', () => {
    const allNegativeRight = metricsOf(confusion(pairs([[false, false], [false, false]])));
    expect(allNegativeRight).toEqual({ accuracy: 1, balanced_accuracy: 1, precision: 0, recall: 0, f1: 0 });
    const noPredictedPositive = metricsOf(confusion(pairs([[true, false], [false, false]])));
    expect(noPredictedPositive).toMatchObject({ precision: 0, recall: 0, f1: 0, balanced_accuracy: 0.5 });
  });

  it('adds confusion matrices and rounds for reports', () => {
    expect(addConfusion({ tp: 1, fp: 2, tn: 3, fn: 4 }, { tp: 1, fp: 1, tn: 1, fn: 1 })).toEqual({ tp: 2, fp: 3, tn: 4, fn: 5 });
    expect(roundMetrics({ accuracy: 2 / 3, balanced_accuracy: null, precision: 0.5, recall: 1, f1: 0.123456 })).toEqual({
      accuracy: 0.6667,
      balanced_accuracy: null,
      precision: 0.5,
      recall: 1,
      f1: 0.1235,
    });
  });

  it('keeps every metric in 0..1 and a perfect classifier at 1 (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.boolean(), fc.boolean()), { minLength: 1, maxLength: 200 }), (spec) => {
        const m = metricsOf(confusion(pairs(spec)));
        for (const v of Object.values(m)) expect(v === null || (v >= 0 && v <= 1)).toBe(true);
        const perfect = metricsOf(confusion(pairs(spec.map(([a]) => [a, a]))));
        expect(perfect.accuracy).toBe(1);
        expect(perfect.balanced_accuracy).toBe(1);
      }),
    );
  });
});
