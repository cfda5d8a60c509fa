/**
 * Trains the offline engine's sentence classifier from ../shared/data/email-intent/train.tsv
 * (Yes|No<TAB>sentence) and writes derived weights only to src/main/ai/offline/model-weights.json.
 * The data file is read in place and never copied into the project.
 *
 *   npx tsx scripts/train-offline.ts [--data PATH] [--output PATH] [--dry-run]
 *
 * It prints: 5-fold stratified cross-validation over 80% of the data (which picks the
 * hyper-parameters), the figures of the chosen setting on the untouched 20% hold-out, then trains the
 * shipped model on all sentences.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { addConfusion, confusion, metricsOf, roundMetrics, type Confusion, type Metrics } from '../src/main/ai/eval/metrics';
import { FEATURE_VERSION, sentenceFeatures } from '../src/main/ai/offline/features';
import { DEFAULT_TRAIN_OPTIONS, predict, prune, seededRandom, shuffle, train, type Example, type TrainOptions } from '../src/main/ai/offline/logistic';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const arg = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const dataPath = resolve(arg('--data') ?? resolve(root, '../shared/data/email-intent/train.tsv'));
const outputPath = resolve(arg('--output') ?? resolve(root, 'src/main/ai/offline/model-weights.json'));
/** Weights kept in the shipped file: enough for the scores, small enough for the repo (< 300 KB). */
const KEEP_FEATURES = 6000;

function load(path: string): Example[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    console.error(`Cannot read ${path}: the training data lives in ../shared/data/email-intent/ (or pass --data PATH).`);
    process.exit(1);
  }
  const examples: Example[] = [];
  for (const line of text.split(/\r?\n/)) {
    const tab = line.indexOf('\t');
    if (tab < 0) continue;
    const label = line.slice(0, tab).trim();
    const sentence = line.slice(tab + 1).trim();
    if ((label !== 'Yes' && label !== 'No') || !sentence) continue;
    examples.push({ features: sentenceFeatures(sentence), label: label === 'Yes' });
  }
  return examples;
}

/** Stratified split into k folds, so every fold keeps the Yes/No ratio. */
function folds(examples: readonly Example[], k: number, seed: number): Example[][] {
  const random = seededRandom(seed);
  const pos = shuffle(examples.filter((e) => e.label), random);
  const neg = shuffle(examples.filter((e) => !e.label), random);
  const out: Example[][] = Array.from({ length: k }, () => []);
  [...pos, ...neg].forEach((e, i) => out[i % k]?.push(e));
  return out;
}

function score(model: ReturnType<typeof train>, test: readonly Example[], threshold: number): Confusion {
  return confusion(test.map((e) => ({ actual: e.label, predicted: predict(model, e.features) >= threshold })));
}

function crossValidate(examples: readonly Example[], options: TrainOptions, k = 5): Metrics {
  const parts = folds(examples, k, 11);
  let total: Confusion = { tp: 0, fp: 0, tn: 0, fn: 0 };
  parts.forEach((test, i) => {
    const trainSet = parts.filter((_, j) => j !== i).flat();
    total = addConfusion(total, score(prune(train(trainSet, options), KEEP_FEATURES), test, 0.5));
  });
  return metricsOf(total);
}

function show(label: string, m: Metrics): void {
  const r = roundMetrics(m);
  console.log(
    `${label}: accuracy ${r.accuracy}, balanced accuracy ${r.balanced_accuracy}, precision ${r.precision}, recall ${r.recall}, F1 ${r.f1}`,
  );
}

const all = load(dataPath);
console.log(`${all.length} sentences (${all.filter((e) => e.label).length} Yes) from ${dataPath}`);
const [holdout = [], ...rest] = folds(all, 5, 3);
const development = rest.flat();

// A small grid; 5-fold CV on the development 80% picks the setting, the hold-out only reports it.
const grid: TrainOptions[] = [];
for (const learningRate of [0.05, 0.1])
  for (const epochs of [10, 20])
    for (const l2 of [1e-3, 3e-3]) for (const minCount of [1, 2]) grid.push({ ...DEFAULT_TRAIN_OPTIONS, learningRate, epochs, l2, minCount });
let best = { options: DEFAULT_TRAIN_OPTIONS, metrics: crossValidate(development, DEFAULT_TRAIN_OPTIONS) };
for (const options of grid) {
  const metrics = crossValidate(development, options);
  if ((metrics.balanced_accuracy ?? 0) > (best.metrics.balanced_accuracy ?? 0)) best = { options, metrics };
}
console.log(`chosen: l2=${best.options.l2} epochs=${best.options.epochs} minCount=${best.options.minCount} learningRate=${best.options.learningRate}`);
show(`5-fold CV (${development.length} sentences)`, best.metrics);
const heldOut = metricsOf(score(prune(train(development, best.options), KEEP_FEATURES), holdout, 0.5));
show(`hold-out (${holdout.length} sentences, never used for choosing)`, heldOut);
const allCv = crossValidate(all, best.options);
show(`5-fold CV over all ${all.length} sentences`, allCv);

const model = prune(train(all, best.options), KEEP_FEATURES);
const round = (v: number): number => Number(v.toFixed(4));
const file = {
  featureVersion: FEATURE_VERSION,
  threshold: 0.5,
  bias: round(model.bias),
  trainedOn: all.length,
  options: best.options,
  crossValidation: roundMetrics(allCv),
  holdout: roundMetrics(heldOut),
  features: [...model.weights.keys()],
  weights: [...model.weights.values()].map(round),
};
if (args.includes('--dry-run')) {
  console.log(`dry run: ${file.features.length} features, not written`);
} else {
  const json = `${JSON.stringify(file)}\n`;
  writeFileSync(outputPath, json);
  console.log(`wrote ${file.features.length} weights to ${outputPath} (${Math.round(json.length / 1024)} KB)`);
}
