/** The feed's `n`: never suggest from this sender (or its domain, list, channel, calendar), and dismiss this one. */
import { useState } from 'react';
import type { SuggestionDto } from '../../../../shared/models';
import { errorMessage } from '../../api';
import { Dialog } from '../../components/Dialog';
import { useRulesStore } from '../../stores/rules-store';
import { useUiStore } from '../../stores/ui-store';
import { dismissOne } from '../suggestions/feed-actions';
import { ruleSentence, targetChoices } from './rule-words';

/** The sender's shown name from a suggestion's preview, when it has one. */
export function senderNameOf(item: SuggestionDto): string | null {
  if (item.preview?.kind === 'email') return item.preview.fromName;
  if (item.preview?.kind === 'slack_message') return item.preview.author;
  return null;
}

/** Dialog over one suggestion. */
export function NeverRuleDialog({ item, onClose }: { item: SuggestionDto; onClose(): void }) {
  const choices = targetChoices(item.ruleTargets, senderNameOf(item));
  const [chosen, setChosen] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const create = async () => {
    const choice = choices[chosen];
    if (!choice) return;
    setBusy(true);
    try {
      const rule = await useRulesStore.getState().set({ action: 'never', scope: choice.scope, value: choice.value, ...(choice.label ? { label: choice.label } : {}) });
      onClose();
      useUiStore.getState().showToast({ message: `Rule added: ${ruleSentence(rule)}. Change it in Settings → Rules.`, tone: 'info' });
      if (item.status === 'pending_approval') await dismissOne(item.id);
    } catch (caught) {
      setError(errorMessage(caught));
      setBusy(false);
    }
  };

  return (
    <Dialog title="Never suggest from…" onClose={onClose}>
      {choices.length === 0 ? (
        <p>This suggestion has no sender, list, channel or calendar a rule could name.</p>
      ) : (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void create();
          }}
        >
          <fieldset className="rule-choices">
            <legend>Stop suggesting tasks from</legend>
            {choices.map((choice, index) => (
              <label key={`${choice.scope}:${choice.value}`} className="radio-line">
                <input type="radio" name="never-target" checked={chosen === index} autoFocus={index === 0} onChange={() => setChosen(index)} />
                {ruleSentence({ action: 'never', scope: choice.scope, value: choice.value, label: choice.label, priority: null })}
              </label>
            ))}
          </fieldset>
          <p className="muted">New items from there skip the engine entirely{item.status === 'pending_approval' ? '; this suggestion is dismissed' : ''}.</p>
          {error && (
            <p className="form-error" role="alert">
              {error}
            </p>
          )}
          <div className="form-actions">
            <button type="submit" className="primary" disabled={busy}>
              Add rule
            </button>
            <button type="button" onClick={onClose}>
              Cancel
            </button>
          </div>
        </form>
      )}
      {choices.length === 0 && (
        <div className="form-actions">
          <button type="button" className="primary" onClick={onClose}>
            Close
          </button>
        </div>
      )}
    </Dialog>
  );
}
