/**
 * Write-back (bidirectional sync): approving or finishing a task queues provider actions in the same
 * transaction as the task change; after the undo window this worker runs them with retries and
 * backoff, batches same-kind actions where the provider can, moves repeated refusals to a dead-letter
 * state, and after a crash checks at the provider before repeating an action that may have run.
 */
import type { TaskDto } from '../../shared/models';
import type { Clock } from '../clock';
import type { OutboxRecord } from '../db/outbox-repository';
import type { Repositories } from '../db/repositories';
import { AppError, AuthExpiredError, ProviderError } from '../errors';
import type { EventBus } from '../events';
import type { Logger } from '../logging/logger';
import type { ActionOutcome, ProviderAction } from '../providers/provider';
import { itemLabel, type ProviderItem } from '../items/provider-item';
import { fullJitterBackoffMs } from '../lib/backoff';
import type { OpenSession, SessionFactory } from './provider-sessions';
import type { ActionPreparer } from './task-mirror';

/** How long after a change its actions wait, so Undo can still cancel them. */
export const UNDO_WINDOW_MS = 10_000;
const MAX_ATTEMPTS_REFUSED = 3;
const MAX_ATTEMPTS_TRANSIENT = 8;
const IDLE_POLL_MS = 30_000;

/** Collaborators of the worker. */
export interface OutboxWorkerDeps {
  repos: Repositories;
  sessions: SessionFactory;
  events: EventBus;
  logger: Logger;
  clock: Clock;
  undoWindowMs?: number;
  /** Builds the actions of some kinds when they run and records what they left (the Google Tasks mirror). */
  preparer?: ActionPreparer;
}

const ACTION_WORDS: Record<ProviderAction['kind'], string> = { mark_read: 'Mark read', archive: 'Archive', react: 'React to', tasks_insert: 'Add', tasks_patch: 'Update', tasks_delete: 'Delete' };
/** How long a push waits for the push it depends on (a patch for its insert). */
const WAIT_MS = 5_000;

function isRefusal(error: unknown): boolean {
  return error instanceof ProviderError && (error.kind === 'bad_request' || error.kind === 'forbidden' || error.kind === 'not_found');
}

/** The provider-facing part of a row: what to do, to what. */
function asAction(record: OutboxRecord): ProviderAction {
  return { kind: record.kind, target: record.target };
}

/** Same-kind actions of one integration, so a provider can apply them in one request. */
function groupByIntegrationAndKind(records: OutboxRecord[]): OutboxRecord[][] {
  const groups = new Map<string, OutboxRecord[]>();
  for (const record of records) {
    const key = `${record.integrationId}:${record.kind}`;
    groups.set(key, [...(groups.get(key) ?? []), record]);
  }
  return [...groups.values()];
}

