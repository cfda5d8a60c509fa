/**
 * The suggestion engine's contract (ProviderTaskGenerator in the original description): items in, one verdict per
 * item out. Engines never see IDs they could choose from and never choose actions: they only judge
 * and describe; the sync engine decides what is stored and what is auto-approved.
 */
import type { SuggestionContent } from '../items/suggestion-content';
import type { ProviderItem } from '../items/provider-item';

/** What an engine concluded about one item: the stored content plus the verdict itself. */
export interface GeneratedSuggestion extends SuggestionContent {
  needsAction: boolean;
  /**
   * The confidence at or above which the engine counts this item as needing action (the offline
   * engine's decision threshold for it), so whatever moves the confidence later (the person's model)
   * decides against the same boundary; null when the verdict rests on a fact no learned preference
   * may overturn (sent by the person, already answered, a cancelled or past event). Absent: not said.
   */
  decisionThreshold?: number | null;
}

/**
 * An item the engine could not judge, with a reason for the log. `model`: the model failed (HTTP
 * error, timeout, refusal, malformed or missing verdict): the item waits and is tried again.
 * `unreadable`: the item itself defeated the engine (over its deadline, crashed it): quarantined.
 */
export interface GenerationFailure {
  error: string;
  cause: 'model' | 'unreadable';
}

import type { ThreadMessage } from '../items/thread-messages';

export type { ThreadMessage } from '../items/thread-messages';

/** What the engine needs to know besides the items. */
export interface GenerationContext {
  /** "Now" for relative dates when an item has no date of its own. */
  now: Date;
  /** IANA time zone of the person, for "by Friday 5pm". */
  timeZone: string;
  /** Hours before a calendar event when its preparation task is due (prep_task_hours in the original description). */
  prepTaskHours: number;
  /** The person's own address(es), so "from me" items are not tasks for me. */
  selfAddresses: string[];
  /**
   * Messages of the items' threads, by thread key, the person's own included (optional). A message
   * the person wrote in a thread after an item means they already answered it, so it is no task.
   */
  threads?: ReadonlyMap<string, readonly ThreadMessage[]>;
  signal?: AbortSignal;
}

/** Token and request counts, recorded in the sync log. */
export interface EngineUsage {
  requests: number;
  promptTokens: number;
  completionTokens: number;
}

/** The result of one `generate` call. */
export interface EngineResult {
  /** Keyed by item ID; every input item has an entry. */
  results: Map<string, GeneratedSuggestion | GenerationFailure>;
  usage: EngineUsage;
}

/** A suggestion engine (offline or LLM). */
export interface SuggestionEngine {
  /** Shown as the suggestion's `model` (e.g. `offline-v1`, `gpt-4.1-mini`). */
  readonly name: string;
  generate(items: readonly ProviderItem[], context: GenerationContext): Promise<EngineResult>;
}

/** True when a result entry is a failure. */
export function isFailure(entry: GeneratedSuggestion | GenerationFailure): entry is GenerationFailure {
  return 'error' in entry;
}
