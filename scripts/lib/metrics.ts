/**
 * Binary classification metrics for needs_action (positive class = true), as docs/ARCHITECTURE.md §6 names
 * them. Shared by the eval harness and the offline trainer's cross-validation.
 */

/** Counts of a confusion matrix. */
export interface Confusion {
  tp: number;
  fp: number;
  tn: number;
  fn: number;
}

/** The §5 metrics; null when there was nothing to measure. */
export interface Metrics {
  accuracy: number | null;
  balanced_accuracy: number | null;
  precision: number | null;
  recall: number | null;
  f1: number | null;
}

/** Counts a confusion matrix from (actual, predicted) pairs. */
export function confusion(pairs: Iterable<{ actual: boolean; predicted: boolean }>): Confusion {
  const c: Confusion = { tp: 0, fp: 0, tn: 0, fn: 0 };
  for (const { actual, predicted } of pairs) {
    if (actual && predicted) c.tp += 1;
    else if (!actual && predicted) c.fp += 1;
    else if (!actual && !predicted) c.tn += 1;
    else c.fn += 1;
  }
  return c;
}

function ratio(num: number, den: number): number {
  // Zero denominators score 0 (as scikit-learn's zero_division=0 does) instead of NaN, so JSON stays valid.
  return den === 0 ? 0 : num / den;
}

/**
 * Metrics of a confusion matrix. With no labelled item at all every metric is null. Balanced accuracy
 * is the mean recall of the classes that occur, so a set with one class only is not punished for the
 * class it lacks.
 */
export function metricsOf(c: Confusion): Metrics {
  const total = c.tp + c.fp + c.tn + c.fn;
  if (total === 0) return { accuracy: null, balanced_accuracy: null, precision: null, recall: null, f1: null };
  const positives = c.tp + c.fn;
  const negatives = c.tn + c.fp;
  const recall = ratio(c.tp, positives);
  const specificity = ratio(c.tn, negatives);
  const classRecalls = [positives > 0 ? recall : null, negatives > 0 ? specificity : null].filter((v): v is number => v !== null);
  const precision = ratio(c.tp, c.tp + c.fp);
  return {
    accuracy: (c.tp + c.tn) / total,
    balanced_accuracy: classRecalls.reduce((a, b) => a + b, 0) / classRecalls.length,
    precision,
    recall,
    f1: ratio(2 * precision * recall, precision + recall),
  };
}

/** Sums confusion matrices (e.g. over cross-validation folds). */
export function addConfusion(a: Confusion, b: Confusion): Confusion {
  return { tp: a.tp + b.tp, fp: a.fp + b.fp, tn: a.tn + b.tn, fn: a.fn + b.fn };
}

/** Metrics rounded for reports (4 decimals), nulls kept. */
export function roundMetrics(m: Metrics, digits = 4): Metrics {
  const r = (v: number | null): number | null => (v === null ? null : Number(v.toFixed(digits)));
  return { accuracy: r(m.accuracy), balanced_accuracy: r(m.balanced_accuracy), precision: r(m.precision), recall: r(m.recall), f1: r(m.f1) };
}

/** The §5 `calibration` object: how far confidence is from the observed rate, and what auto-approve would do. */
export interface CalibrationReport {
  /** Expected calibration error over 10 equal-width confidence bins; null with nothing labelled. */
  ece: number | null;
  auto_approve_threshold: number;
  /** Items judged as needing action with confidence at or above the threshold. */
  auto_approve_count: number;
  /** Share of those (labelled ones) that truly need action; null when there are none. */
  auto_approve_precision: number | null;
}

/** One scored item: the engine's probability, its verdict, and the label when there is one. */
export interface ScoredItem {
  confidence: number | null;
  predicted: boolean;
  actual: boolean | null;
}

/** Expected calibration error over `bins` equal-width bins of [0, 1] (the last bin includes 1). */
export function expectedCalibrationError(pairs: ReadonlyArray<{ confidence: number; actual: boolean }>, bins = 10): number | null {
  if (pairs.length === 0) return null;
  const count = new Array<number>(bins).fill(0);
  const confidence = new Array<number>(bins).fill(0);
  const positive = new Array<number>(bins).fill(0);
  for (const { confidence: c, actual } of pairs) {
    const bin = Math.min(bins - 1, Math.max(0, Math.floor(c * bins)));
    count[bin]! += 1;
    confidence[bin]! += c;
    positive[bin]! += actual ? 1 : 0;
  }
  let ece = 0;
  for (let b = 0; b < bins; b += 1) {
    const n = count[b]!;
    if (n > 0) ece += (n / pairs.length) * Math.abs(positive[b]! / n - confidence[b]! / n);
  }
  return ece;
}

/** The calibration report of scored items at an auto-approve threshold. */
export function calibrationOf(items: readonly ScoredItem[], threshold: number, digits = 4): CalibrationReport {
  const labelled = items.flatMap((i) => (i.actual === null || i.confidence === null ? [] : [{ confidence: i.confidence, actual: i.actual }]));
  const approved = items.filter((i) => i.predicted && i.confidence !== null && i.confidence >= threshold);
  const approvedLabelled = approved.filter((i) => i.actual !== null);
  const ece = expectedCalibrationError(labelled);
  const r = (v: number | null): number | null => (v === null ? null : Number(v.toFixed(digits)));
  return {
    ece: r(ece),
    auto_approve_threshold: threshold,
    auto_approve_count: approved.length,
    auto_approve_precision: r(approvedLabelled.length === 0 ? null : approvedLabelled.filter((i) => i.actual).length / approvedLabelled.length),
  };
}