/** Creates the worker. */
export function createOutboxWorker(deps: OutboxWorkerDeps) {
  const { repos, clock } = deps;
  const undoWindow = deps.undoWindowMs ?? UNDO_WINDOW_MS;
  let timer: NodeJS.Timeout | null = null;
  let stopped = true;
  let draining: Promise<number> | null = null;
  const controller = new AbortController();

  /** The actions `event` asks for on one source item (one suggestion row), with what labels them. */
  function actionsForRow(event: 'approved' | 'done', suggestionId: number) {
    const suggestion = repos.suggestions.get(suggestionId);
    const integration = suggestion ? repos.integrations.get(suggestion.integrationId) : null;
    if (!suggestion || !integration || integration.status === 'disconnected') return null;
    const item = repos.suggestions.snapshot(suggestion.id) as ProviderItem | null;
    if (!item || typeof item !== 'object' || !('type' in item)) return null;
    const definition = deps.sessions.definitionOf(integration);
    return { integration, definition, item, actions: definition.writeBackActions(event, item, { ...definition.defaultSettings, ...integration.settings }) };
  }

  /** Queues the actions `event` asks for on one source item of a task (one suggestion row). */
  function enqueueForRow(event: 'approved' | 'done', task: TaskDto, suggestionId: number): number {
    const found = actionsForRow(event, suggestionId);
    if (!found) return 0;
    const { integration, definition, item, actions } = found;
    let added = 0;
    for (const action of actions) {
      const label = `${ACTION_WORDS[action.kind]} "${itemLabel(item)}" in ${definition.label}`;
      if (repos.outbox.enqueue({ integrationId: integration.id, taskId: task.id, kind: action.kind, target: action.target, label, notBefore: new Date(clock.now().getTime() + undoWindow) })) added += 1;
    }
    return added;
  }

  /**
   * Queues the actions `event` asks for on every source of the task's suggestion (a merged one has
   * several: archive the email, react in Slack), each as its own account's settings say. Must run inside
   * the task's transaction.
   */
  function enqueueFor(event: 'approved' | 'done', task: TaskDto): number {
    if (task.suggestionId === null) return 0;
    const head = repos.merges.headOf(task.suggestionId) ?? task.suggestionId;
    return repos.merges.rowsOf(head).reduce((added, row) => added + enqueueForRow(event, task, row), 0);
  }

  function settle(record: OutboxRecord, error: unknown): void {
    const message = error instanceof AppError ? error.message : 'The action failed unexpectedly.';
    if (!(error instanceof AppError)) deps.logger.error('outbox action failed', { id: record.id, error });
    // claim() counted this attempt in the row; read it back rather than guessing.
    const attempts = repos.outbox.get(record.id)?.attempts ?? record.attempts + 1;
    if ((isRefusal(error) && attempts >= MAX_ATTEMPTS_REFUSED) || attempts >= MAX_ATTEMPTS_TRANSIENT) {
      repos.outbox.markDead(record.id, message);
      return;
    }
    // A lost sign-in waits for the reconnect; other failures back off, honouring Retry-After.
    const wait = error instanceof AuthExpiredError ? 60 * 60_000 : error instanceof ProviderError && error.retryAfterMs !== null ? error.retryAfterMs : Math.max(5_000, fullJitterBackoffMs(attempts, 1000, 60_000));
    repos.outbox.retryAt(record.id, new Date(clock.now().getTime() + wait), message);
  }

  /**
   * Runs prepared actions one by one. Any action tried before (a crash, a failure) is first checked
   * at the provider, since its earlier attempt may have taken effect: an insert is never repeated.
   */
  async function runPrepared(records: OutboxRecord[], preparer: ActionPreparer, opened: OpenSession, verifyFirst: boolean): Promise<void> {
    const { client, session } = opened;
    for (const record of records) {
      const prepared = preparer.prepare(record);
      if ('skip' in prepared) {
        repos.outbox.cancel(record.id, prepared.skip);
        continue;
      }
      if ('wait' in prepared) {
        repos.outbox.retryAt(record.id, new Date(clock.now().getTime() + WAIT_MS), prepared.wait);
        continue;
      }
      const finish = (outcome: ActionOutcome | null) =>
        repos.db.transaction(() => {
          preparer.applied(record, prepared.action, prepared.revision, outcome);
          repos.outbox.markDone(record.id);
        })();
      if ((verifyFirst || record.attempts > 0) && client.isApplied) {
        const found = await client.isApplied(prepared.action, session);
        if (found) {
          finish(found === true ? null : found);
          continue;
        }
      }
      finish((await client.runAction(prepared.action, session)) ?? null);
    }
  }

  async function runGroup(records: OutboxRecord[], verifyFirst: boolean): Promise<void> {
    const first = records[0]!;
    const integration = repos.integrations.get(first.integrationId);
    if (!integration || integration.status === 'disconnected') {
      for (const record of records) repos.outbox.markDead(record.id, 'The account was disconnected, so this action could not run.');
      return;
    }
    try {
      const opened = await deps.sessions.open(integration, { signal: controller.signal });
      const preparer = deps.preparer?.handles(first.kind) ? deps.preparer : null;
      if (preparer) return await runPrepared(records, preparer, opened, verifyFirst);
      const { client, session } = opened;
      let todo = records;
      if (verifyFirst && client.isApplied) {
        todo = [];
        for (const record of records) {
          if (await client.isApplied(asAction(record), session)) repos.outbox.markDone(record.id);
          else todo.push(record);
        }
      }
      if (todo.length > 1 && client.runBatch) await client.runBatch(first.kind, todo.map(asAction), session);
      else for (const record of todo) await client.runAction(asAction(record), session);
      for (const record of todo) repos.outbox.markDone(record.id);
    } catch (error) {
      for (const record of records) if (repos.outbox.get(record.id)?.state === 'running') settle(record, error);
    }
  }

  async function drain(): Promise<number> {
    // Rows left 'running' by a crash may have taken effect: verify them before anything repeats.
    const interrupted = repos.outbox.running();
    for (const group of groupByIntegrationAndKind(interrupted)) await runGroup(group, true);
    const due = repos.outbox.due(clock.now(), 100).filter((record) => repos.outbox.claim(record.id));
    for (const group of groupByIntegrationAndKind(due)) await runGroup(group, false);
    if (due.length > 0 || interrupted.length > 0) deps.events.emit('outbox:changed', { actionId: null });
    return due.length;
  }

  function schedule(): void {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    const next = repos.outbox.nextDueAt();
    const delay = next ? Math.min(IDLE_POLL_MS, Math.max(0, next.getTime() - clock.now().getTime())) : IDLE_POLL_MS;
    timer = setTimeout(() => void tick(), delay);
    timer.unref?.();
  }

  async function tick(): Promise<void> {
    timer = null;
    await worker.runDue().catch((error: unknown) => deps.logger.error('outbox tick failed', { error }));
    schedule();
  }

  const worker = {
    enqueueFor,
    /** Cancels a task's actions not yet run on one source (a suggestion row split off the task by unmerge). */
    withdrawSourceFor(taskId: number, suggestionId: number): number {
      let cancelled = 0;
      for (const event of ['approved', 'done'] as const) {
        const found = actionsForRow(event, suggestionId);
        for (const action of found?.actions ?? []) if (repos.outbox.cancelEffect(taskId, { integrationId: found!.integration.id, ...action })) cancelled += 1;
      }
      return cancelled;
    },
    /** Cancels a task's actions that have not run (undo, reopen, delete). */
    withdrawFor(taskId: number): number {
      return repos.outbox.cancelForTask(taskId);
    },
    /** Runs every due action now (one drain at a time); returns how many were claimed. */
    runDue(): Promise<number> {
      draining ??= drain().finally(() => (draining = null));
      return draining;
    },
    /** Wakes the loop (something was queued). */
    kick(): void {
      schedule();
    },
    /** Starts the background loop. */
    start(): void {
      stopped = false;
      schedule();
    },
    /** Stops the loop and waits for a drain in progress. */
    async stop(): Promise<void> {
      stopped = true;
      if (timer) clearTimeout(timer);
      controller.abort(new AppError('conflict', 'The app is closing.'));
      await draining?.catch(() => undefined);
    },
  };
  return worker;
}

/** The outbox worker's type. */
export type OutboxWorker = ReturnType<typeof createOutboxWorker>;
