/** The suggestion feed (first version): pending suggestions with approve and dismiss. */
import { useCallback, useEffect, useState } from 'react';
import type { SuggestionDto } from '../../../../shared/models';
import { api, errorMessage } from '../../api';
import { useAppEvent } from '../../components/useEvent';
import { useUiStore } from '../../stores/ui-store';

/** Suggestions screen. */
export function SuggestionsScreen() {
  const [items, setItems] = useState<SuggestionDto[]>([]);
  const [error, setError] = useState<string | null>(null);
  const showToast = useUiStore((state) => state.showToast);
  const load = useCallback(() => {
    api()
      .suggestionsList({ status: 'pending_approval' })
      .then((page) => setItems(page.items), (caught: unknown) => setError(errorMessage(caught)));
  }, []);
  useEffect(load, [load]);
  useAppEvent('suggestions:changed', load);

  const act = async (action: () => Promise<unknown>, message: string) => {
    try {
      await action();
      showToast({ message, tone: 'info' });
      load();
    } catch (caught) {
      showToast({ message: errorMessage(caught), tone: 'error' });
    }
  };

  return (
    <section aria-labelledby="suggestions-heading">
      <header className="screen-header">
        <h1 id="suggestions-heading">Suggestions</h1>
      </header>
      {error && <p className="form-error">{error}</p>}
      {items.length === 0 ? (
        <p className="empty">No suggestions waiting. Connect an account under Integrations and sync it.</p>
      ) : (
        <ul className="suggestion-list">
          {items.map((item) => (
            <li key={item.id} className="suggestion">
              <div className="suggestion-title">{item.title}</div>
              <div className="suggestion-reasoning">{item.reasoning}</div>
              <button type="button" onClick={() => void act(() => api().suggestionsApprove({ id: item.id }), 'Approved.')}>
                Approve
              </button>
              <button type="button" onClick={() => void act(() => api().suggestionsDismiss({ id: item.id }), 'Dismissed.')}>
                Dismiss
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
