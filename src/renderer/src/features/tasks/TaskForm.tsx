/** Form for a new task or for editing one: title, description, priority, due date, tags. */
import { useState, type FormEvent } from 'react';
import type { Priority } from '../../../../shared/models';

/** Values of the form. */
export interface TaskFormValues {
  title: string;
  description: string;
  priority: Priority;
  dueAt: string | null;
  tags: string[];
}

/** `2026-01-05T09:00:00.000Z` -> the `datetime-local` value in the person's time zone. */
export function toLocalInput(iso: string | null): string {
  if (!iso) return '';
  const date = new Date(iso);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** The `datetime-local` value back to ISO 8601 UTC, or null when empty. */
export function fromLocalInput(value: string): string | null {
  return value ? new Date(value).toISOString() : null;
}

interface TaskFormProps {
  initial?: Partial<TaskFormValues>;
  submitLabel: string;
  onSubmit(values: TaskFormValues): Promise<void>;
  onCancel?(): void;
  idPrefix: string;
}

/** A task form. */
export function TaskForm({ initial, submitLabel, onSubmit, onCancel, idPrefix }: TaskFormProps) {
  const [title, setTitle] = useState(initial?.title ?? '');
  const [description, setDescription] = useState(initial?.description ?? '');
  const [priority, setPriority] = useState<Priority>(initial?.priority ?? 'medium');
  const [due, setDue] = useState(toLocalInput(initial?.dueAt ?? null));
  const [tags, setTags] = useState((initial?.tags ?? []).join(', '));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (title.trim() === '') {
      setError('A title is needed.');
      return;
    }
    setBusy(true);
    try {
      await onSubmit({
        title: title.trim(),
        description,
        priority,
        dueAt: fromLocalInput(due),
        tags: tags.split(',').map((tag) => tag.trim()).filter(Boolean),
      });
      if (!initial) {
        setTitle('');
        setDescription('');
        setDue('');
        setTags('');
      }
      setError(null);
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : 'Could not save the task.');
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="task-form" onSubmit={(event) => void submit(event)} aria-label={submitLabel}>
      <label htmlFor={`${idPrefix}-title`}>Title</label>
      <input id={`${idPrefix}-title`} value={title} onChange={(event) => setTitle(event.target.value)} maxLength={300} />
      <label htmlFor={`${idPrefix}-description`}>Description</label>
      <textarea id={`${idPrefix}-description`} value={description} onChange={(event) => setDescription(event.target.value)} rows={2} />
      <div className="form-row">
        <span>
          <label htmlFor={`${idPrefix}-priority`}>Priority</label>
          <select id={`${idPrefix}-priority`} value={priority} onChange={(event) => setPriority(event.target.value as Priority)}>
            <option value="low">Low</option>
            <option value="medium">Medium</option>
            <option value="high">High</option>
            <option value="urgent">Urgent</option>
          </select>
        </span>
        <span>
          <label htmlFor={`${idPrefix}-due`}>Due</label>
          <input id={`${idPrefix}-due`} type="datetime-local" value={due} onChange={(event) => setDue(event.target.value)} />
        </span>
        <span>
          <label htmlFor={`${idPrefix}-tags`}>Tags</label>
          <input id={`${idPrefix}-tags`} value={tags} onChange={(event) => setTags(event.target.value)} placeholder="comma, separated" />
        </span>
      </div>
      {error && <p className="form-error" role="alert">{error}</p>}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy}>
          {submitLabel}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
