/** Side pane on wide windows: the active suggestion in full (description, reasoning, whole preview). */
import { useDeferredValue } from 'react';
import type { SuggestionDto } from '../../../../shared/models';
import { ConfidenceBar } from '../../components/ConfidenceBar';
import { Marked } from '../../components/Marked';
import { flagLabel, formatDateTime, isSensitiveFlag, orderedFlags, providerLabel } from '../../lib/format';
import { useActiveItem } from '../../stores/suggestions-store';
import { PreviewDetails } from './SuggestionPreview';
import { SuggestionSources } from './SuggestionSources';

/** Detail of the active row; `onNever` opens the never-suggest dialog (the mouse path of the `n` key). */
export function SuggestionDetail({ onNever }: { onNever: (item: SuggestionDto) => void }) {
  // Deferred: the keypress paints the new active row first; the pane follows at lower priority.
  const item = useDeferredValue(useActiveItem());
  if (!item) return <aside className="feed-detail" aria-label="Details" />;
  return (
    <aside className="feed-detail" aria-label="Details of the current suggestion">
      <h2 className="detail-title">
        <Marked text={item.title} ranges={item.highlights?.title} />
      </h2>
      <ConfidenceBar value={item.confidence} />
      <p className="muted">
        {providerLabel(item.provider)} · {item.model || 'unknown engine'} · <span className="priority">{item.priority}</span>
        {item.deadline && <> · due {formatDateTime(item.deadline)}</>}
        {item.snoozedUntil && <> · snoozed until {formatDateTime(item.snoozedUntil)}</>}
      </p>
      {item.description && (
        <p className="detail-description">
          <Marked text={item.description} ranges={item.highlights?.description} />
        </p>
      )}
      {item.status === 'pending_approval' && (
        <p>
          <button type="button" aria-keyshortcuts="n" onClick={() => onNever(item)}>
            Never suggest from…
          </button>
        </p>
      )}
      <h3>Why</h3>
      <p>{item.reasoning}</p>
      {item.flags.length > 0 && (
        <ul className="detail-flags">
          {orderedFlags(item.flags).map((flag) => (
            <li key={flag} className={isSensitiveFlag(flag) ? 'flag-sensitive' : undefined}>
              {flagLabel(flag)}
            </li>
          ))}
        </ul>
      )}
      {item.tags.length > 0 && (
        <p>
          {item.tags.map((tag) => (
            <span key={tag} className={item.highlights?.tags.includes(tag) ? 'tag matched' : 'tag'}>
              {item.highlights?.tags.includes(tag) ? <mark>{tag}</mark> : tag}
            </span>
          ))}
        </p>
      )}
      <SuggestionSources item={item} />
      <h3>Source</h3>
      <PreviewDetails preview={item.preview} />
    </aside>
  );
}
