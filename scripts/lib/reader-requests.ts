/**
 * An experiment kept for scripts/message-experiments.ts (it did not earn a place in the engine):
 * a sentence model learnt from the real-mail messages themselves: "does this sentence ask the
 * reader of this mail to act?". A message's label says that at least one of its sentences does
 * (positives) or none does (negatives); the gold title names the step, so the sentence of a positive
 * that shares most words with its title (a request-looking one on a tie) is taken as the request.
 * Every sentence of a negative message is a negative example; the other sentences of a positive are
 * left out (they may be requests too).
 */
import { sentenceFeatures } from '../../src/main/ai/offline/features';
import type { JudgedSentence } from '../../src/main/ai/offline/message-features';
import { isDirected, MAX_SENTENCE } from '../../src/main/ai/offline/sentence-cues';
import { predict, train, type Example, type LinearModel, type TrainOptions } from '../../src/main/ai/offline/logistic';

/** The features of a judged sentence: the classifier's (text cut to `MAX_SENTENCE`) plus its cues. */
export function readerSentenceFeatures(s: Pick<JudgedSentence, 'text' | 'cues'>): string[] {
  const text = s.text.length > MAX_SENTENCE ? s.text.slice(0, MAX_SENTENCE) : s.text;
  const out = sentenceFeatures(text);
  for (const [cue, on] of Object.entries(s.cues)) if (on) out.push(`c:${cue}`);
  return out;
}

/** log(p / (1 - p)) of the model on a sentence, clamped to ±8. */
export function readerLogit(model: LinearModel, s: Pick<JudgedSentence, 'text' | 'cues'>): number {
  const p = predict(model, readerSentenceFeatures(s));
  const q = Math.min(1 - 1e-6, Math.max(1e-6, p));
  return Math.max(-8, Math.min(8, Math.log(q / (1 - q))));
}

const STOP = new Set(
  'the a an to of and or for on in at by with from your you my me i we our this that it is be are was as any all about if can could would will please their them his her he she up out into over new'.split(' '),
);
const stem = (w: string): string => w.replace(/(?:ing|ed|es|s)$/, '');
const contentWords = (s: string): Set<string> =>
  new Set((s.toLowerCase().match(/[a-z0-9]+/g) ?? []).filter((w) => !STOP.has(w) && w.length > 1).map(stem));

/** A message as the sentence model's trainer sees it. */
export interface ReaderMessage {
  y: boolean;
  sentences: readonly JudgedSentence[];
  title: string | null;
}

/** The index of the sentence a positive's title was taken from (best word overlap, requests first on ties), or -1. */
export function alignRequest(sentences: readonly JudgedSentence[], title: string): number {
  const t = contentWords(title);
  let best = -1;
  let bestScore = 0;
  sentences.forEach((s, i) => {
    const words = contentWords(s.text);
    let shared = 0;
    for (const w of t) if (words.has(w)) shared += 1;
    const score = shared / Math.max(1, t.size) + (isDirected(s.cues) || s.cues.question ? 0.25 : 0);
    if (score > bestScore) {
      bestScore = score;
      best = i;
    }
  });
  return best;
}

/** Training examples: the aligned sentence of each positive, every sentence of each negative (at most `perMessage`). */
export function readerExamples(messages: readonly ReaderMessage[], perMessage = 40): Example[] {
  const out: Example[] = [];
  for (const m of messages) {
    if (m.y) {
      const at = m.title ? alignRequest(m.sentences, m.title) : -1;
      if (at >= 0) out.push({ features: readerSentenceFeatures(m.sentences[at]!), label: true });
    } else {
      for (const s of m.sentences.slice(0, perMessage)) out.push({ features: readerSentenceFeatures(s), label: false });
    }
  }
  return out;
}

/** Trains the sentence model on messages. */
export function trainReader(messages: readonly ReaderMessage[], options: TrainOptions): LinearModel {
  return train(readerExamples(messages), options);
}
