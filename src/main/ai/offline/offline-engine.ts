/**
 * The offline suggestion engine (`offline-v1`): no network, no global state, deterministic. Each
 * engine instance owns its classifier and its time-zone cache; `generate` judges items one by one and
 * turns an unexpected error on one item into a failure entry for that item only.
 */
import type { ProviderItem } from '../../items/provider-item';
import type { EngineResult, GeneratedSuggestion, GenerationContext, GenerationFailure, SuggestionEngine } from '../types';
import { judgeCalendarEvent } from './calendar';
import { loadClassifier } from './classifier';
import { judgeEmail } from './email';
import { loadMessageModel } from './message-model';
import type { JudgeContext } from './judge-context';
import { judgeSlackMessage } from './slack';
import { createZone, isValidTimeZone, type Zone } from '../../lib/time-zone';

/** The engine's name, shown as the suggestions' `model`. */
export const OFFLINE_ENGINE_NAME = 'offline-v1';

/** Options of the offline engine. */
export interface OfflineEngineOptions {
  /** Shown as `model`; defaults to `offline-v1`. */
  name?: string;
  /** A weights file's parsed content, to use instead of the bundled `model-weights.json`. */
  weights?: unknown;
  /** A message model file's parsed content, to use instead of the bundled `message-model.json`. */
  messageModel?: unknown;
}

// Items between two pauses of `generate`, so a big batch never holds the main process for long.
const YIELD_EVERY = 250;

function judge(item: ProviderItem, ctx: JudgeContext): GeneratedSuggestion {
  switch (item.type) {
    case 'email':
      return judgeEmail(item, ctx);
    case 'calendar_event':
      return judgeCalendarEvent(item, ctx);
    case 'slack_message':
      return judgeSlackMessage(item, ctx);
  }
}

/** Creates the offline engine. */
export function createOfflineEngine(options: OfflineEngineOptions = {}): SuggestionEngine {
  const name = options.name ?? OFFLINE_ENGINE_NAME;
  const classifier = options.weights === undefined ? loadClassifier() : loadClassifier(options.weights);
  const messages = options.messageModel === undefined ? loadMessageModel() : loadMessageModel(options.messageModel);
  const zones = new Map<string, Zone>();
  const zoneFor = (tz: string): Zone => {
    let zone = zones.get(tz);
    if (!zone) {
      zone = createZone(tz);
      zones.set(tz, zone);
    }
    return zone;
  };

  return {
    name,
    async generate(items: readonly ProviderItem[], context: GenerationContext): Promise<EngineResult> {
      const ctx: JudgeContext = {
        classifier,
        messages,
        threads: context.threads ?? new Map(),
        zone: zoneFor(context.timeZone),
        now: context.now,
        prepTaskHours: context.prepTaskHours,
        self: new Set(context.selfAddresses.map((a) => a.trim().toLowerCase()).filter(Boolean)),
        model: name,
      };
      // Deadlines read on an unknown zone's clock fall back to UTC and may be off by hours: say so.
      const zoneFlag = isValidTimeZone(context.timeZone) ? [] : ['offline:unknown-time-zone'];
      const results = new Map<string, GeneratedSuggestion | GenerationFailure>();
      for (let i = 0; i < items.length; i += 1) {
        if (i > 0 && i % YIELD_EVERY === 0) await new Promise<void>((resolve) => setImmediate(resolve));
        if (context.signal?.aborted) throw context.signal.reason ?? new Error('generation aborted');
        const item = items[i] as ProviderItem;
        try {
          const verdict = judge(item, ctx);
          results.set(item.id, zoneFlag.length ? { ...verdict, flags: [...verdict.flags, ...zoneFlag] } : verdict);
        } catch (err) {
          results.set(item.id, { error: `offline engine failed on this item: ${err instanceof Error ? err.message : String(err)}`, cause: 'unreadable' });
        }
      }
      return { results, usage: { requests: 0, promptTokens: 0, completionTokens: 0 } };
    },
  };
}
