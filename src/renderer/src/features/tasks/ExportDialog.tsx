/** Export the task list as shown (status and search applied) as Markdown, CSV, JSON or iCalendar. */
import type { ExportFormat } from '../../../../shared/models';
import { api, errorMessage } from '../../api';
import { Dialog } from '../../components/Dialog';
import { downloadFile } from '../../lib/download';
import { useTasksStore } from '../../stores/tasks-store';
import { useUiStore } from '../../stores/ui-store';

const FORMATS: Array<{ format: ExportFormat; label: string; hint: string }> = [
  { format: 'markdown', label: 'Markdown checklist', hint: 'for notes and documents' },
  { format: 'csv', label: 'CSV', hint: 'for spreadsheets' },
  { format: 'json', label: 'JSON', hint: 'every field, for other programs' },
  { format: 'ics', label: 'iCalendar (.ics)', hint: 'to-dos for calendar apps' },
];

/** Runs an export: the desktop app saves through its dialog, a browser tab downloads the file. */
export async function exportTasks(format: ExportFormat): Promise<void> {
  const { view } = useTasksStore.getState();
  const { showToast } = useUiStore.getState();
  try {
    const file = await api().exportTasks({
      format,
      ...(view.status === 'open' || view.status === 'done' ? { status: view.status } : {}),
      ...(view.query.trim() ? { query: view.query } : {}),
    });
    if (file.savedTo === undefined) {
      downloadFile(file.filename, file.mimeType, file.content);
      showToast({ message: `Exported ${file.filename}.`, tone: 'info' });
    } else if (file.savedTo !== null) {
      showToast({ message: `Saved to ${file.savedTo}.`, tone: 'info' });
    }
  } catch (caught) {
    showToast({ message: errorMessage(caught), tone: 'error' });
  }
}

/** The format picker. */
export function ExportDialog({ onClose }: { onClose(): void }) {
  const view = useTasksStore((state) => state.view);
  const scope = `${view.status === 'all' || view.status === 'snoozed' ? 'all' : view.status} tasks${view.query.trim() ? ` matching “${view.query.trim()}”` : ''}`;
  return (
    <Dialog title="Export tasks" onClose={onClose}>
      <p className="muted">Exports the {scope}.</p>
      <ul className="export-formats">
        {FORMATS.map(({ format, label, hint }, index) => (
          <li key={format}>
            <button
              type="button"
              autoFocus={index === 0}
              onClick={() => {
                onClose();
                void exportTasks(format);
              }}
            >
              {label}
            </button>{' '}
            <span className="muted">{hint}</span>
          </li>
        ))}
      </ul>
      <div className="form-actions">
        <button type="button" onClick={onClose}>
          Cancel
        </button>
      </div>
    </Dialog>
  );
}
