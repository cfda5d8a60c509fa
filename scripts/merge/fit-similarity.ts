/**
 * Fits the similarity on training corpora: logistic regression over the candidate pairs the merge step
 * really scores (labelled by the corpus), then the decision threshold by replaying the whole training
 * corpus at each candidate threshold and keeping, among those whose wrong merges stay within half the
 * budget (so the separate test corpus has room), the one spending the least of both budgets. Several training corpora (other seeds than the test
 * corpus) give the fit more near misses than one. Nothing here looks at the test corpus.
 */
import { FEATURE_NAMES, probability, type SimilarityModel } from '../../src/main/merge/similarity';
import type { MergeCorpus } from './corpus';
import { replayCorpus, type JudgedSource, type LabelledPair, type MergeMetrics } from './merge-eval';

/** Wrong merges allowed on the training corpus when choosing the threshold (the budget is 1%). */
const TRAIN_WRONG_BUDGET = 0.005;

/** Logistic regression by full-batch gradient descent, L2-regularised, classes weighted to balance. */
export function fitLogistic(pairs: readonly LabelledPair[], options: { epochs?: number; rate?: number; l2?: number } = {}): { weights: number[]; bias: number } {
  const epochs = options.epochs ?? 3000;
  const rate = options.rate ?? 0.5;
  const l2 = options.l2 ?? 0.0005;
  const size = FEATURE_NAMES.length;
  const positives = pairs.filter((pair) => pair.same).length;
  if (positives === 0 || positives === pairs.length) throw new Error(`cannot fit on ${pairs.length} pairs with ${positives} positive`);
  const weightOf = (same: boolean) => (same ? pairs.length / (2 * positives) : pairs.length / (2 * (pairs.length - positives)));
  let weights = new Array<number>(size).fill(0);
  let bias = 0;
  for (let epoch = 0; epoch < epochs; epoch += 1) {
    const gradient = new Array<number>(size).fill(0);
    let gradientBias = 0;
    for (const pair of pairs) {
      const error = (probability(pair.features, { features: [], weights, bias, threshold: 0.5 }) - (pair.same ? 1 : 0)) * weightOf(pair.same);
      pair.features.forEach((value, index) => (gradient[index]! += error * value));
      gradientBias += error;
    }
    weights = weights.map((weight, index) => weight - rate * (gradient[index]! / pairs.length + l2 * weight));
    bias -= (rate * gradientBias) / pairs.length;
  }
  return { weights: weights.map((weight) => Math.round(weight * 1000) / 1000), bias: Math.round(bias * 1000) / 1000 };
}

/** The fitted model and what it did on the training corpora. */
export interface FitResult {
  model: SimilarityModel & { fitted: Record<string, unknown> };
  /** Over every training corpus together. */
  train: { duplicate_rate: number; wrong_merge_rate: number; duplicates: number; wrong_merges: number; merged_rows: number; commitments: number };
  thresholds: Array<{ threshold: number; duplicate_rate: number; wrong_merge_rate: number }>;
}

/** One judged training corpus. */
export interface TrainingSet {
  corpus: MergeCorpus;
  judged: readonly JudgedSource[];
}

const CANDIDATE_THRESHOLDS = [0.5, 0.6, 0.7, 0.75, ...Array.from({ length: 20 }, (_, index) => (80 + index) / 100)];

/** The figures of several corpora replayed with one model, summed. */
function replayAll(training: readonly TrainingSet[], model: SimilarityModel, dataDir: string): FitResult['train'] {
  const runs: MergeMetrics[] = training.map(({ corpus, judged }) => replayCorpus(corpus, judged, model, dataDir).metrics);
  const sum = (pick: (metrics: MergeMetrics) => number) => runs.reduce((total, metrics) => total + pick(metrics), 0);
  const commitments = sum((m) => m.commitments);
  const merged = sum((m) => m.merged_rows);
  return { duplicate_rate: sum((m) => m.duplicates) / commitments, wrong_merge_rate: sum((m) => m.wrong_merges) / Math.max(1, merged), duplicates: sum((m) => m.duplicates), wrong_merges: sum((m) => m.wrong_merges), merged_rows: merged, commitments };
}

/**
 * How much of the budgets a threshold spends (each rate over its budget, summed): a wrong merge
 * costs twice a duplicate, as the budgets (1% and 2%) say, so the fit does not buy a few duplicates
 * with many wrong merges near the training budget's edge.
 */
function budgetCost(figures: FitResult['train']): number {
  return figures.duplicate_rate / 0.02 + figures.wrong_merge_rate / 0.01;
}

/** Fits weights and threshold on judged training corpora (never the test corpus). */
export function fitSimilarity(training: readonly TrainingSet[], dataDir: string): FitResult {
  // Pairs as the merge step meets them when only keys merge (the similarity then decides the rest).
  const keysOnly = { features: [...FEATURE_NAMES], weights: [], bias: 0, threshold: 2 };
  const pairs = training.flatMap(({ corpus, judged }) => replayCorpus(corpus, judged, keysOnly, dataDir, { collectPairs: true }).pairs);
  const { weights, bias } = fitLogistic(pairs);
  const thresholds: FitResult['thresholds'] = [];
  let chosen: { threshold: number; figures: FitResult['train'] } | null = null;
  for (const threshold of CANDIDATE_THRESHOLDS) {
    const figures = replayAll(training, { features: [...FEATURE_NAMES], weights, bias, threshold }, dataDir);
    thresholds.push({ threshold, duplicate_rate: figures.duplicate_rate, wrong_merge_rate: figures.wrong_merge_rate });
    const better = !chosen || budgetCost(figures) < budgetCost(chosen.figures);
    if (figures.wrong_merge_rate <= TRAIN_WRONG_BUDGET && better) chosen = { threshold, figures };
  }
  if (!chosen) throw new Error(`no threshold keeps wrong merges within the training budget: ${JSON.stringify(thresholds)}`);
  return {
    model: {
      features: [...FEATURE_NAMES],
      weights,
      bias,
      threshold: chosen.threshold,
      fitted: {
        corpus_seeds: training.map(({ corpus }) => corpus.seed),
        commitments: chosen.figures.commitments,
        pairs: pairs.length,
        positive_pairs: pairs.filter((pair) => pair.same).length,
        train_wrong_budget: TRAIN_WRONG_BUDGET,
      },
    },
    train: chosen.figures,
    thresholds,
  };
}
