/**
 * The rows the offline message model is fitted and chosen on: every message of the real-mail sets'
 * train (or dev) splits as its named features and hashed words, and the email-intent sentences as
 * one-line emails (each scored by a sentence classifier trained on the other folds, so no sentence
 * sees its own label). The sentences of the email-intent hold-out fold (fold 0 of
 * `stratifiedFolds(all, 5, 3)`, what scripts/train-offline.ts and the one-sentence check hold out)
 * are never rows, so that check stays a hold-out for the message model too.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SentenceClassifier } from '../../src/main/ai/offline/classifier';
import { emailEvidence } from '../../src/main/ai/offline/email';
import type { JudgedSentence } from '../../src/main/ai/offline/message-features';
import { sentenceFeatures } from '../../src/main/ai/offline/features';
import { DEFAULT_TRAIN_OPTIONS, predict } from '../../src/main/ai/offline/logistic';
import type { EmailItem } from '../../src/main/items/provider-item';
import { parseEvalFile } from './eval-items';
import { realMailSets, setLines, type Split } from './real-mail';
import type { SparseRow } from './sparse-fit';
import { textBuckets } from './text-hash';
import { parseTsv, sentenceAsEmail, stratifiedFolds, trainShippable } from './training';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** A message row, with the set it comes from (for per-set figures). */
export interface MessageRow extends SparseRow {
  id: string;
  set: string;
  /** The new text's sentences that are not courtesy lines, with their cues. */
  sentences: JudgedSentence[];
  /** The gold title (positives). */
  title: string | null;
}

/** Rows of the given split of every real-mail set that is here. */
export function messageRows(split: Split, classifier: SentenceClassifier): MessageRow[] {
  const ctx = { classifier, self: new Set<string>() };
  return realMailSets().flatMap((set) => {
    const lines = setLines(set, [split]);
    const items = parseEvalFile(lines.map((l) => JSON.stringify(l)).join('\n'));
    return items.map(({ item, label }, i) => {
      const { evidence, sentences, subject } = emailEvidence(item as EmailItem, ctx);
      return {
        id: item.id,
        set: set.name,
        x: evidence.features,
        buckets: textBuckets(sentences, subject),
        y: label === true,
        w: 1,
        group: (item as EmailItem).threadKey ?? item.id,
        sentences: evidence.sentences.filter((s) => !s.courtesy),
        title: (lines[i]!.gold_title as string | null) ?? null,
      };
    });
  });
}

/** The email-intent sentences (hold-out fold left out) as one-line emails, scored out of fold. */
export function sentenceRows(path = resolve(root, '../shared/data/email-intent/train.tsv')): MessageRow[] {
  const all = parseTsv(readFileSync(path, 'utf8'));
  const [, ...rest] = stratifiedFolds(all, 5, 3);
  const usable = rest.flat();
  const folds = stratifiedFolds(usable, 5, 5);
  const rows: MessageRow[] = [];
  folds.forEach((fold, i) => {
    const model = trainShippable(folds.filter((_, j) => j !== i).flat(), DEFAULT_TRAIN_OPTIONS);
    const foldCtx = { classifier: { threshold: 0.5, score: (s: string) => predict(model, sentenceFeatures(s)) }, self: new Set<string>() };
    fold.forEach((sentence, n) => {
      const item = sentenceAsEmail(sentence.sentence, `s${i}-${n}`);
      const { evidence, sentences, subject } = emailEvidence(item, foldCtx);
      const id = `sentence-${i}-${n}`;
      rows.push({ id, set: 'email-intent', x: evidence.features, buckets: textBuckets(sentences, subject), y: sentence.label, w: 1, group: id, sentences: evidence.sentences.filter((s) => !s.courtesy), title: null });
    });
  });
  return rows;
}
