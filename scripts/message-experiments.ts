/**
 * The variants of the offline message model that were tried, each fitted on the real-mail TRAIN
 * splits (both sets) and judged on the DEV splits (both sets) with cross-fitted calibration and
 * threshold (scripts/lib/message-choice.ts). The TEST split is never read.
 *
 *   npx tsx scripts/message-experiments.ts [--only PREFIX|PREFIX...] [--cv] [--aa]
 *
 * docs/calibration.md records what this printed and what was kept.
 */
import { writeFileSync } from 'node:fs';
import { loadClassifier } from '../src/main/ai/offline/classifier';
import { capped } from '../src/main/ai/offline/message-features';
import { autoApproveTable, crossFitted, figuresOf, type ScoredRow } from './lib/message-choice';
import { messageRows, sentenceRows, type MessageRow } from './lib/message-rows';
import { fitSparse, sparseScore, type SparseOptions, type SparseRow } from './lib/sparse-fit';
import { BASE_FEATURES, CUE_FEATURES } from './lib/message-variants';
import { foldsByGroup } from './lib/message-fit';
import { readerLogit, trainReader } from './lib/reader-requests';
import { DEFAULT_TRAIN_OPTIONS, type LinearModel } from '../src/main/ai/offline/logistic';

interface Variant extends SparseOptions {
  name: string;
  /** Total weight of the sentence rows, as a share of the message rows' total weight. */
  sentenceShare: number;
  /** Weight of a positive message relative to a negative one (1: none; 'balanced': n-/n+). */
  positiveWeight: number | 'balanced';
  calibration: 'platt' | 'isotonic';
  cap: boolean;
  /** Weight of a second-set (single-annotator) training message relative to a first-set one (default 1). */
  set2Weight?: number;
}

const base: Variant = {
  name: 'v0 named features (as shipped), refit on both train sets',
  names: BASE_FEATURES,
  l2: 0.3,
  l2Text: 1,
  textNorm: 'l2',
  minCount: 2,
  noText: true,
  sentenceShare: 0.5,
  positiveWeight: 1,
  calibration: 'platt',
  cap: true,
};
const withText = { ...base, noText: false };
const READER = ['reader_max', 'reader_n'];
const variants: Variant[] = [
  { ...base, name: 'r1 named + reader', names: [...BASE_FEATURES, ...READER] },
  { ...base, name: 'r1 named + reader, no sentence rows', names: [...BASE_FEATURES, ...READER], sentenceShare: 0 },
  { ...withText, name: 'r2 named + reader + words', names: [...BASE_FEATURES, ...READER] },
  { ...withText, name: 'r2 named + reader + words, no sentence rows', names: [...BASE_FEATURES, ...READER], sentenceShare: 0 },
  { ...base, name: 'r3 reader only', names: READER, sentenceShare: 0 },
  { ...base, name: 'c1 named + cues', names: [...BASE_FEATURES, ...CUE_FEATURES] },
  { ...base, name: 'c1 named + cues, no sentence rows', names: [...BASE_FEATURES, ...CUE_FEATURES], sentenceShare: 0 },
  { ...base, name: 'c2 named + cues + reader, no sentence rows', names: [...BASE_FEATURES, ...CUE_FEATURES, ...READER], sentenceShare: 0 },
  { ...withText, name: 'c3 named + cues + words', names: [...BASE_FEATURES, ...CUE_FEATURES] },
  { ...withText, name: 'c3 named + cues + words, no sentence rows', names: [...BASE_FEATURES, ...CUE_FEATURES], sentenceShare: 0 },
  ...[1, 3].flatMap((l2) => [
    { ...base, name: `d1 named + cues, l2 ${l2}`, names: [...BASE_FEATURES, ...CUE_FEATURES], l2 },
    { ...base, name: `d2 named + cues + reader, l2 ${l2}`, names: [...BASE_FEATURES, ...CUE_FEATURES, ...READER], l2 },
    ...[0.3, 1, 3].map((l2Text) => ({ ...withText, name: `d3 named + cues + words, l2 ${l2}, l2Text ${l2Text}`, names: [...BASE_FEATURES, ...CUE_FEATURES], l2, l2Text })),
    { ...withText, name: `d4 named + cues + reader + words, l2 ${l2}`, names: [...BASE_FEATURES, ...CUE_FEATURES, ...READER], l2 },
  ]),
  ...(['platt', 'isotonic'] as const).map((calibration) => ({ ...withText, name: `e1 named + cues + words, l2 1, l2Text 1, ${calibration}`, names: [...BASE_FEATURES, ...CUE_FEATURES], l2: 1, calibration })),
  { ...withText, name: 'c4 named + cues + reader + words, no sentence rows', names: [...BASE_FEATURES, ...CUE_FEATURES, ...READER], sentenceShare: 0 },
  base,
  { ...base, name: 'v0 + no sentence rows', sentenceShare: 0 },
  { ...base, name: 'v0 + isotonic', calibration: 'isotonic' },
  { ...base, name: 'v0 + no cap', cap: false },
  { ...base, name: 'v0 + class weight', positiveWeight: 'balanced' },
  ...[0.3, 1, 3, 10].map((l2Text) => ({ ...withText, name: `v1 + words (l2 norm), l2Text ${l2Text}`, l2Text })),
  ...[3, 10, 30].map((l2Text) => ({ ...withText, name: `v1 + words (binary), l2Text ${l2Text}`, textNorm: 'none' as const, l2Text })),
  { ...withText, name: 'v1 + words, no sentence rows', sentenceShare: 0 },
  { ...withText, name: 'v1 + words, sentence rows 1x', sentenceShare: 1 },
  { ...withText, name: 'v1 + words, class weight', positiveWeight: 'balanced' },
  { ...withText, name: 'v1 + words, minCount 1', minCount: 1 },
  { ...withText, name: 'v2 + cues', names: [...BASE_FEATURES, ...CUE_FEATURES] },
  { ...withText, name: 'v2 + cues, class weight', names: [...BASE_FEATURES, ...CUE_FEATURES], positiveWeight: 'balanced' },
  { ...withText, name: 'v2 + cues, isotonic', names: [...BASE_FEATURES, ...CUE_FEATURES], calibration: 'isotonic' },
  { ...withText, name: 'v2 + cues, no cap', names: [...BASE_FEATURES, ...CUE_FEATURES], cap: false },
  // The second set has one annotator; the first was adjudicated between two (and holds the test split).
  ...[0.25, 0.5].flatMap((set2Weight) => [
    { ...base, name: `s1 v0, second set weighs ${set2Weight}`, set2Weight },
    { ...base, name: `s2 named + cues, second set weighs ${set2Weight}`, names: [...BASE_FEATURES, ...CUE_FEATURES], set2Weight },
    { ...withText, name: `s3 named + cues + words, second set weighs ${set2Weight}`, names: [...BASE_FEATURES, ...CUE_FEATURES], set2Weight },
  ]),
];

