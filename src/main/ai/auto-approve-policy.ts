/**
 * Where auto-approve applies: the person's setting (on/off, threshold) meets what the engine
 * measured on held-out data. An engine, per item kind, auto-approves only where its measured
 * precision at the threshold in use is at least `MIN_PRECISION`: otherwise the threshold is raised
 * to the lowest measured one that earns it, or auto-approve is off for that kind, with the reason in
 * words for Settings. Pure functions, so other trust rules (known correspondents, sensitive requests)
 * can compose with `gateFor` and `mayAutoApprove` by narrowing their result further.
 */
import type { ProviderItemType } from '../../shared/models';
import type { EngineQuality } from './quality';

/** Lowest measured auto-approve precision an engine must show on held-out data. */
export const MIN_PRECISION = 0.9;
/** Fewest held-out items above a threshold for its precision to count as measured. */
export const MIN_MEASURED = 5;

/** The person's auto-approve settings. */
export interface AutoApproveSettings {
  enabled: boolean;
  threshold: number;
}

/** What auto-approve does for one engine and item kind. */
export interface AutoApproveGate {
  enabled: boolean;
  /** Confidence at or above which a suggestion becomes a task (>= the person's threshold). */
  threshold: number;
  /** Why, in a sentence a person understands. */
  reason: string;
}

const KIND_LABEL: Record<ProviderItemType, string> = { email: 'email', calendar_event: 'calendar events', slack_message: 'Slack messages', notion_page: 'Notion pages' };

function percent(value: number): string {
  return `${Math.round(value * 100)}%`;
}

/** The gate for one engine (its measured figures, or null; `engine` names it when unmeasured) and one item kind. */
export function gateFor(settings: AutoApproveSettings, quality: EngineQuality | null, kind: ProviderItemType, engine = quality?.engine ?? 'this engine'): AutoApproveGate {
  const label = KIND_LABEL[kind];
  if (!settings.enabled) return { enabled: false, threshold: settings.threshold, reason: 'Auto-approve is off in Settings.' };
  const measured = quality?.kinds[kind];
  if (!quality || !measured) {
    return {
      enabled: false,
      threshold: settings.threshold,
      reason: `Off for ${label} from ${engine}: its precision was never measured on held-out ${label}, so it has not earned it.`,
    };
  }
  const earned = measured.autoApprove.filter((p) => p.threshold >= settings.threshold - 1e-9 && p.count >= MIN_MEASURED && p.precision !== null && p.precision >= MIN_PRECISION);
  const first = earned.sort((a, b) => a.threshold - b.threshold)[0];
  const at = measured.autoApprove.filter((p) => p.threshold <= settings.threshold + 1e-9).sort((a, b) => b.threshold - a.threshold)[0];
  if (!first) {
    const seen =
      at?.precision != null
        ? ` (${percent(at.precision)} of ${at.count} held-out items at ${percent(at.threshold)} truly needed action)`
        : ` (no held-out item reached ${percent(settings.threshold)} confidence)`;
    return {
      enabled: false,
      threshold: settings.threshold,
      reason: `Off for ${label} from ${quality.engine}: its measured precision stays below ${percent(MIN_PRECISION)} at ${percent(settings.threshold)} and above${seen}.`,
    };
  }
  const precision = percent(first.precision ?? 0);
  if (first.threshold > settings.threshold + 1e-9) {
    return {
      enabled: true,
      threshold: first.threshold,
      reason: `Raised to ${percent(first.threshold)} for ${label} from ${quality.engine}: below that its measured precision is under ${percent(MIN_PRECISION)}; at ${percent(first.threshold)} it is ${precision} (${first.count} held-out items).`,
    };
  }
  return {
    enabled: true,
    threshold: settings.threshold,
    reason: `On for ${label} from ${quality.engine}: measured precision ${precision} at ${percent(first.threshold)} on ${measured.count} held-out items.`,
  };
}

/** The gates of one engine for every item kind. */
export function gatesFor(settings: AutoApproveSettings, quality: EngineQuality | null, engine?: string): Record<ProviderItemType, AutoApproveGate> {
  return {
    email: gateFor(settings, quality, 'email', engine),
    calendar_event: gateFor(settings, quality, 'calendar_event', engine),
    slack_message: gateFor(settings, quality, 'slack_message', engine),
    notion_page: gateFor(settings, quality, 'notion_page', engine),
  };
}

/** The threshold this person's own outcomes call for (ai/learning/calibration's adaptThreshold). */
export interface PersonalThreshold {
  threshold: number;
  /** Why it is above the setting, or null when it is not. */
  explanation: string | null;
}

/**
 * The engine's gate narrowed by the person's adapted threshold: it applies at the higher of the two
 * (what the engine earned on held-out data, and what this person's undone auto-approvals call for),
 * and stays off where the engine has not earned it. Never lowers a gate.
 */
export function withPersonalThreshold(gate: AutoApproveGate, personal: PersonalThreshold | null): AutoApproveGate {
  if (!gate.enabled || !personal || personal.threshold <= gate.threshold + 1e-9) return gate;
  const why = personal.explanation ?? `Raised to ${percent(personal.threshold)} for you: your recent decisions call for it.`;
  return { enabled: true, threshold: personal.threshold, reason: `${gate.reason} ${why}` };
}

/** A verdict as the gate sees it. */
export interface GatedVerdict {
  needsAction: boolean;
  confidence: number;
  flags: readonly string[];
}

/** True when a verdict may become a task without the person looking at it. Flagged items never do. */
export function mayAutoApprove(verdict: GatedVerdict, gate: AutoApproveGate): boolean {
  return gate.enabled && verdict.needsAction && verdict.confidence >= gate.threshold && verdict.flags.length === 0;
}
