/**
 * Where the person is in the feed: the active row, the multi-selection, focus requests for keyboard
 * triage, and the one rule for when the next page is fetched. It follows the feed store, so when rows
 * leave, arrive or are put back, the active row and the selection keep their meaning.
 */
import { create } from 'zustand';
import type { SuggestionDto } from '../../../shared/models';
import type { FeedChange, FeedStore } from './feed-store';

/** The next page is fetched once a row this close to the end of what is loaded is shown or active. */
export const PREFETCH_ROWS = 50;

/** Triage state and its actions. */
export interface TriageState {
  activeIndex: number;
  /** Bumped when keyboard triage wants the active row to take focus. */
  focusToken: number;
  selected: ReadonlySet<number>;

  setActive(index: number, focus?: boolean): void;
  /** Moves the active row by `delta` (j/k) and takes focus there. */
  move(delta: number): void;
  /** A row was shown or became active: fetches the next page when it is near the end of what is loaded. */
  reached(index: number): void;
  toggleSelected(id: number): void;
  clearSelection(): void;
  /** The active row, if any. */
  activeItem(): SuggestionDto | null;
  /** The ids an action applies to: the selection if there is one, else the active row. */
  targetIds(): number[];
}

type Place = Pick<TriageState, 'activeIndex' | 'focusToken' | 'selected'>;

/** The selection without rows that left (the same set when none did, so nothing re-renders). */
function pruned(selected: ReadonlySet<number>, present: ReadonlySet<number>): ReadonlySet<number> {
  const kept = [...selected].filter((id) => present.has(id));
  return kept.length === selected.size ? selected : new Set(kept);
}

/** The person's place after the feed's rows went from `before` to `after`. */
export function followRows(place: Place, before: readonly SuggestionDto[], after: readonly SuggestionDto[], change: FeedChange): Place {
  const present = new Set(after.map((item) => item.id));
  const selected = pruned(place.selected, present);
  const clamp = (index: number) => Math.max(0, Math.min(index, after.length - 1));
  const { activeIndex, focusToken } = place;
  switch (change.kind) {
    case 'placed': {
      // A row put back (undo, or a failed action) becomes the active row and takes focus.
      const index = after.findIndex((item) => item.id === change.id);
      return index < 0 ? { activeIndex, focusToken, selected } : { activeIndex: index, focusToken: focusToken + 1, selected };
    }
    case 'removed': {
      // The row that took the active row's place becomes active: the cursor stays where the person was.
      const kept = before.slice(0, activeIndex).filter((item) => present.has(item.id)).length;
      return { activeIndex: clamp(kept), focusToken, selected };
    }
    case 'merged': {
      const activeId = before[activeIndex]?.id;
      const index = activeId === undefined ? -1 : after.findIndex((item) => item.id === activeId);
      return { activeIndex: index >= 0 ? index : clamp(activeIndex), focusToken, selected };
    }
    case 'loaded':
    case 'appended':
      return { activeIndex: clamp(activeIndex), focusToken, selected };
  }
}

/** Creates the triage store that follows `feed`. */
export function createTriageStore(feed: FeedStore) {
  const store = create<TriageState>((set, get) => ({
    activeIndex: 0,
    focusToken: 0,
    selected: new Set(),

    setActive: (index, focus = false) => {
      const { items } = feed.getState();
      if (items.length === 0) return;
      const clamped = Math.max(0, Math.min(index, items.length - 1));
      set({ activeIndex: clamped, focusToken: focus ? get().focusToken + 1 : get().focusToken });
    },

    move: (delta) => {
      const target = get().activeIndex + delta;
      get().setActive(target, true);
      get().reached(target);
    },

    reached: (index) => {
      const { cursor, items, loadMore } = feed.getState();
      if (cursor && index > items.length - PREFETCH_ROWS) void loadMore();
    },

    toggleSelected: (id) => {
      const selected = new Set(get().selected);
      if (selected.has(id)) selected.delete(id);
      else selected.add(id);
      set({ selected });
    },

    clearSelection: () => set({ selected: new Set() }),

    activeItem: () => feed.getState().items[get().activeIndex] ?? null,

    targetIds: () => {
      const { selected } = get();
      if (selected.size > 0) return [...selected];
      const active = get().activeItem();
      return active ? [active.id] : [];
    },
  }));

  feed.subscribe((state, previous) => {
    // New filters: a new list, so triage starts at its top with nothing selected.
    if (state.filters !== previous.filters) store.setState({ activeIndex: 0, selected: new Set() });
    if (state.items !== previous.items) store.setState(followRows(store.getState(), previous.items, state.items, state.change));
  });
  return store;
}

/** A triage store as {@link createTriageStore} makes it. */
export type TriageStore = ReturnType<typeof createTriageStore>;
