/**
 * The trust half of auto-approve (the confidence half is ai/auto-approve-policy.ts: calibrated
 * confidence against the threshold measured for the engine and item kind, raised by the person's
 * learned threshold). Pure: sync/auto-approve.ts composes both halves in the one decision the sync
 * writer calls, and the writer stores the reasons a suggestion was held, which the feed shows.
 *
 * Trust never allows auto-approve for:
 * - a verdict with any flag (hidden text, injection attempts, and the `sensitive:` requests about
 *   payments, credentials, gift cards or sending data out, which the content step raises);
 * - a sender the person never wrote to nor approved a suggestion from (a stranger can send anything);
 * - an item judged in one LLM request with a flagged item: the LLM engine never batches those
 *   together (ai/llm/llm-engine.ts), so every verdict that reaches here was judged apart from them.
 */

/** Why a suggestion that would otherwise have been auto-approved was held for review; stored as a flag. */
export const HELD_UNKNOWN_SENDER = 'held:unknown-sender';

/** What the trust rules say about one verdict. */
export interface TrustDecision {
  /** No flag and a known sender: trust does not stand in the way. */
  trusted: boolean;
  /** Flags that explain a hold the verdict's own flags do not (added to the suggestion's flags). */
  holds: string[];
}

/** True when the item's sender is the person or someone they dealt with before. */
export function isTrustedSender(senderKey: string | null, selfAddresses: readonly string[], isKnown: (key: string) => boolean): boolean {
  if (senderKey === null) return false;
  return selfAddresses.some((self) => self.trim().toLowerCase() === senderKey) || isKnown(senderKey);
}

/** The trust rules for one verdict, given its flags (already merged with the item's content flags). */
export function judgeTrust(flags: readonly string[], trustedSender: boolean): TrustDecision {
  // The flags already say why a flagged verdict waits; a stranger needs its own visible reason.
  const holds = trustedSender ? [] : [HELD_UNKNOWN_SENDER];
  return { trusted: flags.length === 0 && trustedSender, holds };
}
