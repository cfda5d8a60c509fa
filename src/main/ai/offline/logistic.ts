/**
 * A small L2-regularised logistic regression over binary features: trained by the script, applied
 * by the engine. Plain arrays and maps, no dependencies, deterministic for a given seed.
 */

/** One training example: its feature names and its label. */
export interface Example {
  features: string[];
  label: boolean;
}

/** Training knobs. */
export interface TrainOptions {
  epochs: number;
  learningRate: number;
  l2: number;
  /** Features seen in fewer examples than this are dropped (they only add noise and size). */
  minCount: number;
  seed: number;
}

/** Defaults found by cross-validation in scripts/train-offline.ts. */
export const DEFAULT_TRAIN_OPTIONS: TrainOptions = { epochs: 10, learningRate: 0.05, l2: 3e-3, minCount: 2, seed: 7 };

/** A trained model: bias plus one weight per kept feature. */
export interface LinearModel {
  bias: number;
  weights: Map<string, number>;
}

/** Deterministic PRNG (mulberry32) so training and folds are reproducible. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** In-place Fisher-Yates shuffle with the given PRNG. */
export function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
  return items;
}

/** Logistic function, clamped so extreme scores never give exactly 0 or 1. */
export function sigmoid(z: number): number {
  const clamped = Math.max(-30, Math.min(30, z));
  return 1 / (1 + Math.exp(-clamped));
}

/** Probability that an example with these features is positive. */
export function predict(model: LinearModel, features: readonly string[]): number {
  let z = model.bias;
  for (const f of features) z += model.weights.get(f) ?? 0;
  return sigmoid(z);
}

/** Trains with AdaGrad SGD; the per-feature step sizes suit sparse, unevenly frequent features. */
export function train(examples: readonly Example[], options: TrainOptions = DEFAULT_TRAIN_OPTIONS): LinearModel {
  const counts = new Map<string, number>();
  for (const ex of examples) for (const f of ex.features) counts.set(f, (counts.get(f) ?? 0) + 1);
  const index = new Map<string, number>();
  for (const [f, c] of counts) if (c >= options.minCount) index.set(f, index.size);
  const rows = examples.map((ex) => ({
    ids: ex.features.map((f) => index.get(f)).filter((i): i is number => i !== undefined),
    y: ex.label ? 1 : 0,
  }));
  const w = new Float64Array(index.size);
  const g2 = new Float64Array(index.size).fill(1e-8);
  let bias = 0;
  let biasG2 = 1e-8;
  const random = seededRandom(options.seed);
  const order = rows.map((_, i) => i);
  for (let epoch = 0; epoch < options.epochs; epoch += 1) {
    shuffle(order, random);
    for (const r of order) {
      const row = rows[r];
      if (!row) continue;
      let z = bias;
      for (const i of row.ids) z += w[i] ?? 0;
      const err = sigmoid(z) - row.y;
      biasG2 += err * err;
      bias -= (options.learningRate * err) / Math.sqrt(biasG2);
      for (const i of row.ids) {
        const g = err + options.l2 * (w[i] ?? 0);
        g2[i] = (g2[i] ?? 0) + g * g;
        w[i] = (w[i] ?? 0) - (options.learningRate * g) / Math.sqrt(g2[i] ?? 1);
      }
    }
  }
  const weights = new Map<string, number>();
  for (const [f, i] of index) weights.set(f, w[i] ?? 0);
  return { bias, weights };
}

/** Keeps the `keep` largest weights by magnitude (the rest barely move a score) to bound file size. */
export function prune(model: LinearModel, keep: number, minAbs = 0.01): LinearModel {
  const sorted = [...model.weights].filter(([, v]) => Math.abs(v) >= minAbs).sort((a, b) => Math.abs(b[1]) - Math.abs(a[1]));
  return { bias: model.bias, weights: new Map(sorted.slice(0, keep)) };
}
