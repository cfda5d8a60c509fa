/**
 * `npm run eval -- --merge [--fit] [--count N] [--train-seed N] [--test-seed N | --test-seeds A..B] [--output R.json]`
 *
 * Generates the training and test corpora (seeded: the same figures on every run), optionally fits the
 * similarity on training corpora and writes src/main/merge/similarity-model.json, then replays the
 * test corpus (or each of several) with the model in use and reports duplicate suggestions and wrong
 * merges against the budgets (2% and 1%). With several test seeds it prints each seed's figures,
 * the pooled figures and how many seeds meet each budget. Exits 1 when a test corpus is over budget.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DEFAULT_SIMILARITY_MODEL, type SimilarityModel } from '../../src/main/merge/similarity';
import { generateCorpus } from './corpus';
import { fitSimilarity, withinBudgets, type TrainingSet } from './fit-similarity';
import { judgeCorpus, replayCorpus, type MergeMetrics } from './merge-eval';

/** First training seed: the fit reads only training seeds, the figures come from test seeds. */
export const TRAIN_SEED = 20260301;
/** Training corpora the weights are fitted on (seeds TRAIN_SEED, TRAIN_SEED + 1, ...). */
export const WEIGHT_CORPORA = 12;
/** Training corpora the threshold is chosen on (the seeds after the weight corpora's). */
export const THRESHOLD_CORPORA = 28;
export const TEST_SEED = 20260417;
/** The budgets. */
export const BUDGETS = { duplicate_rate: 0.02, wrong_merge_rate: 0.01 };
/** Most test seeds one run replays. */
const MAX_TEST_SEEDS = 200;

const MODEL_PATH = resolve(import.meta.dirname, '../../src/main/merge/similarity-model.json');

function option(args: string[], name: string): string | undefined {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? args[index + 1] : undefined;
}

/** The seeds of `--test-seeds A..B` (or `--test-seed N`, or the default test seed). */
export function testSeedsOf(args: string[]): number[] {
  if (!args.includes('--test-seeds')) return [Number(option(args, 'test-seed') ?? TEST_SEED)];
  const range = option(args, 'test-seeds') ?? '';
  const match = /^(\d{1,10})\.\.(\d{1,10})$/.exec(range);
  const [from, to] = match ? [Number(match[1]), Number(match[2])] : [NaN, NaN];
  if (!match || to < from || to - from >= MAX_TEST_SEEDS) throw new Error(`--test-seeds wants FIRST..LAST (at most ${MAX_TEST_SEEDS} seeds), got ${range}`);
  return Array.from({ length: to - from + 1 }, (_, index) => from + index);
}

const percent = (rate: number) => `${(rate * 100).toFixed(2)}%`;

function line(label: string, metrics: MergeMetrics): string {
  return `${label}: ${metrics.commitments} commitments, ${metrics.items} items, ${metrics.rows} suggestions stored, ${metrics.shown} shown; ` +
    `duplicates ${metrics.duplicates} (${percent(metrics.duplicate_rate)}, ${metrics.duplicates_without_merging} without merging); ` +
    `wrong merges ${metrics.wrong_merges} of ${metrics.merged_rows} merged (${percent(metrics.wrong_merge_rate)}; ${metrics.merged_by_key} by key, ${metrics.merged_by_similarity} by similarity)`;
}

/** One seed's figures in a few words, a budget missed marked. */
function brief(metrics: MergeMetrics): string {
  const over = (rate: number, budget: number) => (rate > budget ? ' OVER' : '');
  return `duplicates ${metrics.duplicates} of ${metrics.commitments} (${percent(metrics.duplicate_rate)}${over(metrics.duplicate_rate, BUDGETS.duplicate_rate)}), ` +
    `wrong merges ${metrics.wrong_merges} of ${metrics.merged_rows} (${percent(metrics.wrong_merge_rate)}${over(metrics.wrong_merge_rate, BUDGETS.wrong_merge_rate)})`;
}

/** Several seeds' figures: pooled rates and how many seeds meet each budget. */
export function pooled(runs: readonly MergeMetrics[]) {
  const sum = (pick: (metrics: MergeMetrics) => number) => runs.reduce((total, metrics) => total + pick(metrics), 0);
  const commitments = sum((m) => m.commitments);
  const merged = sum((m) => m.merged_rows);
  return {
    seeds: runs.length,
    duplicates: sum((m) => m.duplicates),
    duplicate_rate: sum((m) => m.duplicates) / Math.max(1, commitments),
    wrong_merges: sum((m) => m.wrong_merges),
    wrong_merge_rate: sum((m) => m.wrong_merges) / Math.max(1, merged),
    seeds_within_duplicate_budget: runs.filter((m) => m.duplicate_rate <= BUDGETS.duplicate_rate).length,
    seeds_within_wrong_merge_budget: runs.filter((m) => m.wrong_merge_rate <= BUDGETS.wrong_merge_rate).length,
    seeds_within_both: runs.filter(withinBudgets).length,
  };
}

function pooledLine(label: string, figures: ReturnType<typeof pooled>): string {
  return `${label}: duplicates ${figures.duplicates} (${percent(figures.duplicate_rate)}), wrong merges ${figures.wrong_merges} (${percent(figures.wrong_merge_rate)}); ` +
    `seeds within budget: duplicates ${figures.seeds_within_duplicate_budget}/${figures.seeds}, wrong merges ${figures.seeds_within_wrong_merge_budget}/${figures.seeds}, both ${figures.seeds_within_both}/${figures.seeds}`;
}

