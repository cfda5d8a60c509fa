/**
 * Training and validation helpers for the sentence classifier, shared by scripts/train-offline.ts
 * and the tests: reading `Yes|No<TAB>sentence` data, stratified folds, cross-validation, the weights
 * file, and the item-level check (the whole engine on held-out sentences sent as one-line emails).
 */
import type { EmailItem } from '../../src/main/items/provider-item';
import { confusion, metricsOf, roundMetrics, addConfusion, type Confusion, type Metrics } from './metrics';
import { isFailure } from '../../src/main/ai/types';
import { FEATURE_VERSION, sentenceFeatures } from '../../src/main/ai/offline/features';
import { predict, prune, seededRandom, shuffle, train, type Example, type LinearModel, type TrainOptions } from '../../src/main/ai/offline/logistic';
import { createOfflineEngine } from '../../src/main/ai/offline/offline-engine';

/** A labelled sentence with its features. */
export interface LabelledSentence extends Example {
  sentence: string;
}

/** Weights kept in the shipped file: enough for the scores, small enough for the repo (< 300 KB). */
export const KEEP_FEATURES = 6000;

/** Parses `Yes|No<TAB>sentence` lines; other lines are skipped. */
export function parseTsv(text: string): LabelledSentence[] {
  const out: LabelledSentence[] = [];
  for (const line of text.split(/\r?\n/)) {
    const tab = line.indexOf('\t');
    if (tab < 0) continue;
    const label = line.slice(0, tab).trim();
    const sentence = line.slice(tab + 1).trim();
    if ((label !== 'Yes' && label !== 'No') || !sentence) continue;
    out.push({ sentence, features: sentenceFeatures(sentence), label: label === 'Yes' });
  }
  return out;
}

/** Stratified split into k folds, so every fold keeps the Yes/No ratio. */
export function stratifiedFolds<T extends Example>(examples: readonly T[], k: number, seed: number): T[][] {
  const random = seededRandom(seed);
  const pos = shuffle(examples.filter((e) => e.label), random);
  const neg = shuffle(examples.filter((e) => !e.label), random);
  const out: T[][] = Array.from({ length: k }, () => []);
  [...pos, ...neg].forEach((e, i) => out[i % k]?.push(e));
  return out;
}

/** Trains and prunes: the model exactly as it would ship. */
export function trainShippable(examples: readonly Example[], options: TrainOptions): LinearModel {
  return prune(train(examples, options), KEEP_FEATURES);
}

/** Sentence-level confusion of a model on examples at a threshold. */
export function scoreModel(model: LinearModel, test: readonly Example[], threshold = 0.5): Confusion {
  return confusion(test.map((e) => ({ actual: e.label, predicted: predict(model, e.features) >= threshold })));
}

/** k-fold stratified cross-validation, pooled over folds. */
export function crossValidate(examples: readonly Example[], options: TrainOptions, k = 5, seed = 11): Metrics {
  const parts = stratifiedFolds(examples, k, seed);
  let total: Confusion = { tp: 0, fp: 0, tn: 0, fn: 0 };
  parts.forEach((test, i) => {
    total = addConfusion(total, scoreModel(trainShippable(parts.filter((_, j) => j !== i).flat(), options), test));
  });
  return metricsOf(total);
}

/** The JSON written to model-weights.json (and accepted by `createOfflineEngine({ weights })`). */
export function weightsFile(model: LinearModel, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const round = (v: number): number => Number(v.toFixed(4));
  return {
    featureVersion: FEATURE_VERSION,
    threshold: 0.5,
    bias: round(model.bias),
    ...extra,
    features: [...model.weights.keys()],
    weights: [...model.weights.values()].map(round),
  };
}

/** A sentence as a one-line email from a stranger, the way an eval file would carry it. */
export function sentenceAsEmail(sentence: string, id: string): EmailItem {
  return {
    type: 'email',
    id,
    threadKey: null,
    date: '2025-03-05T10:00:00.000Z',
    link: null,
    from: { name: 'Sam Lee', address: 'sam.lee@example.com' },
    to: [{ name: null, address: 'me@example.com' }],
    cc: [],
    subject: '',
    snippet: sentence,
    bodyText: sentence,
    labels: [],
    headers: { listUnsubscribe: null, precedence: null, autoSubmitted: null },
    contentFlags: [],
  };
}

/** Item-level metrics of the whole engine (weights from `model`) on sentences sent as emails. */
export async function engineCheck(model: LinearModel, test: readonly LabelledSentence[]): Promise<Metrics> {
  const engine = createOfflineEngine({ weights: weightsFile(model) });
  const items = test.map((t, i) => sentenceAsEmail(t.sentence, `s${i}`));
  const { results } = await engine.generate(items, { now: new Date('2025-03-05T12:00:00Z'), timeZone: 'UTC', prepTaskHours: 24, selfAddresses: ['me@example.com'] });
  const pairs = test.map((t, i) => {
    const r = results.get(`s${i}`);
    return { actual: t.label, predicted: r !== undefined && !isFailure(r) && r.needsAction };
  });
  return roundMetrics(metricsOf(confusion(pairs)));
}
