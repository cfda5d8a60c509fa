/**
 * Fitting the message model with words: an L2-regularised, weighted logistic regression over named
 * message features plus hashed word and word-pair buckets (src/main/ai/offline/text-hash.ts),
 * minimised by L-BFGS (thousands of weights, so Newton's method of message-fit.ts is out). The named
 * features and the buckets have their own L2 strength: a few features measured on every message can
 * carry weight, thousands of words seen in a handful of messages must not.
 */

/** One training row: named features, hashed buckets, label, weight, thread (for folds). */
export interface SparseRow {
  x: Record<string, number>;
  buckets: readonly number[];
  y: boolean;
  w: number;
  group: string;
}

/** What to fit. */
export interface SparseOptions {
  names: readonly string[];
  l2: number;
  l2Text: number;
  /** Scale a message's buckets by 1 / sqrt(count) ("l2"), or leave them at 1 ("none"). */
  textNorm: 'l2' | 'none';
  /** Buckets seen in fewer training messages are left out (no weight). */
  minCount: number;
  /** Leave the words out (named features only). */
  noText?: boolean;
}

/** A fitted model. */
export interface SparseModel {
  bias: number;
  weights: Record<string, number>;
  text: Map<number, number>;
  textNorm: 'l2' | 'none';
}

const sigmoid = (z: number): number => 1 / (1 + Math.exp(-Math.max(-30, Math.min(30, z))));

/** The scale of each bucket of a message with `count` buckets. */
export function bucketScale(count: number, norm: 'l2' | 'none'): number {
  return norm === 'l2' && count > 0 ? 1 / Math.sqrt(count) : 1;
}

/** The raw score (logit) of a row. */
export function sparseScore(model: SparseModel, x: Readonly<Record<string, number>>, buckets: readonly number[]): number {
  let z = model.bias;
  for (const [name, w] of Object.entries(model.weights)) z += w * (x[name] ?? 0);
  const s = bucketScale(buckets.length, model.textNorm);
  for (const b of buckets) z += (model.text.get(b) ?? 0) * s;
  return z;
}

interface Compiled {
  idx: Int32Array[];
  val: Float64Array[];
  size: number;
  textIndex: Map<number, number>;
}

function compile(rows: readonly SparseRow[], o: SparseOptions): Compiled {
  const k = o.names.length;
  const counts = new Map<number, number>();
  if (!o.noText) for (const r of rows) for (const b of r.buckets) counts.set(b, (counts.get(b) ?? 0) + 1);
  const textIndex = new Map<number, number>();
  for (const [b, c] of [...counts].sort((p, q) => p[0] - q[0])) if (c >= o.minCount) textIndex.set(b, 1 + k + textIndex.size);
  const idx: Int32Array[] = [];
  const val: Float64Array[] = [];
  for (const r of rows) {
    const i: number[] = [0];
    const v: number[] = [1];
    o.names.forEach((n, j) => {
      const value = r.x[n] ?? 0;
      if (value !== 0) {
        i.push(1 + j);
        v.push(value);
      }
    });
    const s = bucketScale(r.buckets.length, o.textNorm);
    if (!o.noText) {
      for (const b of r.buckets) {
        const at = textIndex.get(b);
        if (at !== undefined) {
          i.push(at);
          v.push(s);
        }
      }
    }
    idx.push(Int32Array.from(i));
    val.push(Float64Array.from(v));
  }
  return { idx, val, size: 1 + k + textIndex.size, textIndex };
}