const args = process.argv.slice(2);
const only = args.includes('--only') ? (args[args.indexOf('--only') + 1] ?? '').split('|') : null;
const classifier = loadClassifier();
const train = messageRows('train', classifier);
const dev = messageRows('dev', classifier);
const sentences = sentenceRows();

// The reader-request sentence model's message features: out of fold on train, fitted on all train for dev.
function readerFeatures(model: LinearModel, row: MessageRow): Record<string, number> {
  const logits = row.sentences.map((s) => readerLogit(model, s));
  const max = logits.length ? Math.max(...logits) : -8;
  return { reader_max: max, reader_n: Math.log2(1 + logits.filter((z) => z > -1).length) };
}
const readerOptions = { ...DEFAULT_TRAIN_OPTIONS };
const trainFolds = foldsByGroup(train, 5) as MessageRow[][];
trainFolds.forEach((fold, i) => {
  const model = trainReader(trainFolds.filter((_, j) => j !== i).flat(), readerOptions);
  for (const row of fold) Object.assign(row.x, readerFeatures(model, row));
});
const readerAll = trainReader(train, readerOptions);
for (const row of dev) Object.assign(row.x, readerFeatures(readerAll, row));
for (const row of sentences) Object.assign(row.x, readerFeatures(readerAll, row));

const positives = (rows: readonly MessageRow[]): number => rows.filter((r) => r.y).length;
console.log(`train ${train.length} (${positives(train)} need action), dev ${dev.length} (${positives(dev)}), sentences ${sentences.length}`);

