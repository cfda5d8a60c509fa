/**
 * Where the message model's calibration map and threshold should be fitted: for a few variants of
 * scripts/message-experiments.ts, Platt scaling and the threshold are fitted on each candidate set
 * of held-out scores and judged, cross-fitted, on the dev splits (per set). Candidates: both dev
 * sets; the first set's dev; both dev sets plus the train splits scored out of fold; the first set's
 * dev plus its train scored out of fold; the out-of-fold train scores alone. The TEST split is never
 * read. docs/calibration.md records what this printed and what was kept.
 *
 *   npx tsx scripts/message-calibration-experiments.ts
 */
import { applyCalibration, fitPlatt } from '../src/main/ai/calibration';
import { loadClassifier } from '../src/main/ai/offline/classifier';
import { capped } from '../src/main/ai/offline/message-features';
import { figuresOf } from './lib/message-choice';
import { chooseThreshold, foldsByGroup } from './lib/message-fit';
import { messageRows, sentenceRows, type MessageRow } from './lib/message-rows';
import { BASE_FEATURES, CUE_FEATURES } from './lib/message-variants';
import { fitSparse, sparseScore, type SparseOptions } from './lib/sparse-fit';

const classifier = loadClassifier();
const train = messageRows('train', classifier);
const dev = messageRows('dev', classifier);
const sentences = sentenceRows();
const rate = (rows: readonly MessageRow[]): string => (rows.filter((r) => r.y).length / Math.max(1, rows.length)).toFixed(3);
for (const set of ['real-mail', 'real-mail-2']) {
  console.log(`${set}: share needing action, train ${rate(train.filter((r) => r.set === set))}, dev ${rate(dev.filter((r) => r.set === set))}`);
}

const named: SparseOptions = { names: BASE_FEATURES, l2: 0.3, l2Text: 1, textNorm: 'l2', minCount: 2, noText: true };
const variants: Record<string, SparseOptions> = {
  'v0 named features': named,
  'c1 named + cues': { ...named, names: [...BASE_FEATURES, ...CUE_FEATURES] },
  'c3 named + cues + words': { ...named, names: [...BASE_FEATURES, ...CUE_FEATURES], noText: false },
  'c3 l2 1': { ...named, names: [...BASE_FEATURES, ...CUE_FEATURES], noText: false, l2: 1 },
};
const FIRST = 'real-mail';
type Scored = { score: number; y: boolean; set: string; x: Readonly<Record<string, number>>; group: string };
const candidates: Record<string, (restDev: Scored[], oof: Scored[]) => Scored[]> = {
  'both dev': (restDev) => restDev,
  'first dev': (restDev) => restDev.filter((r) => r.set === FIRST),
  'both dev + oof train': (restDev, oof) => [...restDev, ...oof],
  'first dev + first oof train': (restDev, oof) => [...restDev, ...oof].filter((r) => r.set === FIRST),
  'oof train': (_, oof) => oof,
};
const withSentences = (rows: readonly MessageRow[]): MessageRow[] => {
  const w = (0.5 * rows.length) / sentences.length;
  return [...rows, ...sentences.map((s) => ({ ...s, w }))];
};
const scoredBy = (options: SparseOptions, fitOn: readonly MessageRow[], rows: readonly MessageRow[]): Scored[] => {
  const model = fitSparse(withSentences(fitOn), options);
  return rows.map((r) => ({ score: sparseScore(model, r.x, r.buckets), y: r.y, set: r.set, x: r.x, group: r.group }));
};
const show = (items: ReadonlyArray<{ p: number; predicted: boolean; y: boolean }>): string => {
  const f = figuresOf(items);
  return `BA ${f.balancedAccuracy.toFixed(3)} F1 ${f.f1.toFixed(3)} ECE ${f.ece.toFixed(3)} AA@.85 ${f.autoApproveCount}/${f.autoApprovePrecision ?? '-'}`;
};

for (const [name, options] of Object.entries(variants)) {
  const trainFolds = foldsByGroup(train, 5) as MessageRow[][];
  const oof = trainFolds.flatMap((fold, i) => scoredBy(options, trainFolds.filter((_, j) => j !== i).flat(), fold));
  const scored = scoredBy(options, train, dev);
  const devFolds = foldsByGroup(scored.map((s, i) => ({ x: { i }, y: s.y, w: 1, group: s.group })), 5);
  console.log(name);
  for (const [candidate, pick] of Object.entries(candidates)) {
    const items: Array<{ p: number; predicted: boolean; y: boolean; set: string }> = [];
    devFolds.forEach((fold, f) => {
      const data = pick(devFolds.filter((_, j) => j !== f).flat().map((r) => scored[r.x.i!]!), oof);
      const map = fitPlatt(data.map((d) => ({ score: d.score, label: d.y })));
      const threshold = chooseThreshold(data.map((d) => ({ p: capped(applyCalibration(map, d.score), d.x), y: d.y })));
      for (const row of fold) {
        const s = scored[row.x.i!]!;
        const p = capped(applyCalibration(map, s.score), s.x);
        items.push({ p, predicted: p >= threshold, y: s.y, set: s.set });
      }
    });
    const part = (set: string): string => show(items.filter((i) => i.set === set));
    console.log(`  ${candidate.padEnd(28)} all ${show(items)} | real-mail ${part('real-mail')} | real-mail-2 ${part('real-mail-2')}`);
  }
}
