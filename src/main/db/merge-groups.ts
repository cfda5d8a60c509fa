/**
 * The SQL that reshapes merge groups (rows of `integration_tasks` whose `merged_into` names the row the
 * feed shows), shared by the suggestion repository (withdrawals) and the merge repository (merging and
 * splitting). A group's head is the row with `merged_into` null; members point at it directly.
 */
import type { Db } from './connection';

/** Statements over groups; every function must run inside the caller's transaction. */
export function createGroupStatements(db: Db) {
  const statements = {
    head: db.prepare(`SELECT coalesce(merged_into, id) AS head FROM integration_tasks WHERE id = ?`),
    members: db.prepare(`SELECT id FROM integration_tasks WHERE merged_into = ? ORDER BY id`),
    detach: db.prepare(`UPDATE integration_tasks SET merged_into = NULL, merge_reason = NULL, updated_at = ? WHERE id = ?`),
    repoint: db.prepare(`UPDATE integration_tasks SET merged_into = ?, updated_at = ? WHERE merged_into = ? AND id != ?`),
    // The new head keeps the group's snooze and stands where the old head stood for its task.
    promote: db.prepare(
      `UPDATE integration_tasks SET merged_into = NULL, merge_reason = NULL, updated_at = @at,
         snoozed_until = (SELECT snoozed_until FROM integration_tasks WHERE id = @old)
       WHERE id = @new`,
    ),
    moveTasks: db.prepare(`UPDATE tasks SET suggestion_id = ?, updated_at = ? WHERE suggestion_id = ?`),
  };

  /** Ids of the rows merged into a head, oldest first. */
  const membersOf = (head: number): number[] => (statements.members.all(head) as Array<{ id: number }>).map((row) => row.id);

  return {
    /** The head of the group a row belongs to (itself when it is shown alone), or null when the row is gone. */
    headOf(id: number): number | null {
      return (statements.head.get(id) as { head: number } | undefined)?.head ?? null;
    },
    membersOf,
    /**
     * Takes a row out of its group. A member simply leaves; a head hands the group (members, task link,
     * snooze) to its oldest member. Returns the group's head afterwards (null when no one is left in it).
     */
    leave(id: number, at: string): number | null {
      const head = this.headOf(id);
      if (head === null) return null;
      if (head !== id) {
        statements.detach.run(at, id);
        return head;
      }
      const [next] = membersOf(id);
      if (next === undefined) return null;
      statements.promote.run({ new: next, old: id, at });
      statements.repoint.run(next, at, id, next);
      statements.moveTasks.run(next, at, id);
      return next;
    },
  };
}

/** The group statements' type. */
export type GroupStatements = ReturnType<typeof createGroupStatements>;
