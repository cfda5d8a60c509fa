/**
 * How likely two fingerprints are one commitment, when no key links them: a logistic model over the
 * overlap of title words (weighted by how rare each word is among the suggestions around), of people,
 * and the closeness of their times. Its weights and threshold are fitted on a generated corpus
 * (`npm run eval -- --merge --fit`) and stored in similarity-model.json: measured, not guessed.
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
  'title_weighted_containment',
  'title_weighted_dice',
  'title_shared_mass',
  'title_conflict',
  'title_conflict_mass',
  'title_extra',
  'title_unknown',
  'people_containment',
  'people_disjoint',
  'people_unknown',
  'time_near',
  'time_within_12h',
  'time_same_day',
  'time_next_day',
  'time_far',
  'time_unknown',
  'time_unsupported',
  'lead_in',
  'sent_near',
  'title_and_people',
  'title_and_time',
  'people_and_time',
  'untitled_people_and_time',
] as const;

/** How informative a word is (1 for a word seen nowhere else; less for common ones). */
export type WordWeight = (word: string) => number;

/** Word weights from the fingerprints around a decision: inverse document frequency, normalised to (0, 1]. */
export function wordWeights(neighbours: readonly Fingerprint[]): WordWeight {
  const counts = new Map<string, number>();
  for (const fingerprint of neighbours) for (const word of new Set(fingerprint.words)) counts.set(word, (counts.get(word) ?? 0) + 1);
  const top = Math.log(neighbours.length + 2);
  return (word) => Math.log((neighbours.length + 2) / ((counts.get(word) ?? 0) + 1)) / top;
}

const UNIFORM: WordWeight = () => 1;

function mass(words: Iterable<string>, weight: WordWeight): number {
  let total = 0;
  for (const word of words) total += weight(word);
  return total;
}

/**
 * How much of the smaller side's people the other names too (0 to 1), or null when a side names nobody.
 * Addresses are compared when both sides have some: an address is one person for sure, while a first
 * name ("Noor") or a surname may be two. A side with names only (a chat author) is compared by name.
 */
export function peopleOverlap(a: readonly string[], b: readonly string[]): number | null {
  if (a.length === 0 || b.length === 0) return null;
  const addressesA = a.filter((token) => token.includes('@'));
  const addressesB = b.filter((token) => token.includes('@'));
  const [left, right] = addressesA.length > 0 && addressesB.length > 0 ? [new Set(addressesA), new Set(addressesB)] : [new Set(a), new Set(b)];
  let shared = 0;
  for (const token of right) if (left.has(token)) shared += 1;
  return shared / Math.min(left.size, right.size);
}

/** How close a sending time is before a commitment: 1 at the moment, 0 five days before or after it. */
function leadIn(sentMs: number | null, atMs: number | null): number {
  if (sentMs === null || atMs === null) return 0;
  const lead = atMs - sentMs;
  return lead < -HOUR || lead > 5 * DAY ? 0 : 1 - Math.max(0, lead) / (5 * DAY);
}

/** The feature vector of a pair (symmetric: the order of the two does not matter). */
export function pairFeatures(a: Fingerprint, b: Fingerprint, weight: WordWeight = UNIFORM): number[] {
  const wordsA = new Set(a.words);
  const wordsB = new Set(b.words);
  const shared = [...wordsA].filter((word) => wordsB.has(word));
  const massA = mass(wordsA, weight);
  const massB = mass(wordsB, weight);
  const massShared = mass(shared, weight);
  const containment = Math.min(massA, massB) > 0 ? massShared / Math.min(massA, massB) : 0;
  const dice = massA + massB > 0 ? (2 * massShared) / (massA + massB) : 0;
  // How much the shared words say at all: one common word ("planning") is little evidence.
  const sharedMass = Math.min(1, massShared / 2);
  // Both sides naming something the other does not ("Offsite planning" and "Q4 planning").
  const conflict = massA > 0 && massB > 0 ? Math.min((massA - massShared) / massA, (massB - massShared) / massB) : 0;
  // How much each names that the other does not, in rare words ("Q3 planning" and "Q4 planning": one code
  // each side; "the Fabrikam contract" and "the Contoso contract": a company each side).
  const conflictMass = Math.max(0, Math.min(1, massA - massShared, massB - massShared));
  // One side naming more than the other ("Board prep" and "the slides for the board meeting").
  const extra = massA > 0 && massB > 0 ? Math.max((massA - massShared) / massA, (massB - massShared) / massB) : 0;
  const people = peopleOverlap(a.people, b.people);
  const peopleKnown = people !== null;
  const bothTimed = a.atMs !== null && b.atMs !== null;
  const gap = bothTimed ? Math.abs(a.atMs! - b.atMs!) : Infinity;
  const sentGap = a.sentMs !== null && b.sentMs !== null ? Math.abs(a.sentMs - b.sentMs) : Infinity;
  const lead = Math.max(leadIn(a.sentMs, b.atMs), leadIn(b.sentMs, a.atMs));
  const near = bothTimed ? Math.exp(-gap / (3 * HOUR)) : 0;
  const sentNear = Number.isFinite(sentGap) ? Math.exp(-sentGap / DAY) : 0;
  return [
    containment,
    dice,
    sharedMass,
    conflict,
    conflictMass,
    extra,
    // "1:1 Dana / Pat" has no title words left once the names are people: people and time must say it.
    massA === 0 || massB === 0 ? 1 : 0,
    people ?? 0,
    // Both name people and none of them the same: the same commitment involves the same people.
    people === 0 ? 1 : 0,
    peopleKnown ? 0 : 1,
    near,
    bothTimed && gap <= 12 * HOUR ? 1 : 0,
    bothTimed && gap > 12 * HOUR && gap <= 24 * HOUR ? 1 : 0,
    bothTimed && gap > 24 * HOUR && gap <= 48 * HOUR ? 1 : 0,
    bothTimed && gap > 48 * HOUR ? 1 : 0,
    bothTimed ? 0 : 1,
    // No time to compare and nothing in when they were sent that ties them either.
    !bothTimed && lead === 0 && sentNear < 0.1 ? 1 : 0,
    lead,
    sentNear,
    containment * (people ?? 0),
    containment * near,
    (people ?? 0) * near,
    massA === 0 || massB === 0 ? (people ?? 0) * near : 0,
  ];
}

/** The model's log-odds for a feature vector (what separates two near-certain candidates). */
export function logOdds(features: readonly number[], model: SimilarityModel): number {
  let z = model.bias;
  features.forEach((value, index) => (z += value * (model.weights[index] ?? 0)));
  return z;
}

/** The model's probability for a feature vector. */
export function probability(features: readonly number[], model: SimilarityModel): number {
  return 1 / (1 + Math.exp(-logOdds(features, model)));
}

/** The probability that two fingerprints are one commitment. */
export function similarity(a: Fingerprint, b: Fingerprint, model: SimilarityModel = DEFAULT_SIMILARITY_MODEL, weight: WordWeight = UNIFORM): number {
  return probability(pairFeatures(a, b, weight), model);
}
