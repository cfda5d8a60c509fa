/** The virtualised feed (ARIA `feed` of articles): only the rows in view are in the DOM, so 10,000 stay fast. */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import type { SuggestionDto } from '../../../../shared/models';
import { useFeedStore, useTriageStore } from '../../stores/suggestions-store';
import { ROW_HEIGHT, SuggestionRow } from './SuggestionRow';

interface FeedListProps {
  label: string;
  onEdit(item: SuggestionDto): void;
  onSnooze(item: SuggestionDto): void;
}

/** The scrolling list of the loaded suggestions; asks for the next page near the end. */
export function FeedList({ label, onEdit, onSnooze }: FeedListProps) {
  const items = useFeedStore((state) => state.items);
  const total = useFeedStore((state) => state.total);
  const loading = useFeedStore((state) => state.loading || state.loadingMore);
  const hasMore = useFeedStore((state) => state.cursor !== null);
  const scrollRef = useRef<HTMLDivElement>(null);

  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    getItemKey: (index) => items[index]?.id ?? index,
  });

  // Follow the active row when the keyboard moved it (not on a click: the row is already under the
  // pointer, and scrolling between mousedown and mouseup would lose the click), without re-rendering
  // the list on every keypress.
  // The check uses the virtualizer's cached offset and size and runs inside the store update, before
  // React touches the DOM, so a keypress that stays in view forces no layout at all.
  useEffect(
    () =>
      useTriageStore.subscribe((state, previous) => {
        const element = scrollRef.current;
        if (state.focusToken === previous.focusToken || !element) return;
        const top = state.activeIndex * ROW_HEIGHT;
        const viewTop = virtualizer.scrollOffset ?? element.scrollTop;
        const viewHeight = virtualizer.scrollRect?.height ?? element.clientHeight;
        if (top < viewTop) element.scrollTop = top;
        else if (top + ROW_HEIGHT > viewTop + viewHeight) element.scrollTop = top + ROW_HEIGHT - viewHeight;
      }),
    [virtualizer],
  );

  const virtualItems = virtualizer.getVirtualItems();
  const lastVisible = virtualItems.at(-1)?.index ?? 0;
  useEffect(() => {
    if (hasMore) useTriageStore.getState().reached(lastVisible);
  }, [hasMore, lastVisible, items.length]);

  return (
    <div ref={scrollRef} className="feed-scroll">
      <div role="feed" aria-label={label} aria-busy={loading} className="feed" style={{ height: virtualizer.getTotalSize() }}>
        {virtualItems.map((row) => {
          const item = items[row.index];
          return item ? <SuggestionRow key={item.id} item={item} index={row.index} start={row.start} setSize={total} onEdit={onEdit} onSnooze={onSnooze} /> : null;
        })}
      </div>
    </div>
  );
}
