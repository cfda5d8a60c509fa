/** Feed ordering (confidence desc, id desc, as the server pages it): where rows go when pages and put-back rows arrive. */

/** The fields the feed is ordered by. */
export type SortKey = { confidence: number; id: number };

/** True when `a` comes after `b` in feed order. */
export function sortsAfter(a: SortKey, b: SortKey): boolean {
  return a.confidence < b.confidence || (a.confidence === b.confidence && a.id < b.id);
}

/** A page of the feed as `suggestions:list` returns it. */
export interface FeedPage<T extends SortKey> {
  items: T[];
  nextCursor: string | null;
}

/** The sort key of the last row of a page when more pages follow (the cursor's position), else null. */
export function tailOf(page: FeedPage<SortKey>): SortKey | null {
  const last = page.items.at(-1);
  return page.nextCursor && last ? { confidence: last.confidence, id: last.id } : null;
}

/**
 * Merges a freshly fetched first page into the rows already loaded: the head is replaced, rows after it
 * are kept (so pages loaded further down are not fetched again), and when the fresh head reaches past
 * the loaded tail it becomes the whole list and brings its own cursor.
 */
export function mergeHead<T extends SortKey>(loaded: readonly T[], tail: SortKey | null, page: FeedPage<T>): { items: T[]; paging?: { cursor: string | null; tail: SortKey | null } } {
  const headLast = page.items.at(-1);
  if (!page.nextCursor || !headLast) return { items: page.items, paging: { cursor: null, tail: null } };
  if (!tail || sortsAfter(headLast, tail)) return { items: page.items, paging: { cursor: page.nextCursor, tail: tailOf(page) } };
  return { items: [...page.items, ...loaded.filter((item) => sortsAfter(item, headLast))] };
}

/** The index a row takes among the loaded rows, or null when it sorts after the loaded tail (it will come with its page). */
export function placeIndex(loaded: readonly SortKey[], tail: SortKey | null, row: SortKey): number | null {
  if (tail && sortsAfter(row, tail)) return null;
  const index = loaded.findIndex((item) => sortsAfter(item, row));
  return index < 0 ? loaded.length : index;
}
