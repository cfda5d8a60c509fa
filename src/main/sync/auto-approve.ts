/**
 * The one auto-approve decision. Three things must all allow a suggestion to become a task by itself:
 * - the engine's gate: its calibrated confidence against the threshold it earned on held-out data for
 *   this item kind (ai/auto-approve-policy.ts; off where unmeasured);
 * - the person's learned threshold: raised above their setting when their own outcomes call for it
 *   (ai/learning/calibration.ts; the gate applies at the higher of the two, never lower);
 * - the trust policy (trust-policy.ts): no flag (sensitive requests, hidden text, injection, warnings)
 *   and a known sender. Trust vetoes whatever the confidence: a stranger's payment request at 0.99
 *   waits for the person.
 * The sync writer calls `decideAutoApprove` once per new suggestion; Settings shows `autoApproveGate`,
 * so what it says is what the sync does.
 */
import type { ProviderItemType } from '../../shared/models';
import { gateFor, mayAutoApprove, withPersonalThreshold, type AutoApproveGate, type AutoApproveSettings, type GatedVerdict, type PersonalThreshold } from '../ai/auto-approve-policy';
import type { EngineQuality } from '../ai/quality';
import { isTrustedSender, judgeTrust } from './trust-policy';

/** What auto-approve weighs for one sync's verdicts, gathered once by the sync engine. */
export interface AutoApproveContext {
  /** The person's setting (on/off, threshold). */
  settings: AutoApproveSettings;
  /** The engine that judged the verdicts, and what it measured on held-out data (null: unmeasured). */
  engine: string;
  quality: EngineQuality | null;
  /** The threshold the person's own outcomes call for, or null before any. */
  personal: PersonalThreshold | null;
  /** The person's own addresses: their own items count as from a known sender. */
  selfAddresses: readonly string[];
}

/** Whether a suggestion becomes a task by itself, and the flags that explain a hold. */
export interface AutoApproveDecision {
  approve: boolean;
  /** Flags to store with the suggestion so the feed says why it waits (empty when nothing held it). */
  holds: string[];
}

/** The confidence gate for one item kind: the engine's measured gate narrowed by the person's learned threshold. */
export function autoApproveGate(context: Pick<AutoApproveContext, 'settings' | 'engine' | 'quality' | 'personal'>, kind: ProviderItemType): AutoApproveGate {
  return withPersonalThreshold(gateFor(context.settings, context.quality, kind, context.engine), context.personal);
}

/**
 * Decides one verdict (flags already merged with the item's content flags). `isKnown` is asked only
 * when the confidence gate would approve: a known-correspondent lookup per item is not free. A hold
 * is recorded only where confidence alone would have approved, so an unsure suggestion does not
 * pretend it was close.
 */
export function decideAutoApprove(
  context: AutoApproveContext,
  verdict: GatedVerdict,
  kind: ProviderItemType,
  senderKey: string | null,
  isKnown: (key: string) => boolean,
): AutoApproveDecision {
  const gate = autoApproveGate(context, kind);
  // The confidence half alone; the flags are the trust policy's business below.
  if (!mayAutoApprove({ ...verdict, flags: [] }, gate)) return { approve: false, holds: [] };
  const trust = judgeTrust(verdict.flags, isTrustedSender(senderKey, context.selfAddresses, isKnown));
  return { approve: trust.trusted && mayAutoApprove(verdict, gate), holds: trust.holds };
}
