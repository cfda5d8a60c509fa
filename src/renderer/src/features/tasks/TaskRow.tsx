/**
 * One task, kept calm like the feed: the title on one line, its context (overdue or due, a high
 * priority, tags, the link back to its source) on the next, the description on request; Edit and
 * Delete show on hover and on focus.
 */
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
  const [notesOpen, setNotesOpen] = useState(false);
  const overdue = isOverdue(task, now);
  const notesId = `task-${task.id}-notes`;

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
        <div className="task-meta">
          {task.dueAt && (
            <span className={overdue ? 'due overdue' : 'due'} title={formatDateTime(task.dueAt)}>
              {overdue ? <strong>Overdue: </strong> : 'Due '}
              {formatDateTime(task.dueAt)} ({relativeTime(task.dueAt, now)})
            </span>
          )}
          {(task.priority === 'high' || task.priority === 'urgent') && <span className={`priority priority-${task.priority}`}>{task.priority}</span>}
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
          {task.description && (
            <button type="button" className="link" aria-expanded={notesOpen} aria-controls={notesId} onClick={() => setNotesOpen(!notesOpen)} aria-label={`${notesOpen ? 'Hide' : 'Show'} notes of ${task.title}`}>
              {notesOpen ? 'Hide notes' : 'Notes'}
            </button>
          )}
        </div>
        {task.description && notesOpen && (
          <div id={notesId} className="task-description">
            {task.description}
          </div>
        )}
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