/** The training rows of a variant, weighted. */
export function weighted(v: Variant, rows: readonly SparseRow[]): SparseRow[] {
  const pos = rows.filter((r) => r.y).length;
  const wPos = v.positiveWeight === 'balanced' ? (rows.length - pos) / Math.max(1, pos) : v.positiveWeight;
  const setWeight = (r: SparseRow): number => ((r as Partial<MessageRow>).set === 'real-mail-2' ? (v.set2Weight ?? 1) : 1);
  const messages = rows.map((r) => ({ ...r, w: (r.y ? wPos : 1) * setWeight(r) }));
  const total = messages.reduce((s, r) => s + r.w, 0);
  const wSentence = v.sentenceShare === 0 ? 0 : (v.sentenceShare * total) / sentences.length;
  return [...messages, ...(wSentence > 0 ? sentences.map((s) => ({ ...s, w: wSentence })) : [])];
}

/** Area under the ROC curve (ties count half). */
function auc(scored: ReadonlyArray<{ score: number; y: boolean }>): number {
  const sorted = [...scored].sort((a, b) => a.score - b.score);
  let rankSum = 0;
  let i = 0;
  while (i < sorted.length) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1]!.score === sorted[i]!.score) j += 1;
    const rank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k += 1) if (sorted[k]!.y) rankSum += rank;
    i = j + 1;
  }
  const pos = scored.filter((s) => s.y).length;
  const neg = scored.length - pos;
  return (rankSum - (pos * (pos + 1)) / 2) / Math.max(1, pos * neg);
}

/** Out-of-fold raw scores over train threads (5 folds). */
function trainCv(v: Variant): Array<{ score: number; y: boolean; set: string }> {
  const folds = foldsByGroup(train, 5) as MessageRow[][];
  return folds.flatMap((fold, i) => {
    const model = fitSparse(weighted(v, folds.filter((_, j) => j !== i).flat()), v);
    return fold.map((r) => ({ score: sparseScore(model, r.x, r.buckets), y: r.y, set: r.set }));
  });
}

const fmt = (n: number | null): string => (n === null ? '  -   ' : n.toFixed(3));
for (const v of variants) {
  if (only && !only.some((o) => v.name.startsWith(o))) continue;
  const started = Date.now();
  const model = fitSparse(weighted(v, train), v);
  const scored: ScoredRow[] = dev.map((r) => ({ score: sparseScore(model, r.x, r.buckets), y: r.y, group: r.group, x: r.x }));
  const post = v.cap ? capped : (p: number) => p;
  const { figures: f, items } = crossFitted(scored, v.calibration, post);
  const bySet = ['real-mail', 'real-mail-2'].map((set) => {
    const subset = scored.filter((_, i) => dev[i]!.set === set);
    const part = crossFitted(subset, v.calibration, post).figures;
    // The shipped map and threshold come from both dev sets: the same pooled fit, judged per set.
    const pooled = figuresOf(items.filter((it) => dev[it.index]!.set === set));
    return `${set} AUC ${fmt(auc(subset))} own ${fmt(part.balancedAccuracy)}/${fmt(part.f1)} pooled ${fmt(pooled.balancedAccuracy)}/${fmt(pooled.f1)} ECE ${fmt(pooled.ece)}`;
  });
  const oof = args.includes('--cv') ? trainCv(v) : [];
  const cv = args.includes('--cv') ? ` trainCV AUC ${fmt(auc(oof))} (real-mail ${fmt(auc(oof.filter((o) => o.set === 'real-mail')))})` : '';
  console.log(
    `${v.name.padEnd(58)} AUC ${fmt(auc(scored))}${cv} BA ${fmt(f.balancedAccuracy)} F1 ${fmt(f.f1)} acc ${fmt(f.accuracy)} ECE ${fmt(f.ece)} AA@.85 ${f.autoApproveCount}/${fmt(f.autoApprovePrecision)}` +
      ` | ${bySet.join(', ')} | ${model.text.size} words, ${Date.now() - started} ms`,
  );
  if (args.includes('--dump')) {
    const folds = foldsByGroup(train, 5) as MessageRow[][];
    const out = folds.flatMap((fold, i) => {
      const m = fitSparse(weighted(v, folds.filter((_, j) => j !== i).flat()), v);
      return fold.map((r) => ({ id: r.id, score: sparseScore(m, r.x, r.buckets), y: r.y, x: r.x }));
    });
    writeFileSync(`/tmp/oof-${v.name.split(' ')[0]}.json`, JSON.stringify(out));
  }
  if (args.includes('--aa')) console.log(`    auto-approve: ${autoApproveTable(items, [0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95])}`);
}