function objective(c: Compiled, rows: readonly SparseRow[], o: SparseOptions, beta: Float64Array, grad: Float64Array): number {
  grad.fill(0);
  let f = 0;
  const k = o.names.length;
  rows.forEach((r, n) => {
    const i = c.idx[n]!;
    const v = c.val[n]!;
    let z = 0;
    for (let j = 0; j < i.length; j += 1) z += beta[i[j]!]! * v[j]!;
    const p = sigmoid(z);
    const y = r.y ? 1 : 0;
    f -= r.w * (y ? Math.log(Math.max(p, 1e-15)) : Math.log(Math.max(1 - p, 1e-15)));
    const err = r.w * (p - y);
    for (let j = 0; j < i.length; j += 1) grad[i[j]!]! += err * v[j]!;
  });
  for (let j = 1; j < beta.length; j += 1) {
    const l2 = j <= k ? o.l2 : o.l2Text;
    f += 0.5 * l2 * beta[j]! * beta[j]!;
    grad[j]! += l2 * beta[j]!;
  }
  return f;
}

const dot = (a: Float64Array, b: Float64Array): number => {
  let s = 0;
  for (let i = 0; i < a.length; i += 1) s += a[i]! * b[i]!;
  return s;
};

/** Fits by L-BFGS (10 pairs, backtracking line search); deterministic. */
export function fitSparse(rows: readonly SparseRow[], o: SparseOptions, maxIterations = 400): SparseModel {
  const c = compile(rows, o);
  const n = c.size;
  let beta = new Float64Array(n);
  let grad = new Float64Array(n);
  let f = objective(c, rows, o, beta, grad);
  const history: Array<{ s: Float64Array; y: Float64Array; rho: number }> = [];
  for (let iteration = 0; iteration < maxIterations; iteration += 1) {
    // Two-loop recursion: direction = -H grad.
    const q = Float64Array.from(grad);
    const alpha: number[] = [];
    for (let h = history.length - 1; h >= 0; h -= 1) {
      const { s, y, rho } = history[h]!;
      const a = rho * dot(s, q);
      alpha[h] = a;
      for (let j = 0; j < n; j += 1) q[j]! -= a * y[j]!;
    }
    const last = history[history.length - 1];
    const gamma = last ? dot(last.s, last.y) / dot(last.y, last.y) : 1 / Math.max(1e-12, Math.sqrt(dot(grad, grad)));
    for (let j = 0; j < n; j += 1) q[j]! *= gamma;
    for (let h = 0; h < history.length; h += 1) {
      const { s, y, rho } = history[h]!;
      const b = rho * dot(y, q);
      for (let j = 0; j < n; j += 1) q[j]! += s[j]! * (alpha[h]! - b);
    }
    const slope = -dot(grad, q);
    if (slope >= 0) {
      history.length = 0;
      continue;
    }
    let step = 1;
    const next = new Float64Array(n);
    const nextGrad = new Float64Array(n);
    let fNext = Infinity;
    for (let tries = 0; tries < 30; tries += 1) {
      for (let j = 0; j < n; j += 1) next[j] = beta[j]! - step * q[j]!;
      fNext = objective(c, rows, o, next, nextGrad);
      if (fNext <= f + 1e-4 * step * slope) break;
      step /= 2;
    }
    const s = new Float64Array(n);
    const y = new Float64Array(n);
    for (let j = 0; j < n; j += 1) {
      s[j] = next[j]! - beta[j]!;
      y[j] = nextGrad[j]! - grad[j]!;
    }
    const sy = dot(s, y);
    if (sy > 1e-12) {
      history.push({ s, y, rho: 1 / sy });
      if (history.length > 10) history.shift();
    }
    const improvement = f - fNext;
    beta = next;
    grad = nextGrad;
    f = fNext;
    if (Math.sqrt(dot(grad, grad)) < 1e-6 * Math.max(1, Math.sqrt(dot(beta, beta))) || improvement < 1e-10 * Math.max(1, Math.abs(f))) break;
  }
  const weights: Record<string, number> = {};
  o.names.forEach((name, j) => (weights[name] = beta[1 + j]!));
  const text = new Map<number, number>();
  for (const [bucket, at] of c.textIndex) text.set(bucket, beta[at]!);
  return { bias: beta[0]!, weights, text, textNorm: o.textNorm };
}
