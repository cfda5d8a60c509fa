/** Quick add (`q` anywhere): one line of text, a live preview of the task it makes, Enter to add. */
import { useEffect, useState, type FormEvent } from 'react';
import type { QuickAddDraft } from '../../../../shared/models';
import { api, errorMessage } from '../../api';
import { Dialog } from '../../components/Dialog';
import { formatDate, formatDateTime } from '../../lib/format';
import { useUiStore } from '../../stores/ui-store';

const PREVIEW_DELAY_MS = 120;

function Preview({ draft }: { draft: QuickAddDraft | null }) {
  if (!draft) return <p className="muted">Type what to do, e.g. “Pay rent on the 1st #home !high”.</p>;
  return (
    <dl className="quick-add-preview" aria-label="Will create">
      <dt>Title</dt>
      <dd data-testid="preview-title">{draft.title}</dd>
      <dt>Due</dt>
      <dd data-testid="preview-due">{draft.dueAt ? (draft.dueAllDay ? `${formatDate(draft.dueAt)} (all day)` : formatDateTime(draft.dueAt)) : 'no date'}</dd>
      <dt>Priority</dt>
      <dd data-testid="preview-priority">{draft.priority}</dd>
      <dt>Tags</dt>
      <dd data-testid="preview-tags">{draft.tags.length > 0 ? draft.tags.map((tag) => `#${tag}`).join(' ') : 'none'}</dd>
    </dl>
  );
}

/** The quick-add window. */
export function QuickAddDialog({ onClose }: { onClose(): void }) {
  const [text, setText] = useState('');
  const [draft, setDraft] = useState<QuickAddDraft | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    // Main reads the date on the person's clock and zone: the preview is exactly what will be made.
    let current = true;
    const timer = setTimeout(() => {
      if (text.trim() === '') return setDraft(null);
      api()
        .tasksQuickAddPreview({ text })
        .then((next) => current && setDraft(next))
        .catch(() => current && setDraft(null));
    }, PREVIEW_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [text]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      const task = await api().tasksQuickAdd({ text });
      useUiStore.getState().showToast({ message: `Added “${task.title}”.`, tone: 'info' });
      onClose();
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog title="Quick add" onClose={onClose} className="quick-add">
      <form onSubmit={(event) => void submit(event)}>
        <label htmlFor="quick-add-text" className="visually-hidden">
          What to do
        </label>
        <input
          id="quick-add-text"
          autoFocus
          autoComplete="off"
          maxLength={1000}
          value={text}
          placeholder="Send Q3 deck to Dana fri 3pm #finance !high"
          onChange={(event) => {
            setText(event.target.value);
            setError(null);
          }}
        />
        <Preview draft={draft} />
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <div className="form-actions">
          <button type="submit" className="primary" disabled={busy || text.trim() === ''}>
            Add task
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}