async function judgedSets(firstSeed: number, corpora: number, count: number): Promise<TrainingSet[]> {
  const sets: TrainingSet[] = [];
  for (let seed = firstSeed; seed < firstSeed + corpora; seed += 1) {
    const corpus = generateCorpus(seed, count);
    sets.push({ corpus, judged: await judgeCorpus(corpus) });
  }
  return sets;
}

/** Fits the similarity on the training seeds and writes it; returns the model and what the fit saw. */
async function fit(trainSeed: number, count: number, dataDir: string) {
  const weightSets = await judgedSets(trainSeed, WEIGHT_CORPORA, count);
  const thresholdSets = await judgedSets(trainSeed + WEIGHT_CORPORA, THRESHOLD_CORPORA, count);
  const fitted = fitSimilarity(weightSets, thresholdSets, dataDir);
  writeFileSync(MODEL_PATH, `${JSON.stringify(fitted.model, null, 2)}\n`);
  const last = trainSeed + WEIGHT_CORPORA + THRESHOLD_CORPORA - 1;
  console.log(
    `fitted weights on seeds ${trainSeed}..${trainSeed + WEIGHT_CORPORA - 1}, threshold ${fitted.model.threshold} on seeds ${trainSeed + WEIGHT_CORPORA}..${last} ` +
      `(duplicates ${percent(fitted.chosen.duplicate_rate)}, wrong merges ${percent(fitted.chosen.wrong_merge_rate)}, ${fitted.chosen.corpora_within_budgets} of ${fitted.chosen.corpora} within both budgets); wrote ${MODEL_PATH}`,
  );
  return fitted;
}

/** Runs the merge evaluation; returns the report. */
export async function runMergeCli(args: string[]): Promise<{ report: Record<string, unknown>; withinBudget: boolean }> {
  const count = Number(option(args, 'count') ?? 300);
  const trainSeed = Number(option(args, 'train-seed') ?? TRAIN_SEED);
  const testSeeds = testSeedsOf(args);
  const dataDir = mkdtempSync(join(tmpdir(), 'pt-merge-eval-'));
  try {
    const fitted = args.includes('--fit') ? await fit(trainSeed, count, dataDir) : null;
    const model: SimilarityModel = fitted?.model ?? DEFAULT_SIMILARITY_MODEL;
    const train = generateCorpus(trainSeed, count);
    const trainMetrics = replayCorpus(train, await judgeCorpus(train), model, dataDir).metrics;
    console.log(line(`train (seed ${trainSeed})`, trainMetrics));
    const tests: Array<{ seed: number; metrics: MergeMetrics; everyItem: MergeMetrics }> = [];
    for (const seed of testSeeds) {
      const test = generateCorpus(seed, count);
      const judged = await judgeCorpus(test);
      const metrics = replayCorpus(test, judged, model, dataDir).metrics;
      // The stress figure: every item stored as a suggestion, even those the engine finds nothing to do in.
      const everyItem = replayCorpus(test, judged, model, dataDir, { everyItem: true }).metrics;
      tests.push({ seed, metrics, everyItem });
      if (testSeeds.length === 1) {
        console.log(line(`test  (seed ${seed})`, metrics));
        console.log(line('test, every item a suggestion', everyItem));
      } else {
        console.log(`test seed ${seed}: ${brief(metrics)}; every item a suggestion: ${brief(everyItem)}`);
      }
    }
    const withinBudget = tests.every(({ metrics }) => withinBudgets(metrics));
    const budgets = `budgets: duplicates <= ${BUDGETS.duplicate_rate * 100}%, wrong merges <= ${BUDGETS.wrong_merge_rate * 100}%`;
    const [single] = tests;
    const figures = tests.length > 1 ? { pooled: pooled(tests.map((t) => t.metrics)), pooled_every_item: pooled(tests.map((t) => t.everyItem)) } : null;
    if (figures) {
      console.log(pooledLine(`test seeds ${testSeeds[0]}..${testSeeds.at(-1)} pooled`, figures.pooled));
      console.log(pooledLine(`test seeds ${testSeeds[0]}..${testSeeds.at(-1)} pooled, every item a suggestion`, figures.pooled_every_item));
      console.log(`${budgets}: ${withinBudget ? 'met on every test seed' : 'NOT met on every test seed'}`);
    } else {
      console.log(`${budgets}: ${withinBudget ? 'met' : 'NOT met'} on the test corpus (${withinBudgets(single!.everyItem) ? 'met' : 'not met'} with every item a suggestion)`);
    }
    const report = {
      model,
      budgets: BUDGETS,
      train: { seed: trainSeed, ...trainMetrics },
      ...(figures
        ? { tests: tests.map(({ seed, metrics, everyItem }) => ({ seed, ...metrics, every_item: everyItem })), ...figures }
        : { test: { seed: single!.seed, ...single!.metrics }, test_every_item: { seed: single!.seed, ...single!.everyItem } }),
      within_budget: withinBudget,
      ...(fitted ? { fit: { model: fitted.model, chosen: fitted.chosen, thresholds: fitted.thresholds } } : {}),
    };
    const output = option(args, 'output');
    if (output) writeFileSync(resolve(output), `${JSON.stringify(report, null, 2)}\n`);
    return { report, withinBudget };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
