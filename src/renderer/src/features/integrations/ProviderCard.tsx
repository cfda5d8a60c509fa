/** A provider on the dashboard: its logo, its connected accounts, and how to connect one. */
import { useId, useState, type FormEvent } from 'react';
import type { ProviderInfoDto } from '../../../../shared/ipc-contract';
import type { IntegrationDto } from '../../../../shared/models';
import { api } from '../../api';
import { ProviderIcon } from '../../components/ProviderIcon';
import { errorKeys, useIntegrationsStore } from '../../stores/integrations-store';
import { useOnboardingStore } from '../../stores/onboarding-store';
import { useUiStore } from '../../stores/ui-store';
import { PathPickerButton } from '../paths/PathPickerButton';
import { guideFor } from '../setup/setup-guides';
import { IntegrationPanel } from './IntegrationPanel';

function FileConnectForm({ info, onClose }: { info: ProviderInfoDto; onClose(): void }) {
  const id = useId();
  const [path, setPath] = useState('');
  const [pickError, setPickError] = useState<string | null>(null);
  const connect = (chosen: string) => {
    void useIntegrationsStore.getState().connect(info.provider, { path: chosen });
    onClose();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (path.trim() !== '') connect(path.trim());
  };
  const calendar = info.provider === 'calendar_files';
  const what = calendar ? 'the .ics file or folder' : 'the .mbox / .eml file or folder';
  return (
    <form className="file-connect" onSubmit={submit} aria-label={`Add ${info.label}`}>
      <div className="inline-controls">
        {calendar ? (
          <PathPickerButton kind="calendar-file" onPicked={connect} onError={setPickError}>
            Choose a calendar file…
          </PathPickerButton>
        ) : (
          <>
            <PathPickerButton kind="mail-file" onPicked={connect} onError={setPickError}>
              Choose a mailbox file…
            </PathPickerButton>
            <PathPickerButton kind="mail-folder" onPicked={connect} onError={setPickError}>
              Choose a folder of .eml files…
            </PathPickerButton>
          </>
        )}
      </div>
      {pickError && (
        <p className="form-error" role="alert">
          {pickError}
        </p>
      )}
      <label htmlFor={id}>Or type the path to {what}</label>
      <input id={id} value={path} onChange={(event) => setPath(event.target.value)} placeholder="/home/me/Mail/archive.mbox" autoFocus spellCheck={false} />
      <div className="form-actions">
        <button type="submit" className="primary" disabled={path.trim() === ''}>
          Add
        </button>
        <button type="button" onClick={onClose}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** The card of one provider. */
export function ProviderCard({ info, integrations }: { info: ProviderInfoDto; integrations: IntegrationDto[] }) {
  const pending = useIntegrationsStore((state) => state.connecting[info.provider]);
  const connectError = useIntegrationsStore((state) => state.actionErrors[errorKeys.provider(info.provider)]);
  const navigate = useUiStore((state) => state.navigate);
  const [askingPath, setAskingPath] = useState(false);
  const headingId = useId();
  const guide = guideFor(info.provider);
  const waitingInBrowser = pending !== undefined && !integrations.some((row) => row.id === pending.integrationId && row.status === 'connecting');

  return (
    <section className="provider-card" aria-labelledby={headingId}>
      <header className="provider-head">
        <ProviderIcon provider={info.provider} size={24} />
        <h2 id={headingId}>{info.label}</h2>
        <span className="kind">{info.kind === 'oauth' ? 'Online account' : 'Local file'}</span>
      </header>
      {integrations.length > 0 && (
        <ul className="integrations">
          {integrations.map((integration) => (
            <IntegrationPanel key={integration.id} integration={integration} />
          ))}
        </ul>
      )}
      {!info.available ? (
        <div className="unavailable">
          <p>{info.unavailableReason ?? `${info.label} cannot be connected on this machine.`}</p>
          <div className="inline-controls">
            {guide && (
              <button type="button" className="primary" onClick={() => useOnboardingStore.getState().openGuide(guide)}>
                Set up step by step
              </button>
            )}
            <button type="button" className="link" onClick={() => navigate('settings', `credentials-${info.provider}`)}>
              Open Settings
            </button>
          </div>
        </div>
      ) : waitingInBrowser ? (
        <div className="connect-wait" role="status">
          <p>{info.kind === 'oauth' ? 'Finish signing in in your browser…' : 'Connecting…'}</p>
          {pending.authorizationUrl && (
            <button type="button" className="link" onClick={() => void api().shellOpenExternal({ url: pending.authorizationUrl! }).catch(() => undefined)}>
              Open the sign-in page again
            </button>
          )}
          {pending.integrationId !== null && (
            <button type="button" onClick={() => void useIntegrationsStore.getState().cancelConnect(info.provider, pending.integrationId!)}>
              Cancel
            </button>
          )}
        </div>
      ) : askingPath ? (
        <FileConnectForm info={info} onClose={() => setAskingPath(false)} />
      ) : (
        <div className="connect-row">
          <button
            type="button"
            className={integrations.length === 0 ? 'primary' : undefined}
            onClick={() => (info.kind === 'file' ? setAskingPath(true) : void useIntegrationsStore.getState().connect(info.provider))}
          >
            {info.kind === 'file' ? `Add ${info.label.toLowerCase()}` : integrations.length === 0 ? `Connect ${info.label}` : `Connect another ${info.label} account`}
          </button>
        </div>
      )}
      {connectError && (
        <p className="form-error" role="alert">
          {connectError}
        </p>
      )}
    </section>
  );
}
