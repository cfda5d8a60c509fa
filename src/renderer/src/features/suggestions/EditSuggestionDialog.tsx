/** Edit-then-approve: the task form prefilled from the suggestion, with the source beside it. */
import type { SuggestionDto } from '../../../../shared/models';
import { Dialog } from '../../components/Dialog';
import { TaskForm } from '../tasks/TaskForm';
import { approveOne } from './feed-actions';
import { PreviewDetails } from './SuggestionPreview';

interface EditSuggestionDialogProps {
  item: SuggestionDto;
  onClose(): void;
}

/** Approves with the person's edits; the dialog closes only when the approval worked. */
export function EditSuggestionDialog({ item, onClose }: EditSuggestionDialogProps) {
  return (
    <Dialog title="Edit, then approve" onClose={onClose} className="edit-dialog">
      <div className="edit-layout">
        <TaskForm
          idPrefix={`edit-suggestion-${item.id}`}
          submitLabel="Approve with changes"
          initial={{ title: item.title, description: item.description, priority: item.priority, dueAt: item.deadline, tags: item.tags }}
          onCancel={onClose}
          onSubmit={async (values) => {
            if (await approveOne(item.id, values)) onClose();
            else throw new Error('The suggestion was not approved; see the message at the bottom of the window.');
          }}
        />
        <aside className="edit-source" aria-label="Source">
          <h3>Source</h3>
          <PreviewDetails preview={item.preview} />
          <h3>Why this was suggested</h3>
          <p>{item.reasoning}</p>
        </aside>
      </div>
    </Dialog>
  );
}
