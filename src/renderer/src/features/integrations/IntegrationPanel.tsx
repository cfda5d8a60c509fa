/** One connected account: status, sync times, counts, Sync now and Load older with progress, Reconnect, Disconnect, settings. */
import { useState, type ReactNode } from 'react';
import type { ConnectionStatus, IntegrationDto } from '../../../../shared/models';
import { api } from '../../api';
import { ConfirmDialog } from '../../components/Dialog';
import { useNow } from '../../components/useNow';
import { count, providerLabel, relativeTime } from '../../lib/format';
import { errorKeys, useIntegrationsStore } from '../../stores/integrations-store';
import { useUiStore } from '../../stores/ui-store';
import { IntegrationSettingsForm } from './IntegrationSettingsForm';
import { SyncProgressBar } from './SyncProgressBar';

const STATUS_TEXT: Record<ConnectionStatus, string> = {
  connected: 'Connected',
  connecting: 'Connecting…',
  error: 'Error',
  needs_reconnect: 'Needs reconnect',
  disconnected: 'Disconnected',
};

/** The status as a symbol and words, never colour alone. */
export function StatusBadge({ status }: { status: ConnectionStatus }) {
  const symbol = status === 'connected' ? '●' : status === 'connecting' ? '◌' : status === 'disconnected' ? '○' : '▲';
  return (
    <span className={`status status-${status}`}>
      <span aria-hidden="true">{symbol}</span> {STATUS_TEXT[status]}
    </span>
  );
}

/** Whether changes arrive by push or by polling, in words (and why, when it polls). */
function RealtimeLine({ integration }: { integration: IntegrationDto }) {
  const live = integration.realtime === 'push';
  if (!live && !integration.realtimeNote) return null;
  return (
    <p className={`realtime realtime-${integration.realtime}`} role="status" aria-label={`Updates for ${integration.accountEmail ?? integration.displayName ?? 'this account'}`}>
      <span aria-hidden="true">{live ? '⚡' : '↻'}</span> <strong>{live ? 'Live' : 'Polling'}</strong>
      {integration.realtimeNote && <span className="muted"> — {integration.realtimeNote}</span>}
    </p>
  );
}

