/**
 * Fitting the offline message model: an L2-regularised logistic regression over named features by
 * Newton's method (few features, so exact and deterministic), folds by thread, and the choice of a
 * decision threshold on calibrated probabilities.
 */
import { confusion, metricsOf, type Metrics } from './metrics';

/** One training row: named features, the label, a weight, and the thread it belongs to (for folds). */
export interface FitRow {
  x: Record<string, number>;
  y: boolean;
  w: number;
  group: string;
}

/** A fitted regression. */
export interface FittedLogistic {
  bias: number;
  weights: Record<string, number>;
}

function sigmoid(z: number): number {
  const clamped = Math.max(-30, Math.min(30, z));
  return 1 / (1 + Math.exp(-clamped));
}

/** Solves A v = b (A symmetric positive definite, small) by Gaussian elimination with pivoting. */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]!]);
  for (let col = 0; col < n; col += 1) {
    let pivot = col;
    for (let r = col + 1; r < n; r += 1) if (Math.abs(m[r]![col]!) > Math.abs(m[pivot]![col]!)) pivot = r;
    [m[col], m[pivot]] = [m[pivot]!, m[col]!];
    const d = m[col]![col]!;
    if (Math.abs(d) < 1e-12) continue;
    for (let r = 0; r < n; r += 1) {
      if (r === col) continue;
      const f = m[r]![col]! / d;
      if (f === 0) continue;
      for (let c = col; c <= n; c += 1) m[r]![c]! -= f * m[col]![c]!;
    }
  }
  return m.map((row, i) => (Math.abs(row[i]!) < 1e-12 ? 0 : row[n]! / row[i]!));
}

/** Fits the regression; the bias is not penalised. */
export function fitLogistic(rows: readonly FitRow[], names: readonly string[], l2: number): FittedLogistic {
  const k = names.length + 1;
  const vectors = rows.map((r) => [1, ...names.map((n) => r.x[n] ?? 0)]);
  let beta = new Array<number>(k).fill(0);
  for (let iteration = 0; iteration < 50; iteration += 1) {
    const grad = new Array<number>(k).fill(0);
    const hess = Array.from({ length: k }, () => new Array<number>(k).fill(0));
    rows.forEach((row, i) => {
      const v = vectors[i]!;
      let z = 0;
      for (let j = 0; j < k; j += 1) z += beta[j]! * v[j]!;
      const p = sigmoid(z);
      const err = (p - (row.y ? 1 : 0)) * row.w;
      const curvature = p * (1 - p) * row.w;
      for (let j = 0; j < k; j += 1) {
        if (v[j] === 0) continue;
        grad[j]! += err * v[j]!;
        for (let l = 0; l < k; l += 1) if (v[l] !== 0) hess[j]![l]! += curvature * v[j]! * v[l]!;
      }
    });
    for (let j = 1; j < k; j += 1) {
      grad[j]! += l2 * beta[j]!;
      hess[j]![j]! += l2;
    }
    hess[0]![0]! += 1e-6;
    const step = solve(hess, grad);
    beta = beta.map((b, j) => b - step[j]!);
    if (step.reduce((s, v) => s + Math.abs(v), 0) < 1e-8) break;
  }
  const weights: Record<string, number> = {};
  names.forEach((n, j) => (weights[n] = beta[j + 1]!));
  return { bias: beta[0]!, weights };
}

/** The regression's raw score (logit) for a row. */
export function rawScore(model: FittedLogistic, x: Readonly<Record<string, number>>): number {
  let z = model.bias;
  for (const [name, w] of Object.entries(model.weights)) z += w * (x[name] ?? 0);
  return z;
}

/** Splits rows into k folds by group (a thread never straddles two folds), deterministically. */
export function foldsByGroup(rows: readonly FitRow[], k: number): FitRow[][] {
  const groups = [...new Set(rows.map((r) => r.group))].sort();
  const fold = new Map(groups.map((g, i) => [g, i % k]));
  const out: FitRow[][] = Array.from({ length: k }, () => []);
  for (const row of rows) out[fold.get(row.group)!]!.push(row);
  return out;
}

/** Metrics of probabilities against labels at a threshold. */
export function metricsAt(scored: ReadonlyArray<{ p: number; y: boolean }>, threshold: number): Metrics {
  return metricsOf(confusion(scored.map((s) => ({ actual: s.y, predicted: s.p >= threshold }))));
}

/**
 * The decision threshold that maximises the mean of balanced accuracy and F1 on the given
 * probabilities, searched on a 0.01 grid between 0.15 and 0.85. Each threshold is judged by the
 * objective averaged over its neighbours within `smooth` (0.04 by default): on a few hundred
 * messages the objective is flat and jagged, and a lone spike is luck, not a better threshold.
 */
export function chooseThreshold(scored: ReadonlyArray<{ p: number; y: boolean }>, smooth = 0.04): number {
  const value = (t: number): number => {
    const m = metricsAt(scored, t);
    return ((m.balanced_accuracy ?? 0) + (m.f1 ?? 0)) / 2;
  };
  const grid: number[] = [];
  for (let i = 15; i <= 85; i += 1) grid.push(i / 100);
  const raw = new Map(grid.map((t) => [t, value(t)]));
  const steps = Math.round(smooth * 100);
  let best = { t: 0.5, value: -1 };
  for (const t of grid) {
    let sum = 0;
    let n = 0;
    for (let d = -steps; d <= steps; d += 1) {
      const u = Math.round(t * 100 + d) / 100;
      sum += raw.get(u) ?? value(u);
      n += 1;
    }
    if (sum / n > best.value + 1e-9) best = { t, value: sum / n };
  }
  return best.t;
}
