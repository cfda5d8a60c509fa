/** SQL for the write-back `outbox`: actions waiting, running, done, dead (dead-letter) or cancelled. */
import type { OutboxActionDto, OutboxKind, OutboxState } from '../../shared/models';
import type { Db } from './connection';
import { parseObject } from './json-columns';

interface OutboxRow {
  id: number;
  integration_id: number;
  task_id: number | null;
  kind: string;
  target: string;
  label: string;
  effect_key: string;
  state: string;
  attempts: number;
  not_before: string;
  last_error: string | null;
  created_at: string;
  updated_at: string;
}

/** An outbox row as the worker uses it. */
export interface OutboxRecord extends OutboxActionDto {
  target: Record<string, string>;
}

function toRecord(row: OutboxRow): OutboxRecord {
  return {
    id: row.id,
    integrationId: row.integration_id,
    taskId: row.task_id,
    kind: row.kind as OutboxKind,
    label: row.label,
    state: row.state as OutboxState,
    attempts: row.attempts,
    nextAttemptAt: row.state === 'pending' ? row.not_before : null,
    lastError: row.last_error,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    target: parseObject(row.target) as Record<string, string>,
  };
}

/** A new action. */
export interface NewOutboxAction {
  integrationId: number;
  taskId: number | null;
  kind: OutboxKind;
  target: Record<string, string>;
  label: string;
  notBefore: Date;
  /** Overrides the content-derived effect key (e.g. "insert task 7 into Google Tasks", whatever its content). */
  effectKey?: string;
}

/** Google Tasks pushes: the undo of a review or a reopen does not cancel them (the mirror handles its own). */
const MIRROR_KINDS = `('tasks_insert','tasks_patch','tasks_delete')`;

/** The key that makes one effect happen at most once (same kind on the same target). */
function effectKey(integrationId: number, kind: OutboxKind, target: Record<string, string>): string {
  const sorted = Object.keys(target).sort().map((key) => [key, target[key]]);
  return `${integrationId}:${kind}:${JSON.stringify(sorted)}`;
}

