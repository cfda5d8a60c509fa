/**
 * Fits the offline engine's message model (src/main/ai/offline/message-model.json):
 *
 *   npx tsx scripts/fit-message-model.ts [--dry-run]
 *
 * 1. Features of every message of the real-mail TRAIN split (REAL_MAIL_DIR) and, as one-sentence
 *    emails, of the email-intent sentences (../shared/data/email-intent/train.tsv, scored by a
 *    sentence classifier trained on the other folds, so no sentence sees its own label).
 * 2. The L2 strength and the weight of the sentence rows are chosen by 5-fold cross-validation over
 *    train threads; the regression is then fitted on all of train (+ sentences).
 * 3. The calibration map (Platt) and the decision threshold are fitted on the DEV split, which the
 *    regression never saw. The TEST split is never read here (scripts/measure-quality.ts reports it).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fitPlatt, applyCalibration, fitIsotonic } from '../src/main/ai/calibration';
import { loadClassifier } from '../src/main/ai/offline/classifier';
import { emailEvidence } from '../src/main/ai/offline/email';
import { capped, MESSAGE_FEATURE_VERSION } from '../src/main/ai/offline/message-features';
import { sentenceFeatures } from '../src/main/ai/offline/features';
import { DEFAULT_TRAIN_OPTIONS, predict } from '../src/main/ai/offline/logistic';
import type { EmailItem } from '../src/main/items/provider-item';
import { expectedCalibrationError, roundMetrics } from './lib/metrics';
import { parseEvalFile } from './lib/eval-items';
import { chooseThreshold, fitLogistic, foldsByGroup, metricsAt, rawScore, type FitRow } from './lib/message-fit';
import { REAL_MAIL_ABSENT, realMailDir, realMailLines } from './lib/real-mail';
import { parseTsv, sentenceAsEmail, stratifiedFolds, trainShippable } from './lib/training';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const output = resolve(root, 'src/main/ai/offline/message-model.json');
const dir = realMailDir();
if (!dir) {
  console.error(`Cannot fit: ${REAL_MAIL_ABSENT}.`);
  process.exit(1);
}
const classifier = loadClassifier();
const ctx = { classifier, self: new Set<string>() };

function rowsOf(split: 'train' | 'dev'): FitRow[] {
  const lines = realMailLines(dir!, [split]);
  const items = parseEvalFile(lines.map((l) => JSON.stringify(l)).join('\n'));
  return items.map(({ item, label }) => ({
    x: emailEvidence(item as EmailItem, ctx).evidence.features,
    y: label === true,
    w: 1,
    group: (item as EmailItem).threadKey ?? item.id,
  }));
}

// Sentences as one-line emails, each scored by a classifier that never saw it.
function sentenceRows(): FitRow[] {
  const all = parseTsv(readFileSync(resolve(root, '../shared/data/email-intent/train.tsv'), 'utf8'));
  const folds = stratifiedFolds(all, 5, 5);
  const rows: FitRow[] = [];
  folds.forEach((fold, i) => {
    const model = trainShippable(folds.filter((_, j) => j !== i).flat(), DEFAULT_TRAIN_OPTIONS);
    const foldCtx = { classifier: { threshold: 0.5, score: (s: string) => predict(model, sentenceFeatures(s)) }, self: new Set<string>() };
    fold.forEach((sentence, n) => {
      const item = sentenceAsEmail(sentence.sentence, `s${i}-${n}`);
      rows.push({ x: emailEvidence(item, foldCtx).evidence.features, y: sentence.label, w: 1, group: `sentence-${i}-${n}` });
    });
  });
  return rows;
}

const train = rowsOf('train');
const dev = rowsOf('dev');
const sentences = sentenceRows();
// The few features the model weighs (the others are computed for reasons and experiments): a
// message-level judgement from little data stays robust only with few weights.
const MODEL_FEATURES = [
  'request', 'you_question', 'n_requests', 'machine', 'list_only', 'recipients', 'own_empty', 'greets_recipient', 'announcement', 'to_one', 'reply_to_person', 'length',
  'offers_only', 'broadcast_optional',
];
const names = (process.env.FEATURES ? process.env.FEATURES.split(',') : MODEL_FEATURES).sort();
console.log(`train ${train.length} messages (${train.filter((r) => r.y).length} need action), dev ${dev.length}, sentences ${sentences.length}`);

// Cross-validation over train threads, and dev, pick the L2 strength and the sentence rows' total weight.
let chosen = { l2: 1, sentenceShare: 0, value: -1 };
for (const l2 of [0.3, 1, 3, 10]) {
  for (const sentenceShare of [0, 0.5, 1]) {
    const scored: Array<{ p: number; y: boolean }> = [];
    const parts = foldsByGroup(train, 5);
    parts.forEach((test, i) => {
      const rest = parts.filter((_, j) => j !== i).flat();
      const w = sentenceShare === 0 ? 0 : (sentenceShare * rest.length) / sentences.length;
      const fitted = fitLogistic([...rest, ...(w > 0 ? sentences.map((s) => ({ ...s, w })) : [])], names, l2);
      for (const row of test) scored.push({ p: 1 / (1 + Math.exp(-rawScore(fitted, row.x))), y: row.y });
    });
    const t = chooseThreshold(scored);
    const m = metricsAt(scored, t);
    // Dev is for choices too: the same setting fitted on all of train, calibrated and thresholded on dev.
    const wAll = sentenceShare === 0 ? 0 : (sentenceShare * train.length) / sentences.length;
    const whole = fitLogistic([...train, ...(wAll > 0 ? sentences.map((s) => ({ ...s, w: wAll })) : [])], names, l2);
    const devScores = dev.map((row) => ({ score: rawScore(whole, row.x), label: row.y }));
    const devMap = fitPlatt(devScores);
    const devP = devScores.map((d, i) => ({ p: capped(applyCalibration(devMap, d.score), dev[i]!.x), y: d.label }));
    const dm = metricsAt(devP, chooseThreshold(devP));
    const value = ((m.balanced_accuracy ?? 0) + (m.f1 ?? 0) + (dm.balanced_accuracy ?? 0) + (dm.f1 ?? 0)) / 4;
    console.log(`  l2=${l2} sentences=${sentenceShare}: train CV balanced accuracy ${m.balanced_accuracy?.toFixed(3)}, F1 ${m.f1?.toFixed(3)}; dev ${dm.balanced_accuracy?.toFixed(3)}, ${dm.f1?.toFixed(3)}`);
    if (value > chosen.value) chosen = { l2, sentenceShare, value };
  }
}
const sentenceWeight = chosen.sentenceShare === 0 ? 0 : (chosen.sentenceShare * train.length) / sentences.length;
const model = fitLogistic([...train, ...(sentenceWeight > 0 ? sentences.map((s) => ({ ...s, w: sentenceWeight })) : [])], names, chosen.l2);
console.log(`chosen: l2=${chosen.l2}, sentence rows weigh ${chosen.sentenceShare} x train`);

// Calibration and threshold on dev, which the regression never saw.
const devRaw = dev.map((row) => ({ score: rawScore(model, row.x), label: row.y }));
const platt = fitPlatt(devRaw);
const isotonic = fitIsotonic(devRaw);
// The engine caps some messages after the map (message-features.ts `capped`): choose the threshold on what it outputs.
const devProbabilities = devRaw.map((d, i) => ({ p: capped(applyCalibration(platt, d.score), dev[i]!.x), y: d.label }));
const threshold = chooseThreshold(devProbabilities);
const devMetrics = roundMetrics(metricsAt(devProbabilities, threshold));
const ece = (map: typeof platt) => expectedCalibrationError(devRaw.map((d, i) => ({ confidence: capped(applyCalibration(map, d.score), dev[i]!.x), actual: d.label })));
console.log(`dev (calibration fitted here, so optimistic): ${JSON.stringify(devMetrics)} at threshold ${threshold}; ECE Platt ${ece(platt)?.toFixed(3)}, isotonic ${ece(isotonic)?.toFixed(3)}`);
// One-sentence emails (the email-intent sentences, scored out of fold) get their own threshold.
const sentenceProbabilities = sentences.map((r) => ({ p: applyCalibration(platt, rawScore(model, r.x)), y: r.y }));
const shortThreshold = chooseThreshold(sentenceProbabilities);
const sentenceMetrics = roundMetrics(metricsAt(sentenceProbabilities, shortThreshold));
console.log(`one-sentence threshold ${shortThreshold}`);
console.log(`one-sentence emails (out-of-fold sentence scores): ${JSON.stringify(sentenceMetrics)}`);
const round = (v: number): number => Number(v.toFixed(4));
const file = {
  featureVersion: MESSAGE_FEATURE_VERSION,
  bias: round(model.bias),
  weights: Object.fromEntries(Object.entries(model.weights).map(([k, v]) => [k, round(v)])),
  calibration: { kind: 'platt', a: round((platt as { a: number }).a), b: round((platt as { b: number }).b) },
  threshold,
  shortThreshold,
  fitted: { train: train.length, dev: dev.length, sentences: sentences.length, l2: chosen.l2, sentenceShare: chosen.sentenceShare, devMetrics, sentenceMetrics },
};
if (process.argv.includes('--dry-run')) console.log(JSON.stringify(file, null, 1));
else {
  writeFileSync(output, `${JSON.stringify(file, null, 1)}\n`);
  console.log(`wrote ${output}`);
}
