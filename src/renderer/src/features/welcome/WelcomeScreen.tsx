/**
 * The first-run flow: what the app does, one click to try it on the bundled samples, the ways to
 * connect real accounts, the engine choice, and where data lives.
 */
import { useEffect, useState } from 'react';
import type { ProviderType } from '../../../../shared/models';
import { useIntegrationsStore } from '../../stores/integrations-store';
import { useOnboardingStore } from '../../stores/onboarding-store';
import { useSettingsStore } from '../../stores/settings-store';
import { useUiStore } from '../../stores/ui-store';
import { PathPickerButton } from '../paths/PathPickerButton';
import { EngineChoice, usesOffline } from './EngineChoice';

/** After connecting something, the feed is where its suggestions appear. */
function goToFeed(): void {
  useUiStore.getState().navigate('suggestions');
}

/** First-run screen. */
export function WelcomeScreen() {
  const view = useSettingsStore((state) => state.view);
  const info = useOnboardingStore((state) => state.info);
  const busy = useOnboardingStore((state) => state.sampleBusy);
  const sampleError = useOnboardingStore((state) => state.sampleError);
  const [fileError, setFileError] = useState<string | null>(null);
  useEffect(() => void useSettingsStore.getState().load(), []);

  const trySample = async () => {
    // The sample is read with the offline engine unless the person chose and set up an LLM above.
    const current = useSettingsStore.getState().view;
    if (current && usesOffline(current) && current.settings.engine !== 'offline') await useSettingsStore.getState().set({ engine: 'offline' }).catch(() => undefined);
    if (await useOnboardingStore.getState().trySample()) goToFeed();
  };
  const connectFile = async (provider: ProviderType, path: string) => {
    setFileError(null);
    await useIntegrationsStore.getState().connect(provider, { path });
    const problem = useIntegrationsStore.getState().actionErrors[`provider:${provider}`];
    if (problem) return setFileError(problem);
    await useOnboardingStore.getState().close(true);
    goToFeed();
  };
  const skip = () => {
    void useOnboardingStore.getState().close(true);
    goToFeed();
  };

  return (
    <section aria-labelledby="welcome-heading" className="welcome">
      <header className="screen-header">
        <h1 id="welcome-heading">Welcome to Provider Tasks</h1>
      </header>
      <p className="welcome-lede">
        Provider Tasks reads your mail, calendar and Slack and suggests the tasks hidden in them: a contract to sign by Friday, slides to send before a meeting. You
        approve, edit or dismiss each suggestion, and finishing a task can mark its email read or archive it.
      </p>

      <section className="welcome-card" aria-labelledby="welcome-sample">
        <h2 id="welcome-sample">See it work in a few seconds</h2>
        <p>A sample mailbox and calendar come with the app. Try them first; you can remove them later under Integrations.</p>
        <button type="button" className="primary big" onClick={() => void trySample()} disabled={busy} aria-describedby="welcome-sample-status">
          {busy ? 'Reading the sample…' : 'Try it with sample data'}
        </button>
        <p id="welcome-sample-status" role="status" className={sampleError ? 'form-error' : 'muted'}>
          {sampleError ?? (busy ? 'Connecting the sample mailbox and calendar and finding what needs doing…' : '')}
        </p>
      </section>

      <section className="welcome-card" aria-labelledby="welcome-connect">
        <h2 id="welcome-connect">Connect your accounts</h2>
        <ul className="welcome-connect">
          <li>
            <strong>Gmail and Google Calendar</strong> — needs a free OAuth client from your own Google Cloud project.{' '}
            <button type="button" onClick={() => useOnboardingStore.getState().openGuide('google')}>
              Set up Google step by step
            </button>
          </li>
          <li>
            <strong>Slack</strong> — needs a Slack app for your workspace.{' '}
            <button type="button" onClick={() => useOnboardingStore.getState().openGuide('slack')}>
              Set up Slack step by step
            </button>
          </li>
          <li>
            <strong>Mail and calendar files</strong> — an .mbox mailbox, a folder of .eml messages or an .ics calendar, read offline.{' '}
            <span className="inline-controls">
              <PathPickerButton kind="mail-file" onPicked={(path) => void connectFile('mail_files', path)} onError={setFileError}>
                Choose a mailbox…
              </PathPickerButton>
              <PathPickerButton kind="calendar-file" onPicked={(path) => void connectFile('calendar_files', path)} onError={setFileError}>
                Choose a calendar…
              </PathPickerButton>
            </span>
          </li>
        </ul>
        {fileError && (
          <p className="form-error" role="alert">
            {fileError}
          </p>
        )}
      </section>

      <section className="welcome-card" aria-labelledby="welcome-engine">
        <h2 id="welcome-engine">Suggestions</h2>
        {view ? <EngineChoice view={view} /> : <p className="muted">Loading…</p>}
      </section>

      <section className="welcome-card" aria-labelledby="welcome-data">
        <h2 id="welcome-data">Your data stays here</h2>
        <p>
          Everything the app keeps — accounts, suggestions, tasks, settings — is in {info ? <code className="path">{info.dataDir}</code> : 'its data folder'} on this computer,
          with sign-in tokens encrypted. There is no server of ours. Nothing leaves this computer unless you set up an LLM endpoint; the app only talks to the accounts you connect.
        </p>
      </section>

      <div className="form-actions welcome-actions">
        <button type="button" onClick={skip}>
          Skip — I’ll look around first
        </button>
        <span className="muted">You can open this again from Settings.</span>
      </div>
    </section>
  );
}
