/**
 * Runs a merge corpus through the app's own steps: the content step turns each provider payload into an
 * item, the offline engine judges it, the suggestion repository stores it and the merge step (the call
 * the sync writer makes) groups it, in order of arrival, in a real migrated database. Then counts what
 * the feed would show: duplicate suggestions (one commitment shown more than once) and wrong merges (an
 * item shown inside another commitment's suggestion).
 */
import { join } from 'node:path';
import { calendarItemFromGoogle } from '../../src/main/content/google-calendar-event';
import { emailItemFromGmail } from '../../src/main/content/gmail-payload';
import { slackMessageItem } from '../../src/main/content/slack-message';
import { createOfflineEngine } from '../../src/main/ai/offline';
import { isFailure, type GeneratedSuggestion } from '../../src/main/ai/types';
import { openAppDatabase } from '../../src/main/db/app-database';
import { loadMigrations } from '../../src/main/db/migrate';
import { createRepositories } from '../../src/main/db/repositories';
import { itemTypeOf, toPreview, type ProviderItem } from '../../src/main/items/provider-item';
import { createZone } from '../../src/main/lib/time-zone';
import { fingerprintOf } from '../../src/main/merge/fingerprint';
import { itemKeys } from '../../src/main/merge/item-keys';
import { candidateFeatures } from '../../src/main/merge/matcher';
import { mergeStoredSuggestion, nearbyOf } from '../../src/main/merge/merge-step';
import type { SimilarityModel } from '../../src/main/merge/similarity';
import type { CorpusSource, MergeCorpus } from './corpus';
import { SELF } from './corpus-render';

const ROOT = join(import.meta.dirname, '../..');
/** The person's time zone: the engine judges and the merge reads times in it. */
export const CORPUS_TIME_ZONE = 'Europe/Paris';

/** A source with its item and the engine's verdict (judged once, replayed under several models). */
export interface JudgedSource {
  source: CorpusSource;
  item: ProviderItem;
  verdict: GeneratedSuggestion;
}

/** What the feed shows after the corpus, and how it got there. */
export interface MergeMetrics {
  commitments: number;
  items: number;
  /** Suggestion rows (a reply in a thread refreshes its thread's row instead of adding one). */
  rows: number;
  shown: number;
  duplicates: number;
  /** Duplicates per commitment: the "duplicate suggestions shown" (budget 2%). */
  duplicate_rate: number;
  /** Rows shown inside a suggestion of another commitment. */
  wrong_merges: number;
  /** Wrong merges per merged row (budget 1%). */
  wrong_merge_rate: number;
  /** Wrong merges per row, the gentler denominator. */
  wrong_merge_rate_of_rows: number;
  merged_rows: number;
  merged_by_key: number;
  merged_by_similarity: number;
  wrong_by_key: number;
  wrong_by_similarity: number;
  /** Duplicates the feed would show with no merging at all. */
  duplicates_without_merging: number;
  /** Duplicates left, by the commitment's kind of near miss (none = an ordinary commitment). */
  duplicates_by_variant: Record<string, number>;
}

/** A candidate pair the similarity scored (for fitting), labelled by the corpus. */
export interface LabelledPair {
  features: number[];
  same: boolean;
}

/** Turns each source into its item and judges it with the offline engine, as a sync shortly after arrival would. */
export async function judgeCorpus(corpus: MergeCorpus, timeZone = CORPUS_TIME_ZONE): Promise<JudgedSource[]> {
  const engine = createOfflineEngine();
  const judged: JudgedSource[] = [];
  for (const source of corpus.sources) {
    const item =
      source.integration === 'gmail' ? emailItemFromGmail(source.message, { selfAddresses: [SELF.email] })
      : source.integration === 'calendar' ? calendarItemFromGoogle(source.event)
      : slackMessageItem(source.message);
    const { results } = await engine.generate([item], { now: new Date(source.arrivalMs + 5 * 60_000), timeZone, prepTaskHours: 24, selfAddresses: [SELF.email] });
    const verdict = results.get(item.id);
    if (!verdict || isFailure(verdict)) throw new Error(`the offline engine failed on ${item.id}`);
    judged.push({ source, item, verdict });
  }
  return judged;
}

/**
 * Stores every judged source as a suggestion (needing action or not: the merge is measured on every
 * item, the hardest case) and merges it with `model`; optionally collects the similarity's candidate pairs.
 */
