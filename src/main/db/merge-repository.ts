/**
 * SQL of cross-source merging: the keys and fingerprints of suggestions, the rows that share a key or
 * lie near in time, joining a row to a group, splitting one off, and the pairs the person split apart.
 * The decisions are made in merge/; this file only stores and finds.
 */
import type { SuggestionStatus } from '../../shared/models';
import type { Db } from './connection';
import { parseStringArray } from './json-columns';
import { createGroupStatements } from './merge-groups';

/** The comparable facts of a suggestion as stored (merge/fingerprint.ts makes them). */
export interface FingerprintRecord {
  atMs: number | null;
  /** True when `atMs` is exact (an event's start, an invitation's start), not read from text. */
  atExact: boolean;
  sentMs: number | null;
  words: string[];
  people: string[];
}

/** Who the person is, as their accounts say. */
export interface SelfFacts {
  /** Their addresses, lower-case. */
  addresses: Set<string>;
  /** Their display names as the accounts give them ("Pat Example"). */
  names: string[];
}

/** A row of another account that shares a key with a new one. */
export interface LinkedRow {
  suggestionId: number;
  head: number;
  key: string;
  status: SuggestionStatus;
  /** The kind of item the row is (a key a row holds as its own identity names that kind). */
  itemType: string;
}

/** A row of another account near a new one in time, with its fingerprint. */
export interface NearbyRow {
  suggestionId: number;
  head: number;
  status: SuggestionStatus;
  fingerprint: FingerprintRecord;
}

/** What a group holds, for deciding whether a new suggestion may join it. */
export interface GroupFacts {
  accounts: Set<number>;
  fingerprints: FingerprintRecord[];
}

/** Time windows of the similarity's candidate search. */
export interface NearbyWindow {
  atFrom: number;
  atTo: number;
  sentFrom: number;
  sentTo: number;
  limit: number;
}

// Rows withdrawn at the source (a cancelled event, a deleted message) are gone: nothing joins them.
const LIVE = `NOT (s.status = 'dismissed' AND EXISTS (SELECT 1 FROM json_each(s.flags) WHERE value = 'withdrawn-at-source'))`;

