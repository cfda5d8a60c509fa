/**
 * Whether a verdict may become a task without the person looking at it. Pure: the sync writer
 * gathers the facts (settings, the merged flags, whether the sender is known) and stores what this
 * decides, including the reasons a suggestion was held, which the feed shows.
 *
 * Auto-approve is never for:
 * - a verdict with any flag (hidden text, injection attempts, and the `sensitive:` requests about
 *   payments, credentials, gift cards or sending data out, which the content step raises);
 * - a sender the person never wrote to nor approved a suggestion from (a stranger can send anything);
 * - an item judged in one LLM request with a flagged item: the LLM engine never batches those
 *   together (ai/llm/llm-engine.ts), so every verdict that reaches here was judged apart from them.
 */
import type { GeneratedSuggestion } from '../ai/types';

/** Auto-approve settings. */
export interface AutoApproveSettings {
  enabled: boolean;
  threshold: number;
}

/** Why a suggestion that would otherwise have been auto-approved was held for review; stored as a flag. */
export const HELD_UNKNOWN_SENDER = 'held:unknown-sender';

/** The decision and the flags that explain a hold (added to the suggestion's flags). */
export interface AutoApproveDecision {
  approve: boolean;
  holds: string[];
}

/** True when the item's sender is the person or someone they dealt with before. */
export function isTrustedSender(senderKey: string | null, selfAddresses: readonly string[], isKnown: (key: string) => boolean): boolean {
  if (senderKey === null) return false;
  return selfAddresses.some((self) => self.trim().toLowerCase() === senderKey) || isKnown(senderKey);
}

/** Decides auto-approval for one verdict (flags already merged with the item's content flags). */
export function decideAutoApprove(verdict: Pick<GeneratedSuggestion, 'needsAction' | 'confidence' | 'flags'>, settings: AutoApproveSettings, trustedSender: boolean): AutoApproveDecision {
  const eligible = settings.enabled && verdict.needsAction && verdict.confidence >= settings.threshold;
  if (!eligible) return { approve: false, holds: [] };
  // The flags already say why a flagged verdict waits; a stranger needs its own visible reason.
  const holds = trustedSender ? [] : [HELD_UNKNOWN_SENDER];
  return { approve: verdict.flags.length === 0 && holds.length === 0, holds };
}
