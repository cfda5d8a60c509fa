/** Sorting and filtering of the task list, done in the renderer over the loaded tasks. */
import type { Priority, TaskDto } from '../../../../shared/models';
import type { TaskView } from '../../stores/tasks-store';

const PRIORITY_RANK: Record<Priority, number> = { urgent: 0, high: 1, medium: 2, low: 3 };

function byDue(a: TaskDto, b: TaskDto): number {
  if (a.dueAt === b.dueAt) return 0;
  if (a.dueAt === null) return 1;
  if (b.dueAt === null) return -1;
  return Date.parse(a.dueAt) - Date.parse(b.dueAt);
}

const byCreated = (a: TaskDto, b: TaskDto) => b.createdAt.localeCompare(a.createdAt) || b.id - a.id;

/** The tasks the view shows, in its order (a search keeps the server's ranking). */
export function applyTaskView(tasks: readonly TaskDto[], view: TaskView): TaskDto[] {
  const status = view.status === 'snoozed' ? 'open' : view.status;
  const shown = tasks.filter(
    (task) =>
      (status === 'all' || task.status === status) &&
      (view.priority === 'all' || task.priority === view.priority) &&
      (view.tag === 'all' || task.tags.includes(view.tag)) &&
      (view.source === 'all' || (view.source === 'manual' ? task.source === null : task.source?.provider === view.source)),
  );
  const compare =
    view.sort === 'due'
      ? (a: TaskDto, b: TaskDto) => byDue(a, b) || PRIORITY_RANK[a.priority] - PRIORITY_RANK[b.priority] || byCreated(a, b)
      : view.sort === 'priority'
        ? (a: TaskDto, b: TaskDto) => PRIORITY_RANK[a.priority] - PRIORITY_RANK[b.priority] || byDue(a, b) || byCreated(a, b)
        : byCreated;
  return view.query.trim() ? shown : shown.sort(compare);
}

/** True when an open task's due date has passed (an all-day task's at the end of its day). */
export function isOverdue(task: TaskDto, now: number): boolean {
  if (task.status !== 'open' || task.dueAt === null) return false;
  return (task.dueAllDay ? Date.parse(task.dueAt) + 24 * 3_600_000 : Date.parse(task.dueAt)) <= now;
}
