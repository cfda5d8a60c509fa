/**
 * Judging a fitted message model on the dev sets the way the test split will judge it: the
 * calibration map and the decision threshold are fitted on four fifths of the dev threads and
 * applied to the fifth (cross-fitting), so the figures are not flattered by fitting and measuring on
 * the same messages. Also the map itself (Platt or isotonic) and the figures a quality file holds.
 */
import { applyCalibration, fitIsotonic, fitPlatt, type CalibrationMap, type LabelledScore } from '../../src/main/ai/calibration';
import { chooseThreshold, foldsByGroup, type FitRow } from './message-fit';
import { calibrationOf, confusion, metricsOf } from './metrics';

/** A dev message with the model's raw score. */
export interface ScoredRow {
  score: number;
  y: boolean;
  group: string;
  x: Readonly<Record<string, number>>;
}

/** Figures of one variant on dev. */
export interface DevFigures {
  accuracy: number;
  balancedAccuracy: number;
  f1: number;
  ece: number;
  autoApproveCount: number;
  autoApprovePrecision: number | null;
}

/** Fits the chosen kind of map. */
export function fitMap(kind: 'platt' | 'isotonic', data: readonly LabelledScore[]): CalibrationMap {
  return kind === 'platt' ? fitPlatt(data) : fitIsotonic(data);
}

/** Figures of calibrated probabilities (`predicted` at the threshold each came with). */
export function figuresOf(items: ReadonlyArray<{ p: number; predicted: boolean; y: boolean }>, autoApprove = 0.85): DevFigures {
  const m = metricsOf(confusion(items.map((i) => ({ actual: i.y, predicted: i.predicted }))));
  const c = calibrationOf(items.map((i) => ({ confidence: i.p, predicted: i.predicted, actual: i.y })), autoApprove);
  const r = (v: number | null): number => Number((v ?? 0).toFixed(4));
  return {
    accuracy: r(m.accuracy),
    balancedAccuracy: r(m.balanced_accuracy),
    f1: r(m.f1),
    ece: r(c.ece),
    autoApproveCount: c.auto_approve_count,
    autoApprovePrecision: c.auto_approve_precision,
  };
}

/** Calibrated probabilities of rows under a map, after the engine's post-map rule (`post`). */
export function calibrated(rows: readonly ScoredRow[], map: CalibrationMap, post: (p: number, x: Readonly<Record<string, number>>) => number): number[] {
  return rows.map((r) => post(applyCalibration(map, r.score), r.x));
}

/**
 * Cross-fitted dev figures: per fold of dev threads, the map and the threshold come from the other
 * folds (and `extra`, rows that are always on the fitting side, such as out-of-fold train scores).
 * Returns the pooled probabilities and predictions too (for auto-approve tables and per-set
 * figures; `index` is the row's place in `rows`).
 */
export function crossFitted(
  rows: readonly ScoredRow[],
  kind: 'platt' | 'isotonic',
  post: (p: number, x: Readonly<Record<string, number>>) => number,
  k = 5,
  extra: readonly ScoredRow[] = [],
): { figures: DevFigures; items: Array<{ p: number; predicted: boolean; y: boolean; index: number }> } {
  const asFit: FitRow[] = rows.map((r, i) => ({ x: { i }, y: r.y, w: 1, group: r.group }));
  const folds = foldsByGroup(asFit, k);
  const items: Array<{ p: number; predicted: boolean; y: boolean; index: number }> = [];
  folds.forEach((fold, f) => {
    const rest = [...folds.filter((_, j) => j !== f).flat().map((row) => rows[row.x.i!]!), ...extra];
    const map = fitMap(kind, rest.map((r) => ({ score: r.score, label: r.y })));
    const restP = calibrated(rest, map, post);
    const threshold = chooseThreshold(rest.map((r, i) => ({ p: restP[i]!, y: r.y })));
    for (const row of fold) {
      const r = rows[row.x.i!]!;
      const p = post(applyCalibration(map, r.score), r.x);
      items.push({ p, predicted: p >= threshold, y: r.y, index: row.x.i! });
    }
  });
  return { figures: figuresOf(items), items };
}

/** Auto-approve precision and count at each threshold, from pooled items. */
export function autoApproveTable(items: ReadonlyArray<{ p: number; predicted: boolean; y: boolean }>, thresholds: readonly number[]): string {
  return thresholds
    .map((t) => {
      const c = calibrationOf(items.map((i) => ({ confidence: i.p, predicted: i.predicted, actual: i.y })), t);
      return `${t}: ${c.auto_approve_precision ?? '-'} (${c.auto_approve_count})`;
    })
    .join(', ');
}
