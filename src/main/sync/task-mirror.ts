/**
 * Pushing approved tasks to Google Tasks through the outbox. Every push is an outbox row written in
 * the same transaction as the local change (approve, edit, complete, reopen, delete), so it runs at
 * most once: an insert has one effect key per task and destination, and after a crash or a failed
 * attempt the worker first asks Google whether it already happened (the marker in the notes). What
 * a push writes is read from the task when it runs, so edits made meanwhile travel with it.
 */
import { randomBytes } from 'node:crypto';
import type { TaskDto } from '../../shared/models';
import type { Clock } from '../clock';
import type { IntegrationRecord } from '../db/integration-repository';
import type { OutboxRecord } from '../db/outbox-repository';
import type { Repositories } from '../db/repositories';
import type { EventBus } from '../events';
import { createZone } from '../lib/time-zone';
import { composeNotes } from '../providers/google-tasks/task-notes';
import type { ActionOutcome, ProviderAction, TaskPayload } from '../providers/provider';
import type { ProviderRegistry } from '../providers/registry';
import type { SettingsStore } from '../settings/settings-store';

/** What the outbox worker should do with a queued push right now. */
export type PreparedAction = { action: ProviderAction; revision: string | null } | { skip: string } | { wait: string };

/** The outbox worker's view of a module that builds some kinds of actions when they run. */
export interface ActionPreparer {
  handles(kind: OutboxRecord['kind']): boolean;
  prepare(record: OutboxRecord): PreparedAction;
  /** Records what an action left at the provider; runs in the transaction that marks it done. */
  applied(record: OutboxRecord, action: ProviderAction, revision: string | null, outcome: ActionOutcome | null): void;
}

/** Collaborators of the mirror. */
export interface TaskMirrorDeps {
  repos: Repositories;
  registry: ProviderRegistry;
  settings: SettingsStore;
  clock: Clock;
  events: EventBus;
  /** Wakes the outbox worker after something was queued. */
  kick(): void;
  undoWindowMs: number;
}

const KINDS = new Set<OutboxRecord['kind']>(['tasks_insert', 'tasks_patch', 'tasks_delete']);

/** The calendar date of a due time in the person's time zone (Google Tasks keeps dates only). */
export function dueDate(dueAt: string | null, timeZone: string): string | null {
  if (!dueAt || Number.isNaN(Date.parse(dueAt))) return null;
  const wall = createZone(timeZone).wallAt(Date.parse(dueAt));
  return `${wall.year}-${String(wall.month).padStart(2, '0')}-${String(wall.day).padStart(2, '0')}`;
}

function quoted(title: string): string {
  return title.length > 60 ? `${title.slice(0, 59)}…` : title;
}

