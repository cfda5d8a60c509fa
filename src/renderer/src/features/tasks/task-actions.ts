/**
 * What a person does to a task from its row: each runs against the task store and says what happened
 * in a toast (with Undo where the step can be undone), or shows the API's error sentence.
 */
import type { TaskDto } from '../../../../shared/models';
import { api, errorMessage } from '../../api';
import { formatDateTime } from '../../lib/format';
import { useTasksStore } from '../../stores/tasks-store';
import { useUiStore } from '../../stores/ui-store';

const tasks = () => useTasksStore.getState();
const fail = (error: unknown) => useUiStore.getState().showToast({ message: errorMessage(error), tone: 'error' });

/** Runs `action`, then toasts `message` (with an Undo running `undo`), or the error. */
async function run(action: () => Promise<unknown>, message: string, undo?: () => Promise<unknown>): Promise<void> {
  try {
    await action();
    useUiStore.getState().showToast({ message, tone: 'info', ...(undo ? { undo: () => undo().then(() => undefined, fail) } : {}) });
  } catch (error) {
    fail(error);
  }
}

/** Marks a task done (which queues its write-back); Undo reopens it. */
export function completeTask(task: TaskDto): Promise<void> {
  return run(() => tasks().complete(task.id), 'Task done.', () => tasks().reopen(task.id));
}

/** Reopens a finished task. */
export function reopenTask(task: TaskDto): Promise<void> {
  return run(() => tasks().reopen(task.id), 'Task reopened.');
}

/** Deletes a task. */
export function deleteTask(task: TaskDto): Promise<void> {
  return run(() => tasks().remove(task.id), 'Task deleted.');
}

/** Snoozes an open task until `until` (a preset or an ISO date-time); Undo brings it back at once. */
export async function snoozeTask(task: TaskDto, until: string): Promise<void> {
  try {
    const snoozed = await tasks().snooze(task.id, until);
    useUiStore.getState().showToast({ message: `Snoozed until ${formatDateTime(snoozed.snoozedUntil)}.`, tone: 'info', undo: () => tasks().snooze(task.id, null).then(() => undefined, fail) });
  } catch (error) {
    fail(error);
  }
}

/** Ends a task's snooze now. */
export function unsnoozeTask(task: TaskDto): Promise<void> {
  return run(() => tasks().snooze(task.id, null), 'Task is back in the list.');
}

/** Opens the task's source (the email, event or message) in the system browser. */
export async function openTaskSource(url: string): Promise<void> {
  try {
    await api().shellOpenExternal({ url });
  } catch (error) {
    fail(error);
  }
}