/** Repository over merge_keys, merge_fingerprints, merge_refusals and the group columns of suggestions. */
export function createMergeRepository(db: Db, now: () => Date) {
  const iso = () => now().toISOString();
  const groups = createGroupStatements(db);
  const statements = {
    key: db.prepare(`INSERT OR IGNORE INTO merge_keys (key, suggestion_id, integration_id) VALUES (?, ?, ?)`),
    fingerprint: db.prepare(
      `INSERT INTO merge_fingerprints (suggestion_id, integration_id, at_ms, at_exact, sent_ms, words, people)
       VALUES (@id, @integrationId, @atMs, @atExact, @sentMs, @words, @people)
       ON CONFLICT (suggestion_id) DO UPDATE SET at_ms = excluded.at_ms, at_exact = excluded.at_exact, sent_ms = excluded.sent_ms,
         words = excluded.words, people = excluded.people`,
    ),
    linked: db.prepare(
      `SELECT k.key, s.id AS suggestionId, coalesce(s.merged_into, s.id) AS head, s.status, s.item_type AS itemType
       FROM merge_keys k JOIN integration_tasks s ON s.id = k.suggestion_id
       WHERE k.key IN (SELECT value FROM json_each(?)) AND k.integration_id != ? AND ${LIVE}
       ORDER BY s.id`,
    ),
    nearby: db.prepare(
      `SELECT f.suggestion_id AS suggestionId, coalesce(s.merged_into, s.id) AS head, s.status, f.at_ms, f.at_exact, f.sent_ms, f.words, f.people
       FROM merge_fingerprints f JOIN integration_tasks s ON s.id = f.suggestion_id
       WHERE f.integration_id = @integrationId AND ${LIVE}
         AND (f.at_ms BETWEEN @atFrom AND @atTo OR f.sent_ms BETWEEN @sentFrom AND @sentTo)
       ORDER BY f.suggestion_id DESC LIMIT @limit`,
    ),
    otherAccounts: db.prepare(`SELECT id FROM integrations WHERE id != ?`).pluck(),
    headState: db.prepare(`SELECT status, task_id AS taskId FROM integration_tasks WHERE id = ?`),
    join: db.prepare(
      `UPDATE integration_tasks SET merged_into = @head, merge_reason = @reason, status = @status, task_id = @taskId,
         snoozed_until = NULL, updated_at = @at
       WHERE id = @id`,
    ),
    fold: db.prepare(`UPDATE integration_tasks SET merged_into = @head, updated_at = @at WHERE merged_into = @from`),
    reopen: db.prepare(`UPDATE integration_tasks SET status = 'pending_approval', task_id = NULL, merge_reason = NULL, updated_at = ? WHERE id = ?`),
    refuse: db.prepare(`INSERT OR IGNORE INTO merge_refusals (suggestion_id, refused_id, created_at) VALUES (?, ?, ?)`),
    refused: db.prepare(
      `SELECT 1 FROM merge_refusals WHERE suggestion_id IN (SELECT value FROM json_each(?)) AND refused_id IN (SELECT value FROM json_each(?)) LIMIT 1`,
    ),
    groupRows: db.prepare(
      `SELECT coalesce(s.merged_into, s.id) AS head, s.integration_id AS integrationId, f.at_ms, f.at_exact, f.sent_ms, f.words, f.people
       FROM integration_tasks s LEFT JOIN merge_fingerprints f ON f.suggestion_id = s.id
       WHERE s.id IN (SELECT value FROM json_each(@heads)) OR s.merged_into IN (SELECT value FROM json_each(@heads))`,
    ),
    self: db.prepare(`SELECT DISTINCT lower(account_email) AS address, display_name AS name FROM integrations WHERE account_email IS NOT NULL OR display_name IS NOT NULL`),
  };

  /** The head and members of a group. */
  const rowsOf = (head: number): number[] => [head, ...groups.membersOf(head)];

  return {
    /** Stores the keys of a suggestion's item (a key already stored is kept once). */
    recordKeys(suggestionId: number, integrationId: number, keys: readonly string[]): void {
      for (const key of keys) statements.key.run(key, suggestionId, integrationId);
    },
    /** Stores (or replaces, after a newer message of the thread) a suggestion's fingerprint. */
    recordFingerprint(suggestionId: number, integrationId: number, fingerprint: FingerprintRecord): void {
      statements.fingerprint.run({ id: suggestionId, integrationId, atMs: fingerprint.atMs, atExact: fingerprint.atExact ? 1 : 0, sentMs: fingerprint.sentMs, words: JSON.stringify(fingerprint.words), people: JSON.stringify(fingerprint.people) });
    },
    /** Live rows of other accounts sharing any of these keys, oldest first. */
    linkedRows(keys: readonly string[], integrationId: number): LinkedRow[] {
      if (keys.length === 0) return [];
      return statements.linked.all(JSON.stringify(keys), integrationId) as LinkedRow[];
    },
    /** Live rows of other accounts due or sent within the windows, newest first. */
    nearbyRows(integrationId: number, window: NearbyWindow): NearbyRow[] {
      // Account by account (a handful): the account being synced, usually the largest, is never read.
      const rows = (statements.otherAccounts.all(integrationId) as number[])
        .flatMap((other) => statements.nearby.all({ integrationId: other, ...window }) as Array<{ suggestionId: number; head: number; status: SuggestionStatus; at_ms: number | null; at_exact: number; sent_ms: number | null; words: string; people: string }>)
        .sort((a, b) => b.suggestionId - a.suggestionId)
        .slice(0, window.limit);
      return rows.map((row) => ({
        suggestionId: row.suggestionId,
        head: row.head,
        status: row.status,
        fingerprint: { atMs: row.at_ms, atExact: row.at_exact === 1, sentMs: row.sent_ms, words: parseStringArray(row.words), people: parseStringArray(row.people) },
      }));
    },
    /** The head of a row's group (itself when alone), or null when the row does not exist. */
    headOf: (id: number): number | null => groups.headOf(id),
    /** What each group holds: the accounts its rows come from and their fingerprints. */
    groupsOf(heads: readonly number[]): Map<number, GroupFacts> {
      const groups = new Map<number, GroupFacts>();
      if (heads.length === 0) return groups;
      type Row = { head: number; integrationId: number; at_ms: number | null; at_exact: number | null; sent_ms: number | null; words: string | null; people: string | null };
      for (const row of statements.groupRows.all({ heads: JSON.stringify([...new Set(heads)]) }) as Row[]) {
        const group = groups.get(row.head) ?? { accounts: new Set<number>(), fingerprints: [] };
        group.accounts.add(row.integrationId);
        if (row.words !== null) group.fingerprints.push({ atMs: row.at_ms, atExact: row.at_exact === 1, sentMs: row.sent_ms, words: parseStringArray(row.words), people: parseStringArray(row.people) });
        groups.set(row.head, group);
      }
      return groups;
    },
    /** Every row of a group, head first. */
    rowsOf,
    /** Status and task of a group (its head's). */
    stateOf(head: number): { status: SuggestionStatus; taskId: number | null } | null {
      return (statements.headState.get(head) as { status: SuggestionStatus; taskId: number | null } | undefined) ?? null;
    },
    /** Joins a row that is alone to a group: it takes the group's status and task (a dismissed group keeps it a tombstone). */
    join(id: number, head: number, reason: string): void {
      const state = this.stateOf(head);
      if (!state) return;
      statements.join.run({ id, head, reason, status: state.status, taskId: state.taskId, at: iso() });
    },
    /** Moves every row of group `from` (head and members) into group `head`. Both must be pending. */
    fold(from: number, head: number, reason: string): void {
      statements.fold.run({ head, from, at: iso() });
      statements.join.run({ id: from, head, reason, status: 'pending_approval', taskId: null, at: iso() });
    },
    /** True when the person split a row of one group from a row of the other. */
    refused(groupA: readonly number[], groupB: readonly number[]): boolean {
      return statements.refused.get(JSON.stringify(groupA), JSON.stringify(groupB)) !== undefined;
    },
    /**
     * Splits a row off its group and remembers the split: the row becomes a suggestion of its own, waiting
     * for review; the rest of the group (and its task) stays as it was. Returns the group's head afterwards.
     */
    split(id: number): number | null {
      const head = groups.headOf(id);
      if (head === null) return null;
      const others = rowsOf(head).filter((row) => row !== id);
      const at = iso();
      const remaining = groups.leave(id, at);
      statements.reopen.run(at, id);
      for (const other of others) {
        statements.refuse.run(id, other, at);
        statements.refuse.run(other, id, at);
      }
      return remaining;
    },
    /** The person's own addresses (lower-case) and names across every account: they are in everything, so they say nothing. */
    self(): SelfFacts {
      const rows = statements.self.all() as Array<{ address: string | null; name: string | null }>;
      return {
        addresses: new Set(rows.flatMap((row) => (row.address ? [row.address] : []))),
        names: rows.flatMap((row) => (row.name ? [row.name] : [])),
      };
    },
  };
}

/** The merge repository's type. */
export type MergeRepository = ReturnType<typeof createMergeRepository>;