/** Creates the mirror. */
export function createTaskMirror(deps: TaskMirrorDeps) {
  const { repos } = deps;
  const notBefore = () => new Date(deps.clock.now().getTime() + deps.undoWindowMs);
  const isDestination = (integration: IntegrationRecord) => deps.registry.get(integration.provider)?.role === 'destination';

  /** Where a task goes: the destination of its source's Google account, else the oldest connected one. */
  function destinationFor(task: TaskDto): IntegrationRecord | null {
    if (task.suggestionId === null) return null;
    const suggestion = repos.suggestions.get(task.suggestionId);
    const source = suggestion ? repos.integrations.get(suggestion.integrationId) : null;
    const destinations = repos.integrations.list().filter((integration) => integration.status === 'connected' && isDestination(integration));
    return destinations.find((integration) => source?.accountRef != null && integration.accountRef === source.accountRef) ?? destinations[0] ?? null;
  }

  function payloadOf(task: TaskDto, marker: string): TaskPayload {
    return {
      title: task.title,
      notes: composeNotes(task.description, task.source?.link ?? null, marker),
      due: dueDate(task.dueAt, deps.settings.get().timeZone),
      status: task.status,
    };
  }

  function enqueuePatch(task: TaskDto, integrationId: number, listId: string, remoteId: string): void {
    // Only the newest patch matters: it writes the task as it is when it runs.
    for (const pending of repos.outbox.liveForTask(task.id, 'tasks_patch')) {
      if (pending.state === 'pending' && pending.integrationId === integrationId) repos.outbox.cancel(pending.id, 'Replaced by a newer change.');
    }
    repos.outbox.enqueue({ integrationId, taskId: task.id, kind: 'tasks_patch', target: { taskId: String(task.id), listId, remoteId, revision: task.updatedAt }, label: `Update "${quoted(task.title)}" in Google Tasks`, notBefore: notBefore() });
  }

  /** Removes a local task whose copy was deleted at the destination, withdrawing its queued work. */
  function deleteLocal(taskId: number): void {
    repos.outbox.cancelForTask(taskId);
    repos.outbox.cancelMirrorForTask(taskId);
    repos.tasks.remove(taskId);
  }

  const mirror = {
    /** A task was approved: queue its first push (inside the approval's transaction). Returns whether one was queued. */
    onApproved(task: TaskDto): boolean {
      const destination = destinationFor(task);
      if (!destination) return false;
      const listId = destination.settings.taskListId ?? '@default';
      const marker = randomBytes(9).toString('base64url');
      const added = repos.outbox.enqueue({
        integrationId: destination.id,
        taskId: task.id,
        kind: 'tasks_insert',
        target: { taskId: String(task.id), listId, marker, since: deps.clock.now().toISOString() },
        label: `Add "${quoted(task.title)}" to Google Tasks`,
        notBefore: notBefore(),
        effectKey: `tasks_insert:${destination.id}:${task.id}`,
      });
      if (added) deps.kick();
      return added;
    },
    /** A task changed here (edit, complete, reopen): queue a patch where it has a copy. */
    onChanged(task: TaskDto): void {
      const links = repos.taskLinks.forTask(task.id);
      for (const link of links) enqueuePatch(task, link.integrationId, link.listId, link.remoteId);
      // Without a copy yet, a queued insert will carry the change.
      if (links.length > 0) deps.kick();
    },
    /** A task is being deleted here (inside the transaction, before the row goes): delete its copies. */
    onDeleting(taskId: number): void {
      repos.outbox.cancelMirrorForTask(taskId);
      const links = repos.taskLinks.forTask(taskId);
      for (const link of links) {
        repos.outbox.enqueue({ integrationId: link.integrationId, taskId: null, kind: 'tasks_delete', target: { listId: link.listId, remoteId: link.remoteId }, label: 'Delete a task from Google Tasks', notBefore: notBefore() });
      }
      if (links.length > 0) deps.kick();
    },
    /** Queues a patch that makes the destination match the local task (a pull found the local side newer). */
    pushLocal(task: TaskDto, integrationId: number): void {
      const link = repos.taskLinks.get(task.id, integrationId);
      if (link && repos.outbox.liveForTask(task.id, 'tasks_patch').length === 0) enqueuePatch(task, integrationId, link.listId, link.remoteId);
    },
    /** Cancels queued patches of a task (a newer version came from the destination). */
    dropPendingPatches(taskId: number): void {
      for (const pending of repos.outbox.liveForTask(taskId, 'tasks_patch')) {
        if (pending.state === 'pending') repos.outbox.cancel(pending.id, 'A newer version came from Google Tasks.');
      }
    },
    deleteLocal,
    handles: (kind: OutboxRecord['kind']) => KINDS.has(kind),
    prepare(record: OutboxRecord): PreparedAction {
      if (record.kind === 'tasks_delete') return { action: { kind: record.kind, target: record.target }, revision: null };
      const task = record.taskId === null ? null : repos.tasks.get(record.taskId);
      if (!task) return { skip: 'The task was deleted before it reached Google Tasks.' };
      if (record.kind === 'tasks_insert') {
        return { action: { kind: record.kind, target: record.target, payload: payloadOf(task, record.target.marker ?? '') }, revision: task.updatedAt };
      }
      const link = repos.taskLinks.get(task.id, record.integrationId);
      if (!link) {
        const inserting = repos.outbox.liveForTask(task.id, 'tasks_insert').length > 0;
        return inserting ? { wait: 'Waiting for the task to reach Google Tasks first.' } : { skip: 'The task is no longer in Google Tasks.' };
      }
      const target = { ...record.target, listId: link.listId, remoteId: link.remoteId, ...(link.etag ? { knownEtag: link.etag } : {}), localUpdated: task.updatedAt };
      return { action: { kind: record.kind, target, payload: payloadOf(task, link.marker) }, revision: task.updatedAt };
    },
    applied(record: OutboxRecord, _action: ProviderAction, revision: string | null, outcome: ActionOutcome | null): void {
      if (record.kind === 'tasks_delete') return;
      const taskId = Number(record.target.taskId);
      const remote = outcome?.remote;
      if (outcome?.gone) {
        // Gone at Google for good (its tombstone purged, or its list deleted): deletion is respected here too.
        repos.taskLinks.remove(taskId, record.integrationId);
        if (repos.tasks.get(taskId)) deleteLocal(taskId);
        deps.events.emit('tasks:changed', { taskId });
        return;
      }
      if (!remote) return;
      const task = repos.tasks.get(taskId);
      if (record.kind === 'tasks_insert') {
        repos.taskLinks.save({ taskId, integrationId: record.integrationId, listId: remote.listId, remoteId: remote.id, marker: record.target.marker ?? '', etag: remote.etag, remoteUpdated: remote.updated });
        // Deleted or changed here while the insert was on its way: follow up.
        if (!task) repos.outbox.enqueue({ integrationId: record.integrationId, taskId: null, kind: 'tasks_delete', target: { listId: remote.listId, remoteId: remote.id }, label: 'Delete a task from Google Tasks', notBefore: notBefore() });
        else if (revision !== null && task.updatedAt !== revision) enqueuePatch(task, record.integrationId, remote.listId, remote.id);
        deps.kick();
        return;
      }
      // A superseded patch wrote nothing: the link keeps the old ETag, so the next pull applies Google's newer version.
      if (outcome?.superseded) return;
      const link = repos.taskLinks.get(taskId, record.integrationId);
      if (link) repos.taskLinks.save({ ...link, etag: remote.etag, remoteUpdated: remote.updated });
    },
  } satisfies ActionPreparer & Record<string, unknown>;
  return mirror;
}

/** The mirror's type. */
export type TaskMirror = ReturnType<typeof createTaskMirror>;
