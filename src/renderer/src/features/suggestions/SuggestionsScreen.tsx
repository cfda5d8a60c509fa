/** The suggestion feed: review what the engine found, with the mouse or the keyboard alone. */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { SuggestionDto } from '../../../../shared/models';
import { errorMessage } from '../../api';
import { ConfirmDialog } from '../../components/Dialog';
import { SearchBox } from '../../components/SearchBox';
import { SnoozeDialog } from '../../components/SnoozeDialog';
import { useAppEvent } from '../../components/useEvent';
import { percent } from '../../lib/format';
import { useFeedStore, useTriageStore, type FeedView } from '../../stores/suggestions-store';
import { useIntegrationsStore } from '../../stores/integrations-store';
import { useUiStore } from '../../stores/ui-store';
import { NeverRuleDialog } from '../rules/NeverRuleDialog';
import { RuleProposals } from '../rules/RuleProposals';
import { EditSuggestionDialog } from './EditSuggestionDialog';
import { approveAbove, snoozeOne } from './feed-actions';
import { FeedList } from './FeedList';
import { FeedToolbar } from './FeedToolbar';
import { KeyboardHelp } from './KeyboardHelp';
import { SuggestionDetail } from './SuggestionDetail';
import { useFeedKeys } from './useFeedKeys';

const VIEW_LABELS: Record<FeedView, string> = { pending_approval: 'Needs review', auto_approved: 'Auto-approved', snoozed: 'Snoozed', approved: 'Approved', dismissed: 'Dismissed' };
const VIEWS: FeedView[] = ['pending_approval', 'auto_approved', 'snoozed', 'approved', 'dismissed'];
const LIST_LABELS: Record<FeedView, string> = {
  pending_approval: 'Suggestions needing review',
  auto_approved: 'Auto-approved suggestions',
  snoozed: 'Snoozed suggestions',
  approved: 'Approved suggestions',
  dismissed: 'Dismissed suggestions',
};
const EMPTY: Record<FeedView, string> = {
  pending_approval: 'No suggestions waiting. Connect an account under Integrations and sync it.',
  auto_approved: 'Nothing was auto-approved. Turn auto-approve on in Settings to let confident suggestions through.',
  snoozed: 'Nothing snoozed. Press s on a suggestion to put it off until later.',
  approved: 'Nothing approved yet.',
  dismissed: 'Nothing dismissed yet.',
};

/** After a dialog closes, triage goes on from the active row. */
function refocusFeed(): void {
  const { activeIndex, setActive } = useTriageStore.getState();
  setActive(activeIndex, true);
}

