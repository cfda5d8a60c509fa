/** SQL for `provider_items`: every item the engine has seen and what became of it. */
import type { ProviderItemType } from '../../shared/models';
import type { Db } from './connection';

/** What became of an item. */
export type ItemOutcome = 'suggested' | 'no_action' | 'filtered' | 'quarantined' | 'waiting';

/** A seen item. */
export interface SeenItem {
  integrationId: number;
  itemId: string;
  itemType: ProviderItemType;
  threadKey: string | null;
  outcome: ItemOutcome;
  reason: string | null;
}

/** Repository over `provider_items`. */
export function createProviderItemRepository(db: Db, now: () => Date) {
  const statements = {
    known: db.prepare(`SELECT 1 FROM provider_items WHERE integration_id = ? AND provider_item_id = ?`),
    record: db.prepare(
      `INSERT INTO provider_items (integration_id, provider_item_id, item_type, thread_key, outcome, reason, seen_at)
       VALUES (@integrationId, @itemId, @itemType, @threadKey, @outcome, @reason, @at)
       ON CONFLICT (integration_id, provider_item_id) DO NOTHING`,
    ),
    settle: db.prepare(
      `UPDATE provider_items SET outcome = @outcome, reason = @reason, thread_key = COALESCE(@threadKey, thread_key), seen_at = @at
       WHERE integration_id = @integrationId AND provider_item_id = @itemId AND outcome = 'waiting'`,
    ),
    count: db.prepare(`SELECT outcome, COUNT(*) AS n FROM provider_items WHERE integration_id = ? GROUP BY outcome`),
    quarantined: db.prepare(`SELECT provider_item_id AS itemId, reason FROM provider_items WHERE integration_id = ? AND outcome = 'quarantined' ORDER BY seen_at DESC LIMIT ?`),
  };
  return {
    /** True when the item was seen before. */
    isKnown(integrationId: number, itemId: string): boolean {
      return statements.known.get(integrationId, itemId) !== undefined;
    },
    /** Records an item once; a second record of the same item is ignored (first outcome wins). */
    record(item: SeenItem): void {
      statements.record.run({ ...item, at: now().toISOString() });
    },
    /**
     * Records the outcome of an item that waited for judgement (or a new one): a waiting row takes
     * the new outcome, any other existing row keeps its own.
     */
    settle(item: SeenItem): void {
      const at = now().toISOString();
      if (statements.settle.run({ ...item, at }).changes === 0) statements.record.run({ ...item, at });
    },
    /** Counts per outcome for an integration. */
    counts(integrationId: number): Record<ItemOutcome, number> {
      const counts: Record<ItemOutcome, number> = { suggested: 0, no_action: 0, filtered: 0, quarantined: 0, waiting: 0 };
      for (const row of statements.count.all(integrationId) as Array<{ outcome: ItemOutcome; n: number }>) counts[row.outcome] = row.n;
      return counts;
    },
    /** Most recent quarantined items with their reasons. */
    quarantined(integrationId: number, limit = 50): Array<{ itemId: string; reason: string | null }> {
      return statements.quarantined.all(integrationId, limit) as Array<{ itemId: string; reason: string | null }>;
    },
  };
}
