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
