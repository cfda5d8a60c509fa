/** Filters (server-side), the batch threshold and the actions on the selection. */
import type { ProviderType } from '../../../../shared/models';
import { providerLabel } from '../../lib/format';
import { useIntegrationsStore } from '../../stores/integrations-store';
import { useFeedStore, useTriageStore } from '../../stores/suggestions-store';
import { approveTargets, dismissTargets } from './feed-actions';

const CONFIDENCE_STEPS = [0.5, 0.6, 0.7, 0.8, 0.9];
// A plain list, not the zod enum: importing schemas would pull zod into the renderer bundle.
const ALL_PROVIDERS: ProviderType[] = ['gmail', 'google_calendar', 'slack', 'mail_files', 'calendar_files'];
/** Thresholds offered for batch approval. */
export const BATCH_STEPS = [0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95];

interface FeedToolbarProps {
  batchThreshold: number;
  onBatchThreshold(value: number): void;
  onBatch(): void;
  onHelp(): void;
}

/** Toolbar above the feed. */
export function FeedToolbar({ batchThreshold, onBatchThreshold, onBatch, onHelp }: FeedToolbarProps) {
  const filters = useFeedStore((state) => state.filters);
  const setFilters = useFeedStore((state) => state.setFilters);
  const selectedCount = useTriageStore((state) => state.selected.size);
  const clearSelection = useTriageStore((state) => state.clearSelection);
  const integrations = useIntegrationsStore((state) => state.integrations);
  const known = [...new Set(integrations.map((integration) => integration.provider))];
  const providers: ProviderType[] = known.length > 0 ? known : ALL_PROVIDERS;
  const pending = filters.view === 'pending_approval';

  return (
    <div className="feed-toolbar">
      <div className="toolbar-row">
        <label className="inline-field">
          <span>Source</span>
          <select value={filters.provider ?? ''} onChange={(event) => void setFilters({ provider: (event.target.value || null) as ProviderType | null })}>
            <option value="">All sources</option>
            {providers.map((provider) => (
              <option key={provider} value={provider}>
                {providerLabel(provider)}
              </option>
            ))}
          </select>
        </label>
        <label className="inline-field">
          <span>Minimum confidence</span>
          <select
            value={filters.minConfidence === null ? '' : String(filters.minConfidence)}
            onChange={(event) => void setFilters({ minConfidence: event.target.value === '' ? null : Number(event.target.value) })}
          >
            <option value="">Any</option>
            {CONFIDENCE_STEPS.map((step) => (
              <option key={step} value={step}>
                {Math.round(step * 100)}%
              </option>
            ))}
          </select>
        </label>
        {pending && (
          <span className="batch">
            <label className="inline-field">
              <span>Batch threshold</span>
              <select value={String(batchThreshold)} onChange={(event) => onBatchThreshold(Number(event.target.value))}>
                {BATCH_STEPS.map((step) => (
                  <option key={step} value={step}>
                    {Math.round(step * 100)}%
                  </option>
                ))}
              </select>
            </label>
            <button type="button" onClick={onBatch}>
              Approve all ≥ {Math.round(batchThreshold * 100)}%…
            </button>
          </span>
        )}
        <button type="button" className="help-button" aria-keyshortcuts="?" onClick={onHelp}>
          Keys <kbd>?</kbd>
        </button>
      </div>
      {pending && selectedCount > 0 && (
        <div className="toolbar-row selection-bar" role="group" aria-label="Selection">
          <span>{selectedCount.toLocaleString()} selected</span>
          <button type="button" className="primary" onClick={() => void approveTargets()}>
            Approve selected
          </button>
          <button type="button" onClick={() => void dismissTargets()}>
            Dismiss selected
          </button>
          <button type="button" onClick={clearSelection}>
            Clear selection
          </button>
        </div>
      )}
    </div>
  );
}
