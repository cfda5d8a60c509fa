/**
 * The suggestion feed as the renderer holds it: pages loaded on demand (keyset cursor), the active row
 * and the multi-selection for keyboard triage, optimistic review actions with their undo, and a cheap
 * head refresh on `suggestions:changed` that never re-downloads pages already loaded.
 */
import { create } from 'zustand';
import type { TaskEdits } from '../../../shared/ipc-contract';
import type { ProviderType, SnoozePreset, SuggestionDto, TaskDto } from '../../../shared/models';
import { api, errorMessage } from '../api';
import { mergeHead, sortsAfter, tailOf, type SortKey } from '../lib/feed-order';

/** Which part of the feed is shown (`snoozed`: pending suggestions put off until later). */
export type FeedView = 'pending_approval' | 'auto_approved' | 'snoozed';

/** Server-side filters of the feed. */
export interface FeedFilters {
  view: FeedView;
  provider: ProviderType | null;
  minConfidence: number | null;
  /** Search text ('' for none): results come ranked with their words marked. */
  query: string;
}

/** First page (kept small so the feed appears at once) and later pages. */
export const FIRST_PAGE = 200;
const NEXT_PAGE = 2000;
/** A search asks for less at a time: it runs on every pause in typing. */
const SEARCH_PAGE = 50;

const listParams = (filters: FeedFilters) => ({
  status: filters.view === 'snoozed' ? ('pending_approval' as const) : filters.view,
  ...(filters.view === 'snoozed' ? { snoozed: 'only' as const } : {}),
  ...(filters.query.trim() ? { query: filters.query } : {}),
  ...(filters.provider ? { provider: filters.provider } : {}),
  ...(filters.minConfidence !== null ? { minConfidence: filters.minConfidence } : {}),
});

/** True when the list is not the plain feed order (search ranking, snoozed view): no local merging. */
const ranked = (filters: FeedFilters) => filters.query.trim() !== '' || filters.view === 'snoozed';

/** The view whose size the other tab shows. */
export const otherView = (view: FeedView): FeedView => (view === 'pending_approval' ? 'auto_approved' : 'pending_approval');

interface SuggestionsState {
  filters: FeedFilters;
  items: SuggestionDto[];
  total: number;
  /** Cursor of the next page and the last item fetched with it (null when everything is loaded). */
  cursor: string | null;
  tail: SortKey | null;
  loading: boolean;
  loadingMore: boolean;
  loaded: boolean;
  error: string | null;
  activeIndex: number;
  /** Bumped when keyboard triage wants the active row to take focus. */
  focusToken: number;
  selected: ReadonlySet<number>;
  /** How many rows the other view holds (for its tab), refreshed with the head. */
  otherTotal: number;
  /** Pending suggestions snoozed until later (the Snoozed tab). */
  snoozedTotal: number;
  /** A search matched more rows than were counted: totals are "at least". */
  countsAtLeast: boolean;

  setFilters(patch: Partial<FeedFilters>): Promise<void>;
  load(): Promise<void>;
  loadMore(): Promise<void>;
  refreshHead(): Promise<void>;
  setActive(index: number, focus?: boolean): void;
  move(delta: number): void;
  toggleSelected(id: number): void;
  clearSelection(): void;
  approve(id: number, edits?: TaskEdits): Promise<TaskDto>;
  dismiss(id: number): Promise<void>;
  approveIds(ids: number[]): Promise<TaskDto[]>;
  dismissIds(ids: number[]): Promise<number[]>;
  approveAbove(minConfidence: number): Promise<TaskDto[]>;
  countAbove(minConfidence: number): Promise<number>;
  restore(ids: number[]): Promise<void>;
  snooze(id: number, until: SnoozePreset | string | null): Promise<SuggestionDto>;
}

let loadGeneration = 0;

/** The first page of the current view and the size of the other view (for the tab counts). */
function fetchHead(filters: FeedFilters) {
  return Promise.all([
    api().suggestionsList({ ...listParams(filters), limit: filters.query.trim() ? SEARCH_PAGE : FIRST_PAGE }),
    api().suggestionsList({ ...listParams({ ...filters, view: otherView(filters.view) }), limit: 1 }),
  ]);
}

