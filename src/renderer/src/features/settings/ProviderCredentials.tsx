/** OAuth client credentials per provider: the client ID is a plain setting, the secret lives in the vault. */
import { useId, useState, type FormEvent } from 'react';
import type { AppSettings, SecretName, SettingsView } from '../../../../shared/models';
import { useOnboardingStore, type GuideId } from '../../stores/onboarding-store';
import { StatusLine, useSaver } from './useSaver';
import { SecretField } from './SecretField';

type ClientIdKey = 'gmailClientId' | 'googleCalendarClientId' | 'slackClientId';

/** Id of a provider's credentials heading (the dashboard's "Open Settings" lands there). */
export const credentialsAnchor = (provider: string) => `credentials-${provider}`;

const PROVIDERS: Array<{ provider: string; label: string; idKey: ClientIdKey; secret: SecretName; hint: string; guide: GuideId }> = [
  { provider: 'gmail', label: 'Gmail', idKey: 'gmailClientId', secret: 'gmailClientSecret', hint: 'A Google OAuth client of type “Desktop app”.', guide: 'google' },
  { provider: 'google_calendar', label: 'Google Calendar', idKey: 'googleCalendarClientId', secret: 'googleCalendarClientSecret', hint: 'Leave empty to use the Gmail client.', guide: 'google' },
  { provider: 'slack', label: 'Slack', idKey: 'slackClientId', secret: 'slackClientSecret', hint: 'From your Slack app’s “Basic Information” page.', guide: 'slack' },
];

function ClientIdForm({ label, idKey, value, hint }: { label: string; idKey: ClientIdKey; value: string; hint: string }) {
  const id = useId();
  const [draft, setDraft] = useState(value);
  const { status, save } = useSaver();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void save({ [idKey]: draft.trim() } as Partial<AppSettings>, `${label} client ID saved.`);
  };
  return (
    <form onSubmit={submit} className="secret-field" aria-label={`${label} client ID`}>
      <label htmlFor={id}>{label} client ID</label>
      <div className="inline-controls">
        <input id={id} value={draft} onChange={(event) => setDraft(event.target.value)} spellCheck={false} placeholder="Not set" />
        <button type="submit" aria-label={`Save ${label} client ID`}>
          Save
        </button>
      </div>
      <small className="muted">{hint}</small>
      <StatusLine status={status} />
    </form>
  );
}

/** The credentials section. */
export function ProviderCredentials({ view }: { view: SettingsView }) {
  const headingId = useId();
  return (
    <section className="settings-section" aria-labelledby={headingId}>
      <h2 id={headingId}>Provider credentials</h2>
      <p className="muted">Needed to connect online accounts. Values set here win over environment variables. Secrets are kept encrypted and are never shown again.</p>
      {PROVIDERS.map((provider) => (
        <div key={provider.idKey} className="credential">
          <h3 id={credentialsAnchor(provider.provider)} tabIndex={-1}>
            {provider.label}
          </h3>
          <button type="button" className="link" onClick={() => useOnboardingStore.getState().openGuide(provider.guide)} aria-label={`Step-by-step set-up for ${provider.label}`}>
            Step-by-step set-up
          </button>
          <ClientIdForm label={provider.label} idKey={provider.idKey} value={view.settings[provider.idKey]} hint={provider.hint} />
          <SecretField name={provider.secret} label={`${provider.label} client secret`} isSet={view.secretsSet[provider.secret]} />
          {provider.provider === 'slack' && (
            <>
              <SecretField name="slackAppToken" label="Slack app-level token" isSet={view.secretsSet.slackAppToken} />
              <small className="muted">Optional: turns on Socket Mode, so new DMs and mentions arrive within seconds (xapp-…, scope connections:write; see the README).</small>
            </>
          )}
        </div>
      ))}
    </section>
  );
}
