/** One task: complete/reopen, edit, delete, due date (overdue stands out), and the link back to its source. */
import { useState } from 'react';
import type { TaskDto } from '../../../../shared/models';
import { ProviderIcon } from '../../components/ProviderIcon';
import { formatDateTime, openInLabel, providerLabel, relativeTime } from '../../lib/format';
import { useTasksStore } from '../../stores/tasks-store';
import { completeTask, deleteTask, openTaskSource, reopenTask } from './task-actions';
import { TaskForm } from './TaskForm';
import { isOverdue } from './task-view';

/** A row of the task list. */
export function TaskRow({ task, now }: { task: TaskDto; now: number }) {
  const [editing, setEditing] = useState(false);
  const overdue = isOverdue(task, now);

  if (editing) {
    return (
      <li className="task editing">
        <TaskForm
          idPrefix={`edit-${task.id}`}
          initial={task}
          submitLabel="Save"
          onCancel={() => setEditing(false)}
          onSubmit={async (values) => {
            await useTasksStore.getState().update(task.id, values);
            setEditing(false);
          }}
        />
      </li>
    );
  }
  return (
    <li className={`task ${task.status}${overdue ? ' is-overdue' : ''}`} data-testid="task-row">
      <input
        type="checkbox"
        aria-label={task.status === 'done' ? `Reopen ${task.title}` : `Complete ${task.title}`}
        checked={task.status === 'done'}
        onChange={() => void (task.status === 'done' ? reopenTask(task) : completeTask(task))}
      />
      <div className="task-main">
        <div className="task-title">{task.title}</div>
        {task.description && <div className="task-description">{task.description}</div>}
        <div className="task-meta">
          <span className={`priority priority-${task.priority}`}>{task.priority}</span>
          {task.dueAt && (
            <span className={overdue ? 'due overdue' : 'due'} title={formatDateTime(task.dueAt)}>
              {overdue ? <strong>Overdue: </strong> : 'Due '}
              {formatDateTime(task.dueAt)} ({relativeTime(task.dueAt, now)})
            </span>
          )}
          {task.status === 'done' && task.completedAt && <span>Done {relativeTime(task.completedAt, now)}</span>}
          {task.tags.map((tag) => (
            <span key={tag} className="tag">
              {tag}
            </span>
          ))}
          {task.source && (
            <span className="source">
              <ProviderIcon provider={task.source.provider} size={14} />
              From {providerLabel(task.source.provider)}
              {task.source.label && <>: {task.source.label}</>}
              {task.source.link && (
                <button type="button" className="link" onClick={() => void openTaskSource(task.source!.link!)} aria-label={`${openInLabel(task.source.provider)}: ${task.title}`}>
                  {openInLabel(task.source.provider)}
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
        <button type="button" onClick={() => void deleteTask(task)} aria-label={`Delete ${task.title}`}>
          Delete
        </button>
      </div>
    </li>
  );
}
