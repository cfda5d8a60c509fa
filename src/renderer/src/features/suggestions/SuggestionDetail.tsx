/** Side pane on wide windows: the active suggestion in full (description, reasoning, whole preview). */
import { useDeferredValue } from 'react';
import { ConfidenceBar } from '../../components/ConfidenceBar';
import { flagLabel, formatDateTime, providerLabel } from '../../lib/format';
import { useActiveItem } from '../../stores/suggestions-store';
import { PreviewDetails } from './SuggestionPreview';

/** Detail of the active row. */
export function SuggestionDetail() {
  // Deferred: the keypress paints the new active row first; the pane follows at lower priority.
  const item = useDeferredValue(useActiveItem());
  if (!item) return <aside className="feed-detail" aria-label="Details" />;
  return (
    <aside className="feed-detail" aria-label="Details of the current suggestion">
      <h2 className="detail-title">{item.title}</h2>
      <ConfidenceBar value={item.confidence} />
      <p className="muted">
        {providerLabel(item.provider)} · {item.model || 'unknown engine'} · <span className="priority">{item.priority}</span>
        {item.deadline && <> · due {formatDateTime(item.deadline)}</>}
      </p>
      {item.description && <p className="detail-description">{item.description}</p>}
      <h3>Why</h3>
      <p>{item.reasoning}</p>
      {item.flags.length > 0 && (
        <ul className="detail-flags">
          {item.flags.map((flag) => (
            <li key={flag}>{flagLabel(flag)}</li>
          ))}
        </ul>
      )}
      {item.tags.length > 0 && (
        <p>
          {item.tags.map((tag) => (
            <span key={tag} className="tag">
              {tag}
            </span>
          ))}
        </p>
      )}
      <h3>Source</h3>
      <PreviewDetails preview={item.preview} />
    </aside>
  );
}
