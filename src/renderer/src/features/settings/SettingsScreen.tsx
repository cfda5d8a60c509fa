/** Settings: engine and privacy, LLM, auto-approve, learning, rules, general behaviour, reminders, credentials, secret storage, data folder. */
import { useEffect, useId } from 'react';
import type { SettingsView } from '../../../../shared/models';
import { useOnboardingStore } from '../../stores/onboarding-store';
import { useSettingsStore } from '../../stores/settings-store';
import { useUiStore } from '../../stores/ui-store';
import { EngineSettings } from './EngineSettings';
import { LearningSettings } from './LearningSettings';
import { RulesSettings } from './RulesSettings';
import { ProviderCredentials } from './ProviderCredentials';
import { ReminderSettings } from './ReminderSettings';
import { StatusLine, useSaver } from './useSaver';

function GeneralSettings() {
  const headingId = useId();
  const { status, save, value } = useSaver();
  const toggle = (key: 'notificationsEnabled' | 'launchAtLogin' | 'syncPaused', label: string) => (
    <label className="check">
      <input type="checkbox" checked={value(key) === true} onChange={(event) => void save({ [key]: event.target.checked })} />
      {label}
    </label>
  );
  return (
    <section className="settings-section" aria-labelledby={headingId}>
      <h2 id={headingId}>General</h2>
      {toggle('notificationsEnabled', 'Show a notification when new suggestions arrive')}
      {toggle('launchAtLogin', 'Start the app when I log in')}
      {toggle('syncPaused', 'Pause all background syncing')}
      <StatusLine status={status} />
    </section>
  );
}

function SecretStorage({ view }: { view: SettingsView }) {
  const headingId = useId();
  const { status, save, value } = useSaver();
  const storage = view.secretStorage;
  return (
    <section className="settings-section" aria-labelledby={headingId}>
      <h2 id={headingId}>Secret storage</h2>
      <p>
        <strong>{storage.backend}</strong> — {storage.available ? (storage.weak ? 'weak' : 'protected') : 'not available'}
      </p>
      <p className="muted">{storage.explanation}</p>
      {storage.weak && (
        <div className="warning" role="note">
          <p>
            <strong>Warning:</strong> on this machine your sign-in tokens and keys would be stored with weak protection: another program running as you
            could read them. The app refuses to store them unless you allow it below.
          </p>
          <label className="check">
            <input type="checkbox" checked={value('allowWeakSecretStorage') === true} onChange={(event) => void save({ allowWeakSecretStorage: event.target.checked })} />
            Store secrets anyway with weak protection
          </label>
          <StatusLine status={status} />
        </div>
      )}
    </section>
  );
}

/** Settings screen. */
export function SettingsScreen() {
  const view = useSettingsStore((state) => state.view);
  const error = useSettingsStore((state) => state.error);
  useEffect(() => void useSettingsStore.getState().load(), []);
  const loaded = view !== null;
  useEffect(() => {
    // Arrived from "Open Settings" on the dashboard: show that provider's credentials.
    const target = useUiStore.getState().focusTarget;
    if (!loaded || !target) return;
    const element = document.getElementById(target);
    element?.scrollIntoView({ block: 'start' });
    element?.focus({ preventScroll: true });
    useUiStore.setState({ focusTarget: null });
  }, [loaded]);
  return (
    <section aria-labelledby="settings-heading" className="settings-screen">
      <header className="screen-header">
        <h1 id="settings-heading">Settings</h1>
      </header>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {view && (
        <>
          <EngineSettings view={view} />
          <LearningSettings />
          <RulesSettings />
          <GeneralSettings />
          <ReminderSettings />
          <ProviderCredentials view={view} />
          <SecretStorage view={view} />
          <section className="settings-section" aria-labelledby="getting-started-heading">
            <h2 id="getting-started-heading">Getting started</h2>
            <p className="muted">The welcome page: sample data to try, step-by-step set-up of Google and Slack, the engine choice.</p>
            <button type="button" onClick={() => useOnboardingStore.getState().show()}>
              Show the welcome page again
            </button>
          </section>
          <section className="settings-section" aria-labelledby="data-heading">
            <h2 id="data-heading">Data folder</h2>
            <p>
              Everything the app keeps (database, logs, settings) is in <code className="path">{view.dataDir}</code>
            </p>
          </section>
        </>
      )}
    </section>
  );
}
