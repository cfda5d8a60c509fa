/**
 * The suggestion feed's data as the renderer holds it: the filters (view, provider, confidence, search
 * text), the pages loaded so far (keyset cursor), optimistic review and snooze actions that put the rows
 * back when the call fails, and a cheap head refresh on `suggestions:changed` that never re-downloads
 * pages already loaded. A search or the Snoozed view is not in feed order, so there a refresh (or a row
 * put back) loads the first page again instead of merging locally. Where the person is in
 * the feed (active row, selection, focus) belongs to the triage store, which follows `change`.
 */
import { create } from 'zustand';
import type { Api, TaskEdits } from '../../../shared/ipc-contract';
import type { ProviderType, SnoozePreset, SuggestionDto, SuggestionStatus, TaskDto } from '../../../shared/models';
import { errorMessage } from '../lib/error-message';
import { mergeHead, placeIndex, sortsAfter, tailOf, type SortKey } from '../lib/feed-order';

/**
 * Which part of the feed is shown: the review queue, auto-approved, `snoozed` (pending suggestions put off
 * until later), or History (`approved`, `dismissed`, searchable with the same query, with Restore).
 */
export type FeedView = 'pending_approval' | 'auto_approved' | 'snoozed' | 'approved' | 'dismissed';

/** Server-side filters of the feed. */
export interface FeedFilters {
  view: FeedView;
  provider: ProviderType | null;
  minConfidence: number | null;
  /** Search text ('' for none): results come ranked with their words marked (a sender's name or address finds their rows). */
  query: string;
}

/** Why `items` last changed, so the triage store can keep the person's place. */
export type FeedChange =
  | { kind: 'loaded' } // a fresh first page (new filters, first visit)
  | { kind: 'appended' } // a later page
  | { kind: 'merged' } // the head was refreshed
  | { kind: 'removed' } // rows left (approved, dismissed, no longer matching)
  | { kind: 'placed'; id: number }; // a row was put back (undo, or a failed action rolled back)

/** The calls the feed makes. */
export type FeedApi = Pick<
  Api,
  | 'suggestionsList'
  | 'suggestionsApprove'
  | 'suggestionsDismiss'
  | 'suggestionsApproveBatch'
  | 'suggestionsDismissBatch'
  | 'suggestionsRestore'
  | 'suggestionsRestoreBatch'
  | 'suggestionsSnooze'
  | 'suggestionsUnmerge'
>;

/** Page sizes and the refresh debounce; the app uses the defaults. */
export interface FeedOptions {
  /** First page, kept small so the feed appears at once. */
  firstPage?: number;
  nextPage?: number;
  /** Pages of a search: smaller, since one is asked for on every pause in typing. */
  searchPage?: number;
  /** Several changes often arrive together (a sync, a batch): one refresh for the burst. */
  refreshDelayMs?: number;
}

/** The feed's data and the actions on it. */
export interface FeedState {
  filters: FeedFilters;
  items: SuggestionDto[];
  total: number;
  /** How many rows the other view holds (for its tab), refreshed with the head. */
  otherTotal: number;
  /** Rows per status with the same filters (History's tabs), refreshed with the head. */
  counts: Record<SuggestionStatus, number>;
  /** Pending suggestions snoozed until later, with the same filters (the Snoozed tab). */
  snoozedTotal: number;
  /** A search matched more rows than were counted: the totals are lower bounds ("2,000+"). */
  countsAtLeast: boolean;
  /** Cursor of the next page and the last row fetched with it (null when everything is loaded). */
  cursor: string | null;
  tail: SortKey | null;
  loading: boolean;
  loadingMore: boolean;
  loaded: boolean;
  error: string | null;
  change: FeedChange;

  setFilters(patch: Partial<FeedFilters>): Promise<void>;
  load(): Promise<void>;
  loadMore(): Promise<void>;
  refreshHead(): Promise<void>;
  /** Refreshes the head once, shortly after the last of a burst of calls. */
  scheduleRefresh(): void;
  approve(id: number, edits?: TaskEdits): Promise<TaskDto>;
  dismiss(id: number): Promise<void>;
  approveIds(ids: number[]): Promise<TaskDto[]>;
  dismissIds(ids: number[]): Promise<number[]>;
  approveAbove(minConfidence: number): Promise<TaskDto[]>;
  countAbove(minConfidence: number): Promise<number>;
  restore(ids: number[]): Promise<void>;
  /** Snoozes a suggestion until a preset or an ISO date-time (null: ends the snooze). */
  snooze(id: number, until: SnoozePreset | string | null): Promise<SuggestionDto>;
  /** Splits one source off a merged suggestion; returns the suggestion it became. */
  unmerge(id: number, itemKey: string): Promise<SuggestionDto>;
}

