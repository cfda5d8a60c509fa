/** SQL for `known_correspondents`: who the person wrote to or approved a suggestion from. */
import { normaliseAddress } from '../items/sender-key';
import type { Db } from './connection';

// The sender key of a stored suggestion, built like items/sender-key.ts builds it from an item.
const SENDER_KEY_SQL = `lower(trim(CASE item_type
    WHEN 'email' THEN json_extract(item_snapshot, '$.from.address')
    WHEN 'calendar_event' THEN json_extract(item_snapshot, '$.organizer.address')
    WHEN 'slack_message' THEN 'slack:' || json_extract(item_snapshot, '$.author.id')
  END))`;

/** Most addresses recorded from one sync's sent mail (a hostile mailbox cannot grow the table without end). */
const MAX_PER_CALL = 5_000;

/** Repository over `known_correspondents`. */
export function createCorrespondentRepository(db: Db, now: () => Date) {
  const statements = {
    known: db.prepare(`SELECT 1 FROM known_correspondents WHERE address = ?`),
    wroteTo: db.prepare(
      `INSERT INTO known_correspondents (address, wrote_to, updated_at) VALUES (?, 1, ?)
       ON CONFLICT (address) DO UPDATE SET wrote_to = 1, updated_at = excluded.updated_at WHERE wrote_to = 0`,
    ),
    approvedFrom: db.prepare(
      `INSERT INTO known_correspondents (address, approved, updated_at)
       SELECT key, 1, ? FROM (SELECT ${SENDER_KEY_SQL} AS key FROM integration_tasks WHERE id = ? AND json_valid(item_snapshot))
       WHERE key IS NOT NULL AND key <> '' AND key <> 'slack:'
       ON CONFLICT (address) DO UPDATE SET approved = 1, updated_at = excluded.updated_at WHERE approved = 0`,
    ),
    senderOf: db.prepare(`SELECT ${SENDER_KEY_SQL} AS key FROM integration_tasks WHERE id = ? AND json_valid(item_snapshot)`),
  };
  return {
    /** True when the person wrote to this sender key or approved a suggestion from it. */
    isKnown(address: string): boolean {
      return statements.known.get(address) !== undefined;
    },
    /** Records addresses the person wrote to; returns how many were new to that list. */
    recordWrittenTo(addresses: readonly string[]): number {
      const at = now().toISOString();
      let added = 0;
      for (const address of new Set(addresses.slice(0, MAX_PER_CALL).map(normaliseAddress))) {
        if (address && address.length <= 320) added += statements.wroteTo.run(address, at).changes;
      }
      return added;
    },
    /** Records the sender of a suggestion the person approved (read from its stored item). */
    recordApprovedSender(suggestionId: number): void {
      statements.approvedFrom.run(now().toISOString(), suggestionId);
    },
    /** The sender key of a stored suggestion, as SQL computes it (for the test that holds SQL and code together). */
    senderKeyOfSuggestion(suggestionId: number): string | null {
      const row = statements.senderOf.get(suggestionId) as { key: string | null } | undefined;
      return row?.key ?? null;
    },
  };
}