export function replayCorpus(corpus: MergeCorpus, judged: readonly JudgedSource[], model: SimilarityModel, dataDir: string, options: { collectPairs?: boolean; everyItem?: boolean } = {}) {
  let clock = Date.UTC(2026, 0, 1);
  const { db } = openAppDatabase(join(dataDir, `merge-${process.pid}-${Math.random().toString(36).slice(2)}.db`), loadMigrations(join(ROOT, 'src/main/db/migrations')), () => new Date(clock));
  const repos = createRepositories(db, () => new Date(clock));
  const integrations = Object.fromEntries((['gmail', 'calendar', 'slack'] as const).map((name) => {
    const record = repos.integrations.create({ provider: name === 'calendar' ? 'google_calendar' : name, status: 'connected' });
    repos.integrations.setAccount(record.id, { accountId: `${name}-account`, accountEmail: SELF.email, displayName: SELF.name, grantedScopes: [] });
    return [name, record.id];
  })) as Record<CorpusSource['integration'], number>;
  const commitmentOf = new Map<number, number>();
  const sourceOf = new Map<number, JudgedSource>();
  const pairs: LabelledPair[] = [];
  for (const entry of judged) {
    const { source, item, verdict } = entry;
    // As the sync writer does: an item the engine finds nothing to do in is no suggestion (unless asked to store every item).
    if (!verdict.needsAction && !options.everyItem) continue;
    clock = source.arrivalMs;
    const integrationId = integrations[source.integration];
    db.transaction(() => {
      const content = { ...verdict, flags: [...new Set([...verdict.flags, ...item.contentFlags])] };
      const stored = repos.suggestions.upsertForItem({ ...content, integrationId, itemType: itemTypeOf(item), itemId: item.id, threadKey: item.threadKey, snapshot: item, preview: toPreview(item) });
      if (stored.outcome === 'inserted') {
        commitmentOf.set(stored.id, source.commitment);
        sourceOf.set(stored.id, entry);
      }
      if (options.collectPairs && stored.outcome === 'inserted' && repos.merges.linkedRows(itemKeys(item), integrationId).length === 0) {
        // The candidates exactly as the merge step meets them (same rows, same word weights).
        const fingerprint = fingerprintOf(item, content, repos.merges.self(), createZone(CORPUS_TIME_ZONE));
        const nearby = nearbyOf(repos.merges, integrationId, fingerprint);
        const groups = repos.merges.groupsOf(nearby.map((row) => row.head));
        for (const { row, features } of candidateFeatures(fingerprint, { integrationId, nearby, groups })) {
          pairs.push({ features, same: commitmentOf.get(row.suggestionId) === source.commitment });
        }
      }
      mergeStoredSuggestion(repos.merges, { ...stored, integrationId, item, content, timeZone: CORPUS_TIME_ZONE }, model);
    })();
  }
  const rows = db.prepare(`SELECT id, coalesce(merged_into, id) AS head, merge_reason AS reason FROM integration_tasks ORDER BY id`).all() as Array<{ id: number; head: number; reason: string | null }>;
  db.close();
  return { metrics: measure(corpus, rows, commitmentOf), pairs, rows, commitmentOf, sourceOf };
}

function measure(corpus: MergeCorpus, rows: Array<{ id: number; head: number; reason: string | null }>, commitmentOf: Map<number, number>): MergeMetrics {
  const groupsOf = new Map<number, Set<number>>();
  let wrong = 0;
  let wrongByKey = 0;
  let wrongBySimilarity = 0;
  let byKey = 0;
  let bySimilarity = 0;
  for (const row of rows) {
    const commitment = commitmentOf.get(row.id)!;
    groupsOf.set(commitment, new Set([...(groupsOf.get(commitment) ?? []), row.head]));
    if (row.head === row.id) continue;
    const similar = row.reason?.startsWith('Similar') ?? false;
    if (similar) bySimilarity += 1;
    else byKey += 1;
    if (commitmentOf.get(row.head) !== commitment) {
      wrong += 1;
      if (similar) wrongBySimilarity += 1;
      else wrongByKey += 1;
    }
  }
  const variantOf = new Map(corpus.commitments.map((c) => [c.id, c.nearMissOf?.kind ?? 'none']));
  const duplicatesByVariant: Record<string, number> = {};
  let duplicates = 0;
  for (const [commitment, heads] of groupsOf) {
    duplicates += heads.size - 1;
    const variant = variantOf.get(commitment) ?? 'none';
    if (heads.size > 1) duplicatesByVariant[variant] = (duplicatesByVariant[variant] ?? 0) + heads.size - 1;
  }
  const merged = byKey + bySimilarity;
  const commitments = groupsOf.size;
  const round = (value: number) => Math.round(value * 10_000) / 10_000;
  return {
    commitments,
    items: corpus.sources.length,
    rows: rows.length,
    shown: new Set(rows.map((row) => row.head)).size,
    duplicates,
    duplicate_rate: round(duplicates / Math.max(1, commitments)),
    wrong_merges: wrong,
    wrong_merge_rate: round(wrong / Math.max(1, merged)),
    wrong_merge_rate_of_rows: round(wrong / Math.max(1, rows.length)),
    merged_rows: merged,
    merged_by_key: byKey,
    merged_by_similarity: bySimilarity,
    wrong_by_key: wrongByKey,
    wrong_by_similarity: wrongBySimilarity,
    duplicates_without_merging: rows.length - commitments,
    duplicates_by_variant: duplicatesByVariant,
  };
}
