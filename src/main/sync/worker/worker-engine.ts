/**
 * The offline engine as the app runs it: each item judged in the content worker under the pool's
 * deadline. An item that cannot be judged in time (or crashes the worker) comes back as a failure
 * with cause `unreadable`, so the sync quarantines it instead of waiting for a model.
 */
import { OFFLINE_ENGINE_NAME } from '../../ai/offline/offline-engine';
import type { EngineResult, GeneratedSuggestion, GenerationContext, GenerationFailure, SuggestionEngine, ThreadMessage } from '../../ai/types';
import type { ProviderItem } from '../../items/provider-item';
import { AppError } from '../../errors';
import type { ContentPool } from './content-pool';

/** Thread messages handed over with one item at most (each is an author and a date). */
const MAX_THREAD_MESSAGES = 200;

/**
 * The messages of an item's thread that came after it (only a later message can show it was
 * answered): each item crosses to the worker alone, with these, not the run's whole map.
 */
function laterInThread(item: ProviderItem, threads: GenerationContext['threads']): ThreadMessage[] | undefined {
  const messages = item.threadKey ? threads?.get(item.threadKey) : undefined;
  if (!messages) return undefined;
  const after = item.date ? Date.parse(item.date) : Number.NaN;
  const later = Number.isFinite(after) ? messages.filter((message) => message.date !== null && Date.parse(message.date) > after) : [...messages];
  return later.slice(0, MAX_THREAD_MESSAGES);
}

/** Creates the engine over a pool. */
export function createWorkerOfflineEngine(pool: ContentPool): SuggestionEngine {
  return {
    name: OFFLINE_ENGINE_NAME,
    async generate(items: readonly ProviderItem[], context: GenerationContext): Promise<EngineResult> {
      context.signal?.throwIfAborted();
      const judgeContext = { now: context.now.toISOString(), timeZone: context.timeZone, prepTaskHours: context.prepTaskHours, selfAddresses: context.selfAddresses };
      const outcomes = await Promise.all(items.map((item) => pool.judge(item, { ...judgeContext, thread: laterInThread(item, context.threads) })));
      context.signal?.throwIfAborted();
      const results = new Map<string, GeneratedSuggestion | GenerationFailure>();
      items.forEach((item, index) => {
        const outcome = outcomes[index]!;
        // No worker at all is the app's problem, not the item's: the sync fails and nothing is set aside.
        if (!outcome.ok && outcome.kind === 'unavailable') throw new AppError('internal', outcome.reason);
        if (!outcome.ok) results.set(item.id, { error: outcome.reason, cause: 'unreadable' });
        else if (!outcome.value.ok) results.set(item.id, { error: `The offline engine failed on this item: ${outcome.value.error}`, cause: 'unreadable' });
        else results.set(item.id, outcome.value.verdict);
      });
      return { results, usage: { requests: 0, promptTokens: 0, completionTokens: 0 } };
    },
  };
}
