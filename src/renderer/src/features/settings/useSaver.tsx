/** Saves a settings patch and keeps a sentence about the outcome for a `role=status` element. */
import { useState } from 'react';
import type { AppSettings } from '../../../../shared/models';
import { errorMessage } from '../../api';
import { useSettingsStore } from '../../stores/settings-store';

/** Outcome of the last save. */
export interface SaveStatus {
  tone: 'ok' | 'error';
  text: string;
}

/** `save(patch, done)` and the status of the last save. */
export function useSaver(): { status: SaveStatus | null; save(patch: Partial<AppSettings>, done?: string): Promise<void> } {
  const [status, setStatus] = useState<SaveStatus | null>(null);
  return {
    status,
    save: async (patch, done = 'Saved.') => {
      try {
        await useSettingsStore.getState().set(patch);
        setStatus({ tone: 'ok', text: done });
      } catch (error) {
        setStatus({ tone: 'error', text: errorMessage(error) });
      }
    },
  };
}

/** The status line. */
export function StatusLine({ status }: { status: SaveStatus | null }) {
  return (
    <span role="status" className={status?.tone === 'error' ? 'form-error' : 'form-ok'}>
      {status?.text}
    </span>
  );
}
