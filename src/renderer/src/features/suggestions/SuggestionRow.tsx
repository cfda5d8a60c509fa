/** One row of the feed: title, confidence, source preview, reasoning, flags and the review buttons. */
import { memo, useEffect, useRef } from 'react';
import type { SuggestionDto } from '../../../../shared/models';
import { ConfidenceBar } from '../../components/ConfidenceBar';
import { Marked } from '../../components/Marked';
import { ProviderIcon } from '../../components/ProviderIcon';
import { flagLabel, formatDateTime, providerLabel } from '../../lib/format';
import { useTriageStore } from '../../stores/suggestions-store';
import { approveOne, dismissOne, restoreFromHistory, sendBackToReview } from './feed-actions';
import { PreviewLines } from './SuggestionPreview';

/** The last focus request a row has acted on (see the effect in the row). */
let handledFocusToken = 0;

/** Height of a row in pixels (the list is virtualised with fixed rows). */
export const ROW_HEIGHT = 120;

interface RowProps {
  item: SuggestionDto;
  index: number;
  start: number;
  setSize: number;
  onEdit(item: SuggestionDto): void;
  onSnooze(item: SuggestionDto): void;
}

/** A feed row; re-renders only when its own item, active state or selection changes. */
export const SuggestionRow = memo(function SuggestionRow({ item, index, start, setSize, onEdit, onSnooze }: RowProps) {
  // The list renders the feed's rows in order, so the row at the active index is the active row.
  const isActive = useTriageStore((state) => state.activeIndex === index);
  const focusToken = useTriageStore((state) => (state.activeIndex === index ? state.focusToken : -1));
  const isSelected = useTriageStore((state) => state.selected.has(item.id));
  const ref = useRef<HTMLElement>(null);

  useEffect(() => {
    const element = ref.current;
    if (focusToken <= 0 || !element || element.contains(document.activeElement)) return;
    // A new request (j, k, undo…) always moves focus here. A row that became active because the one
    // before it left (approved, dismissed) takes focus only if the person was in the feed, so a sync
    // in the background never pulls focus out of a toolbar control.
    const current = document.activeElement;
    const wasInFeed = current === null || current === document.body || current.closest('[role="feed"]') !== null;
    if (focusToken !== handledFocusToken || wasInFeed) {
      handledFocusToken = focusToken;
      element.focus({ preventScroll: true }); // the list already scrolled to the row
    }
  }, [focusToken]);

  const titleId = `suggestion-${item.id}-title`;
  const pending = item.status === 'pending_approval';
  const className = `feed-row${isActive ? ' active' : ''}${isSelected ? ' selected' : ''}`;
  return (
    <article
      ref={ref}
      id={`suggestion-${item.id}`}
      className={className}
      data-testid="suggestion-row"
      data-active={isActive ? 'true' : undefined}
      data-index={index}
      tabIndex={isActive ? 0 : -1}
      aria-labelledby={titleId}
      aria-posinset={index + 1}
      aria-setsize={setSize}
      style={{ transform: `translateY(${start}px)`, height: ROW_HEIGHT - 8 }}
      onFocus={() => {
        if (!isActive) useTriageStore.getState().setActive(index);
      }}
    >
      <div className="row-head">
        {pending && (
          <input
            type="checkbox"
            tabIndex={isActive ? 0 : -1}
            aria-label={`Select ${item.title}`}
            checked={isSelected}
            onChange={() => useTriageStore.getState().toggleSelected(item.id)}
          />
        )}
        <ProviderIcon provider={item.provider} size={18} />
        <span className="visually-hidden">{providerLabel(item.provider)}: </span>
        <h3 id={titleId} className="row-title">
          <Marked text={item.title} ranges={item.highlights?.title} />
        </h3>
        <ConfidenceBar value={item.confidence} />
        <div className="row-actions">
          {pending ? (
            <>
              <button type="button" className="primary" tabIndex={isActive ? 0 : -1} aria-label={`Approve ${item.title}`} onClick={() => void approveOne(item.id)}>
                Approve
              </button>
              <button type="button" tabIndex={isActive ? 0 : -1} aria-label={`Edit ${item.title}`} onClick={() => onEdit(item)}>
                Edit
              </button>
              <button type="button" tabIndex={isActive ? 0 : -1} aria-label={`Dismiss ${item.title}`} onClick={() => void dismissOne(item.id)}>
                Dismiss
              </button>
              <button type="button" tabIndex={isActive ? 0 : -1} aria-label={`Snooze ${item.title}`} aria-keyshortcuts="s" onClick={() => onSnooze(item)}>
                Snooze
              </button>
            </>
          ) : item.status === 'auto_approved' ? (
            <button type="button" tabIndex={isActive ? 0 : -1} aria-label={`Send ${item.title} back to review`} onClick={() => void sendBackToReview(item.id)}>
              Back to review
            </button>
          ) : (
            <button type="button" tabIndex={isActive ? 0 : -1} aria-label={`Restore ${item.title}`} onClick={() => void restoreFromHistory(item.id)}>
              Restore
            </button>
          )}
        </div>
      </div>
      {item.highlights?.source ? (
        <div className="match-source">
          <Marked text={item.highlights.source.text} ranges={item.highlights.source.ranges} />
        </div>
      ) : (
        <PreviewLines preview={item.preview} />
      )}
      <div className="row-reasoning">
        <span className={`priority priority-${item.priority}`}>{item.priority}</span>
        {item.deadline && <span className="row-deadline">Due {formatDateTime(item.deadline)}</span>}
        {item.snoozedUntil && <span className="snoozed">Snoozed until {formatDateTime(item.snoozedUntil)}</span>}
        <span className="reasoning-text">{item.reasoning}</span>
      </div>
      {item.flags.length > 0 && (
        <div className="row-flags">
          {item.flags.map((flag) => (
            <span key={flag} className="flag">
              ⚠ {flagLabel(flag)}
            </span>
          ))}
        </div>
      )}
    </article>
  );
});