const listParams = (filters: FeedFilters) => ({
  status: filters.view === 'snoozed' ? ('pending_approval' as const) : filters.view,
  ...(filters.view === 'snoozed' ? { snoozed: 'only' as const } : {}),
  ...(filters.query.trim() ? { query: filters.query } : {}),
  ...(filters.provider ? { provider: filters.provider } : {}),
  ...(filters.minConfidence !== null ? { minConfidence: filters.minConfidence } : {}),
});

const matches = (filters: FeedFilters, row: SuggestionDto) =>
  row.status === filters.view && (filters.provider === null || row.provider === filters.provider) && row.confidence >= (filters.minConfidence ?? 0);

/** True when the list is not in plain feed order (search ranking, the Snoozed view): nothing is merged locally. */
const ranked = (filters: FeedFilters) => filters.query.trim() !== '' || filters.view === 'snoozed';

/** The view whose size the other tab shows. */
export const otherView = (view: FeedView): FeedView => (view === 'pending_approval' ? 'auto_approved' : 'pending_approval');

const NO_COUNTS: Record<SuggestionStatus, number> = { pending_approval: 0, auto_approved: 0, approved: 0, dismissed: 0 };

/** Creates a feed store over `getApi` (the app passes `api`, tests an API over a test core). */
export function createFeedStore(getApi: () => FeedApi, options: FeedOptions = {}) {
  const { firstPage = 200, nextPage = 2000, searchPage = 50, refreshDelayMs = 120 } = options;
  // Each load starts a generation; an answer to a request of an older one belongs to a view that is gone.
  let generation = 0;
  let refreshTimer: ReturnType<typeof setTimeout> | undefined;

  /** The first page of the current view and the size of the other view (for the tab counts). */
  const fetchHead = (filters: FeedFilters) =>
    Promise.all([
      getApi().suggestionsList({ ...listParams(filters), limit: filters.query.trim() ? searchPage : firstPage }),
      getApi().suggestionsList({ ...listParams({ ...filters, view: otherView(filters.view) }), limit: 1 }),
    ]);

  return create<FeedState>((set, get) => {
    /** Removes rows locally (the server changed them, or is about to). */
    const removeLocal = (ids: readonly number[]) => {
      const gone = new Set(ids);
      const { items, total } = get();
      const next = items.filter((item) => !gone.has(item.id));
      if (next.length === items.length) return;
      set({ items: next, total: Math.max(0, total - (items.length - next.length)), change: { kind: 'removed' } });
    };

    /** Puts a suggestion back at its place in the loaded range (or takes it out if it no longer belongs here). */
    const insertLocal = (suggestion: SuggestionDto) => {
      const { items, tail, filters, total } = get();
      // A ranked list has no local place for the row: the server says where it goes now.
      if (ranked(filters)) return void get().load();
      if (!matches(filters, suggestion)) return removeLocal([suggestion.id]);
      if (items.some((item) => item.id === suggestion.id)) return;
      const index = placeIndex(items, tail, suggestion);
      if (index === null) return; // beyond what is loaded: it will come with its page
      set({ items: [...items.slice(0, index), suggestion, ...items.slice(index)], total: total + 1, change: { kind: 'placed', id: suggestion.id } });
    };

    /** Removes rows locally and returns them, so a failed call can put them back. */
    const takeLocal = (ids: readonly number[]): SuggestionDto[] => {
      const wanted = new Set(ids);
      const taken = get().items.filter((item) => wanted.has(item.id));
      removeLocal(ids);
      return taken;
    };

    /** Puts several rows back, bottom-most first so the top-most is placed last (and ends up active). */
    const reinsert = (rows: SuggestionDto[]) => {
      [...rows].sort((a, b) => (sortsAfter(a, b) ? -1 : 1)).forEach(insertLocal);
    };

    /** Runs a call with `ids` already gone from the feed; puts them back if the call fails. */
    const optimistic = async <T>(ids: readonly number[], call: () => Promise<T>): Promise<T> => {
      // The rows leave at once (a second keypress acts on the next row) and come back on failure.
      const taken = takeLocal(ids);
      try {
        return await call();
      } catch (error) {
        reinsert(taken);
        throw error;
      }
    };

    return {
      filters: { view: 'pending_approval', provider: null, minConfidence: null, query: '' },
      items: [],
      total: 0,
      otherTotal: 0,
      snoozedTotal: 0,
      counts: NO_COUNTS,
      countsAtLeast: false,
      cursor: null,
      tail: null,
      loading: false,
      loadingMore: false,
      loaded: false,
      error: null,
      change: { kind: 'loaded' },

      setFilters: async (patch) => {
        set({ filters: { ...get().filters, ...patch } });
        await get().load();
      },

      load: async () => {
        const asked = ++generation;
        // A page still on its way belongs to the old view: it must not hold up the new one's pages.
        set({ loading: true, loadingMore: false });
        try {
          const [page, other] = await fetchHead(get().filters);
          if (asked !== generation) return;
          set({
            items: page.items,
            total: page.total,
            cursor: page.nextCursor,
            tail: tailOf(page),
            otherTotal: other.total,
            snoozedTotal: page.snoozed,
            counts: page.counts,
            countsAtLeast: page.countsAtLeast === true,
            error: null,
            loaded: true,
            change: { kind: 'loaded' },
          });
        } catch (error) {
          if (asked === generation) set({ error: errorMessage(error) });
        } finally {
          if (asked === generation) set({ loading: false });
        }
      },

      loadMore: async () => {
        const { cursor, loading, loadingMore, filters } = get();
        // While a load is on its way the cursor is the old view's.
        if (!cursor || loading || loadingMore) return;
        const asked = generation;
        set({ loadingMore: true });
        try {
          const page = await getApi().suggestionsList({ ...listParams(filters), limit: nextPage, cursor });
          if (asked !== generation) return;
          const known = new Set(get().items.map((item) => item.id));
          set({
            items: [...get().items, ...page.items.filter((item) => !known.has(item.id))],
            total: page.total,
            cursor: page.nextCursor,
            tail: tailOf(page),
            change: { kind: 'appended' },
          });
        } catch (error) {
          if (asked === generation) set({ error: errorMessage(error) });
        } finally {
          if (asked === generation) set({ loadingMore: false });
        }
      },

      refreshHead: async () => {
        if (!get().loaded) return;
        // Ranked results cannot be merged by sort key: the first page is asked for again.
        if (ranked(get().filters)) return get().load();
        const asked = generation;
        try {
          const [page, other] = await fetchHead(get().filters);
          if (asked !== generation) return;
          const { items: next, paging } = mergeHead(get().items, get().tail, page);
          set({ ...paging, items: next, total: page.total, otherTotal: other.total, snoozedTotal: page.snoozed, counts: page.counts, error: null, change: { kind: 'merged' } });
        } catch (error) {
          if (asked === generation) set({ error: errorMessage(error) });
        }
      },

      scheduleRefresh: () => {
        clearTimeout(refreshTimer);
        refreshTimer = setTimeout(() => void get().refreshHead(), refreshDelayMs);
      },

      approve: (id, edits) => optimistic([id], () => getApi().suggestionsApprove(edits ? { id, edits } : { id })),

      dismiss: (id) => optimistic([id], async () => void (await getApi().suggestionsDismiss({ id }))),

      approveIds: (ids) => optimistic(ids, () => getApi().suggestionsApproveBatch({ ids })),

      // One call, one transaction: all are dismissed or none.
      dismissIds: (ids) => optimistic(ids, async () => (await getApi().suggestionsDismissBatch({ ids })).map((suggestion) => suggestion.id)),

      approveAbove: async (threshold) => {
        const { filters } = get();
        const minConfidence = Math.max(threshold, filters.minConfidence ?? 0);
        const tasks = await getApi().suggestionsApproveBatch(filters.provider ? { minConfidence, provider: filters.provider } : { minConfidence });
        removeLocal(tasks.map((task) => task.suggestionId).filter((id): id is number => id !== null));
        return tasks;
      },

      countAbove: async (threshold) => {
        const { filters } = get();
        const page = await getApi().suggestionsList({
          status: 'pending_approval',
          ...(filters.provider ? { provider: filters.provider } : {}),
          minConfidence: Math.max(threshold, filters.minConfidence ?? 0),
          limit: 1,
        });
        return page.total;
      },

      // The row leaves its view at once (it is off until later) and comes back if the call fails.
      snooze: (id, until) => optimistic([id], () => getApi().suggestionsSnooze({ id, until })),

      unmerge: async (id, itemKey) => {
        const { suggestion, split } = await getApi().suggestionsUnmerge({ id, itemKey });
        // What is left keeps its place with one source fewer; the split source gets a row of its own.
        set({ items: get().items.map((item) => (item.id === suggestion.id ? suggestion : item)) });
        insertLocal(split);
        return split;
      },

      restore: async (ids) => {
        if (ids.length === 1) insertLocal(await getApi().suggestionsRestore({ id: ids[0]! }));
        else reinsert(await getApi().suggestionsRestoreBatch({ ids }));
      },
    };
  });
}

/** A feed store as {@link createFeedStore} makes it. */
export type FeedStore = ReturnType<typeof createFeedStore>;
