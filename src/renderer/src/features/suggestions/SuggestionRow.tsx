/**
 * One row of the feed, kept calm: the title on one line, its context (warnings, the account it came from, source or the words a
 * search matched in it, due date, snoozed until, a high priority) on the next. The review buttons appear on the active row, on hover and on focus, each with its key; the
 * detail pane carries the rest (description, reasoning, the source text).
 */
import { memo, useEffect, useRef } from 'react';
import type { SuggestionDto } from '../../../../shared/models';
import { AccountChip } from '../../components/AccountChip';
import { ConfidenceBar } from '../../components/ConfidenceBar';
import { Marked } from '../../components/Marked';
import { ProviderIcon } from '../../components/ProviderIcon';
import { flagLabel, formatDateTime, isSensitiveFlag, orderedFlags, providerLabel } from '../../lib/format';
import { useTriageStore } from '../../stores/suggestions-store';
import { approveOne, dismissOne, restoreFromHistory, sendBackToReview } from './feed-actions';
import { PreviewSource } from './SuggestionPreview';

/** The last focus request a row has acted on (see the effect in the row). */
let handledFocusToken = 0;

/** Height of a row in pixels, gap included (the list is virtualised with fixed rows). */
export const ROW_HEIGHT = 64;

interface RowProps {
  item: SuggestionDto;
  index: number;
  start: number;
  setSize: number;
  onEdit(item: SuggestionDto): void;
  onSnooze(item: SuggestionDto): void;
}

/** A button with its key shown beside the word. */
function KeyedButton({ label, keyName, ariaLabel, primary, tabbable, onClick }: { label: string; keyName: string; ariaLabel: string; primary?: boolean; tabbable: boolean; onClick(): void }) {
  return (
    <button type="button" className={primary ? 'primary' : undefined} tabIndex={tabbable ? 0 : -1} aria-label={ariaLabel} aria-keyshortcuts={keyName} onClick={onClick}>
      {label} <kbd aria-hidden="true">{keyName}</kbd>
    </button>
  );
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
  const urgent = item.priority === 'high' || item.priority === 'urgent';
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
      style={{ transform: `translateY(${start}px)`, height: ROW_HEIGHT - 6 }}
      onFocus={() => {
        if (!isActive) useTriageStore.getState().setActive(index);
      }}
    >
      <div className="row-head">
        {pending && (
          <input
            type="checkbox"
            className="row-select"
            tabIndex={isActive ? 0 : -1}
            aria-label={`Select ${item.title}`}
            aria-keyshortcuts="x"
            checked={isSelected}
            onChange={() => useTriageStore.getState().toggleSelected(item.id)}
          />
        )}
        <ProviderIcon provider={item.provider} size={16} />
        <span className="visually-hidden">{providerLabel(item.provider)}: </span>
        <h3 id={titleId} className="row-title">
          <Marked text={item.title} ranges={item.highlights?.title} />
        </h3>
        <ConfidenceBar value={item.confidence} />
      </div>
      <div className="row-context">
        {orderedFlags(item.flags).map((flag) => (
          <span key={flag} className={isSensitiveFlag(flag) ? 'flag flag-sensitive' : 'flag'} title={flagLabel(flag)}>
            ⚠ {flagLabel(flag)}
          </span>
        ))}
        {item.account && <AccountChip label={item.account.label} colour={item.account.colour} />}
        {/* Early in the line: the actions shown over the row's right end on the active row never hide it. */}
        {(item.sources?.length ?? 0) > 1 && (
          <span className="row-sources" title={item.sources!.map((source) => providerLabel(source.provider)).join(', ')}>
            {item.sources!.length} sources: {[...new Set(item.sources!.map((source) => providerLabel(source.provider)))].join(' + ')}
          </span>
        )}
        {item.highlights?.source ? (
          <span className="row-source match-source">
            <Marked text={item.highlights.source.text} ranges={item.highlights.source.ranges} />
          </span>
        ) : (
          <PreviewSource preview={item.preview} />
        )}
        {item.deadline && <span className="row-deadline">Due {formatDateTime(item.deadline)}</span>}
        {item.snoozedUntil && <span className="snoozed">Snoozed until {formatDateTime(item.snoozedUntil)}</span>}
        {urgent && <span className={`priority priority-${item.priority}`}>{item.priority}</span>}
      </div>
      <div className="row-actions">
        {pending ? (
          <>
            <KeyedButton label="Approve" keyName="a" primary tabbable={isActive} ariaLabel={`Approve ${item.title}`} onClick={() => void approveOne(item.id)} />
            <KeyedButton label="Edit" keyName="e" tabbable={isActive} ariaLabel={`Edit ${item.title}`} onClick={() => onEdit(item)} />
            <KeyedButton label="Dismiss" keyName="d" tabbable={isActive} ariaLabel={`Dismiss ${item.title}`} onClick={() => void dismissOne(item.id)} />
            <KeyedButton label="Snooze" keyName="s" tabbable={isActive} ariaLabel={`Snooze ${item.title}`} onClick={() => onSnooze(item)} />
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
    </article>
  );
});
