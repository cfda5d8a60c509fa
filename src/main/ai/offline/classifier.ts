/**
 * The sentence classifier at run time: the weights written by scripts/train-offline.ts, checked
 * once when an engine is created, then applied to each sentence's features.
 */
import { z } from 'zod';
import { FEATURE_VERSION, sentenceFeatures } from './features';
import { predict, type LinearModel } from './logistic';
import bundledWeights from './model-weights.json';

const WeightsFileSchema = z.object({
  featureVersion: z.number().int(),
  threshold: z.number().min(0).max(1),
  bias: z.number(),
  features: z.array(z.string()),
  weights: z.array(z.number()),
});

/** Scores sentences: probability that a sentence asks the reader to act. */
export interface SentenceClassifier {
  /** Probability (0..1) that the sentence is a request, proposal or dated commitment. */
  score(sentence: string): number;
  /** Decision threshold the weights were validated with. */
  readonly threshold: number;
}

/** Builds a classifier from a weights file's content (the bundled one by default). */
export function loadClassifier(raw: unknown = bundledWeights): SentenceClassifier {
  const file = WeightsFileSchema.parse(raw);
  if (file.featureVersion !== FEATURE_VERSION) {
    throw new Error(`offline weights were trained for features v${file.featureVersion}, the code has v${FEATURE_VERSION}: run scripts/train-offline.ts`);
  }
  if (file.features.length !== file.weights.length) throw new Error('offline weights: features and weights differ in length');
  const weights = new Map<string, number>();
  file.features.forEach((f, i) => weights.set(f, file.weights[i] ?? 0));
  const model: LinearModel = { bias: file.bias, weights };
  return { threshold: file.threshold, score: (sentence) => predict(model, sentenceFeatures(sentence)) };
}
