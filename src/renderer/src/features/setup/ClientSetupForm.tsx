/** The last step of a guided set-up: paste the client ID (checked for shape as it is typed) and secret, save, Test, Connect. */
import { useEffect, useId, useState, type FormEvent } from 'react';
import type { ClientCheckDto } from '../../../../shared/models';
import { api, errorMessage } from '../../api';
import { checkClientIdShape } from '../../lib/client-id-shape';
import { useIntegrationsStore } from '../../stores/integrations-store';
import { useOnboardingStore } from '../../stores/onboarding-store';
import { useSettingsStore } from '../../stores/settings-store';
import { useUiStore } from '../../stores/ui-store';
import { SecretField } from '../settings/SecretField';
import type { SetupGuide } from './setup-guides';

/** Client ID, secret, Test and Connect for one guide. */
export function ClientSetupForm({ guide }: { guide: SetupGuide }) {
  const id = useId();
  const view = useSettingsStore((state) => state.view);
  const stored = view?.settings[guide.clientIdSetting] ?? '';
  const [draft, setDraft] = useState(stored);
  const [saved, setSaved] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);
  const [test, setTest] = useState<ClientCheckDto | null>(null);
  const [testing, setTesting] = useState(false);
  useEffect(() => {
    if (!useSettingsStore.getState().view) void useSettingsStore.getState().load();
  }, []);
  useEffect(() => setDraft(stored), [stored]);

  const shape = checkClientIdShape(guide.clientIdKind, draft);
  const label = guide.id === 'google' ? 'Google client ID' : 'Slack client ID';

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setTest(null);
    try {
      await useSettingsStore.getState().set({ [guide.clientIdSetting]: shape.value });
      setSaved({ tone: 'ok', text: `${label} saved.` });
    } catch (error) {
      setSaved({ tone: 'error', text: errorMessage(error) });
    }
  };
  const runTest = async () => {
    setTesting(true);
    setTest(null);
    try {
      setTest(await api().integrationsTestClient({ provider: guide.testProvider }));
    } catch (error) {
      setTest({ ok: false, reason: 'unexpected', message: errorMessage(error) });
    } finally {
      setTesting(false);
    }
  };
  const connect = (provider: SetupGuide['connect'][number]['provider']) => {
    useOnboardingStore.getState().closeGuide();
    void useOnboardingStore.getState().close(false);
    useUiStore.getState().navigate('integrations');
    void useIntegrationsStore.getState().connect(provider);
  };

  return (
    <div className="client-setup">
      <form onSubmit={(event) => void save(event)} className="secret-field" aria-label={label}>
        <label htmlFor={id}>{label}</label>
        <div className="inline-controls">
          <input
            id={id}
            value={draft}
            spellCheck={false}
            autoComplete="off"
            aria-describedby={`${id}-shape`}
            aria-invalid={shape.message !== null && !shape.ok}
            placeholder={guide.clientIdKind === 'google' ? '123456789012-….apps.googleusercontent.com' : '123456789012.1234567890123'}
            onChange={(event) => {
              setDraft(event.target.value);
              setSaved(null);
            }}
          />
          <button type="submit" disabled={shape.value === '' || shape.value === stored}>
            Save client ID
          </button>
        </div>
        <span id={`${id}-shape`} className={shape.ok ? 'form-ok' : 'form-error'} role="status">
          {shape.message}
        </span>
        {saved && <span className={saved.tone === 'ok' ? 'form-ok' : 'form-error'}>{saved.text}</span>}
      </form>
      {guide.secret && view && <SecretField name={guide.secret} label="Google client secret" isSet={view.secretsSet[guide.secret]} />}
      {guide.optionalSecret && view && (
        <>
          <SecretField name={guide.optionalSecret.name} label={guide.optionalSecret.label} isSet={view.secretsSet[guide.optionalSecret.name]} />
          <small className="muted">{guide.optionalSecret.hint}</small>
        </>
      )}
      <div className="form-actions">
        <button type="button" onClick={() => void runTest()} disabled={testing}>
          {testing ? 'Testing…' : 'Test'}
        </button>
        {guide.connect.map((entry) => (
          <button key={entry.provider} type="button" className={test?.ok ? 'primary' : undefined} onClick={() => connect(entry.provider)}>
            {entry.label}
          </button>
        ))}
      </div>
      <p role="status" className={test === null ? 'test-result' : test.ok ? 'test-result form-ok' : 'test-result form-error'}>
        {test && (test.ok ? `✓ ${test.message}` : `✗ ${test.message}`)}
      </p>
    </div>
  );
}
