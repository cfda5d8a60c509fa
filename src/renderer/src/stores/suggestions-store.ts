/**
 * The app's suggestion feed: its data (feed-store.ts) and the person's place in it (triage-store.ts),
 * wired to the app's API. Tests build their own pair over a test core.
 */
import { api } from '../api';
import { createFeedStore } from './feed-store';
import { createTriageStore } from './triage-store';

export type { FeedFilters, FeedView } from './feed-store';

/** The feed's data: filters, loaded pages, optimistic review actions. */
export const useFeedStore = createFeedStore(api);

/** The active row, selection and focus of keyboard triage. */
export const useTriageStore = createTriageStore(useFeedStore);

/** The active suggestion (re-renders when the active row or its data changes). */
export function useActiveItem() {
  const activeIndex = useTriageStore((state) => state.activeIndex);
  return useFeedStore((state) => state.items[activeIndex] ?? null);
}