/** The card section of one integration. */
export function IntegrationPanel({ integration }: { integration: IntegrationDto }) {
  const now = useNow();
  const progress = useIntegrationsStore((state) => state.progress[integration.id]);
  const actionError = useIntegrationsStore((state) => state.actionErrors[errorKeys.integration(integration.id)]);
  const signInUrl = useIntegrationsStore((state) => {
    const pending = state.connecting[integration.provider];
    return pending?.integrationId === integration.id ? pending.authorizationUrl : null;
  });
  // A service of a Google account is named by the service (its card already names the account).
  const owner = integration.accountEmail ?? integration.displayName ?? integration.settings.path ?? providerLabel(integration.provider);
  const name = integration.sharedSignIn ? `${providerLabel(integration.provider)} of ${owner}` : owner;
  const heading = integration.sharedSignIn ? providerLabel(integration.provider) : name;
  const { disconnect, connect, cancelConnect, remove } = useIntegrationsStore.getState();
  const sync = async (id: number, older = false) => {
    const log = older ? await useIntegrationsStore.getState().loadOlder(id) : await useIntegrationsStore.getState().sync(id);
    if (!log) return;
    const found = `${log.suggestionsGenerated.toLocaleString()} new suggestion${log.suggestionsGenerated === 1 ? '' : 's'} from ${log.itemsFetched.toLocaleString()} ${older ? 'older ' : ''}item${log.itemsFetched === 1 ? '' : 's'}`;
    if (log.status === 'failed') useUiStore.getState().showToast({ message: log.error ?? `The sync of ${name} failed.`, tone: 'error' });
    else useUiStore.getState().showToast({ message: `${older ? 'Loaded older items of' : 'Synced'} ${name}: ${found}.${log.error ? ` ${log.error}` : ''}`, tone: 'info' });
  };
  const [confirming, setConfirming] = useState(false);
  const [confirmingRemove, setConfirmingRemove] = useState(false);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const canReconnect = integration.status === 'error' || integration.status === 'needs_reconnect' || integration.status === 'disconnected';
  const syncing = progress !== undefined;
  const facts: Array<[string, ReactNode]> = [
    ['Last sync', integration.lastSyncAt ? <time dateTime={integration.lastSyncAt}>{relativeTime(integration.lastSyncAt, now)}</time> : 'Never'],
    ['Next sync', integration.status === 'connected' && integration.nextSyncAt ? <time dateTime={integration.nextSyncAt}>{relativeTime(integration.nextSyncAt, now)}</time> : '—'],
  ];
  // Google Tasks receives tasks; it makes no suggestions.
  if (integration.provider !== 'google_tasks') {
    facts.push(['Suggestions', count(integration.stats.suggestionsGenerated)], ['Auto-approved', count(integration.stats.autoApproved)], ['Waiting for review', count(integration.stats.pending)]);
    if (integration.stats.waitingForModel > 0) facts.push(['Waiting for the model', count(integration.stats.waitingForModel)]);
  }

  return (
    <li className="integration" aria-label={integration.sharedSignIn ? name : `${providerLabel(integration.provider)} ${name}`}>
      <div className="integration-head">
        <span className="account">{heading}</span>
        <StatusBadge status={integration.status} />
      </div>
      <dl className="figures integration-facts">
        {facts.map(([label, value]) => (
          <div key={label} className="figure">
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {integration.lastError && <p className="integration-error">{integration.lastError}</p>}
      {integration.status === 'connected' && <RealtimeLine integration={integration} />}
      {integration.status === 'connecting' && (
        <div className="connect-wait" role="status">
          <p>Finish signing in in your browser…</p>
          {signInUrl && (
            <button type="button" className="link" onClick={() => void api().shellOpenExternal({ url: signInUrl }).catch(() => undefined)}>
              Open the sign-in page again
            </button>
          )}
        </div>
      )}
      {syncing && <SyncProgressBar progress={progress} label={`Sync of ${name}`} />}
      {actionError && (
        <p className="form-error" role="alert">
          {actionError}
        </p>
      )}
      <div className="integration-actions">
        {integration.status === 'connected' && (
          <button type="button" className="primary" disabled={syncing} onClick={() => void sync(integration.id)} aria-label={`Sync ${name} now`}>
            {syncing ? 'Syncing…' : 'Sync now'}
          </button>
        )}
        {integration.canLoadOlder && (
          <button type="button" disabled={syncing} onClick={() => void sync(integration.id, true)} aria-label={`Load older items of ${name}`} title="Reads further back than the first sync did, newest first.">
            Load older
          </button>
        )}
        {(canReconnect || integration.realtimeNeedsReconnect) && (
          <button type="button" className="primary" onClick={() => void connect(integration.provider, { integrationId: integration.id, ...(integration.settings.path ? { path: integration.settings.path } : {}) })} aria-label={`Reconnect ${name}`}>
            Reconnect
          </button>
        )}
        {integration.status === 'connecting' && (
          <button type="button" onClick={() => void cancelConnect(integration.provider, integration.id)} aria-label={`Cancel connecting ${name}`}>
            Cancel
          </button>
        )}
        <button type="button" aria-expanded={settingsOpen} onClick={() => setSettingsOpen(!settingsOpen)} aria-label={`Settings of ${name}`}>
          Settings
        </button>
        {integration.status !== 'connecting' && integration.status !== 'disconnected' && (
          <button type="button" className="danger-outline" onClick={() => setConfirming(true)} aria-label={`Disconnect ${name}`}>
            Disconnect
          </button>
        )}
        {integration.status === 'disconnected' && (
          <button type="button" className="danger-outline" onClick={() => setConfirmingRemove(true)} aria-label={`Remove ${name}`}>
            Remove
          </button>
        )}
      </div>
      {settingsOpen && <IntegrationSettingsForm integration={integration} onDone={() => setSettingsOpen(false)} />}
      {confirming && (
        <ConfirmDialog
          title={`Disconnect ${name}?`}
          message={<p>The app stops syncing this account and forgets its sign-in. Suggestions and tasks you already have stay.</p>}
          confirmLabel="Disconnect"
          danger
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            void disconnect(integration.id);
          }}
        />
      )}
      {confirmingRemove && (
        <ConfirmDialog
          title={`Remove ${name}?`}
          message={<p>The account, its suggestions and its sync history are deleted from this computer. Tasks you approved stay in your list.</p>}
          confirmLabel="Remove"
          danger
          onCancel={() => setConfirmingRemove(false)}
          onConfirm={() => {
            setConfirmingRemove(false);
            void remove(integration.id);
          }}
        />
      )}
    </li>
  );
}
