/** SQL for the person's rules (`rules`): active rules, the app's proposals, and ignored proposals kept aside. */
import type { Priority, RuleAction, RuleDto, RuleScope } from '../../shared/models';
import type { ScreeningRule } from '../items/rules';
import type { Db } from './connection';

interface RuleRow {
  id: number;
  action: string;
  scope: string;
  value: string;
  label: string | null;
  priority: string | null;
  origin: string;
  status: string;
  hits: number;
  reason: string | null;
  created_at: string;
  updated_at: string;
}

/** A rule row with its stored status (including 'ignored', which no channel shows). */
export interface RuleRecord extends Omit<RuleDto, 'status'> {
  status: 'active' | 'proposed' | 'ignored';
}

/** A rule to store; the target (scope + value, and whether it is a priority rule) identifies it. */
export interface RuleInput {
  action: RuleAction;
  scope: RuleScope;
  /** Already normalised. */
  value: string;
  label?: string | null;
  priority?: Priority | null;
  origin: 'person' | 'learned';
  status: 'active' | 'proposed';
  reason?: string | null;
}

function toRecord(row: RuleRow): RuleRecord {
  return {
    id: row.id,
    action: row.action as RuleAction,
    scope: row.scope as RuleScope,
    value: row.value,
    label: row.label,
    priority: row.priority as Priority | null,
    origin: row.origin as RuleRecord['origin'],
    status: row.status as RuleRecord['status'],
    hits: row.hits,
    reason: row.reason,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

const COLUMNS = 'id, action, scope, value, label, priority, origin, status, hits, reason, created_at, updated_at';

/** Repository over `rules`. */
export function createRuleRepository(db: Db, now: () => Date) {
  const statements = {
    listShown: db.prepare(`SELECT ${COLUMNS} FROM rules WHERE status IN ('active','proposed') ORDER BY status DESC, id DESC`),
    active: db.prepare(`SELECT id, action, scope, value, priority FROM rules WHERE status = 'active'`),
    get: db.prepare(`SELECT ${COLUMNS} FROM rules WHERE id = ?`),
    target: db.prepare(`SELECT ${COLUMNS} FROM rules WHERE scope = ? AND value = ? AND (action = 'priority') = ?`),
    insert: db.prepare(
      `INSERT INTO rules (action, scope, value, label, priority, origin, status, reason, created_at, updated_at)
       VALUES (@action, @scope, @value, @label, @priority, @origin, @status, @reason, @at, @at)`,
    ),
    replace: db.prepare(
      `UPDATE rules SET action = @action, label = COALESCE(@label, label), priority = @priority, origin = @origin,
         status = @status, reason = @reason, updated_at = @at WHERE id = @id`,
    ),
    setStatus: db.prepare(`UPDATE rules SET status = ?, updated_at = ? WHERE id = ?`),
    remove: db.prepare(`DELETE FROM rules WHERE id = ?`),
    addHits: db.prepare(`UPDATE rules SET hits = hits + ? WHERE id = ?`),
  };
  const iso = () => now().toISOString();
  const get = (id: number): RuleRecord | null => {
    const row = statements.get.get(id) as RuleRow | undefined;
    return row ? toRecord(row) : null;
  };

  return {
    get,
    /** Active rules and proposals, proposals first, newest first. */
    list(): RuleRecord[] {
      return (statements.listShown.all() as RuleRow[]).map(toRecord);
    },
    /** The active rules, as the screening step reads them. */
    active(): ScreeningRule[] {
      return (statements.active.all() as Array<{ id: number; action: RuleAction; scope: RuleScope; value: string; priority: Priority | null }>).map((row) => ({ ...row }));
    },
    /** The rule on a target whatever its status (an ignored proposal included), or null. */
    findTarget(scope: RuleScope, value: string, priorityRule: boolean): RuleRecord | null {
      const row = statements.target.get(scope, value, priorityRule ? 1 : 0) as RuleRow | undefined;
      return row ? toRecord(row) : null;
    },
    /** Stores a rule; one already on the same target is replaced (so "never" replaces "always"), keeping its hits. */
    save(input: RuleInput): RuleRecord {
      const existing = this.findTarget(input.scope, input.value, input.action === 'priority');
      const bound = { action: input.action, label: input.label ?? null, priority: input.action === 'priority' ? (input.priority ?? 'medium') : null, origin: input.origin, status: input.status, reason: input.reason ?? null, at: iso() };
      if (existing) {
        statements.replace.run({ ...bound, id: existing.id });
        return get(existing.id)!;
      }
      const result = statements.insert.run({ ...bound, scope: input.scope, value: input.value });
      return get(Number(result.lastInsertRowid))!;
    },
    /** Changes a rule's status. */
    setStatus(id: number, status: RuleRecord['status']): void {
      statements.setStatus.run(status, iso(), id);
    },
    /** Deletes a rule for good. */
    remove(id: number): void {
      statements.remove.run(id);
    },
    /** Adds hit counts (rule ID -> items it acted on). */
    addHits(hits: ReadonlyMap<number, number>): void {
      for (const [id, count] of hits) if (count > 0) statements.addHits.run(count, id);
    },
  };
}

/** The rule repository's type. */
export type RuleRepository = ReturnType<typeof createRuleRepository>;
