/**
 * The one call the sync writer makes right after storing a suggestion: record what the item is and links
 * to (keys) and what it looks like (fingerprint), then, for a new suggestion, join it to the suggestion
 * of the same commitment from another source. Runs inside the writer's transaction, so a crash keeps
 * all of it or none: never a merged row without its link, never a second suggestion for a linked item.
 */
import type { MergeRepository, NearbyRow, NearbyWindow } from '../db/merge-repository';
import type { ProviderItem } from '../items/provider-item';
import { createZone } from '../lib/time-zone';
import { fingerprintOf, type Fingerprint, type FingerprintContent } from './fingerprint';
import { itemKeys, keyLinks } from './item-keys';
import { chooseGroup } from './matcher';
import { DEFAULT_SIMILARITY_MODEL, type SimilarityModel } from './similarity';

/** A suggestion row as the sync writer just stored it. */
export interface StoredSuggestion {
  /** The row's id. */
  id: number;
  /** What storing did: a new row, a thread's pending row refreshed by a newer message, or an existing row kept. */
  outcome: 'inserted' | 'thread_updated' | 'kept';
  integrationId: number;
  item: ProviderItem;
  /** The engine's title and deadline for the item. */
  content: FingerprintContent;
  /** The person's IANA time zone (the engine's), for a time the item names without one. */
  timeZone: string;
}

const DAY = 24 * 3_600_000;
/** Most nearby rows scored for one new suggestion. */
const NEARBY_LIMIT = 300;

/** Where to look for rows of the same commitment: near its time, or near when it was sent. */
export function nearbyWindow(fingerprint: Fingerprint): NearbyWindow | null {
  const { atMs, sentMs } = fingerprint;
  if (atMs === null && sentMs === null) return null;
  const never = { from: 1, to: 0 };
  const at = atMs !== null ? { from: atMs - 3 * DAY, to: atMs + 3 * DAY } : { from: sentMs! - DAY, to: sentMs! + 7 * DAY };
  const sent = sentMs !== null ? { from: sentMs - 7 * DAY, to: sentMs + 7 * DAY } : never;
  return { atFrom: at.from, atTo: at.to, sentFrom: sent.from, sentTo: sent.to, limit: NEARBY_LIMIT };
}

/** The rows of other accounts near a fingerprint in time (none when it has no time at all). */
export function nearbyOf(merges: MergeRepository, integrationId: number, fingerprint: Fingerprint): NearbyRow[] {
  const window = nearbyWindow(fingerprint);
  return window ? merges.nearbyRows(integrationId, window) : [];
}

/**
 * Records a stored suggestion's keys and fingerprint and merges a new one into its commitment's group.
 * Returns true when it joined another suggestion (it is then not shown by itself, and takes that
 * suggestion's review: a task already made, or a dismissal).
 */
export function mergeStoredSuggestion(merges: MergeRepository, stored: StoredSuggestion, model: SimilarityModel = DEFAULT_SIMILARITY_MODEL): boolean {
  if (stored.outcome === 'kept') return false;
  const keys = itemKeys(stored.item);
  const fingerprint = fingerprintOf(stored.item, stored.content, merges.self(), createZone(stored.timeZone));
  merges.recordKeys(stored.id, stored.integrationId, keys);
  merges.recordFingerprint(stored.id, stored.integrationId, fingerprint);
  if (stored.outcome !== 'inserted') return false;
  const linked = merges.linkedRows(keys, stored.integrationId).filter((row) => keyLinks(row.key, stored.item.type, row.itemType));
  const nearby = linked.length === 0 ? nearbyOf(merges, stored.integrationId, fingerprint) : [];
  const groups = merges.groupsOf(nearby.map((row) => row.head));
  const decision = chooseGroup(fingerprint, { integrationId: stored.integrationId, linked, nearby, groups, model });
  if (!decision) return false;
  merges.join(stored.id, decision.head, decision.reason);
  // The same keys may show two suggestions shown apart to be one: fold them, unless the person split them.
  for (const other of decision.alsoLinked) {
    if (merges.headOf(other) !== other || merges.refused(merges.rowsOf(decision.head), merges.rowsOf(other))) continue;
    merges.fold(other, decision.head, decision.reason);
  }
  return true;
}
