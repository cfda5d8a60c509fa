/**
 * The messages of the items' threads as an engine may see them (author and date, no content), so a
 * thread the person already answered is not a task. The sync builds it from everything a fetch
 * returned, the person's own messages included (the screen drops those before any engine runs).
 */
import type { ProviderItem } from './provider-item';

/** One message of a thread: who wrote it and when. */
export interface ThreadMessage {
  /** The author's address (email) or user ID (Slack), any case. */
  from: string;
  /** ISO 8601, or null when unknown. */
  date: string | null;
}

/** Thread messages by thread key, from the items of a fetch (emails and Slack messages with a thread key). */
export function threadMessagesOf(items: readonly ProviderItem[]): Map<string, ThreadMessage[]> {
  const threads = new Map<string, ThreadMessage[]>();
  for (const item of items) {
    if (!item.threadKey || item.type === 'calendar_event') continue;
    const from = item.type === 'email' ? item.from.address : item.author.id;
    const list = threads.get(item.threadKey) ?? [];
    list.push({ from, date: item.date });
    threads.set(item.threadKey, list);
  }
  return threads;
}
