/**
 * The items a merged suggestion stands for (an invitation email and its calendar event, say), each with
 * its preview and why it joined, and a way to split off one that is not the same commitment.
 */
import type { SuggestionDto } from '../../../../shared/models';
import { providerLabel } from '../../lib/format';
import { unmergeSource } from './feed-actions';
import { PreviewSource } from './SuggestionPreview';

/** The sources of a suggestion merged from several items; nothing for a suggestion of one item. */
export function SuggestionSources({ item }: { item: SuggestionDto }) {
  const sources = item.sources ?? [];
  if (sources.length < 2) return null;
  return (
    <section aria-label="Sources">
      <h3>From {sources.length} sources</h3>
      <ul className="detail-sources">
        {sources.map((source) => (
          <li key={source.itemKey} data-source={source.itemKey}>
            <p className="muted">
              {providerLabel(source.provider)}
              {source.mergeReason && <> · {source.mergeReason}</>}
            </p>
            <p className="detail-source-line">
              <PreviewSource preview={source.preview} />
            </p>
            <button type="button" className="link" onClick={() => void unmergeSource(item.id, source.itemKey)}>
              Not the same: split off
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
