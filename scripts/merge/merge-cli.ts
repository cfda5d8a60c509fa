/**
 * `npm run eval -- --merge [--fit] [--count N] [--train-seed N] [--test-seed N] [--output R.json]`
 *
 * Generates the training and test corpora (seeded: the same figures on every run), optionally fits the
 * similarity on the training corpus and writes src/main/merge/similarity-model.json, then replays the
 * test corpus with the model in use and reports duplicate suggestions and wrong merges against the
 * issue's budgets (2% and 1%). Exits 1 when the test corpus is over budget.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DEFAULT_SIMILARITY_MODEL, type SimilarityModel } from '../../src/main/merge/similarity';
import { generateCorpus } from './corpus';
import { fitSimilarity } from './fit-similarity';
import { judgeCorpus, replayCorpus, type MergeMetrics } from './merge-eval';

/** Seeds of the corpora: fitting reads only the training ones, the figures come from the test one. */
export const TRAIN_SEED = 20260301;
/** How many training corpora (seeds TRAIN_SEED, TRAIN_SEED + 1, ...) the fit reads. */
export const TRAIN_CORPORA = 4;
export const TEST_SEED = 20260417;
/** The budgets. */
export const BUDGETS = { duplicate_rate: 0.02, wrong_merge_rate: 0.01 };

const MODEL_PATH = resolve(import.meta.dirname, '../../src/main/merge/similarity-model.json');

function option(args: string[], name: string): string | undefined {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? args[index + 1] : undefined;
}

function line(label: string, metrics: MergeMetrics): string {
  return `${label}: ${metrics.commitments} commitments, ${metrics.items} items, ${metrics.rows} suggestions stored, ${metrics.shown} shown; ` +
    `duplicates ${metrics.duplicates} (${(metrics.duplicate_rate * 100).toFixed(2)}%, ${metrics.duplicates_without_merging} without merging); ` +
    `wrong merges ${metrics.wrong_merges} of ${metrics.merged_rows} merged (${(metrics.wrong_merge_rate * 100).toFixed(2)}%; ${metrics.merged_by_key} by key, ${metrics.merged_by_similarity} by similarity)`;
}

/** Runs the merge evaluation; returns the report. */
export async function runMergeCli(args: string[]): Promise<{ report: Record<string, unknown>; withinBudget: boolean }> {
  const count = Number(option(args, 'count') ?? 300);
  const trainSeed = Number(option(args, 'train-seed') ?? TRAIN_SEED);
  const testSeed = Number(option(args, 'test-seed') ?? TEST_SEED);
  const dataDir = mkdtempSync(join(tmpdir(), 'pt-merge-eval-'));
  try {
    const train = generateCorpus(trainSeed, count);
    const trainJudged = await judgeCorpus(train);
    let model: SimilarityModel = DEFAULT_SIMILARITY_MODEL;
    let fit: Record<string, unknown> | null = null;
    if (args.includes('--fit')) {
      const training = [{ corpus: train, judged: trainJudged }];
      for (let extra = 1; extra < TRAIN_CORPORA; extra += 1) {
        const corpus = generateCorpus(trainSeed + extra, count);
        training.push({ corpus, judged: await judgeCorpus(corpus) });
      }
      const fitted = fitSimilarity(training, dataDir);
      writeFileSync(MODEL_PATH, `${JSON.stringify(fitted.model, null, 2)}\n`);
      model = fitted.model;
      fit = { model: fitted.model, train: fitted.train, thresholds: fitted.thresholds };
      console.log(`fitted on seeds ${trainSeed}..${trainSeed + TRAIN_CORPORA - 1} (duplicates ${(fitted.train.duplicate_rate * 100).toFixed(2)}%, wrong merges ${(fitted.train.wrong_merge_rate * 100).toFixed(2)}%): weights ${JSON.stringify(fitted.model.weights)}, bias ${fitted.model.bias}, threshold ${fitted.model.threshold}; wrote ${MODEL_PATH}`);
    }
    const trainMetrics = replayCorpus(train, trainJudged, model, dataDir).metrics;
    const test = generateCorpus(testSeed, count);
    const testJudged = await judgeCorpus(test);
    const testMetrics = replayCorpus(test, testJudged, model, dataDir).metrics;
    // The stress figure: every item stored as a suggestion, even those the engine finds nothing to do in.
    const stressMetrics = replayCorpus(test, testJudged, model, dataDir, { everyItem: true }).metrics;
    const within = (metrics: MergeMetrics) => metrics.duplicate_rate <= BUDGETS.duplicate_rate && metrics.wrong_merge_rate <= BUDGETS.wrong_merge_rate;
    const withinBudget = within(testMetrics);
    console.log(line(`train (seed ${trainSeed})`, trainMetrics));
    console.log(line(`test  (seed ${testSeed})`, testMetrics));
    console.log(line(`test, every item a suggestion`, stressMetrics));
    console.log(`budgets: duplicates <= ${BUDGETS.duplicate_rate * 100}%, wrong merges <= ${BUDGETS.wrong_merge_rate * 100}%: ${withinBudget ? 'met' : 'NOT met'} on the test corpus (${within(stressMetrics) ? 'met' : 'not met'} with every item a suggestion)`);
    const report = {
      model,
      budgets: BUDGETS,
      train: { seed: trainSeed, ...trainMetrics },
      test: { seed: testSeed, ...testMetrics },
      test_every_item: { seed: testSeed, ...stressMetrics },
      within_budget: withinBudget,
      ...(fit ? { fit } : {}),
    };
    const output = option(args, 'output');
    if (output) writeFileSync(resolve(output), `${JSON.stringify(report, null, 2)}\n`);
    return { report, withinBudget };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
