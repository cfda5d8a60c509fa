/** Settings → Rules: the person's rules with how many items each acted on; change, delete, add. */
import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import type { Priority, RuleAction, RuleDto, RuleScope } from '../../../../shared/models';
import { errorMessage } from '../../api';
import { useAppEvent } from '../../components/useEvent';
import { useRulesStore } from '../../stores/rules-store';
import { ruleSentence, ruleTarget, SCOPE_WORDS } from '../rules/rule-words';

const ACTIONS: Array<{ value: RuleAction; label: string }> = [
  { value: 'never', label: 'Never suggest' },
  { value: 'always', label: 'Always suggest' },
  { value: 'priority', label: 'Set priority' },
];
const PRIORITIES: Priority[] = ['low', 'medium', 'high', 'urgent'];
const SCOPES = Object.keys(SCOPE_WORDS) as RuleScope[];

function RuleRow({ rule, onError }: { rule: RuleDto; onError(message: string | null): void }) {
  const run = async (work: () => Promise<unknown>) => {
    try {
      await work();
      onError(null);
    } catch (error) {
      onError(errorMessage(error));
    }
  };
  const change = (action: RuleAction, priority: Priority | null) =>
    run(() => useRulesStore.getState().set({ action, scope: rule.scope, value: rule.value, ...(rule.label ? { label: rule.label } : {}), ...(action === 'priority' ? { priority: priority ?? 'high' } : {}) }));
  return (
    <tr aria-label={ruleSentence(rule)}>
      <td>
        <select aria-label={`Action of the rule for ${ruleTarget(rule)}`} value={rule.action} onChange={(event) => void change(event.target.value as RuleAction, rule.priority)}>
          {ACTIONS.filter((option) => (rule.action === 'priority' ? option.value === 'priority' : option.value !== 'priority')).map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
        {rule.action === 'priority' && (
          <select aria-label={`Priority for ${ruleTarget(rule)}`} value={rule.priority ?? 'medium'} onChange={(event) => void change('priority', event.target.value as Priority)}>
            {PRIORITIES.map((priority) => (
              <option key={priority}>{priority}</option>
            ))}
          </select>
        )}
      </td>
      <td>{ruleTarget(rule)}</td>
      <td>{rule.origin === 'learned' ? 'Learned' : 'Yours'}</td>
      <td className="number">{rule.hits.toLocaleString()}</td>
      <td>
        <button type="button" aria-label={`Delete rule: ${ruleSentence(rule)}`} onClick={() => void run(() => useRulesStore.getState().remove(rule.id))}>
          Delete
        </button>
      </td>
    </tr>
  );
}

function AddRule({ onError }: { onError(message: string | null): void }) {
  const prefix = useId();
  const [action, setAction] = useState<RuleAction>('never');
  const [scope, setScope] = useState<RuleScope>('sender');
  const [value, setValue] = useState('');
  const [priority, setPriority] = useState<Priority>('high');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await useRulesStore.getState().set({ action, scope, value, ...(action === 'priority' ? { priority } : {}) });
      setValue('');
      onError(null);
    } catch (error) {
      onError(errorMessage(error));
    }
  };
  return (
    <form className="settings-form rule-form" aria-label="Add a rule" onSubmit={(event) => void submit(event)}>
      <span className="field">
        <label htmlFor={`${prefix}-action`}>Rule</label>
        <select id={`${prefix}-action`} value={action} onChange={(event) => setAction(event.target.value as RuleAction)}>
          {ACTIONS.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      </span>
      {action === 'priority' && (
        <span className="field">
          <label htmlFor={`${prefix}-priority`}>Priority</label>
          <select id={`${prefix}-priority`} value={priority} onChange={(event) => setPriority(event.target.value as Priority)}>
            {PRIORITIES.map((entry) => (
              <option key={entry}>{entry}</option>
            ))}
          </select>
        </span>
      )}
      <span className="field">
        <label htmlFor={`${prefix}-scope`}>From</label>
        <select id={`${prefix}-scope`} value={scope} onChange={(event) => setScope(event.target.value as RuleScope)}>
          {SCOPES.map((entry) => (
            <option key={entry} value={entry}>
              {SCOPE_WORDS[entry]}
            </option>
          ))}
        </select>
      </span>
      <span className="field">
        <label htmlFor={`${prefix}-value`}>Value</label>
        <input id={`${prefix}-value`} value={value} maxLength={320} required placeholder="dana@acme.com, acme.com, #random…" onChange={(event) => setValue(event.target.value)} spellCheck={false} />
      </span>
      <div className="form-actions">
        <button type="submit">Add rule</button>
      </div>
    </form>
  );
}

/** The Rules section. */
export function RulesSettings() {
  const headingId = useId();
  const rules = useRulesStore((state) => state.rules);
  const loadError = useRulesStore((state) => state.error);
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(() => void useRulesStore.getState().load(), []);
  useEffect(reload, [reload]);
  useAppEvent('rules:changed', reload);
  const active = rules.filter((rule) => rule.status === 'active');
  return (
    <section className="settings-section" id="rules" aria-labelledby={headingId}>
      <h2 id={headingId}>Rules</h2>
      <p className="muted">
        Rules apply before any engine: items a “never” rule matches cost nothing and never reach the LLM. Press <kbd>n</kbd> on a suggestion to add one.
      </p>
      {active.length === 0 ? (
        <p className="empty">No rules yet.</p>
      ) : (
        <table className="rules-table">
          <thead>
            <tr>
              <th scope="col">Rule</th>
              <th scope="col">From</th>
              <th scope="col">Made by</th>
              <th scope="col">Matched</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {active.map((rule) => (
              <RuleRow key={rule.id} rule={rule} onError={setError} />
            ))}
          </tbody>
        </table>
      )}
      <AddRule onError={setError} />
      {(error ?? loadError) && (
        <p className="form-error" role="alert">
          {error ?? loadError}
        </p>
      )}
    </section>
  );
}
