/**
 * Which group a new suggestion belongs to, from the rows of other accounts that share a key with it
 * (exact evidence, always taken) or, failing that, the nearby rows the similarity scores at or above
 * its fitted threshold. Pure: the caller reads the rows and applies the decision.
 */
import type { SuggestionStatus } from '../../shared/models';
import type { FingerprintRecord, LinkedRow, NearbyRow } from '../db/merge-repository';
import { keyReason } from './item-keys';
import { similarity, type SimilarityModel } from './similarity';

/** Where a new suggestion goes: the group it joins, and pending groups the same keys show to be the same commitment. */
export interface MergeDecision {
  head: number;
  reason: string;
  /** Other groups linked by key, to fold into `head` when both wait for review and the person never split them. */
  alsoLinked: number[];
  /** The similarity's probability, for merges it decided (null for a key). */
  score: number | null;
}

/** The groups rows belong to, each with its status (a head's status is its group's). */
function headsOf<T extends { head: number; status: SuggestionStatus }>(rows: readonly T[]): Map<number, T[]> {
  const heads = new Map<number, T[]>();
  for (const row of rows) heads.set(row.head, [...(heads.get(row.head) ?? []), row]);
  return heads;
}

/** The group of the oldest linked row wins: it is the one the person has seen longest. */
function byKey(linked: readonly LinkedRow[]): MergeDecision | null {
  if (linked.length === 0) return null;
  const heads = headsOf(linked);
  const [head, rows] = [...heads.entries()].sort((a, b) => a[0] - b[0])[0]!;
  const status = rows[0]!.status;
  const alsoLinked = status === 'pending_approval' ? [...heads.entries()].filter(([other, otherRows]) => other !== head && otherRows[0]!.status === 'pending_approval').map(([other]) => other) : [];
  return { head, reason: `Linked by ${keyReason(rows[0]!.key)}.`, alsoLinked, score: null };
}

/** The most similar group at or above the threshold, or null. */
function bySimilarity(fingerprint: FingerprintRecord, nearby: readonly NearbyRow[], model: SimilarityModel): MergeDecision | null {
  let best: { head: number; score: number } | null = null;
  for (const row of nearby) {
    const score = similarity(fingerprint, row.fingerprint, model);
    if (score >= model.threshold && (best === null || score > best.score || (score === best.score && row.head < best.head))) best = { head: row.head, score };
  }
  if (!best) return null;
  return { head: best.head, reason: `Similar title, people and time (${Math.round(best.score * 100)}% alike).`, alsoLinked: [], score: best.score };
}

/** The decision for a new suggestion, or null when it stands alone. */
export function chooseGroup(fingerprint: FingerprintRecord, linked: readonly LinkedRow[], nearby: readonly NearbyRow[], model: SimilarityModel): MergeDecision | null {
  return byKey(linked) ?? bySimilarity(fingerprint, nearby, model);
}
