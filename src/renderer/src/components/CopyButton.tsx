/** Copies a value to the clipboard and says so (to screen readers too); the value stays visible beside it. */
import { useEffect, useState } from 'react';

async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/** A "Copy" button for `value`; `label` names what is copied for assistive technology. */
export function CopyButton({ value, label }: { value: string; label: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), 2500);
    return () => clearTimeout(timer);
  }, [state]);
  return (
    <span className="copy">
      <button type="button" className="copy-button" aria-label={`Copy ${label}`} onClick={() => void copyText(value).then((ok) => setState(ok ? 'copied' : 'failed'))}>
        Copy
      </button>
      <span role="status" className={state === 'failed' ? 'form-error copy-status' : 'form-ok copy-status'}>
        {state === 'copied' ? 'Copied' : state === 'failed' ? 'Select it and copy by hand' : ''}
      </span>
    </span>
  );
}

/** A value to copy: shown as code, with its Copy button. */
export function CopyValue({ value, label }: { value: string; label: string }) {
  return (
    <span className="copy-value">
      <code>{value}</code>
      <CopyButton value={value} label={label} />
    </span>
  );
}
