/**
 * Turning an engine's raw score into a probability that the item needs action. A map is fitted on
 * labelled items the engine never trained on (Platt scaling: a logistic curve over the score; or
 * isotonic regression: a non-decreasing step curve) and applied at run time. The same functions fit
 * the offline engine (scripts/fit-message-model.ts), the LLM's verdicts (scripts/calibrate-llm.ts)
 * and, later, a person's own decisions (docs/calibration.md).
 */
import { z } from 'zod';

/** A fitted map from raw score to probability. */
export const CalibrationMapSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('identity') }),
  /** p = sigmoid(a * score + b). */
  z.object({ kind: z.literal('platt'), a: z.number(), b: z.number() }),
  /** Knots of a non-decreasing curve (x ascending); linear between knots, flat outside. */
  z.object({ kind: z.literal('isotonic'), x: z.array(z.number()).min(1), y: z.array(z.number().min(0).max(1)).min(1) }),
]);

/** A fitted calibration map. */
export type CalibrationMap = z.infer<typeof CalibrationMapSchema>;

/** One labelled score. */
export interface LabelledScore {
  score: number;
  label: boolean;
}

function sigmoid(z: number): number {
  const clamped = Math.max(-30, Math.min(30, z));
  return 1 / (1 + Math.exp(-clamped));
}

/** The probability a map gives a raw score (clamped to 0..1). */
export function applyCalibration(map: CalibrationMap, score: number): number {
  if (!Number.isFinite(score)) return 0;
  switch (map.kind) {
    case 'identity':
      return Math.min(1, Math.max(0, score));
    case 'platt':
      return sigmoid(map.a * score + map.b);
    case 'isotonic': {
      const { x, y } = map;
      if (score <= x[0]!) return y[0]!;
      const last = x.length - 1;
      if (score >= x[last]!) return y[last]!;
      let lo = 0;
      let hi = last;
      while (hi - lo > 1) {
        const mid = (lo + hi) >> 1;
        if (x[mid]! <= score) lo = mid;
        else hi = mid;
      }
      const span = x[hi]! - x[lo]!;
      return span <= 0 ? y[hi]! : y[lo]! + ((score - x[lo]!) / span) * (y[hi]! - y[lo]!);
    }
  }
}

/**
 * Platt scaling with Platt's smoothed targets ((n+ + 1) / (n+ + 2) and 1 / (n- + 2)), which keep a
 * small set from producing 0 or 1; fitted by Newton's method on the log loss.
 */
export function fitPlatt(data: readonly LabelledScore[]): CalibrationMap {
  const positives = data.filter((d) => d.label).length;
  const negatives = data.length - positives;
  if (positives === 0 || negatives === 0) return { kind: 'platt', a: 0, b: Math.log((positives + 1) / (negatives + 1)) };
  const hiTarget = (positives + 1) / (positives + 2);
  const loTarget = 1 / (negatives + 2);
  let a = 1;
  let b = 0;
  for (let iteration = 0; iteration < 100; iteration += 1) {
    let gA = 0;
    let gB = 0;
    let hAA = 1e-9;
    let hAB = 0;
    let hBB = 1e-9;
    for (const d of data) {
      const p = sigmoid(a * d.score + b);
      const t = d.label ? hiTarget : loTarget;
      const w = p * (1 - p);
      gA += (p - t) * d.score;
      gB += p - t;
      hAA += w * d.score * d.score;
      hAB += w * d.score;
      hBB += w;
    }
    const det = hAA * hBB - hAB * hAB;
    if (Math.abs(det) < 1e-12) break;
    const stepA = (hBB * gA - hAB * gB) / det;
    const stepB = (hAA * gB - hAB * gA) / det;
    a -= stepA;
    b -= stepB;
    if (Math.abs(stepA) + Math.abs(stepB) < 1e-9) break;
  }
  return { kind: 'platt', a, b };
}

/**
 * Isotonic regression by pool-adjacent-violators. Each pooled block becomes one knot at its mean
 * score; `prior` pseudo-counts pull every block toward the overall rate, so a block of three
 * positives does not claim certainty.
 */
export function fitIsotonic(data: readonly LabelledScore[], prior = 1): CalibrationMap {
  if (data.length === 0) return { kind: 'identity' };
  const sorted = [...data].sort((p, q) => p.score - q.score);
  const rate = sorted.filter((d) => d.label).length / sorted.length;
  const blocks: Array<{ sum: number; count: number; scoreSum: number }> = [];
  for (const d of sorted) {
    blocks.push({ sum: d.label ? 1 : 0, count: 1, scoreSum: d.score });
    while (blocks.length >= 2) {
      const top = blocks[blocks.length - 1]!;
      const below = blocks[blocks.length - 2]!;
      if (below.sum / below.count <= top.sum / top.count) break;
      blocks.pop();
      below.sum += top.sum;
      below.count += top.count;
      below.scoreSum += top.scoreSum;
    }
  }
  const x = blocks.map((block) => block.scoreSum / block.count);
  const y = blocks.map((block) => (block.sum + prior * rate) / (block.count + prior));
  // Smoothing can break the order only by rounding; keep it non-decreasing.
  for (let i = 1; i < y.length; i += 1) y[i] = Math.max(y[i]!, y[i - 1]!);
  return { kind: 'isotonic', x, y };
}
