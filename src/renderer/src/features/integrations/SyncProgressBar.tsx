/** Progress of a running sync, fed by `sync:progress` events and announced politely. */
import type { SyncProgress } from '../../stores/integrations-store';

const PHASES: Record<SyncProgress['phase'], string> = {
  fetching: 'Fetching',
  generating: 'Finding tasks',
  saving: 'Saving',
  done: 'Done',
  failed: 'Failed',
};

/** A bar (indeterminate while the total is unknown) with words beside it. */
export function SyncProgressBar({ progress, label }: { progress: SyncProgress; label: string }) {
  const words = `${PHASES[progress.phase]}${progress.total !== null ? ` ${progress.done.toLocaleString()} of ${progress.total.toLocaleString()}` : progress.done > 0 ? ` ${progress.done.toLocaleString()}` : '…'}`;
  return (
    <div className="sync-progress">
      {progress.total !== null && progress.total > 0 ? (
        <progress aria-label={label} max={progress.total} value={Math.min(progress.done, progress.total)} />
      ) : (
        <progress aria-label={label} />
      )}
      <span aria-live="polite">
        {words}
        {progress.message ? ` — ${progress.message}` : ''}
      </span>
    </div>
  );
}
