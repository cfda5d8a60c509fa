/** Per-integration settings: how often to sync, what to read, and what to do at the source when a task is done. */
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import type { IntegrationDto, IntegrationSettings } from '../../../../shared/models';
import { errorMessage } from '../../api';
import { useIntegrationsStore } from '../../stores/integrations-store';
import { PathPickerButton } from '../paths/PathPickerButton';

type Draft = Record<string, string | boolean>;

const NUMBER_FIELDS = ['syncFrequencyMinutes', 'firstSyncDays', 'firstSyncMaxItems', 'lookAheadDays', 'prepTaskHours'] as const;

function toDraft(settings: IntegrationSettings): Draft {
  return {
    syncFrequencyMinutes: String(settings.syncFrequencyMinutes ?? ''),
    autoGenerate: settings.autoGenerate ?? true,
    filterLabels: (settings.filterLabels ?? []).join(', '),
    firstSyncDays: String(settings.firstSyncDays ?? ''),
    firstSyncMaxItems: String(settings.firstSyncMaxItems ?? ''),
    query: settings.query ?? '',
    markReadOnApprove: settings.markReadOnApprove ?? false,
    markReadOnDone: settings.markReadOnDone ?? false,
    archiveOnDone: settings.archiveOnDone ?? false,
    lookAheadDays: String(settings.lookAheadDays ?? ''),
    prepTaskHours: String(settings.prepTaskHours ?? ''),
    reaction: settings.reaction ?? '',
    path: settings.path ?? '',
    pushTopic: settings.pushTopic ?? '',
    pushSubscription: settings.pushSubscription ?? '',
  };
}

/** Only the fields this provider uses, and only those with a value (providers fill their own defaults). */
function fromDraft(draft: Draft, fields: readonly string[]): IntegrationSettings {
  const out: Record<string, unknown> = {};
  for (const field of fields) {
    const value = draft[field];
    if (typeof value === 'boolean') out[field] = value;
    else if ((NUMBER_FIELDS as readonly string[]).includes(field)) {
      if (value !== '' && value !== undefined) out[field] = Number(value);
    } else if (field === 'filterLabels') out[field] = String(value).split(',').map((label) => label.trim()).filter(Boolean);
    // An empty query or push field is a choice (search everything, push off), not "unchanged".
    else if (value !== '' || ['query', 'pushTopic', 'pushSubscription'].includes(field)) out[field] = field.startsWith('push') ? String(value).trim() : value;
  }
  return out as IntegrationSettings;
}

function fieldsOf(provider: IntegrationDto['provider']): string[] {
  const common = ['syncFrequencyMinutes', 'autoGenerate'];
  switch (provider) {
    case 'gmail':
      return [...common, 'filterLabels', 'firstSyncDays', 'firstSyncMaxItems', 'query', 'markReadOnApprove', 'markReadOnDone', 'archiveOnDone', 'pushTopic', 'pushSubscription'];
    case 'google_calendar':
      return [...common, 'lookAheadDays', 'prepTaskHours'];
    case 'google_tasks':
      return ['syncFrequencyMinutes'];
    case 'calendar_files':
      return [...common, 'path', 'lookAheadDays', 'prepTaskHours'];
    case 'slack':
      return [...common, 'firstSyncDays', 'firstSyncMaxItems', 'reaction'];
    case 'mail_files':
      return [...common, 'path'];
    default:
      return common;
  }
}

