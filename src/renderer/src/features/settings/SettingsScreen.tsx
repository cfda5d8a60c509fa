/** Settings (first version): the values and the secret-storage status. */
import { useEffect, useState } from 'react';
import type { SettingsView } from '../../../../shared/models';
import { api, errorMessage } from '../../api';

/** Settings screen. */
export function SettingsScreen() {
  const [view, setView] = useState<SettingsView | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api().settingsGet().then(setView, (caught: unknown) => setError(errorMessage(caught)));
  }, []);
  return (
    <section aria-labelledby="settings-heading">
      <header className="screen-header">
        <h1 id="settings-heading">Settings</h1>
      </header>
      {error && <p className="form-error">{error}</p>}
      {view && (
        <dl>
          <dt>Data folder</dt>
          <dd>{view.dataDir}</dd>
          <dt>Secret storage</dt>
          <dd>{view.secretStorage.explanation}</dd>
        </dl>
      )}
    </section>
  );
}
