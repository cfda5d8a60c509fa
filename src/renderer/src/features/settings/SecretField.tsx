/** A write-only secret: shows only whether it is set; a new value can be saved or the stored one cleared. */
import { useId, useState, type FormEvent } from 'react';
import type { SecretName } from '../../../../shared/models';
import { errorMessage } from '../../api';
import { useSettingsStore } from '../../stores/settings-store';

/** One secret's field. */
export function SecretField({ name, label, isSet }: { name: SecretName; label: string; isSet: boolean }) {
  const id = useId();
  const [value, setValue] = useState('');
  const [status, setStatus] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (work: () => Promise<void>, done: string) => {
    setBusy(true);
    try {
      await work();
      setValue('');
      setStatus({ tone: 'ok', text: done });
    } catch (error) {
      setStatus({ tone: 'error', text: errorMessage(error) });
    } finally {
      setBusy(false);
    }
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (value !== '') void run(() => useSettingsStore.getState().setSecret(name, value), `${label} saved.`);
  };

  return (
    <form className="secret-field" onSubmit={submit} aria-label={label}>
      <span className="secret-label">
        <label htmlFor={id}>{label}</label> <span id={`${id}-state`} className={isSet ? 'secret-state set' : 'secret-state'}>{isSet ? 'set' : 'not set'}</span>
      </span>
      <div className="inline-controls">
        <input
          id={id}
          type="password"
          aria-describedby={`${id}-state`}
          autoComplete="off"
          spellCheck={false}
          value={value}
          placeholder={isSet ? 'Enter a new value to replace it' : 'Not set'}
          onChange={(event) => setValue(event.target.value)}
        />
        <button type="submit" disabled={busy || value === ''} aria-label={`Save ${label}`}>
          Save
        </button>
        {isSet && (
          <button type="button" disabled={busy} onClick={() => void run(() => useSettingsStore.getState().clearSecret(name), `${label} removed.`)} aria-label={`Clear ${label}`}>
            Clear
          </button>
        )}
      </div>
      <span role="status" className={status?.tone === 'error' ? 'form-error' : 'form-ok'}>
        {status?.text}
      </span>
    </form>
  );
}
