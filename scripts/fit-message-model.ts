/**
 * Fits the offline engine's message model (src/main/ai/offline/message-model.json):
 *
 *   npx tsx scripts/fit-message-model.ts [--dry-run]
 *
 * 1. Rows: every message of the real-mail TRAIN splits of both sets (REAL_MAIL_DIR, REAL_MAIL_2_DIR),
 *    and the email-intent sentences as one-line emails (scored out of fold; the sentence hold-out
 *    fold is left out, scripts/lib/message-rows.ts).
 * 2. The regression (named features, settings chosen on dev: `CHOSEN` in
 *    scripts/lib/message-variants.ts) is fitted on them.
 * 3. The calibration map (Platt) and the decision threshold are fitted on first-set messages the
 *    regression never saw: its DEV split, and its TRAIN split scored by models fitted on the other
 *    train threads (out of fold). The figures printed for the first set's dev are also given
 *    cross-fitted (map and threshold without the dev thread being judged), which is what a new split
 *    should see; the second set's dev is judged with the shipped map. The TEST split is never read
 *    here (scripts/measure-quality.ts reports it).
 * 4. One-sentence emails get their own threshold, chosen on the sentence rows scored by models that
 *    were fitted without them.
 */
import { writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { applyCalibration, fitPlatt } from '../src/main/ai/calibration';
import { loadClassifier } from '../src/main/ai/offline/classifier';
import { capped, MESSAGE_FEATURE_VERSION } from '../src/main/ai/offline/message-features';
import { autoApproveTable, crossFitted, figuresOf, type ScoredRow } from './lib/message-choice';
import { chooseThreshold, foldsByGroup } from './lib/message-fit';
import { messageRows, sentenceRows, type MessageRow } from './lib/message-rows';
import { CHOSEN } from './lib/message-variants';
import { fitSparse, sparseScore, type SparseModel } from './lib/sparse-fit';
import { REAL_MAIL_ABSENT, realMailSets } from './lib/real-mail';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const output = resolve(root, 'src/main/ai/offline/message-model.json');
const sets = realMailSets();
if (!sets.some((s) => s.name === 'real-mail')) {
  console.error(`Cannot fit: ${REAL_MAIL_ABSENT}.`);
  process.exit(1);
}
if (!sets.some((s) => s.name === 'real-mail-2')) console.warn('note: the second set (REAL_MAIL_2_DIR) is not here; fitting on the first set alone');

const classifier = loadClassifier();
const train = messageRows('train', classifier);
const dev = messageRows('dev', classifier);
const sentences = sentenceRows();
const positives = (rows: readonly MessageRow[]): number => rows.filter((r) => r.y).length;
console.log(`train ${train.length} messages (${positives(train)} need action), dev ${dev.length} (${positives(dev)}), sentences ${sentences.length}`);

/** Message rows plus the sentence rows, weighing `CHOSEN.sentenceShare` of the messages in total. */
function withSentences(messages: readonly MessageRow[], extra: readonly MessageRow[] = sentences): MessageRow[] {
  const w = (CHOSEN.sentenceShare * messages.length) / Math.max(1, extra.length);
  return [...messages, ...extra.map((s) => ({ ...s, w }))];
}
const scoredBy = (model: SparseModel, rows: readonly MessageRow[]): ScoredRow[] =>
  rows.map((r) => ({ score: sparseScore(model, r.x, r.buckets), y: r.y, group: r.group, x: r.x }));

const model = fitSparse(withSentences(train), CHOSEN);
console.log(`fitted: ${Object.keys(model.weights).length} named features`);

// Train messages of the calibration set, each scored by a model fitted on the other train threads.
const trainFolds = foldsByGroup(train, 5) as MessageRow[][];
const outOfFold = trainFolds.flatMap((fold, i) =>
  scoredBy(fitSparse(withSentences(trainFolds.filter((_, j) => j !== i).flat()), CHOSEN), fold.filter((r) => r.set === CHOSEN.calibrationSet)),
);
const devOf = (set: string): MessageRow[] => dev.filter((r) => r.set === set);
const calibrationDev = scoredBy(model, devOf(CHOSEN.calibrationSet));
const calibrationRows = [...calibrationDev, ...outOfFold];
const platt = fitPlatt(calibrationRows.map((s) => ({ score: s.score, label: s.y })));
const probability = (s: ScoredRow): number => capped(applyCalibration(platt, s.score), s.x);
const threshold = chooseThreshold(calibrationRows.map((s) => ({ p: probability(s), y: s.y })));
console.log(`calibration on ${calibrationDev.length} dev and ${outOfFold.length} out-of-fold train messages of ${CHOSEN.calibrationSet}; threshold ${threshold}`);

const judged = (rows: readonly ScoredRow[]) => figuresOf(rows.map((s) => ({ p: probability(s), predicted: probability(s) >= threshold, y: s.y })));
const inSample = judged(calibrationDev);
const honest = crossFitted(calibrationDev, 'platt', capped, 5, outOfFold);
console.log(`${CHOSEN.calibrationSet} dev, map and threshold fitted with it (optimistic): ${JSON.stringify(inSample)}`);
console.log(`${CHOSEN.calibrationSet} dev, cross-fitted (map and threshold without the judged dev threads): ${JSON.stringify(honest.figures)}`);
console.log(`  auto-approve precision (count) by threshold, cross-fitted: ${autoApproveTable(honest.items, [0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95])}`);
const otherDev = dev.filter((r) => r.set !== CHOSEN.calibrationSet);
const other = otherDev.length > 0 ? judged(scoredBy(model, otherDev)) : null;
if (other) console.log(`other dev sets (${otherDev.length}, shipped map and threshold): ${JSON.stringify(other)}`);

// One-sentence emails: each sentence fold scored by a model fitted without it.
const sentenceFolds = foldsByGroup(sentences, 5) as MessageRow[][];
const sentenceScored = sentenceFolds.flatMap((fold, i) => {
  const m = fitSparse(withSentences(train, sentenceFolds.filter((_, j) => j !== i).flat()), CHOSEN);
  return fold.map((r) => ({ p: applyCalibration(platt, sparseScore(m, r.x, r.buckets)), y: r.y }));
});
const shortThreshold = chooseThreshold(sentenceScored);
const sentenceFigures = figuresOf(sentenceScored.map((s) => ({ ...s, predicted: s.p >= shortThreshold })));
console.log(`one-sentence emails (out of fold): threshold ${shortThreshold}, ${JSON.stringify(sentenceFigures)}`);

const round = (v: number): number => Number(v.toFixed(4));
const file = {
  featureVersion: MESSAGE_FEATURE_VERSION,
  bias: round(model.bias),
  weights: Object.fromEntries(Object.entries(model.weights).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, round(v)])),
  calibration: { kind: 'platt', a: round((platt as { a: number }).a), b: round((platt as { b: number }).b) },
  threshold,
  shortThreshold,
  fitted: {
    train: train.length,
    dev: dev.length,
    calibration: { set: CHOSEN.calibrationSet, dev: calibrationDev.length, outOfFoldTrain: outOfFold.length },
    sentences: sentences.length,
    settings: { ...CHOSEN, names: undefined },
    devInSample: inSample,
    devCrossFitted: honest.figures,
    otherDev: other,
    sentenceMetrics: sentenceFigures,
  },
};
if (process.argv.includes('--dry-run')) console.log(JSON.stringify(file, null, 1));
else {
  writeFileSync(output, `${JSON.stringify(file, null, 1)}\n`);
  console.log(`wrote ${output}`);
}
