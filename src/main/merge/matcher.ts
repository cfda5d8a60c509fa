/**
 * Which group a new suggestion belongs to, from the rows of other accounts that share a key with it
 * (exact evidence, always taken) or, failing that, the nearby rows the similarity scores at or above
 * its fitted threshold. A similar group that already holds an item of the new one's account is not a
 * candidate (one account does not send the same commitment twice outside a thread), nor one whose time
 * contradicts the new one's (next week's meeting), and two groups scoring alike leave the new one alone:
 * a duplicate shown is cheaper than a wrong merge.
 * Pure: the caller reads the rows and applies the decision.
 */
import type { SuggestionStatus } from '../../shared/models';
import type { FingerprintRecord, GroupFacts, LinkedRow, NearbyRow } from '../db/merge-repository';
import { keyReason } from './item-keys';
import { logOdds, pairFeatures, wordWeights, type SimilarityModel } from './similarity';

/** Where a new suggestion goes: the group it joins, and pending groups the same keys show to be the same commitment. */
export interface MergeDecision {
  head: number;
  reason: string;
  /** Other groups linked by key, to fold into `head` when both wait for review and the person never split them. */
  alsoLinked: number[];
  /** The similarity's probability, for merges it decided (null for a key). */
  score: number | null;
}

/** What the matcher needs besides the new suggestion's fingerprint. */
export interface MatchInput {
  /** The new suggestion's account. */
  integrationId: number;
  linked: readonly LinkedRow[];
  nearby: readonly NearbyRow[];
  /** What each nearby group holds (its accounts, its rows' fingerprints). */
  groups: ReadonlyMap<number, GroupFacts>;
  model: SimilarityModel;
}

/** Two groups closer than this in log-odds (about 2.7 times as likely) are too alike to choose between. */
const AMBIGUITY_MARGIN = 1;
/** A group with a time this far from the new suggestion's is another occurrence (next week's meeting). */
const TIME_CONFLICT_MS = 48 * 3_600_000;

/** Two exact times (event starts) further apart than this are two events (the same event starts at one time). */
const EXACT_CONFLICT_MS = 10 * 60_000;

/** Sent this close, two items without a time to compare may still be about one thing. */
const SENT_SUPPORT_MS = 3 * 24 * 3_600_000;
/** How long before a time a message about it is sent, at most. */
const LEAD_SUPPORT_MS = 5 * 24 * 3_600_000;

/** True when some time ties the new suggestion to the group: times to compare, a message sent ahead of the group's time, or sending times close together. */
function timeSupported(fingerprint: FingerprintRecord, group: GroupFacts): boolean {
  const ahead = (sent: number | null, at: number | null) => sent !== null && at !== null && at - sent >= -3_600_000 && at - sent <= LEAD_SUPPORT_MS;
  return group.fingerprints.some(
    (other) =>
      (fingerprint.atMs !== null && other.atMs !== null) ||
      ahead(fingerprint.sentMs, other.atMs) ||
      ahead(other.sentMs, fingerprint.atMs) ||
      (fingerprint.sentMs !== null && other.sentMs !== null && Math.abs(fingerprint.sentMs - other.sentMs) <= SENT_SUPPORT_MS),
  );
}

/**
 * True when the new suggestion may not join a group whatever the similarity: the group already holds an
 * item of its account, nothing in time ties them, or a time of the group contradicts its own (days
 * apart, or two event starts apart).
 */
function excluded(fingerprint: FingerprintRecord, integrationId: number, group: GroupFacts | undefined): boolean {
  if (!group) return false;
  if (group.accounts.has(integrationId) || !timeSupported(fingerprint, group)) return true;
  const at = fingerprint.atMs;
  if (at === null) return false;
  return group.fingerprints.some((other) => {
    if (other.atMs === null) return false;
    const gap = Math.abs(other.atMs - at);
    return gap > TIME_CONFLICT_MS || (fingerprint.atExact && other.atExact && gap > EXACT_CONFLICT_MS);
  });
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

/** The nearby rows that may be merged with, each with its features (rows of excluded groups left out). */
export function candidateFeatures(fingerprint: FingerprintRecord, input: Omit<MatchInput, 'linked' | 'model'>): Array<{ row: NearbyRow; features: number[] }> {
  const weight = wordWeights(input.nearby.map((row) => row.fingerprint));
  return input.nearby
    .filter((row) => !excluded(fingerprint, input.integrationId, input.groups.get(row.head)))
    .map((row) => {
      // A group is one commitment with one time: a row that names none (a chat nudge) stands for the group's.
      const groupAt = input.groups.get(row.head)?.fingerprints.find((other) => other.atMs !== null)?.atMs ?? null;
      const other = row.fingerprint.atMs === null && groupAt !== null ? { ...row.fingerprint, atMs: groupAt } : row.fingerprint;
      return { row, features: pairFeatures(fingerprint, other, weight) };
    });
}

/** The log-odds of each candidate group (its best row). */
function groupScores(fingerprint: FingerprintRecord, input: MatchInput): Map<number, number> {
  const scores = new Map<number, number>();
  for (const { row, features } of candidateFeatures(fingerprint, input)) scores.set(row.head, Math.max(scores.get(row.head) ?? -Infinity, logOdds(features, input.model)));
  return scores;
}

/** The most similar group at or above the threshold, unless another scores about as well. */
function bySimilarity(fingerprint: FingerprintRecord, input: MatchInput): MergeDecision | null {
  const ranked = [...groupScores(fingerprint, input).entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  const [best, second] = ranked;
  const threshold = Math.log(input.model.threshold / (1 - input.model.threshold));
  if (!best || best[1] < threshold) return null;
  if (second && second[1] >= threshold && best[1] - second[1] < AMBIGUITY_MARGIN) return null;
  const score = 1 / (1 + Math.exp(-best[1]));
  return { head: best[0], reason: `Similar title, people and time (${Math.floor(score * 100)}% alike).`, alsoLinked: [], score };
}

/** The decision for a new suggestion, or null when it stands alone. */
export function chooseGroup(fingerprint: FingerprintRecord, input: MatchInput): MergeDecision | null {
  return byKey(input.linked) ?? bySimilarity(fingerprint, input);
}
