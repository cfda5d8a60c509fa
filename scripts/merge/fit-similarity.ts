/**
 * Fits the similarity on training corpora: logistic regression over the candidate pairs the merge step
 * really scores (labelled by the corpus) on the weight corpora, then the decision threshold on other
 * corpora (threshold corpora: a threshold chosen on the pairs it was fitted on is chosen on merges it
 * finds too easy). The budgets must hold on each corpus, not on average: the threshold kept is the one
 * under which the most threshold corpora meet both budgets (counting its neighbours' too: not at a
 * cliff's edge), the least of both budgets spent over them all breaking ties. Every corpus is a
 * training seed; nothing here looks at a test corpus.
 */
import { FEATURE_NAMES, probability, type SimilarityModel } from '../../src/main/merge/similarity';
import type { MergeCorpus } from './corpus';
import { replayCorpus, type JudgedSource, type LabelledPair, type MergeMetrics } from './merge-eval';

/** The budgets: duplicate suggestions per commitment, wrong merges per merged row. */
const BUDGETS = { duplicate_rate: 0.02, wrong_merge_rate: 0.01 };

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

/** Figures of a set of corpora replayed with one model: pooled, and how many corpora meet both budgets. */
export interface ReplayFigures {
  duplicate_rate: number;
  wrong_merge_rate: number;
  duplicates: number;
  wrong_merges: number;
  merged_rows: number;
  commitments: number;
  corpora: number;
  corpora_within_budgets: number;
}

/** The fitted model and what it did on the threshold corpora. */
export interface FitResult {
  model: SimilarityModel & { fitted: Record<string, unknown> };
  /** Over the threshold corpora, at the chosen threshold. */
  chosen: ReplayFigures;
  thresholds: Array<{ threshold: number } & ReplayFigures>;
}

/** One judged training corpus. */
export interface TrainingSet {
  corpus: MergeCorpus;
  judged: readonly JudgedSource[];
}

/** Candidate thresholds: log-odds 0 to 6 in steps of 0.25 (probability 0.5 to 0.9975), finest where merges are decided. */
const CANDIDATE_THRESHOLDS = Array.from({ length: 25 }, (_, step) => Math.round((1 / (1 + Math.exp(-step / 4))) * 10_000) / 10_000);

/** True when one corpus's figures meet both budgets. */
export function withinBudgets(metrics: Pick<MergeMetrics, 'duplicate_rate' | 'wrong_merge_rate'>): boolean {
  return metrics.duplicate_rate <= BUDGETS.duplicate_rate && metrics.wrong_merge_rate <= BUDGETS.wrong_merge_rate;
}

/** The figures of several corpora replayed with one model. */
export function replayAll(sets: readonly TrainingSet[], model: SimilarityModel, dataDir: string): ReplayFigures {
  const runs: MergeMetrics[] = sets.map(({ corpus, judged }) => replayCorpus(corpus, judged, model, dataDir).metrics);
  const sum = (pick: (metrics: MergeMetrics) => number) => runs.reduce((total, metrics) => total + pick(metrics), 0);
  const commitments = sum((m) => m.commitments);
  const merged = sum((m) => m.merged_rows);
  return {
    duplicate_rate: sum((m) => m.duplicates) / commitments,
    wrong_merge_rate: sum((m) => m.wrong_merges) / Math.max(1, merged),
    duplicates: sum((m) => m.duplicates),
    wrong_merges: sum((m) => m.wrong_merges),
    merged_rows: merged,
    commitments,
    corpora: runs.length,
    corpora_within_budgets: runs.filter(withinBudgets).length,
  };
}

/**
 * How much of the budgets a threshold spends over all corpora (each rate over its budget,
 * summed): a wrong merge costs twice a duplicate, as the budgets (1% and 2%) say.
 */
function budgetCost(figures: ReplayFigures): number {
  return figures.duplicate_rate / BUDGETS.duplicate_rate + figures.wrong_merge_rate / BUDGETS.wrong_merge_rate;
}

/**
 * The threshold to keep, by index: the most corpora within both budgets, counted with the neighbouring
 * thresholds' counts too (a threshold next to a cliff, where one step further many corpora fail, is
 * fragile on corpora it has not seen), then the least of the budgets spent.
 */
export function chooseThreshold(figures: readonly ReplayFigures[]): number {
  const steady = (index: number) => {
    const around = figures.slice(Math.max(0, index - 1), index + 2);
    return around.reduce((total, entry) => total + entry.corpora_within_budgets, 0) / around.length;
  };
  let best = 0;
  for (let index = 1; index < figures.length; index += 1) {
    const [candidate, incumbent] = [steady(index), steady(best)];
    if (candidate > incumbent || (candidate === incumbent && budgetCost(figures[index]!) < budgetCost(figures[best]!))) best = index;
  }
  return best;
}

/** "20260301..20260312": the seeds of consecutive corpora (listed one by one otherwise). */
function seedsOf(sets: readonly TrainingSet[]): string {
  const seeds = sets.map(({ corpus }) => corpus.seed);
  const consecutive = seeds.every((seed, index) => seed === seeds[0]! + index);
  return consecutive ? `${seeds[0]}..${seeds.at(-1)}` : seeds.join(', ');
}

/** Fits weights on the weight corpora and the threshold on the threshold corpora (training seeds, never the test's). */
export function fitSimilarity(weightSets: readonly TrainingSet[], thresholdSets: readonly TrainingSet[], dataDir: string): FitResult {
  if (weightSets.length === 0 || thresholdSets.length === 0) throw new Error('the fit needs weight corpora and threshold corpora');
  // Pairs as the merge step meets them when only keys merge (the similarity then decides the rest).
  const keysOnly = { features: [...FEATURE_NAMES], weights: [], bias: 0, threshold: 2 };
  const pairs = weightSets.flatMap(({ corpus, judged }) => replayCorpus(corpus, judged, keysOnly, dataDir, { collectPairs: true }).pairs);
  const { weights, bias } = fitLogistic(pairs);
  const thresholds: FitResult['thresholds'] = CANDIDATE_THRESHOLDS.map((threshold) => ({ threshold, ...replayAll(thresholdSets, { features: [...FEATURE_NAMES], weights, bias, threshold }, dataDir) }));
  const { threshold, ...chosen } = thresholds[chooseThreshold(thresholds)]!;
  return {
    model: {
      features: [...FEATURE_NAMES],
      weights,
      bias,
      threshold,
      fitted: {
        weight_seeds: seedsOf(weightSets),
        threshold_seeds: seedsOf(thresholdSets),
        pairs: pairs.length,
        positive_pairs: pairs.filter((pair) => pair.same).length,
        threshold_corpora_within_budgets: `${chosen.corpora_within_budgets} of ${chosen.corpora}`,
      },
    },
    chosen,
    thresholds,
  };
}
