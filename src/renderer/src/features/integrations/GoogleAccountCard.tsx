/**
 * The "Google account" card: one sign-in for Gmail, Calendar and Tasks. Each connected account shows
 * its colour and label (as the feed does), a switch per service (turning one on asks Google only for
 * what the account has not granted yet), the services' panels, where Tasks go, and Disconnect account.
 */
import { useEffect, useId, useState } from 'react';
import type { AccountFamilyDto } from '../../../../shared/ipc-contract';
import type { AccountDto, GoogleService, IntegrationDto } from '../../../../shared/models';
import { api } from '../../api';
import { AccountChip } from '../../components/AccountChip';
import { ConfirmDialog } from '../../components/Dialog';
import { ProviderIcon } from '../../components/ProviderIcon';
import { useAccountsStore } from '../../stores/accounts-store';
import { useUiStore } from '../../stores/ui-store';
import { AccountAppearance } from './AccountAppearance';
import { IntegrationPanel } from './IntegrationPanel';
import { TaskListPicker } from './TaskListPicker';

function ServiceSwitches({ account }: { account: AccountDto }) {
  const { connect, turnOff } = useAccountsStore.getState();
  return (
    <fieldset className="service-switches">
      <legend>Services</legend>
      {account.services.map((service) => {
        const on = service.status !== null && service.status !== 'disconnected';
        return (
          <label key={service.provider} className="service-switch">
            <input
              type="checkbox"
              role="switch"
              aria-label={`${service.label} for ${account.label}`}
              checked={on}
              disabled={service.status === 'connecting'}
              onChange={() => void (on && service.integrationId !== null ? turnOff(service.integrationId) : connect([service.provider], account.id))}
            />
            <ProviderIcon provider={service.provider} size={16} /> {service.label}
            {!on && !service.granted && <span className="hint"> (asks Google)</span>}
          </label>
        );
      })}
    </fieldset>
  );
}

function AccountSection({ account, integrations }: { account: AccountDto; integrations: IntegrationDto[] }) {
  const [confirming, setConfirming] = useState(false);
  const rows = integrations.filter((row) => row.sharedSignIn && row.account?.id === account.id);
  const tasks = rows.find((row) => row.provider === 'google_tasks' && row.status === 'connected');
  return (
    <li className="google-account" aria-label={`Google account ${account.label}`}>
      <div className="integration-head">
        <AccountChip label={account.label} colour={account.colour} />
        {account.accountEmail !== account.label && <span className="account">{account.accountEmail}</span>}
      </div>
      <ServiceSwitches account={account} />
      {tasks && <TaskListPicker integration={tasks} />}
      {rows.length > 0 && (
        <ul className="integrations">
          {rows.map((row) => (
            <IntegrationPanel key={row.id} integration={row} />
          ))}
        </ul>
      )}
      <div className="integration-actions">
        <AccountAppearance account={account} />
        {rows.some((row) => row.status !== 'disconnected') && (
          <button type="button" className="danger-outline" onClick={() => setConfirming(true)} aria-label={`Disconnect the Google account ${account.label}`}>
            Disconnect account
          </button>
        )}
      </div>
      {confirming && (
        <ConfirmDialog
          title={`Disconnect ${account.label}?`}
          message={<p>Every service of this Google account stops syncing, and the app's access is revoked at Google. Suggestions and tasks you already have stay.</p>}
          confirmLabel="Disconnect account"
          danger
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            void useAccountsStore.getState().disconnectAccount(account.id);
          }}
        />
      )}
    </li>
  );
}

function ConnectForm({ family, another }: { family: AccountFamilyDto; another: boolean }) {
  const [ticked, setTicked] = useState<Set<GoogleService>>(() => new Set(family.services.map((service) => service.provider)));
  const pending = useAccountsStore((state) => state.pending);
  const id = useId();
  if (pending && pending.accountId === null) {
    return (
      <div className="connect-wait" role="status">
        <p>Finish signing in in your browser…</p>
        {pending.authorizationUrl && (
          <button type="button" className="link" onClick={() => void api().shellOpenExternal({ url: pending.authorizationUrl! }).catch(() => undefined)}>
            Open the sign-in page again
          </button>
        )}
      </div>
    );
  }
  return (
    <form
      className="google-connect"
      aria-labelledby={id}
      onSubmit={(event) => {
        event.preventDefault();
        void useAccountsStore.getState().connect([...ticked]);
      }}
    >
      <p id={id}>Sign in once for the services you tick:</p>
      {family.services.map((service) => (
        <label key={service.provider} className="service-switch">
          <input
            type="checkbox"
            checked={ticked.has(service.provider)}
            onChange={() => {
              const next = new Set(ticked);
              if (next.has(service.provider)) next.delete(service.provider);
              else next.add(service.provider);
              setTicked(next);
            }}
          />
          <ProviderIcon provider={service.provider} size={16} /> {service.label}
        </label>
      ))}
      <div className="connect-row">
        <button type="submit" className="primary" disabled={ticked.size === 0}>
          {another ? 'Connect another Google account' : 'Connect a Google account'}
        </button>
      </div>
    </form>
  );
}

/** The Google account card. */
export function GoogleAccountCard({ integrations }: { integrations: IntegrationDto[] }) {
  const families = useAccountsStore((state) => state.families);
  const accounts = useAccountsStore((state) => state.accounts);
  const error = useAccountsStore((state) => state.error);
  const navigate = useUiStore((state) => state.navigate);
  const headingId = useId();
  useEffect(() => void useAccountsStore.getState().load(), [integrations]);
  const family = families.find((entry) => entry.family === 'google');
  if (!family) return null;
  return (
    <section className="provider-card google-card" aria-labelledby={headingId}>
      <header className="provider-head">
        <ProviderIcon provider="google" size={24} />
        <h2 id={headingId}>{family.label}</h2>
        <span className="kind">One sign-in</span>
      </header>
      {accounts.length > 0 && (
        <ul className="integrations">
          {accounts.map((account) => (
            <AccountSection key={account.id} account={account} integrations={integrations} />
          ))}
        </ul>
      )}
      {family.available ? (
        <ConnectForm family={family} another={accounts.length > 0} />
      ) : (
        <div className="unavailable">
          <p>{family.unavailableReason}</p>
          <button type="button" className="link" onClick={() => navigate('settings', 'credentials-gmail')}>
            Open Settings
          </button>
        </div>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
