/**
 * The offline engine as the app runs it: each item judged in the content worker under the pool's
 * deadline. An item that cannot be judged in time (or crashes the worker) comes back as a failure
 * with cause `unreadable`, so the sync quarantines it instead of waiting for a model.
 */
import { OFFLINE_ENGINE_NAME } from '../../ai/offline/offline-engine';
import type { EngineResult, GeneratedSuggestion, GenerationContext, GenerationFailure, SuggestionEngine } from '../../ai/types';
import type { ProviderItem } from '../../items/provider-item';
import { AppError } from '../../errors';
import type { ContentPool } from './content-pool';

/** Creates the engine over a pool. */
export function createWorkerOfflineEngine(pool: ContentPool): SuggestionEngine {
  return {
    name: OFFLINE_ENGINE_NAME,
    async generate(items: readonly ProviderItem[], context: GenerationContext): Promise<EngineResult> {
      context.signal?.throwIfAborted();
      const judgeContext = { now: context.now.toISOString(), timeZone: context.timeZone, prepTaskHours: context.prepTaskHours, selfAddresses: context.selfAddresses };
      const outcomes = await Promise.all(items.map((item) => pool.judge(item, judgeContext)));
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
