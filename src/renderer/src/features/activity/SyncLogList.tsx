/** Sync runs with their figures: what was fetched, set aside, suggested, what it cost, and what went wrong. */
import type { SyncLogDto, SyncLogStatus } from '../../../../shared/models';
import { ProviderIcon } from '../../components/ProviderIcon';
import { count, duration, formatDateTime, providerLabel, relativeTime } from '../../lib/format';

const STATUS_TEXT: Record<SyncLogStatus, string> = { running: 'Running', succeeded: 'Succeeded', failed: 'Failed', partial: 'Partly done' };

/** One run. */
function SyncLogRow({ log, now }: { log: SyncLogDto; now: number }) {
  const figures: Array<[string, string]> = [
    ['Fetched', count(log.itemsFetched)],
    ['Quarantined', count(log.itemsQuarantined)],
    ['Waiting for the model', count(log.itemsWaiting)],
    ['Pages saved', count(log.pagesCommitted)],
    ['Suggestions', count(log.suggestionsGenerated)],
    ['Auto-approved', count(log.autoApproved)],
    ['API calls', count(log.apiCalls)],
    ['Quota units', count(log.quotaUnits)],
    ['LLM tokens', count(log.llmTokens)],
    ['Duration', log.durationMs === null ? (log.status === 'running' ? 'running' : '—') : duration(log.durationMs)],
  ];
  const provider = log.provider ? providerLabel(log.provider) : 'Removed integration';
  return (
    <li className={`log log-${log.status}`} data-testid="sync-log">
      <div className="log-head">
        {log.provider && <ProviderIcon provider={log.provider} size={16} />}
        <strong>{provider}</strong>
        <span className={`log-status log-status-${log.status}`}>{STATUS_TEXT[log.status]}</span>
        <span className="muted">
          <time dateTime={log.startedAt} title={formatDateTime(log.startedAt)}>
            {relativeTime(log.startedAt, now)}
          </time>{' '}
          · {log.trigger}
        </span>
      </div>
      <dl className="figures">
        {figures.map(([label, value]) => (
          <div key={label} className="figure">
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {log.error && <p className="log-error">{log.error}</p>}
      {log.notes.length > 0 && (
        <ul className="log-notes">
          {log.notes.map((note, index) => (
            <li key={index}>{note}</li>
          ))}
        </ul>
      )}
    </li>
  );
}

/** The list of runs, newest first. */
export function SyncLogList({ logs, now }: { logs: SyncLogDto[]; now: number }) {
  if (logs.length === 0) return null;
  return (
    <ul className="log-list">
      {logs.map((log) => (
        <SyncLogRow key={log.id} log={log} now={now} />
      ))}
    </ul>
  );
}