/** Suggestion feed store. */
export const useSuggestionsStore = create<SuggestionsState>((set, get) => {
  /** Removes rows locally (the server already changed them), keeping the cursor row in place. */
  const removeLocal = (ids: readonly number[]) => {
    const gone = new Set(ids);
    const { items, activeIndex, selected } = get();
    const before = items.slice(0, activeIndex).filter((item) => gone.has(item.id)).length;
    const next = items.filter((item) => !gone.has(item.id));
    const removed = items.length - next.length;
    const nextSelected = new Set([...selected].filter((id) => !gone.has(id)));
    set({
      items: next,
      total: Math.max(0, get().total - removed),
      activeIndex: Math.max(0, Math.min(activeIndex - before, next.length - 1)),
      selected: nextSelected,
    });
  };

  /** Puts a restored suggestion back at its place in the loaded range and makes it the active row. */
  const insertLocal = (suggestion: SuggestionDto) => {
    const { items, tail, filters } = get();
    if (ranked(filters)) return void get().load();
    const matches = (filters.provider === null || suggestion.provider === filters.provider) && suggestion.confidence >= (filters.minConfidence ?? 0);
    if (suggestion.status !== filters.view || !matches) return removeLocal([suggestion.id]);
    if (items.some((item) => item.id === suggestion.id)) return;
    if (tail && sortsAfter(suggestion, tail)) return; // beyond what is loaded: it will come with its page
    let index = items.findIndex((item) => sortsAfter(item, suggestion));
    if (index < 0) index = items.length;
    set({
      items: [...items.slice(0, index), suggestion, ...items.slice(index)],
      total: get().total + 1,
      activeIndex: index,
      focusToken: get().focusToken + 1,
    });
  };

  /** Removes rows locally and returns them, so a failed call can put them back. */
  const takeLocal = (ids: readonly number[]): SuggestionDto[] => {
    const wanted = new Set(ids);
    const taken = get().items.filter((item) => wanted.has(item.id));
    removeLocal(ids);
    return taken;
  };

  /** Puts several rows back, bottom-most first so the top-most ends up active. */
  const reinsert = (items: SuggestionDto[]) => {
    [...items].sort((a, b) => (sortsAfter(a, b) ? -1 : 1)).forEach(insertLocal);
  };

  return {
    filters: { view: 'pending_approval', provider: null, minConfidence: null, query: '' },
    items: [],
    total: 0,
    cursor: null,
    tail: null,
    loading: false,
    loadingMore: false,
    loaded: false,
    error: null,
    activeIndex: 0,
    focusToken: 0,
    selected: new Set(),
    otherTotal: 0,
    snoozedTotal: 0,
    countsAtLeast: false,

    setFilters: async (patch) => {
      set({ filters: { ...get().filters, ...patch }, selected: new Set(), activeIndex: 0 });
      await get().load();
    },

    load: async () => {
      const generation = ++loadGeneration;
      set({ loading: true });
      try {
        const [page, other] = await fetchHead(get().filters);
        if (generation !== loadGeneration) return;
        set({
          items: page.items,
          total: page.total,
          cursor: page.nextCursor,
          tail: tailOf(page),
          otherTotal: other.total,
          snoozedTotal: page.snoozed,
          countsAtLeast: page.countsAtLeast === true,
          activeIndex: Math.min(get().activeIndex, Math.max(0, page.items.length - 1)),
          error: null,
          loaded: true,
        });
      } catch (error) {
        if (generation === loadGeneration) set({ error: errorMessage(error) });
      } finally {
        if (generation === loadGeneration) set({ loading: false });
      }
    },

    loadMore: async () => {
      const { cursor, loadingMore, filters } = get();
      if (!cursor || loadingMore) return;
      const generation = loadGeneration;
      set({ loadingMore: true });
      try {
        const page = await api().suggestionsList({ ...listParams(filters), limit: NEXT_PAGE, cursor });
        if (generation !== loadGeneration) return;
        const known = new Set(get().items.map((item) => item.id));
        set({
          items: [...get().items, ...page.items.filter((item) => !known.has(item.id))],
          total: page.total,
          cursor: page.nextCursor,
          tail: tailOf(page),
        });
      } catch (error) {
        set({ error: errorMessage(error) });
      } finally {
        set({ loadingMore: false });
      }
    },

    refreshHead: async () => {
      if (!get().loaded) return;
      if (ranked(get().filters)) return get().load();
      const generation = loadGeneration;
      try {
        const [page, other] = await fetchHead(get().filters);
        if (generation !== loadGeneration) return;
        const { items, tail, activeIndex } = get();
        const activeId = items[activeIndex]?.id;
        const { items: next, paging } = mergeHead(items, tail, page);
        const keep = activeId === undefined ? -1 : next.findIndex((item) => item.id === activeId);
        const ids = new Set(next.map((item) => item.id));
        set({
          ...paging,
          items: next,
          total: page.total,
          otherTotal: other.total,
          snoozedTotal: page.snoozed,
          activeIndex: keep >= 0 ? keep : Math.max(0, Math.min(activeIndex, next.length - 1)),
          selected: new Set([...get().selected].filter((id) => ids.has(id))),
          error: null,
        });
      } catch (error) {
        set({ error: errorMessage(error) });
      }
    },

    setActive: (index, focus = false) => {
      const { items, focusToken } = get();
      if (items.length === 0) return;
      const clamped = Math.max(0, Math.min(index, items.length - 1));
      set({ activeIndex: clamped, focusToken: focus ? focusToken + 1 : focusToken });
    },

    move: (delta) => {
      const { activeIndex, items, cursor } = get();
      get().setActive(activeIndex + delta, true);
      // Fetch the next page well before the person reaches the end of what is loaded.
      if (cursor && activeIndex + delta > items.length - 50) void get().loadMore();
    },

    toggleSelected: (id) => {
      const selected = new Set(get().selected);
      if (selected.has(id)) selected.delete(id);
      else selected.add(id);
      set({ selected });
    },

    clearSelection: () => set({ selected: new Set() }),

    approve: async (id, edits) => {
      // Optimistic: the row leaves at once (a second keypress acts on the next row), and comes back on failure.
      const item = takeLocal([id]);
      try {
        return await api().suggestionsApprove(edits ? { id, edits } : { id });
      } catch (error) {
        item.forEach(insertLocal);
        throw error;
      }
    },

    dismiss: async (id) => {
      const item = takeLocal([id]);
      try {
        await api().suggestionsDismiss({ id });
      } catch (error) {
        item.forEach(insertLocal);
        throw error;
      }
    },

    approveIds: async (ids) => {
      const items = takeLocal(ids);
      try {
        return await api().suggestionsApproveBatch({ ids });
      } catch (error) {
        reinsert(items);
        throw error;
      }
    },

    dismissIds: async (ids) => {
      // One call, one transaction: all are dismissed or none.
      const items = takeLocal(ids);
      try {
        return (await api().suggestionsDismissBatch({ ids })).map((suggestion) => suggestion.id);
      } catch (error) {
        reinsert(items);
        throw error;
      }
    },

    approveAbove: async (threshold) => {
      const { filters } = get();
      const minConfidence = Math.max(threshold, filters.minConfidence ?? 0);
      const tasks: TaskDto[] = await api().suggestionsApproveBatch(filters.provider ? { minConfidence, provider: filters.provider } : { minConfidence });
      removeLocal(tasks.map((task) => task.suggestionId).filter((id): id is number => id !== null));
      return tasks;
    },

    countAbove: async (threshold) => {
      const { filters } = get();
      const page = await api().suggestionsList({
        status: 'pending_approval',
        ...(filters.provider ? { provider: filters.provider } : {}),
        minConfidence: Math.max(threshold, filters.minConfidence ?? 0),
        limit: 1,
      });
      return page.total;
    },

    snooze: async (id, until) => {
      const item = takeLocal([id]);
      try {
        return await api().suggestionsSnooze({ id, until });
      } catch (error) {
        item.forEach(insertLocal);
        throw error;
      }
    },

    restore: async (ids) => {
      if (ids.length === 1) {
        insertLocal(await api().suggestionsRestore({ id: ids[0]! }));
        return;
      }
      reinsert(await api().suggestionsRestoreBatch({ ids }));
    },
  };
});
