/**
 * Trains the offline engine's sentence classifier from ../shared/data/email-intent/train.tsv
 * (Yes|No<TAB>sentence) and writes derived weights only to src/main/ai/offline/model-weights.json.
 * The data file is read in place and never copied into the project.
 *
 *   npx tsx scripts/train-offline.ts [--data PATH] [--output PATH] [--dry-run]
 *
 * Prints: 5-fold stratified cross-validation over 80% of the data (which picks the
 * hyper-parameters), the chosen setting on the untouched 20% hold-out (the classifier alone, then the
 * whole engine with those weights on the hold-out sentences sent as one-line emails), 5-fold CV over
 * all data, and finally trains the shipped model on every sentence.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { metricsOf, roundMetrics, type Metrics } from './lib/metrics';
import { DEFAULT_TRAIN_OPTIONS, type TrainOptions } from '../src/main/ai/offline/logistic';
import { crossValidate, engineCheck, parseTsv, scoreModel, stratifiedFolds, trainShippable, weightsFile } from './lib/training';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const arg = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const dataPath = resolve(arg('--data') ?? resolve(root, '../shared/data/email-intent/train.tsv'));
const outputPath = resolve(arg('--output') ?? resolve(root, 'src/main/ai/offline/model-weights.json'));

function show(label: string, m: Metrics): void {
  const r = roundMetrics(m);
  console.log(`${label}: accuracy ${r.accuracy}, balanced accuracy ${r.balanced_accuracy}, precision ${r.precision}, recall ${r.recall}, F1 ${r.f1}`);
}

let text: string;
try {
  text = readFileSync(dataPath, 'utf8');
} catch {
  console.error(`Cannot read ${dataPath}: the training data lives in ../shared/data/email-intent/ (or pass --data PATH).`);
  process.exit(1);
}
const all = parseTsv(text);
console.log(`${all.length} sentences (${all.filter((e) => e.label).length} Yes) from ${dataPath}`);
const [holdout = [], ...rest] = stratifiedFolds(all, 5, 3);
const development = rest.flat();

// A small grid; 5-fold CV on the development 80% picks the setting, the hold-out only reports it.
const grid: TrainOptions[] = [];
for (const learningRate of [0.05, 0.1])
  for (const epochs of [10, 20])
    for (const l2 of [1e-3, 3e-3]) for (const minCount of [1, 2]) grid.push({ ...DEFAULT_TRAIN_OPTIONS, learningRate, epochs, l2, minCount });
let best: { options: TrainOptions; metrics: Metrics } | null = null;
for (const options of grid) {
  const metrics = crossValidate(development, options);
  if (!best || (metrics.balanced_accuracy ?? 0) > (best.metrics.balanced_accuracy ?? 0)) best = { options, metrics };
}
if (!best) throw new Error('empty grid');
const o = best.options;
console.log(`chosen: learningRate=${o.learningRate} epochs=${o.epochs} l2=${o.l2} minCount=${o.minCount}`);
show(`5-fold CV, sentence level (${development.length} development sentences)`, best.metrics);
const devModel = trainShippable(development, o);
const heldOut = metricsOf(scoreModel(devModel, holdout));
show(`hold-out, sentence level (${holdout.length} sentences never used for choosing)`, heldOut);
const heldOutEngine = await engineCheck(devModel, holdout);
show(`hold-out, whole engine on one-sentence emails (${holdout.length})`, heldOutEngine);
const allCv = crossValidate(all, o);
show(`5-fold CV, sentence level, all ${all.length} sentences`, allCv);

const file = weightsFile(trainShippable(all, o), {
  trainedOn: all.length,
  options: o,
  crossValidation: roundMetrics(allCv),
  holdout: roundMetrics(heldOut),
  holdoutEngine: heldOutEngine,
});
if (args.includes('--dry-run')) {
  console.log(`dry run: ${(file.features as string[]).length} features, not written`);
} else {
  const json = `${JSON.stringify(file)}\n`;
  writeFileSync(outputPath, json);
  console.log(`wrote ${(file.features as string[]).length} weights to ${outputPath} (${Math.round(json.length / 1024)} KB)`);
}
