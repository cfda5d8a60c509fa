/**
 * How likely two fingerprints are one commitment, when no key links them: a logistic model over the
 * overlap of title words and people and the closeness of their times. Its weights and threshold are
 * fitted on a generated corpus (`npm run eval -- --merge --fit`) and stored in similarity-model.json,
 * so the decision is measured, not guessed.
 */
import type { Fingerprint } from './fingerprint';
import fitted from './similarity-model.json';

/** Weights, bias and decision threshold of the similarity. */
export interface SimilarityModel {
  features: string[];
  weights: number[];
  bias: number;
  /** Merge when the probability is at least this. */
  threshold: number;
}

/** The model in use (fitted on the training corpus). */
export const DEFAULT_SIMILARITY_MODEL: SimilarityModel = fitted;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The names of the features, in the order `pairFeatures` returns them. */
export const FEATURE_NAMES = [
  'title_dice',
  'title_containment',
  'people_containment',
  'people_unknown',
  'time_near',
  'time_same_day',
  'time_far',
  'time_unknown',
  'lead_in',
  'sent_near',
  'title_and_people',
] as const;

function intersection(a: readonly string[], b: readonly string[]): number {
  const set = new Set(a);
  let shared = 0;
  for (const value of new Set(b)) if (set.has(value)) shared += 1;
  return shared;
}

/** How close a sending time is before a commitment: 1 at the moment, 0 five days before or after it. */
function leadIn(sentMs: number | null, atMs: number | null): number {
  if (sentMs === null || atMs === null) return 0;
  const lead = atMs - sentMs;
  return lead < -HOUR || lead > 5 * DAY ? 0 : 1 - Math.max(0, lead) / (5 * DAY);
}

/** The feature vector of a pair (symmetric: the order of the two does not matter). */
export function pairFeatures(a: Fingerprint, b: Fingerprint): number[] {
  const shared = intersection(a.words, b.words);
  const dice = a.words.length + b.words.length === 0 ? 0 : (2 * shared) / (a.words.length + b.words.length);
  const containment = Math.min(a.words.length, b.words.length) === 0 ? 0 : shared / Math.min(a.words.length, b.words.length);
  const peopleKnown = a.people.length > 0 && b.people.length > 0;
  const people = peopleKnown ? intersection(a.people, b.people) / Math.min(a.people.length, b.people.length) : 0;
  const bothTimed = a.atMs !== null && b.atMs !== null;
  const gap = bothTimed ? Math.abs(a.atMs! - b.atMs!) : Infinity;
  const sentGap = a.sentMs !== null && b.sentMs !== null ? Math.abs(a.sentMs - b.sentMs) : Infinity;
  return [
    dice,
    containment,
    people,
    peopleKnown ? 0 : 1,
    bothTimed ? Math.exp(-gap / (3 * HOUR)) : 0,
    bothTimed && gap <= 18 * HOUR ? 1 : 0,
    bothTimed && gap > 48 * HOUR ? 1 : 0,
    bothTimed ? 0 : 1,
    Math.max(leadIn(a.sentMs, b.atMs), leadIn(b.sentMs, a.atMs)),
    Number.isFinite(sentGap) ? Math.exp(-sentGap / DAY) : 0,
    containment * people,
  ];
}

/** The model's probability for a feature vector. */
export function probability(features: readonly number[], model: SimilarityModel): number {
  let z = model.bias;
  features.forEach((value, index) => (z += value * (model.weights[index] ?? 0)));
  return 1 / (1 + Math.exp(-z));
}

/** The probability that two fingerprints are one commitment. */
export function similarity(a: Fingerprint, b: Fingerprint, model: SimilarityModel = DEFAULT_SIMILARITY_MODEL): number {
  return probability(pairFeatures(a, b), model);
}