/** The settings form of one integration. */
export function IntegrationSettingsForm({ integration, onDone }: { integration: IntegrationDto; onDone(): void }) {
  const prefix = useId();
  const [draft, setDraft] = useState<Draft>(() => toDraft(integration.settings));
  const [status, setStatus] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const fields = fieldsOf(integration.provider);
  const has = (field: string) => fields.includes(field);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      await useIntegrationsStore.getState().updateSettings(integration.id, fromDraft(draft, fields));
      setStatus({ tone: 'ok', text: 'Settings saved.' });
    } catch (error) {
      setStatus({ tone: 'error', text: errorMessage(error) });
    } finally {
      setBusy(false);
    }
  };

  const text = (field: string, label: string, props: { type?: string; min?: number; max?: number; placeholder?: string; hint?: string } = {}): ReactNode => (
    <span className="field">
      <label htmlFor={`${prefix}-${field}`}>{label}</label>
      <input
        id={`${prefix}-${field}`}
        type={props.type ?? 'text'}
        min={props.min}
        max={props.max}
        placeholder={props.placeholder}
        value={String(draft[field] ?? '')}
        onChange={(event) => setDraft({ ...draft, [field]: event.target.value })}
      />
      {props.hint && <small className="muted">{props.hint}</small>}
    </span>
  );
  const check = (field: string, label: string): ReactNode => (
    <label className="check">
      <input type="checkbox" checked={draft[field] === true} onChange={(event) => setDraft({ ...draft, [field]: event.target.checked })} />
      {label}
    </label>
  );

  return (
    <form className="integration-settings" onSubmit={(event) => void submit(event)} aria-label={`Settings of ${integration.accountEmail ?? integration.displayName ?? 'this account'}`}>
      <div className="settings-grid">
        {text('syncFrequencyMinutes', 'Sync every (minutes)', { type: 'number', min: 1, max: 1440 })}
        {has('path') && text('path', 'File or folder')}
        {has('filterLabels') && text('filterLabels', 'Only these labels', { placeholder: 'INBOX, Work', hint: 'Comma separated; empty means all.' })}
        {has('firstSyncDays') && text('firstSyncDays', 'First sync reaches back (days)', { type: 'number', min: 1, max: 3650, hint: '"Load older" reaches as far again each time.' })}
        {has('firstSyncMaxItems') && text('firstSyncMaxItems', 'First sync reads at most (items)', { type: 'number', min: 10, max: 100000, hint: 'Whichever of the two is smaller.' })}
        {has('query') && text('query', 'Search query', { placeholder: 'newer_than:7d -category:promotions' })}
        {has('lookAheadDays') && text('lookAheadDays', 'Look ahead (days)', { type: 'number', min: 1, max: 90 })}
        {has('prepTaskHours') && text('prepTaskHours', 'Preparation task (hours before)', { type: 'number', min: 0, max: 168 })}
        {has('reaction') && text('reaction', 'Reaction when done', { placeholder: 'white_check_mark', hint: 'The emoji name, without colons.' })}
        {has('pushTopic') && text('pushTopic', 'Push: Pub/Sub topic', { placeholder: 'projects/PROJECT/topics/TOPIC', hint: 'Optional: new mail within seconds (see the README). Empty: checked every minute.' })}
        {has('pushSubscription') && text('pushSubscription', 'Push: Pub/Sub subscription', { placeholder: 'projects/PROJECT/subscriptions/SUBSCRIPTION', hint: 'A pull subscription of that topic, for this account only.' })}
      </div>
      {has('path') && (
        <div className="inline-controls">
          <PathPickerButton kind={integration.provider === 'calendar_files' ? 'calendar-file' : 'mail-file'} onPicked={(path) => setDraft({ ...draft, path })} onError={(text) => setStatus({ tone: 'error', text })}>
            Choose another file…
          </PathPickerButton>
          {integration.provider === 'mail_files' && (
            <PathPickerButton kind="mail-folder" onPicked={(path) => setDraft({ ...draft, path })} onError={(text) => setStatus({ tone: 'error', text })}>
              Choose a folder…
            </PathPickerButton>
          )}
        </div>
      )}
      <div className="settings-checks">
        {check('autoGenerate', 'Create suggestions automatically after each sync')}
        {has('markReadOnApprove') && check('markReadOnApprove', 'Mark the email read when its suggestion is approved')}
        {has('markReadOnDone') && check('markReadOnDone', 'Mark the email read when its task is done')}
        {has('archiveOnDone') && check('archiveOnDone', 'Archive the email when its task is done')}
      </div>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy}>
          Save settings
        </button>
        <button type="button" onClick={onDone}>
          Close
        </button>
        <span role="status" className={status?.tone === 'error' ? 'form-error' : 'form-ok'}>
          {status?.text}
        </span>
      </div>
    </form>
  );
}
