/** The person's task list: create, edit, complete, reopen, delete, with change events. */
import type { ChannelInput, TaskEdits } from '../../shared/ipc-contract';
import type { QuickAddDraft, SnoozePreset, TaskDto } from '../../shared/models';
import type { Repositories } from '../db/repositories';
import { AppError, ConflictError, NotFoundError } from '../errors';
import type { EventBus } from '../events';
import { searchTerms } from './search/search-terms';
import { parseQuickAdd } from './quick-add-parser';
import { searchTasks } from './search-results';
import { resolveSnoozeUntil } from './snooze-time';
import type { ClockContext } from './suggestion-service';

const SEARCH_DEFAULT_LIMIT = 500;

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
  /** After a deletion committed (learning reads an auto-approved task's deletion as an undo). */
  afterDeleted?(task: TaskDto): void;
}

/** Creates the task service. */
export function createTaskService(repos: Repositories, events: EventBus, hooks: TaskHooks, time: ClockContext) {
  const { tasks, db } = repos;
  const mustGet = (id: number): TaskDto => {
    const task = tasks.get(id);
    if (!task) throw new NotFoundError('Task', id);
    return task;
  };
  const changed = (taskId: number | null) => events.emit('tasks:changed', { taskId });

  return {
    /**
     * Tasks, optionally by status; snoozed ones hidden unless asked for. With a `query`: the matching tasks
     * (snoozed ones too unless told otherwise), best match first, matched words marked.
     */
    list(input: ChannelInput<'tasks:list'> = {}): TaskDto[] {
      const terms = input.query === undefined ? [] : searchTerms(input.query);
      if (terms.length > 0) return searchTasks(repos, input.status, input.snoozed ?? 'include', terms, input.limit ?? SEARCH_DEFAULT_LIMIT);
      const list = tasks.list(input.status, input.snoozed ?? 'exclude');
      return input.limit === undefined ? list : list.slice(0, input.limit);
    },
    /** Hides an open task from the list until a time (or shows it again with null); its reminder moves there. */
    snooze(id: number, until: SnoozePreset | string | null): TaskDto {
      const at = resolveSnoozeUntil(until, time.now(), time.zone());
      const task = db.transaction(() => {
        if (mustGet(id).status !== 'open') throw new ConflictError('Only an open task can be snoozed.');
        tasks.setSnooze(id, at);
        return mustGet(id);
      })();
      changed(id);
      return task;
    },
    /** Creates a manual task. */
    create(input: ChannelInput<'tasks:create'>): TaskDto {
      const task = tasks.create(input);
      changed(task.id);
      return task;
    },
    /** What a line of text would create, for the live preview (null: nothing to do in it yet). */
    quickAddPreview(text: string): QuickAddDraft | null {
      return parseQuickAdd(text, time.zone(), time.now());
    },
    /** Creates the task a line of natural language describes ("Pay rent on the 1st #home !high"). */
    quickAdd(text: string): TaskDto {
      const draft = parseQuickAdd(text, time.zone(), time.now());
      if (!draft) throw new AppError('invalid_input', 'There is nothing to do in that line: type a title as well as tags or a date.');
      const task = tasks.create({ title: draft.title, priority: draft.priority, dueAt: draft.dueAt, dueAllDay: draft.dueAllDay, tags: draft.tags });
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
      const removed = db.transaction(() => {
        const task = mustGet(id);
        hooks.onWithdrawn?.(id);
        hooks.onDeleting?.(id);
        tasks.remove(id);
        return task;
      })();
      hooks.afterDeleted?.(removed);
      changed(id);
      return { id };
    },
  };
}

/** The task service's type. */
export type TaskService = ReturnType<typeof createTaskService>;
