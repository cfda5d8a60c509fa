/**
 * The measured figures an engine's quality file holds (src/main/ai/quality.ts), computed from a run
 * over labelled items: metrics, ECE, and auto-approve precision at several thresholds.
 */
import type { KindQuality } from '../../src/main/ai/quality';
import { calibrationOf, confusion, metricsOf, type ScoredItem } from './metrics';

/** Thresholds at which auto-approve precision is recorded (Settings allows 0.5 to 1). */
export const QUALITY_THRESHOLDS = [0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 0.98];

const r4 = (v: number | null): number | null => (v === null ? null : Number(v.toFixed(4)));

/** The quality record of labelled, scored items of one kind. */
export function kindQuality(items: readonly ScoredItem[]): KindQuality {
  const labelled = items.filter((i) => i.actual !== null);
  const m = metricsOf(confusion(labelled.map((i) => ({ actual: i.actual === true, predicted: i.predicted }))));
  return {
    count: labelled.length,
    balancedAccuracy: r4(m.balanced_accuracy),
    f1: r4(m.f1),
    ece: calibrationOf(labelled, 0.85).ece,
    autoApprove: QUALITY_THRESHOLDS.map((threshold) => {
      const c = calibrationOf(labelled, threshold);
      return { threshold, count: c.auto_approve_count, precision: c.auto_approve_precision };
    }),
  };
}
