/**
 * One task, kept calm like the feed: the title on one line, its context (overdue or due, a high
 * priority, snoozed until, tags, the link back to its source) on the next, the description on request
 * (or when a search matched it) and where a search matched the source; Edit, Snooze and Delete show on
 * hover and on focus.
 */
import { useState } from 'react';
import type { TaskDto } from '../../../../shared/models';
import { Marked } from '../../components/Marked';
import { ProviderIcon } from '../../components/ProviderIcon';
import { formatDate, formatDateTime, openInLabel, providerLabel, relativeTime } from '../../lib/format';
import { useTasksStore } from '../../stores/tasks-store';
import { completeTask, deleteTask, openTaskSource, reopenTask, unsnoozeTask } from './task-actions';
import { TaskForm } from './TaskForm';
import { isOverdue } from './task-view';

/** A row of the task list; `onSnooze` opens the snooze choices (also the `s` key on the row). */
export function TaskRow({ task, now, onSnooze }: { task: TaskDto; now: number; onSnooze(task: TaskDto): void }) {
  const [editing, setEditing] = useState(false);
  const [notesOpen, setNotesOpen] = useState(false);
  const overdue = isOverdue(task, now);
  const notesId = `task-${task.id}-notes`;
  // A search that matched the notes shows them, with the words marked.
  const descriptionMatched = (task.highlights?.description.length ?? 0) > 0;

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
    <li className={`task ${task.status}${overdue ? ' is-overdue' : ''}`} data-testid="task-row" data-task-id={task.id}>
      <input
        type="checkbox"
        aria-label={task.status === 'done' ? `Reopen ${task.title}` : `Complete ${task.title}`}
        checked={task.status === 'done'}
        onChange={() => void (task.status === 'done' ? reopenTask(task) : completeTask(task))}
      />
      <div className="task-main">
        <div className="task-title">
          <Marked text={task.title} ranges={task.highlights?.title} />
        </div>
        <div className="task-meta">
          {task.dueAt && (
            <span className={overdue ? 'due overdue' : 'due'} title={formatDateTime(task.dueAt)}>
              {overdue ? <strong>Overdue: </strong> : 'Due '}
              {task.dueAllDay ? formatDate(task.dueAt) : `${formatDateTime(task.dueAt)} (${relativeTime(task.dueAt, now)})`}
            </span>
          )}
          {(task.priority === 'high' || task.priority === 'urgent') && <span className={`priority priority-${task.priority}`}>{task.priority}</span>}
          {task.snoozedUntil && Date.parse(task.snoozedUntil) > now && <span className="snoozed">Snoozed until {formatDateTime(task.snoozedUntil)}</span>}
          {task.status === 'done' && task.completedAt && <span>Done {relativeTime(task.completedAt, now)}</span>}
          {task.tags.map((tag) => (
            <span key={tag} className={task.highlights?.tags.includes(tag) ? 'tag matched' : 'tag'}>
              {task.highlights?.tags.includes(tag) ? <mark>{tag}</mark> : tag}
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
          {task.description && !descriptionMatched && (
            <button type="button" className="link" aria-expanded={notesOpen} aria-controls={notesId} onClick={() => setNotesOpen(!notesOpen)} aria-label={`${notesOpen ? 'Hide' : 'Show'} notes of ${task.title}`}>
              {notesOpen ? 'Hide notes' : 'Notes'}
            </button>
          )}
        </div>
        {task.description && (notesOpen || descriptionMatched) && (
          <div id={notesId} className="task-description">
            <Marked text={task.description} ranges={task.highlights?.description} />
          </div>
        )}
        {task.highlights?.source && (
          <div className="match-source">
            Matched in the source: <Marked text={task.highlights.source.text} ranges={task.highlights.source.ranges} />
          </div>
        )}
      </div>
      <div className="task-actions">
        <button type="button" onClick={() => setEditing(true)} aria-label={`Edit ${task.title}`}>
          Edit
        </button>
        {task.status === 'open' &&
          (task.snoozedUntil && Date.parse(task.snoozedUntil) > now ? (
            <button type="button" onClick={() => void unsnoozeTask(task)} aria-label={`Unsnooze ${task.title}`}>
              Unsnooze
            </button>
          ) : (
            <button type="button" onClick={() => onSnooze(task)} aria-label={`Snooze ${task.title}`} aria-keyshortcuts="s">
              Snooze <kbd aria-hidden="true">s</kbd>
            </button>
          ))}
        <button type="button" onClick={() => void deleteTask(task)} aria-label={`Delete ${task.title}`}>
          Delete
        </button>
      </div>
    </li>
  );
}
