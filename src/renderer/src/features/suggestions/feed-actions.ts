/**
 * Review actions shared by the row buttons and the keyboard: each runs against the store and tells the
 * person what happened in a toast with Undo (or the API's error sentence when it failed).
 */
import type { TaskEdits } from '../../../../shared/ipc-contract';
import { errorMessage } from '../../api';
import { formatDateTime } from '../../lib/format';
import { useFeedStore, useTriageStore } from '../../stores/suggestions-store';
import { useUiStore } from '../../stores/ui-store';

const store = () => useFeedStore.getState();
const info = (message: string, undoIds?: number[]) =>
  useUiStore.getState().showToast({ message, tone: 'info', ...(undoIds && undoIds.length > 0 ? { undo: () => undo(undoIds) } : {}) });
const fail = (error: unknown) => useUiStore.getState().showToast({ message: errorMessage(error), tone: 'error' });

const quote = (title: string) => `“${title.length > 60 ? `${title.slice(0, 59)}…` : title}”`;
const plural = (n: number, word: string) => `${n.toLocaleString()} ${word}${n === 1 ? '' : 's'}`;

async function undo(ids: number[]): Promise<void> {
  try {
    await store().restore(ids);
    info(ids.length === 1 ? 'Undone: the suggestion is back in the feed.' : `Undone: ${plural(ids.length, 'suggestion')} back in the feed.`);
  } catch (error) {
    fail(error);
  }
}

/** Approves one suggestion, optionally with the person's edits. */
export async function approveOne(id: number, edits?: TaskEdits): Promise<boolean> {
  const title = store().items.find((item) => item.id === id)?.title ?? 'suggestion';
  try {
    await store().approve(id, edits);
    info(`Approved ${quote(edits?.title ?? title)}.`, [id]);
    return true;
  } catch (error) {
    fail(error);
    return false;
  }
}

/** Dismisses one suggestion. */
export async function dismissOne(id: number): Promise<void> {
  const title = store().items.find((item) => item.id === id)?.title ?? 'suggestion';
  try {
    await store().dismiss(id);
    info(`Dismissed ${quote(title)}.`, [id]);
  } catch (error) {
    fail(error);
  }
}

/** Approves the selection (or the active row). */
export async function approveTargets(): Promise<void> {
  const ids = useTriageStore.getState().targetIds();
  if (ids.length === 1) return void (await approveOne(ids[0]!));
  if (ids.length === 0) return;
  try {
    const tasks = await store().approveIds(ids);
    info(`Approved ${plural(tasks.length, 'suggestion')}.`, ids);
  } catch (error) {
    fail(error);
  }
}

/** Dismisses the selection (or the active row). */
export async function dismissTargets(): Promise<void> {
  const ids = useTriageStore.getState().targetIds();
  if (ids.length === 1) return dismissOne(ids[0]!);
  if (ids.length === 0) return;
  try {
    const done = await store().dismissIds(ids);
    info(`Dismissed ${plural(done.length, 'suggestion')}.`, done);
  } catch (error) {
    fail(error);
  }
}

/** Approves every pending suggestion at or above `threshold` (after the person confirmed the count). */
export async function approveAbove(threshold: number): Promise<void> {
  try {
    const tasks = await store().approveAbove(threshold);
    const ids = tasks.map((task) => task.suggestionId).filter((id): id is number => id !== null);
    info(`Approved ${plural(tasks.length, 'suggestion')} at ${Math.round(threshold * 100)}% or more.`, ids);
  } catch (error) {
    fail(error);
  }
}

/** Sends an auto-approved suggestion back to review (its task is removed). */
export async function sendBackToReview(id: number): Promise<void> {
  const title = store().items.find((item) => item.id === id)?.title ?? 'suggestion';
  try {
    await store().restore([id]);
    info(`${quote(title)} is back in review; its task was removed.`);
  } catch (error) {
    fail(error);
  }
}

/** Snoozes one suggestion until `until` (a preset or an ISO date-time); Undo ends the snooze. */
export async function snoozeOne(id: number, until: string): Promise<void> {
  try {
    const snoozed = await store().snooze(id, until);
    useUiStore.getState().showToast({
      message: `Snoozed until ${formatDateTime(snoozed.snoozedUntil)}.`,
      tone: 'info',
      // The row comes back with the refresh that the change event brings.
      undo: async () => {
        try {
          await store().snooze(id, null);
        } catch (error) {
          fail(error);
        }
      },
    });
  } catch (error) {
    fail(error);
  }
}

/** Restores an approved or dismissed suggestion from History (an approval's open task is removed). */
export async function restoreFromHistory(id: number): Promise<void> {
  const title = store().items.find((item) => item.id === id)?.title ?? 'suggestion';
  try {
    await store().restore([id]);
    info(`${quote(title)} is back in review.`);
  } catch (error) {
    fail(error);
  }
}

/** Splits a wrongly merged source off a suggestion: it becomes a suggestion of its own, never merged with it again. */
export async function unmergeSource(id: number, itemKey: string): Promise<boolean> {
  try {
    const split = await store().unmerge(id, itemKey);
    info(`Split off: ${quote(split.title)} is a suggestion of its own now.`);
    return true;
  } catch (error) {
    fail(error);
    return false;
  }
}
