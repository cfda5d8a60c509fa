/** The feed's quiet banner: rules the app proposes after repeated dismissals, to accept or ignore. */
import { useCallback, useEffect, useMemo } from 'react';
import { errorMessage } from '../../api';
import { useAppEvent } from '../../components/useEvent';
import { useRulesStore } from '../../stores/rules-store';
import { useUiStore } from '../../stores/ui-store';
import { ruleSentence } from './rule-words';

/** Shows each proposal with its reason; nothing when there is none. */
export function RuleProposals() {
  const rules = useRulesStore((state) => state.rules);
  const proposals = useMemo(() => rules.filter((rule) => rule.status === 'proposed'), [rules]);
  const reload = useCallback(() => void useRulesStore.getState().load(), []);
  useEffect(reload, [reload]);
  useAppEvent('rules:changed', reload);

  const act = async (work: () => Promise<void>, message: string) => {
    try {
      await work();
      useUiStore.getState().showToast({ message, tone: 'info' });
    } catch (error) {
      useUiStore.getState().showToast({ message: errorMessage(error), tone: 'error' });
    }
  };

  if (proposals.length === 0) return null;
  return (
    <section className="rule-proposals" aria-label="Suggested rules">
      {proposals.map((rule) => (
        <div key={rule.id} className="rule-proposal" role="status">
          <span>
            <strong>{ruleSentence(rule)}?</strong> {rule.reason}
          </span>
          <span className="proposal-actions">
            <button type="button" className="primary" onClick={() => void act(() => useRulesStore.getState().accept(rule.id), `Rule added: ${ruleSentence(rule)}.`)}>
              Accept
            </button>
            <button type="button" onClick={() => void act(() => useRulesStore.getState().remove(rule.id), 'Ignored: the app will not propose it again.')}>
              Ignore
            </button>
          </span>
        </div>
      ))}
    </section>
  );
}
