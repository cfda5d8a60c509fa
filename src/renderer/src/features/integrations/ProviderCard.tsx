/** A provider on the dashboard: its logo, its connected accounts, and how to connect one. */
import { useId, useState, type FormEvent } from 'react';
import type { ProviderInfoDto } from '../../../../shared/ipc-contract';
import type { IntegrationDto } from '../../../../shared/models';
import { api } from '../../api';
import { ProviderIcon } from '../../components/ProviderIcon';
import { errorKeys, useIntegrationsStore } from '../../stores/integrations-store';
import { useUiStore } from '../../stores/ui-store';
import { IntegrationPanel } from './IntegrationPanel';

function FileConnectForm({ info, onClose }: { info: ProviderInfoDto; onClose(): void }) {
  const id = useId();
  const [path, setPath] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (path.trim() === '') return;
    void useIntegrationsStore.getState().connect(info.provider, { path: path.trim() });
    onClose();
  };
  const what = info.provider === 'calendar_files' ? 'the .ics file or folder' : 'the .mbox / .eml file or folder';
  return (
    <form className="file-connect" onSubmit={submit} aria-label={`Add ${info.label}`}>
      <label htmlFor={id}>Path to {what}</label>
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
          <button type="button" className="link" onClick={() => navigate('settings', `credentials-${info.provider}`)}>
            Open Settings
          </button>
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
