/** Keyboard triage of the feed: j/k move, a approve, d dismiss, e edit, s snooze, x select, Shift+A batch, u undo, ? help. */
import { useEffect } from 'react';
import { isTyping } from '../../lib/keys';
import { useSuggestionsStore } from '../../stores/suggestions-store';
import { useUiStore } from '../../stores/ui-store';
import { approveTargets, dismissTargets } from './feed-actions';

interface FeedKeyHandlers {
  onEdit(): void;
  onSnooze(): void;
  onBatch(): void;
  onHelp(): void;
}


/** Listens on the document while the feed is shown (not while typing or while a dialog is open). */
export function useFeedKeys(handlers: FeedKeyHandlers): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
      if (isTyping(event.target) || document.querySelector('dialog[open]')) return;
      const store = useSuggestionsStore.getState();
      const pending = store.filters.view === 'pending_approval' || store.filters.view === 'snoozed';
      let handled = true;
      // The first move from outside the feed lands on the current row instead of skipping it.
      const inFeed = event.target instanceof Element && event.target.closest('[role="feed"]') !== null;
      switch (event.key) {
        case 'j':
        case 'ArrowDown':
          if (inFeed) store.move(1);
          else store.setActive(store.activeIndex, true);
          break;
        case 'k':
        case 'ArrowUp':
          if (inFeed) store.move(-1);
          else store.setActive(store.activeIndex, true);
          break;
        case 'Home':
          store.setActive(0, true);
          break;
        case 'End':
          store.setActive(store.items.length - 1, true);
          break;
        case 'a':
          if (pending) void approveTargets();
          break;
        case 'd':
          if (pending) void dismissTargets();
          break;
        case 'e':
          if (pending && store.items[store.activeIndex]) handlers.onEdit();
          break;
        case 's':
          if (pending && store.items[store.activeIndex]) handlers.onSnooze();
          break;
        case 'x': {
          const active = store.items[store.activeIndex];
          if (pending && active) store.toggleSelected(active.id);
          break;
        }
        case 'A':
          if (pending) handlers.onBatch();
          break;
        case 'u':
          useUiStore.getState().undoLatest();
          break;
        case 'Escape':
          handled = store.selected.size > 0;
          store.clearSelection();
          break;
        case '?':
          handlers.onHelp();
          break;
        default:
          handled = false;
      }
      if (handled) event.preventDefault();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [handlers]);
}
