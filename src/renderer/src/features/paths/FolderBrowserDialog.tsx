/**
 * The app's own file picker for the browser build: a page cannot reveal where a chosen file lives, so
 * the host lists its folders (inside the home folder) and the person opens them here.
 */
import { useCallback, useEffect, useState } from 'react';
import type { FolderListingDto, PathKind } from '../../../../shared/models';
import { api, errorMessage } from '../../api';
import { Dialog } from '../../components/Dialog';

const TITLES: Record<PathKind, string> = {
  'mail-file': 'Choose a mailbox file',
  'mail-folder': 'Choose a folder of .eml messages',
  'calendar-file': 'Choose a calendar (.ics) file',
};

interface FolderBrowserProps {
  kind: PathKind;
  onPick(path: string): void;
  onClose(): void;
}

/** Lists one folder at a time; folders open, fitting files (or, for a mail folder, the folder itself) are chosen. */
export function FolderBrowserDialog({ kind, onPick, onClose }: FolderBrowserProps) {
  const [listing, setListing] = useState<FolderListingDto | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [showHidden, setShowHidden] = useState(false);

  const open = useCallback(
    (path?: string) => {
      setError(null);
      api()
        .filesBrowse(path ? { kind, path } : { kind })
        .then(setListing, (caught: unknown) => setError(errorMessage(caught)));
    },
    [kind],
  );
  useEffect(() => open(), [open]);

  const entries = (listing?.entries ?? []).filter((entry) => showHidden || !entry.hidden);
  return (
    <Dialog title={TITLES[kind]} onClose={onClose} className="folder-dialog">
      {listing && (
        <p className="folder-path">
          <span className="muted">Folder: </span>
          <code className="path">{listing.path}</code>
        </p>
      )}
      <div className="inline-controls">
        <button type="button" disabled={!listing?.parent} onClick={() => listing?.parent && open(listing.parent)}>
          Up one folder
        </button>
        <label className="check">
          <input type="checkbox" checked={showHidden} onChange={(event) => setShowHidden(event.target.checked)} />
          Show hidden folders
        </label>
      </div>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <ul className="folder-list" aria-label="Contents" aria-busy={listing === null && error === null}>
        {entries.map((entry) => (
          <li key={entry.path}>
            {entry.type === 'folder' ? (
              <button type="button" className="folder-entry" onClick={() => open(entry.path)} aria-label={`Open folder ${entry.name}`}>
                <span aria-hidden="true">📁 </span>
                {entry.name}
              </button>
            ) : entry.selectable ? (
              <button type="button" className="folder-entry file" onClick={() => onPick(entry.path)} aria-label={`Choose ${entry.name}`}>
                <span aria-hidden="true">📄 </span>
                {entry.name}
              </button>
            ) : (
              <span className="folder-entry muted">
                <span aria-hidden="true">📄 </span>
                {entry.name}
              </span>
            )}
          </li>
        ))}
        {listing && entries.length === 0 && <li className="muted">Nothing to choose here.</li>}
      </ul>
      {listing?.truncated && <p className="muted">This folder holds more entries than can be listed; only the first ones are shown.</p>}
      <div className="form-actions">
        {kind === 'mail-folder' && listing && (
          <button type="button" className="primary" onClick={() => onPick(listing.path)}>
            Use this folder
          </button>
        )}
        <button type="button" onClick={onClose}>
          Cancel
        </button>
      </div>
    </Dialog>
  );
}
