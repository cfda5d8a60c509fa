/** The task list: search, add, sort, filter, edit, complete (which triggers write-back), snooze, reopen, delete, export. */
import { useCallback, useEffect, useMemo, useState, type KeyboardEvent } from 'react';
import type { TaskDto } from '../../../../shared/models';
import { SearchBox } from '../../components/SearchBox';
import { SnoozeDialog } from '../../components/SnoozeDialog';
import { useAppEvent } from '../../components/useEvent';
import { useNow } from '../../components/useNow';
import { isTyping } from '../../lib/keys';
import { useTasksStore } from '../../stores/tasks-store';
import { useUiStore } from '../../stores/ui-store';
import { TaskFilters } from './TaskFilters';
import { TaskForm } from './TaskForm';
import { TaskRow } from './TaskRow';
import { snoozeTask } from './task-actions';
import { applyTaskView } from './task-view';

const STATUSES = [
  { value: 'open', label: 'Open' },
  { value: 'snoozed', label: 'Snoozed' },
  { value: 'done', label: 'Done' },
  { value: 'all', label: 'All' },
] as const;

function emptyText(query: string, filtered: boolean, status: string): string {
  if (query.trim()) return `No task matches “${query.trim()}”.`;
  if (filtered) return 'No task matches these filters.';
  if (status === 'done') return 'Nothing finished yet.';
  if (status === 'snoozed') return 'No snoozed tasks. Press s on a task to put it off.';
  return 'No tasks. Add one above, press q to add one in a line, or approve a suggestion.';
}

/** Tasks screen. */
export function TasksScreen() {
  const tasks = useTasksStore((state) => state.tasks);
  const view = useTasksStore((state) => state.view);
  const error = useTasksStore((state) => state.error);
  const setView = useTasksStore((state) => state.setView);
  const now = useNow();
  const [snoozing, setSnoozing] = useState<TaskDto | null>(null);
  const reload = useCallback(() => void useTasksStore.getState().load(), []);
  useEffect(reload, [reload]);
  useAppEvent('tasks:changed', reload);

  const shown = useMemo(() => applyTaskView(tasks, view), [tasks, view]);
  const filtered = view.priority !== 'all' || view.tag !== 'all' || view.source !== 'all';
  const onSearch = useCallback((query: string) => useTasksStore.getState().setView({ query }), []);

  const snooze = (task: TaskDto, until: string) => {
    setSnoozing(null);
    void snoozeTask(task, until);
  };
  // `s` on a row (its checkbox or buttons have focus) snoozes that task.
  const onListKey = (event: KeyboardEvent<HTMLUListElement>) => {
    if (event.key !== 's' || event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
    const id = Number((event.target as HTMLElement).closest('[data-task-id]')?.getAttribute('data-task-id'));
    const task = shown.find((entry) => entry.id === id);
    if (task && task.status === 'open') {
      event.preventDefault();
      setSnoozing(task);
    }
  };

  return (
    <section aria-labelledby="tasks-heading">
      <header className="screen-header">
        <h1 id="tasks-heading">Tasks</h1>
        <div role="group" aria-label="Show" className="segmented">
          {STATUSES.map(({ value, label }) => (
            <button key={value} type="button" aria-pressed={view.status === value} onClick={() => setView({ status: value })}>
              {label}
            </button>
          ))}
        </div>
        <button type="button" onClick={() => useUiStore.getState().setOverlay('export')}>
          Export…
        </button>
      </header>
      <SearchBox label="Search tasks" value={view.query} onSearch={onSearch} />
      <TaskForm idPrefix="new-task" submitLabel="Add task" onSubmit={async (values) => void (await useTasksStore.getState().create(values))} />
      <TaskFilters tasks={tasks} />
      {error && <p className="form-error">{error}</p>}
      {shown.length === 0 ? (
        <p className="empty">{emptyText(view.query, filtered, view.status)}</p>
      ) : (
        <ul className="task-list" aria-label={view.query.trim() ? 'Matching tasks' : 'Tasks'} onKeyDown={onListKey}>
          {shown.map((task) => (
            <TaskRow key={task.id} task={task} now={now} onSnooze={setSnoozing} />
          ))}
        </ul>
      )}
      {snoozing && <SnoozeDialog title={snoozing.title} onClose={() => setSnoozing(null)} onPick={(until) => snooze(snoozing, until)} />}
    </section>
  );
}
