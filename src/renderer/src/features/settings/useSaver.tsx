/**
 * Saves a settings patch, shows the new value at once (so a checkbox or radio answers the click while
 * the save is on its way, and returns to the stored value if it fails), and keeps a sentence about the
 * outcome for a `role=status` element.
 */
import { useState } from 'react';
import type { AppSettings } from '../../../../shared/models';
import { errorMessage } from '../../api';
import { useSettingsStore } from '../../stores/settings-store';

/** Outcome of the last save. */
export interface SaveStatus {
  tone: 'ok' | 'error';
  text: string;
}

interface Saver {
  status: SaveStatus | null;
  /** The value to show: the one being saved, else the stored one. */
  value<K extends keyof AppSettings>(key: K): AppSettings[K] | undefined;
  save(patch: Partial<AppSettings>, done?: string): Promise<void>;
}

/** A saver for one section. */
export function useSaver(): Saver {
  const [status, setStatus] = useState<SaveStatus | null>(null);
  const [pending, setPending] = useState<Partial<AppSettings>>({});
  const stored = useSettingsStore((state) => state.view?.settings);
  return {
    status,
    value: (key) => (key in pending ? pending[key] : stored?.[key]),
    save: async (patch, done = 'Saved.') => {
      setPending((current) => ({ ...current, ...patch }));
      try {
        await useSettingsStore.getState().set(patch);
        setStatus({ tone: 'ok', text: done });
      } catch (error) {
        setStatus({ tone: 'error', text: errorMessage(error) });
      } finally {
        setPending((current) => {
          const next = { ...current };
          for (const key of Object.keys(patch) as Array<keyof AppSettings>) delete next[key];
          return next;
        });
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
