/** Keyboard triage of the feed: j/k move, a approve, d dismiss, e edit, s snooze, n never from, x select, Shift+A batch, u undo, ? help. */
import { useEffect } from 'react';
import { isTyping } from '../../lib/keys';
import { useFeedStore, useTriageStore } from '../../stores/suggestions-store';
import { useUiStore } from '../../stores/ui-store';
import { approveTargets, dismissTargets } from './feed-actions';

interface FeedKeyHandlers {
  onEdit(): void;
  onSnooze(): void;
  /** `n`: a "never suggest from" rule for the current suggestion. */
  onNever(): void;
  onBatch(): void;
  onHelp(): void;
}

/** Listens on the document while the feed is shown (not while typing or while a dialog is open). */
export function useFeedKeys(handlers: FeedKeyHandlers): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
      if (isTyping(event.target) || document.querySelector('dialog[open]')) return;
      const store = useTriageStore.getState();
      const { filters, items } = useFeedStore.getState();
      // Snoozed suggestions are still pending: they can be reviewed (or snoozed again) from their view.
      const pending = filters.view === 'pending_approval' || filters.view === 'snoozed';
      const active = store.activeItem();
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
          store.setActive(items.length - 1, true);
          break;
        case 'a':
          if (pending) void approveTargets();
          break;
        case 'd':
          if (pending) void dismissTargets();
          break;
        case 'e':
          if (pending && active) handlers.onEdit();
          break;
        case 's':
          if (pending && active) handlers.onSnooze();
          break;
        case 'n':
          if (active) handlers.onNever();
          break;
        case 'x':
          if (pending && active) store.toggleSelected(active.id);
          break;
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
