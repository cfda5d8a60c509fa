/**
 * The Google Tasks sync step: read what changed in the watched lists since the last sync (updatedMin),
 * and apply it to the linked local tasks in one transaction. Last writer wins by time: a remote
 * version newer than the local task replaces it (completing it here runs the source's write-back);
 * an older one is answered with a push of the local version. A version whose ETag the link already
 * holds is our own write coming back and changes nothing, so no change echoes back and forth. A task
 * deleted there is deleted here. Tasks the app did not put there are left alone.
 */
import type { SyncLogDto, TaskDto } from '../../shared/models';
import type { IntegrationRecord } from '../db/integration-repository';
import type { Repositories } from '../db/repositories';
import type { EventBus } from '../events';
import { asTasksCursor } from '../providers/google-tasks/tasks-client';
import { descriptionOf } from '../providers/google-tasks/task-notes';
import type { RemoteTask } from '../providers/provider';
import type { SettingsStore } from '../settings/settings-store';
import { ProviderError } from '../errors';
import type { OpenSession } from './provider-sessions';
import { dueDate, type TaskMirror } from './task-mirror';
import { createZone } from '../lib/time-zone';

const EPOCH = new Date(0).toISOString();

/** Collaborators of the step. */
export interface TaskMirrorSyncDeps {
  repos: Repositories;
  mirror: TaskMirror;
  settings: SettingsStore;
  events: EventBus;
  /** A task was completed from the destination: queue its source's write-back (inside the transaction). */
  onRemoteCompleted(task: TaskDto): void;
  /** A task was reopened from the destination: withdraw write-back not yet run. */
  onRemoteReopened(taskId: number): void;
  /** After the pull committed, for each task it deleted (learning reads an auto-approved one's deletion as an undo). */
  afterRemoteDeleted?(task: TaskDto): void;
  /** Wakes the outbox worker. */
  kick(): void;
}

/** What one run of the step found and did. */
export interface MirrorCounts {
  fetched: number;
  completed: number;
  reopened: number;
  edited: number;
  deleted: number;
  keptLocal: number;
}

/** The log and schedule facts the engine hands over. */
export interface MirrorRun {
  logId: number;
  notes: string[];
  now: Date;
  nextSyncAt: Date;
}

/**
 * A due date from Google (a date, no time of day) as an all-day due date here: 00:00 on that day in
 * the person's zone, as a due date typed without a time is stored (its reminder comes at 9:00).
 */
function allDayDueFromDate(date: string, timeZone: string): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new Date(createZone(timeZone).toInstant(year, month, day, 0, 0)).toISOString();
}

