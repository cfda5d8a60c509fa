/** Feed ordering (confidence desc, id desc, as the server pages it) and a small concurrent loop. */

/** The fields the feed is ordered by. */
export type SortKey = { confidence: number; id: number };

/** True when `a` comes after `b` in feed order. */
export function sortsAfter(a: SortKey, b: SortKey): boolean {
  return a.confidence < b.confidence || (a.confidence === b.confidence && a.id < b.id);
}

/** Runs `work` over `ids` with a few calls in flight; returns the ids that succeeded and the first error. */
export async function forEachId(ids: readonly number[], work: (id: number) => Promise<unknown>): Promise<{ done: number[]; error: unknown }> {
  const done: number[] = [];
  let error: unknown = null;
  const queue = [...ids];
  const worker = async () => {
    for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
      try {
        await work(id);
        done.push(id);
      } catch (caught) {
        error ??= caught;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(6, ids.length) }, worker));
  return { done, error };
}