/** Suggestions screen. */
export function SuggestionsScreen() {
  const view = useFeedStore((state) => state.filters.view);
  const total = useFeedStore((state) => state.total);
  const viewCounts = useFeedStore((state) => state.counts);
  const otherTotal = useFeedStore((state) => state.otherTotal);
  const empty = useFeedStore((state) => state.loaded && state.items.length === 0);
  const error = useFeedStore((state) => state.error);
  const filtered = useFeedStore((state) => state.filters.provider !== null || state.filters.minConfidence !== null);
  const query = useFeedStore((state) => state.filters.query);
  const snoozedTotal = useFeedStore((state) => state.snoozedTotal);
  const atLeast = useFeedStore((state) => state.countsAtLeast);
  const [editing, setEditing] = useState<SuggestionDto | null>(null);
  const [snoozing, setSnoozing] = useState<SuggestionDto | null>(null);
  const [never, setNever] = useState<SuggestionDto | null>(null);
  const [batch, setBatch] = useState<{ threshold: number; count: number } | null>(null);
  const [help, setHelp] = useState(false);
  const [threshold, setThreshold] = useState(0.9);

  useEffect(() => {
    // Coming back to the feed keeps the pages already loaded and the place in them.
    const feed = useFeedStore.getState();
    void (feed.loaded ? feed.refreshHead() : feed.load());
    if (!useIntegrationsStore.getState().loaded) void useIntegrationsStore.getState().load();
  }, []);
  useAppEvent('suggestions:changed', useFeedStore.getState().scheduleRefresh);

  const openBatch = useCallback(async () => {
    try {
      const count = await useFeedStore.getState().countAbove(threshold);
      setBatch({ threshold, count });
    } catch (caught) {
      useUiStore.getState().showToast({ message: errorMessage(caught), tone: 'error' });
    }
  }, [threshold]);

  const handlers = useMemo(
    () => ({
      onEdit: () => {
        setEditing(useTriageStore.getState().activeItem());
      },
      onSnooze: () => {
        setSnoozing(useTriageStore.getState().activeItem());
      },
      onNever: () => setNever(useTriageStore.getState().activeItem()),
      onBatch: () => void openBatch(),
      onHelp: () => setHelp(true),
    }),
    [openBatch],
  );
  useFeedKeys(handlers);
  const onSearch = useCallback((text: string) => void useFeedStore.getState().setFilters({ query: text }), []);

  // Per-status counts come with each page (same filters); the shown view's own total moves with each
  // review, the others follow the next head refresh. The Snoozed view counts pending rows snoozed only.
  const counts: Record<FeedView, number | null> =
    view === 'snoozed'
      ? { pending_approval: otherTotal, auto_approved: null, snoozed: total, approved: null, dismissed: null }
      : { ...viewCounts, snoozed: snoozedTotal, [view]: total };
  const setView = (next: FeedView) => void useFeedStore.getState().setFilters({ view: next });
  const snooze = (item: SuggestionDto, until: string) => {
    setSnoozing(null);
    refocusFeed();
    void snoozeOne(item.id, until);
  };

  return (
    <section aria-labelledby="suggestions-heading" className="feed-screen">
      <header className="screen-header">
        <h1 id="suggestions-heading">Suggestions</h1>
        <div role="group" aria-label="Which suggestions" className="segmented feed-views">
          {VIEWS.map((entry) => (
            <button key={entry} type="button" aria-pressed={view === entry} onClick={() => setView(entry)}>
              {VIEW_LABELS[entry]}
              {counts[entry] !== null && ` (${counts[entry].toLocaleString()}${atLeast && entry === view ? '+' : ''})`}
            </button>
          ))}
        </div>
      </header>
      <RuleProposals />
      <SearchBox label="Search suggestions" value={query} onSearch={onSearch} />
      <FeedToolbar batchThreshold={threshold} onBatchThreshold={setThreshold} onBatch={() => void openBatch()} onHelp={() => setHelp(true)} />
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {empty ? (
        <p className="empty">
          {query.trim() ? `No suggestion matches “${query.trim()}”.` : filtered ? 'No suggestions match these filters.' : EMPTY[view]}
        </p>
      ) : (
        <div className="feed-layout">
          <FeedList label={LIST_LABELS[view]} onEdit={setEditing} onSnooze={setSnoozing} />
          <SuggestionDetail onNever={setNever} />
        </div>
      )}
      {editing && (
        <EditSuggestionDialog
          item={editing}
          onClose={() => {
            setEditing(null);
            refocusFeed();
          }}
        />
      )}
      {never && (
        <NeverRuleDialog
          item={never}
          onClose={() => {
            setNever(null);
            refocusFeed();
          }}
        />
      )}
      {snoozing && (
        <SnoozeDialog
          title={snoozing.title}
          onClose={() => {
            setSnoozing(null);
            refocusFeed();
          }}
          onPick={(until) => snooze(snoozing, until)}
        />
      )}
      {help && (
        <KeyboardHelp
          onClose={() => {
            setHelp(false);
            refocusFeed();
          }}
        />
      )}
      {batch && (
        <ConfirmDialog
          title="Approve in one go?"
          message={
            batch.count === 0 ? (
              <p>No pending suggestion is at {percent(batch.threshold)} or more.</p>
            ) : (
              <p>
                This approves <strong>{batch.count.toLocaleString()}</strong> suggestion{batch.count === 1 ? '' : 's'} at {percent(batch.threshold)} confidence or more
                and adds them to your tasks. You can undo it right after.
              </p>
            )
          }
          confirmLabel={batch.count === 0 ? 'OK' : `Approve ${batch.count.toLocaleString()}`}
          onCancel={() => {
            setBatch(null);
            refocusFeed();
          }}
          onConfirm={() => {
            const { threshold: chosen, count } = batch;
            setBatch(null);
            refocusFeed();
            if (count > 0) void approveAbove(chosen);
          }}
        />
      )}
    </section>
  );
}