/** Repository over `outbox`. */
export function createOutboxRepository(db: Db, now: () => Date) {
  const iso = () => now().toISOString();
  const statements = {
    insert: db.prepare(
      `INSERT INTO outbox (integration_id, task_id, kind, target, label, effect_key, state, not_before, created_at, updated_at)
       VALUES (@integrationId, @taskId, @kind, @target, @label, @effectKey, 'pending', @notBefore, @at, @at)
       ON CONFLICT DO NOTHING`,
    ),
    get: db.prepare(`SELECT * FROM outbox WHERE id = ?`),
    due: db.prepare(`SELECT * FROM outbox WHERE state = 'pending' AND not_before <= ? ORDER BY not_before, id LIMIT ?`),
    nextDue: db.prepare(`SELECT MIN(not_before) AS at FROM outbox WHERE state = 'pending'`),
    running: db.prepare(`SELECT * FROM outbox WHERE state = 'running' ORDER BY id`),
    list: db.prepare(`SELECT * FROM outbox ORDER BY id DESC LIMIT ?`),
    claim: db.prepare(`UPDATE outbox SET state = 'running', attempts = attempts + 1, updated_at = ? WHERE id = ? AND state = 'pending'`),
    done: db.prepare(`UPDATE outbox SET state = 'done', last_error = NULL, updated_at = ? WHERE id = ?`),
    retryLater: db.prepare(`UPDATE outbox SET state = 'pending', not_before = ?, last_error = ?, updated_at = ? WHERE id = ?`),
    dead: db.prepare(`UPDATE outbox SET state = 'dead', last_error = ?, updated_at = ? WHERE id = ?`),
    cancelForTask: db.prepare(`UPDATE outbox SET state = 'cancelled', updated_at = ? WHERE task_id = ? AND state = 'pending' AND kind NOT IN ${MIRROR_KINDS}`),
    cancelEffect: db.prepare(`UPDATE outbox SET state = 'cancelled', updated_at = ? WHERE task_id = ? AND effect_key = ? AND state = 'pending'`),
    cancelMirrorForTask: db.prepare(`UPDATE outbox SET state = 'cancelled', updated_at = ? WHERE task_id = ? AND state = 'pending' AND kind IN ${MIRROR_KINDS}`),
    liveForTask: db.prepare(`SELECT * FROM outbox WHERE task_id = ? AND kind = ? AND state IN ('pending','running') ORDER BY id`),
    byEffect: db.prepare(`SELECT * FROM outbox WHERE effect_key = ? AND state IN ('pending','running','done')`),
    cancelForIntegration: db.prepare(`UPDATE outbox SET state = 'cancelled', updated_at = ? WHERE integration_id = ? AND state = 'pending'`),
    cancel: db.prepare(`UPDATE outbox SET state = 'cancelled', last_error = ?, updated_at = ? WHERE id = ? AND state IN ('pending','running')`),
    revive: db.prepare(`UPDATE outbox SET state = 'pending', attempts = 0, not_before = ?, last_error = NULL, updated_at = ? WHERE id = ? AND state = 'dead'`),
  };
  const get = (id: number): OutboxRecord | null => {
    const row = statements.get.get(id) as OutboxRow | undefined;
    return row ? toRecord(row) : null;
  };
  return {
    get,
    /** Queues an action unless the same effect is already queued, running or done; returns whether it was added. */
    enqueue(action: NewOutboxAction): boolean {
      const result = statements.insert.run({
        ...action,
        target: JSON.stringify(action.target),
        effectKey: action.effectKey ?? effectKey(action.integrationId, action.kind, action.target),
        notBefore: action.notBefore.toISOString(),
        at: iso(),
      });
      return result.changes === 1;
    },
    /** Pending actions whose time has come. */
    due(at: Date, limit = 50): OutboxRecord[] {
      return (statements.due.all(at.toISOString(), limit) as OutboxRow[]).map(toRecord);
    },
    /** When the next pending action becomes due, or null. */
    nextDueAt(): Date | null {
      const row = statements.nextDue.get() as { at: string | null };
      return row.at ? new Date(row.at) : null;
    },
    /** Actions left running by a crash. */
    running(): OutboxRecord[] {
      return (statements.running.all() as OutboxRow[]).map(toRecord);
    },
    /** Newest first, for Activity. */
    list(limit = 200): OutboxRecord[] {
      return (statements.list.all(limit) as OutboxRow[]).map(toRecord);
    },
    /** Marks a pending action running; false when someone else took it. */
    claim(id: number): boolean {
      return statements.claim.run(iso(), id).changes === 1;
    },
    /** Marks an action done. */
    markDone(id: number): void {
      statements.done.run(iso(), id);
    },
    /** Puts an action back in the queue for a later attempt. */
    retryAt(id: number, at: Date, error: string): void {
      statements.retryLater.run(at.toISOString(), error, iso(), id);
    },
    /** Moves an action to the dead-letter state. */
    markDead(id: number, error: string): void {
      statements.dead.run(error, iso(), id);
    },
    /** Cancels a task's actions that have not started (undo); returns how many. */
    cancelForTask(taskId: number): number {
      return statements.cancelForTask.run(iso(), taskId).changes;
    },
    /** Cancels a task's action on one target that has not started (its source was split off the task); true when one was. */
    cancelEffect(taskId: number, action: { integrationId: number; kind: OutboxKind; target: Record<string, string> }): boolean {
      return statements.cancelEffect.run(iso(), taskId, effectKey(action.integrationId, action.kind, action.target)).changes === 1;
    },
    /** Cancels one queued or running action, saying why (it has nothing left to do). */
    cancel(id: number, reason: string): void {
      statements.cancel.run(reason, iso(), id);
    },
    /** Cancels a task's Google Tasks pushes that have not started (the task was deleted); returns how many. */
    cancelMirrorForTask(taskId: number): number {
      return statements.cancelMirrorForTask.run(iso(), taskId).changes;
    },
    /** A task's actions of one kind that are queued or running. */
    liveForTask(taskId: number, kind: OutboxKind): OutboxRecord[] {
      return (statements.liveForTask.all(taskId, kind) as OutboxRow[]).map(toRecord);
    },
    /** The live (pending, running or done) action holding an effect key, if any. */
    byEffect(key: string): OutboxRecord | null {
      const row = statements.byEffect.get(key) as OutboxRow | undefined;
      return row ? toRecord(row) : null;
    },
    /** Cancels an integration's pending actions (it was disconnected). */
    cancelForIntegration(integrationId: number): number {
      return statements.cancelForIntegration.run(iso(), integrationId).changes;
    },
    /** Gives a dead action another chance; false when it was not dead. */
    revive(id: number): boolean {
      return statements.revive.run(iso(), iso(), id).changes === 1;
    },
  };
}
