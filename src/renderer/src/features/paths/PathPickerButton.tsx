/** "Choose…": the system's file dialog in the desktop app, the app's own folder list in the browser build. */
import { useState } from 'react';
import type { PathKind } from '../../../../shared/models';
import { api, errorMessage } from '../../api';
import { FolderBrowserDialog } from './FolderBrowserDialog';

interface PathPickerButtonProps {
  kind: PathKind;
  children: string;
  /** Gets the chosen path (never called when the person cancels). */
  onPicked(path: string): void;
  onError?(message: string): void;
  className?: string;
}

/** A button that asks for a path of `kind`. */
export function PathPickerButton({ kind, children, onPicked, onError, className }: PathPickerButtonProps) {
  const [browsing, setBrowsing] = useState(false);
  const choose = async () => {
    try {
      const info = await api().appInfo();
      if (info.pathPicker === 'browse') {
        setBrowsing(true);
        return;
      }
      const { path } = await api().dialogPickPath({ kind });
      if (path) onPicked(path);
    } catch (error) {
      onError?.(errorMessage(error));
    }
  };
  return (
    <>
      <button type="button" className={className} onClick={() => void choose()}>
        {children}
      </button>
      {browsing && (
        <FolderBrowserDialog
          kind={kind}
          onClose={() => setBrowsing(false)}
          onPick={(path) => {
            setBrowsing(false);
            onPicked(path);
          }}
        />
      )}
    </>
  );
}
