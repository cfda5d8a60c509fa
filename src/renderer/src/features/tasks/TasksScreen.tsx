/** The task list: add, edit, complete (which triggers write-back), reopen, delete. */
import { useCallback, useEffect, useState } from 'react';
import type { TaskDto } from '../../../../shared/models';
import { api, errorMessage } from '../../api';
import { useAppEvent } from '../../components/useEvent';
import { useTasksStore } from '../../stores/tasks-store';
import { useUiStore } from '../../stores/ui-store';
import { TaskForm } from './TaskForm';

function formatDue(iso: string | null): string {
  if (!iso) return '';
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

function TaskRow({ task }: { task: TaskDto }) {
  const { update, complete, reopen, remove } = useTasksStore();
  const showToast = useUiStore((state) => state.showToast);
  const [editing, setEditing] = useState(false);
  const overdue = task.status === 'open' && task.dueAt !== null && new Date(task.dueAt) < new Date();

  const run = async (action: () => Promise<unknown>, message: string, undo?: () => Promise<unknown>) => {
    try {
      await action();
      showToast({ message, tone: 'info', undo: undo ? async () => void (await undo()) : undefined });
    } catch (error) {
      showToast({ message: errorMessage(error), tone: 'error' });
    }
  };

  if (editing) {
    return (
      <li className="task editing">
        <TaskForm
          idPrefix={`edit-${task.id}`}
          initial={task}
          submitLabel="Save"
          onCancel={() => setEditing(false)}
          onSubmit={async (values) => {
            await update(task.id, values);
            setEditing(false);
          }}
        />
      </li>
    );
  }
  return (
    <li className={`task ${task.status}`} data-testid="task-row">
      <input
        type="checkbox"
        aria-label={task.status === 'done' ? `Reopen ${task.title}` : `Complete ${task.title}`}
        checked={task.status === 'done'}
        onChange={() =>
          void (task.status === 'done'
            ? run(() => reopen(task.id), 'Task reopened.')
            : run(() => complete(task.id), 'Task done.', () => reopen(task.id)))
        }
      />
      <div className="task-main">
        <div className="task-title">{task.title}</div>
        {task.description && <div className="task-description">{task.description}</div>}
        <div className="task-meta">
          <span className={`priority priority-${task.priority}`}>{task.priority}</span>
          {task.dueAt && <span className={overdue ? 'due overdue' : 'due'}>Due {formatDue(task.dueAt)}</span>}
          {task.tags.map((tag) => (
            <span key={tag} className="tag">
              {tag}
            </span>
          ))}
          {task.source && (
            <span className="source">
              From {task.source.label || task.source.provider}
              {task.source.link && (
                <button type="button" className="link" onClick={() => void api().shellOpenExternal({ url: task.source!.link! }).catch(() => undefined)}>
                  Open in {task.source.provider === 'gmail' ? 'Gmail' : task.source.provider === 'slack' ? 'Slack' : 'source'}
                </button>
              )}
            </span>
          )}
        </div>
      </div>
      <div className="task-actions">
        <button type="button" onClick={() => setEditing(true)} aria-label={`Edit ${task.title}`}>
          Edit
        </button>
        <button type="button" onClick={() => void run(() => remove(task.id), 'Task deleted.')} aria-label={`Delete ${task.title}`}>
          Delete
        </button>
      </div>
    </li>
  );
}

/** Tasks screen. */
export function TasksScreen() {
  const { tasks, load, create, error } = useTasksStore();
  const [filter, setFilter] = useState<'open' | 'done' | 'all'>('open');
  const reload = useCallback(() => void load(), [load]);
  useEffect(reload, [reload]);
  useAppEvent('tasks:changed', reload);

  const shown = tasks.filter((task) => filter === 'all' || task.status === filter);
  return (
    <section aria-labelledby="tasks-heading">
      <header className="screen-header">
        <h1 id="tasks-heading">Tasks</h1>
        <div role="group" aria-label="Show" className="segmented">
          {(['open', 'done', 'all'] as const).map((value) => (
            <button key={value} type="button" aria-pressed={filter === value} onClick={() => setFilter(value)}>
              {value === 'open' ? 'Open' : value === 'done' ? 'Done' : 'All'}
            </button>
          ))}
        </div>
      </header>
      <TaskForm idPrefix="new-task" submitLabel="Add task" onSubmit={async (values) => void (await create(values))} />
      {error && <p className="form-error">{error}</p>}
      {shown.length === 0 ? (
        <p className="empty">{filter === 'done' ? 'Nothing finished yet.' : 'No tasks. Add one above, or approve a suggestion.'}</p>
      ) : (
        <ul className="task-list">
          {shown.map((task) => (
            <TaskRow key={task.id} task={task} />
          ))}
        </ul>
      )}
    </section>
  );
}