/** Creates the step. */
export function createTaskMirrorSync(deps: TaskMirrorSyncDeps) {
  const { repos } = deps;

  /** Applies one remote version to its linked task; returns what it did. */
  function applyOne(integration: IntegrationRecord, remote: RemoteTask, counts: MirrorCounts, timeZone: string, removed: TaskDto[]): void {
    const link = repos.taskLinks.byRemote(integration.id, remote.id);
    if (!link) return;
    const task = repos.tasks.get(link.taskId);
    if (!task) {
      repos.taskLinks.remove(link.taskId, integration.id);
      return;
    }
    if (remote.deleted) {
      deps.mirror.deleteLocal(task.id);
      removed.push(task);
      counts.deleted += 1;
      return;
    }
    if (remote.etag !== null && remote.etag === link.etag) return;
    const remoteAt = remote.updated ? Date.parse(remote.updated) : 0;
    if (remoteAt < Date.parse(task.updatedAt)) {
      // The local version is newer: it goes there (unless a push is already on its way).
      deps.mirror.pushLocal(task, integration.id);
      counts.keptLocal += 1;
      return;
    }
    const keepTime = remote.due !== null && remote.due === dueDate(task.dueAt, timeZone);
    const next = {
      title: remote.title.trim() === '' ? task.title : remote.title,
      description: descriptionOf(remote.notes),
      dueAt: remote.due === null ? null : keepTime ? task.dueAt : allDayDueFromDate(remote.due, timeZone),
      // The same date keeps the time of day (or all-day) set here; a new date from Google is all-day.
      dueAllDay: remote.due === null ? false : keepTime ? task.dueAllDay : true,
      status: remote.status,
      completedAt: remote.completed,
    };
    const same = next.title === task.title && next.description === task.description && next.dueAt === task.dueAt && next.dueAllDay === task.dueAllDay && next.status === task.status;
    repos.taskLinks.save({ ...link, etag: remote.etag, remoteUpdated: remote.updated });
    if (same) return;
    deps.mirror.dropPendingPatches(task.id);
    const updated = repos.tasks.applyRemote(task.id, next, remote.updated ?? new Date(remoteAt).toISOString())!;
    if (task.status === 'open' && updated.status === 'done') {
      deps.onRemoteCompleted(updated);
      counts.completed += 1;
    } else if (task.status === 'done' && updated.status === 'open') {
      deps.onRemoteReopened(task.id);
      counts.reopened += 1;
    } else {
      counts.edited += 1;
    }
  }

  function summary(counts: MirrorCounts): string[] {
    const parts = [
      counts.completed > 0 ? `${counts.completed} completed` : null,
      counts.reopened > 0 ? `${counts.reopened} reopened` : null,
      counts.edited > 0 ? `${counts.edited} edited` : null,
      counts.deleted > 0 ? `${counts.deleted} deleted` : null,
    ].filter((part): part is string => part !== null);
    const notes = parts.length > 0 ? [`From Google Tasks: ${parts.join(', ')} task(s).`] : [];
    if (counts.keptLocal > 0) notes.push(`${counts.keptLocal} task(s) changed here more recently; Google Tasks gets this version.`);
    return notes;
  }

  return {
    /** Pulls and applies one destination's changes; returns the finished sync log row. */
    async sync(integration: IntegrationRecord, opened: OpenSession, run: MirrorRun): Promise<SyncLogDto> {
      const destination = opened.client.destination;
      if (!destination) throw new ProviderError('bad_request', `${opened.definition.label} has no task lists to read.`);
      const cursor = asTasksCursor(integration.cursor);
      const chosen = opened.session.settings.taskListId ?? '@default';
      const listIds = [...new Set([chosen, ...repos.taskLinks.lists(integration.id)])];
      const fetched: Array<{ listId: string; tasks: RemoteTask[] }> = [];
      for (const listId of listIds) fetched.push({ listId, tasks: await destination.changes(listId, cursor.lists[listId] ?? null, opened.session) });
      const counts: MirrorCounts = { fetched: 0, completed: 0, reopened: 0, edited: 0, deleted: 0, keptLocal: 0 };
      const timeZone = deps.settings.get().timeZone;
      const removed: TaskDto[] = [];
      const log = repos.db.transaction(() => {
        const lists = { ...cursor.lists };
        for (const { listId, tasks } of fetched) {
          counts.fetched += tasks.length;
          for (const remote of tasks) applyOne(integration, remote, counts, timeZone, removed);
          // A list read once but still empty is marked from the epoch, so the change check sees it as read.
          lists[listId] = tasks.reduce((latest, task) => (task.updated && Date.parse(task.updated) > Date.parse(latest) ? task.updated : latest), lists[listId] ?? EPOCH);
        }
        repos.integrations.setCursor(integration.id, { lists });
        repos.integrations.setSchedule(integration.id, run.now.toISOString(), run.nextSyncAt.toISOString());
        repos.integrations.setStatus(integration.id, 'connected', null);
        repos.integrations.setConsecutiveFailures(integration.id, 0);
        return repos.syncLogs.finish(run.logId, {
          status: 'succeeded',
          itemsFetched: counts.fetched,
          itemsQuarantined: 0,
          suggestionsGenerated: 0,
          autoApproved: 0,
          apiCalls: opened.meter.apiCalls,
          quotaUnits: opened.meter.quotaUnits,
          llmTokens: 0,
          error: null,
          notes: [...run.notes, ...opened.notes, ...summary(counts)],
        });
      }).immediate();
      if (counts.completed + counts.reopened + counts.edited + counts.deleted > 0) deps.events.emit('tasks:changed', { taskId: null });
      for (const task of removed) deps.afterRemoteDeleted?.(task);
      deps.kick();
      return log;
    },
  };
}

/** The step's type. */
export type TaskMirrorSync = ReturnType<typeof createTaskMirrorSync>;
