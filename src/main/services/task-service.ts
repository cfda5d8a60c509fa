/** The person's task list: create, edit, complete, reopen, delete, with change events. */
import type { ChannelInput, TaskEdits } from '../../shared/ipc-contract';
import type { TaskDto, TaskStatus } from '../../shared/models';
import type { Repositories } from '../db/repositories';
import { ConflictError, NotFoundError } from '../errors';
import type { EventBus } from '../events';

/** Hooks other modules attach to task changes, run inside the same transaction as the change. */
export interface TaskHooks {
  /** A task was completed: enqueue write-back actions. */
  onCompleted?(task: TaskDto): void;
  /** A task was reopened or deleted: cancel write-back not yet run. */
  onWithdrawn?(taskId: number): void;
  /** A task was edited, completed or reopened (its copies elsewhere follow). */
  onChanged?(task: TaskDto): void;
  /** A task is about to be deleted (its copies elsewhere go too). */
  onDeleting?(taskId: number): void;
}

/** Creates the task service. */
export function createTaskService(repos: Repositories, events: EventBus, hooks: TaskHooks = {}) {
  const { tasks, db } = repos;
  const mustGet = (id: number): TaskDto => {
    const task = tasks.get(id);
    if (!task) throw new NotFoundError('Task', id);
    return task;
  };
  const changed = (taskId: number | null) => events.emit('tasks:changed', { taskId });

  return {
    /** Tasks, optionally filtered by status. */
    list(status?: TaskStatus): TaskDto[] {
      return tasks.list(status);
    },
    /** Creates a manual task. */
    create(input: ChannelInput<'tasks:create'>): TaskDto {
      const task = tasks.create(input);
      changed(task.id);
      return task;
    },
    /** Edits a task. */
    update(id: number, edits: TaskEdits): TaskDto {
      const task = db.transaction(() => {
        const updated = tasks.update(id, edits);
        if (!updated) throw new NotFoundError('Task', id);
        hooks.onChanged?.(updated);
        return updated;
      })();
      changed(id);
      return task;
    },
    /** Completes a task and, in the same transaction, queues its write-back. */
    complete(id: number): TaskDto {
      const task = db.transaction(() => {
        const current = mustGet(id);
        if (current.status === 'done') throw new ConflictError('This task is already done.');
        tasks.complete(id);
        const done = mustGet(id);
        hooks.onCompleted?.(done);
        hooks.onChanged?.(done);
        return done;
      })();
      changed(id);
      return task;
    },
    /** Reopens a done task, cancelling write-back that has not run yet. */
    reopen(id: number): TaskDto {
      const task = db.transaction(() => {
        const current = mustGet(id);
        if (current.status === 'open') throw new ConflictError('This task is already open.');
        tasks.reopen(id);
        hooks.onWithdrawn?.(id);
        const reopened = mustGet(id);
        hooks.onChanged?.(reopened);
        return reopened;
      })();
      changed(id);
      return task;
    },
    /** Deletes a task. */
    remove(id: number): { id: number } {
      db.transaction(() => {
        mustGet(id);
        hooks.onWithdrawn?.(id);
        hooks.onDeleting?.(id);
        tasks.remove(id);
      })();
      changed(id);
      return { id };
    },
  };
}

/** The task service's type. */
export type TaskService = ReturnType<typeof createTaskService>;
