/**
 * SQL over the person's decisions on suggestions (`integration_tasks` read as decisions): counts per
 * sender, list and channel for learned rules, labelled outcomes for calibration and the personal
 * model, and recent examples for the LLM's prompt. Stats live in stats-queries.ts.
 *
 * An outcome's label: approved (or auto-approved and kept) = true; dismissed by the person, or
 * auto-approved and undone (put back, dismissed, task deleted) = false. Withdrawals at the source
 * have no decision time and are nobody's decision.
 */
import type { ProviderItemType } from '../../shared/models';
import type { Statement } from 'better-sqlite3';
import type { Db } from './connection';

/** Which stored key a count is about. */
export type DecisionKey = 'sender' | 'list' | 'channel';

/** Dismissals (counted up to a limit) and whether anything was approved, for one sender, list or channel. */
export interface KeyCounts {
  dismissed: number;
  approved: boolean;
}

/** What a decided suggestion was about, for proposals and the personal model. */
export interface DecidedSuggestion {
  id: number;
  itemType: ProviderItemType;
  senderKey: string | null;
  listKey: string | null;
  channelKey: string | null;
  confidence: number;
  title: string;
  /** The task's title when the person edited it while approving; else null. */
  taskTitle: string | null;
}

/** One labelled outcome for calibration. */
export interface Outcome {
  confidence: number;
  approved: boolean;
  autoApproved: boolean;
}

/** A recent decision shown to the LLM as an example. */
export interface DecisionExample {
  approved: boolean;
  itemType: ProviderItemType;
  sender: string | null;
  /** The title the person kept (their edit, when they edited it). */
  title: string;
}

// Kept: approved by the person, or auto-approved with its task still there.
const KEPT = `(s.status = 'approved' OR (s.status = 'auto_approved' AND s.task_id IS NOT NULL))`;
// Undone or dismissed: the person's dismissal, or an auto-approval that did not stand.
const REJECTED = `((s.status = 'dismissed' AND s.decided_at IS NOT NULL) OR (s.auto_approved_at IS NOT NULL AND NOT ${KEPT}))`;
const KEY_COLUMNS: Record<DecisionKey, string> = { sender: 'sender_key', list: 'list_key', channel: 'channel_key' };

/** Repository of decision queries. */
export function createDecisionRepository(db: Db) {
  // Both stop early (a LIMIT, an EXISTS) and seek the (key, status) indexes: a sender with 100,000
  // suggestions costs what one with ten does.
  const countStatements = new Map<DecisionKey, { dismissed: Statement<unknown[]>; approved: Statement<unknown[]> }>();
  for (const [key, column] of Object.entries(KEY_COLUMNS) as Array<[DecisionKey, string]>) {
    countStatements.set(key, {
      dismissed: db.prepare<unknown[]>(
        `SELECT COUNT(*) AS n FROM (SELECT 1 FROM integration_tasks s WHERE s.${column} = ? AND s.status = 'dismissed' AND s.decided_at IS NOT NULL LIMIT ?)`,
      ),
      approved: db.prepare<unknown[]>(
        `SELECT EXISTS (SELECT 1 FROM integration_tasks s WHERE s.${column} = ? AND s.status = 'approved')
             OR EXISTS (SELECT 1 FROM integration_tasks s WHERE s.${column} = ? AND s.status = 'auto_approved' AND s.task_id IS NOT NULL) AS approved`,
      ),
    });
  }
  const statements = {
    decided: db.prepare(
      `SELECT s.id, s.item_type AS itemType, s.sender_key AS senderKey, s.list_key AS listKey, s.channel_key AS channelKey,
              s.confidence, s.title, CASE WHEN t.title IS NOT NULL AND t.title <> s.title THEN t.title END AS taskTitle
       FROM integration_tasks s LEFT JOIN tasks t ON t.id = s.task_id WHERE s.id = ?`,
    ),
    outcomes: db.prepare(
      `SELECT s.confidence, CASE WHEN ${KEPT} THEN 1 ELSE 0 END AS approved, s.auto_approved_at IS NOT NULL AS autoApproved
       FROM integration_tasks s WHERE (${KEPT} AND s.decided_at IS NOT NULL) OR ${REJECTED}
       ORDER BY s.id DESC LIMIT ?`,
    ),
    examples: db.prepare(
      `SELECT CASE WHEN ${KEPT} THEN 1 ELSE 0 END AS approved, s.item_type AS itemType, s.sender_key AS sender,
              COALESCE(t.title, s.title) AS title
       FROM integration_tasks s LEFT JOIN tasks t ON t.id = s.task_id
       WHERE s.decided_at IS NOT NULL AND (s.status = 'approved' OR (s.status = 'dismissed'))
       ORDER BY s.decided_at DESC, s.id DESC LIMIT ?`,
    ),
  };
  return {
    /** The person's dismissals with this key (up to `limit`), and whether any was approved (or auto-approved and kept). */
    countsFor(key: DecisionKey, value: string, limit: number): KeyCounts {
      const statements = countStatements.get(key)!;
      const dismissed = (statements.dismissed.get(value, limit) as { n: number }).n;
      const approved = dismissed > 0 && (statements.approved.get(value, value) as { approved: number }).approved === 1;
      return { dismissed, approved };
    },
    /** A suggestion as a decision sees it, or null. */
    decided(id: number): DecidedSuggestion | null {
      return (statements.decided.get(id) as DecidedSuggestion | undefined) ?? null;
    },
    /** The most recent labelled outcomes, newest first. */
    outcomes(limit: number): Outcome[] {
      return (statements.outcomes.all(limit) as Array<{ confidence: number; approved: number; autoApproved: number }>).map((row) => ({
        confidence: row.confidence,
        approved: row.approved === 1,
        autoApproved: row.autoApproved === 1,
      }));
    },
    /** The person's most recent approvals and dismissals, newest first. */
    examples(limit: number): DecisionExample[] {
      return (statements.examples.all(limit) as Array<Omit<DecisionExample, 'approved'> & { approved: number }>).map((row) => ({ ...row, approved: row.approved === 1 }));
    },
  };
}

/** The decision repository's type. */
export type DecisionRepository = ReturnType<typeof createDecisionRepository>;
