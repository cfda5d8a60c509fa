/** The task list: add, sort, filter, edit, complete (which triggers write-back), reopen, delete. */
import { useCallback, useEffect, useMemo } from 'react';
import { useAppEvent } from '../../components/useEvent';
import { useNow } from '../../components/useNow';
import { useTasksStore } from '../../stores/tasks-store';
import { TaskFilters } from './TaskFilters';
import { TaskForm } from './TaskForm';
import { TaskRow } from './TaskRow';
import { applyTaskView } from './task-view';

/** Tasks screen. */
export function TasksScreen() {
  const tasks = useTasksStore((state) => state.tasks);
  const view = useTasksStore((state) => state.view);
  const error = useTasksStore((state) => state.error);
  const setView = useTasksStore((state) => state.setView);
  const now = useNow();
  const reload = useCallback(() => void useTasksStore.getState().load(), []);
  useEffect(reload, [reload]);
  useAppEvent('tasks:changed', reload);

  const shown = useMemo(() => applyTaskView(tasks, view), [tasks, view]);
  const filtered = view.priority !== 'all' || view.tag !== 'all' || view.source !== 'all';
  return (
    <section aria-labelledby="tasks-heading">
      <header className="screen-header">
        <h1 id="tasks-heading">Tasks</h1>
        <div role="group" aria-label="Show" className="segmented">
          {(['open', 'done', 'all'] as const).map((value) => (
            <button key={value} type="button" aria-pressed={view.status === value} onClick={() => setView({ status: value })}>
              {value === 'open' ? 'Open' : value === 'done' ? 'Done' : 'All'}
            </button>
          ))}
        </div>
      </header>
      <TaskForm idPrefix="new-task" submitLabel="Add task" onSubmit={async (values) => void (await useTasksStore.getState().create(values))} />
      <TaskFilters tasks={tasks} />
      {error && <p className="form-error">{error}</p>}
      {shown.length === 0 ? (
        <p className="empty">
          {filtered ? 'No task matches these filters.' : view.status === 'done' ? 'Nothing finished yet.' : 'No tasks. Add one above, or approve a suggestion.'}
        </p>
      ) : (
        <ul className="task-list">
          {shown.map((task) => (
            <TaskRow key={task.id} task={task} now={now} />
          ))}
        </ul>
      )}
    </section>
  );
}
