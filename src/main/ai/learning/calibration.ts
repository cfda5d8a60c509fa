/**
 * Calibration from decisions: the auto-approve threshold in force is the lowest one, at or above the
 * person's setting, at which this person's recent outcomes say auto-approve stays right at least 90%
 * of the time. Outcomes are every decided suggestion (approved, dismissed, auto-approved and kept or
 * undone) with the confidence it had, so an undone auto-approval, or a confident suggestion the
 * person dismissed, raises the threshold above its confidence; enough approvals there lower it again,
 * never below the setting. The estimate is smoothed toward the target (a Beta prior worth PRIOR_WEIGHT
 * outcomes), so one undo among many approvals does not move it, and no outcomes keep the setting.
 */

/** The precision auto-approve keeps for this person. */
export const TARGET_PRECISION = 0.9;
/** Weight of the prior (in outcomes) that smooths the precision estimate toward the target. */
export const PRIOR_WEIGHT = 10;
/** Recent outcomes considered (preferences drift; old decisions say less). */
export const CALIBRATION_WINDOW = 300;
const STEP = 0.01;

/** One decided suggestion. */
export interface CalibrationOutcome {
  confidence: number;
  approved: boolean;
  autoApproved: boolean;
}

/** The threshold in force and what Settings says about it. */
export interface AdaptedThreshold {
  threshold: number;
  /** A sentence when the threshold was raised, else null. */
  explanation: string | null;
  /** Auto-approved outcomes in the window: undone vs kept. */
  undone: number;
  kept: number;
}

/** Smoothed precision of outcomes at or above a confidence. */
export function precisionAt(outcomes: readonly CalibrationOutcome[], threshold: number): number {
  let n = 0;
  let approved = 0;
  for (const outcome of outcomes) {
    if (outcome.confidence + 1e-9 < threshold) continue;
    n += 1;
    if (outcome.approved) approved += 1;
  }
  return (approved + TARGET_PRECISION * PRIOR_WEIGHT) / (n + PRIOR_WEIGHT);
}

/** The threshold to use for `setting` given recent outcomes (newest first; only the window is read). */
export function adaptThreshold(outcomes: readonly CalibrationOutcome[], setting: number): AdaptedThreshold {
  const recent = outcomes.slice(0, CALIBRATION_WINDOW);
  const auto = recent.filter((outcome) => outcome.autoApproved);
  const undone = auto.filter((outcome) => !outcome.approved).length;
  const kept = auto.length - undone;
  let threshold = setting;
  // Cents, so the scan is exact and a threshold reads as a person would write it.
  for (let cents = Math.round(setting * 100); cents <= 100; cents += Math.round(STEP * 100)) {
    threshold = cents / 100;
    if (precisionAt(recent, threshold) >= TARGET_PRECISION - 1e-9) break;
  }
  threshold = Math.max(setting, threshold);
  if (threshold <= setting + 1e-9) return { threshold: setting, explanation: null, undone, kept };
  const rejected = recent.filter((outcome) => !outcome.approved && outcome.confidence + 1e-9 >= setting).length;
  const explanation =
    `Auto-approve now needs a confidence of ${threshold.toFixed(2)} instead of your ${setting.toFixed(2)}: ` +
    `${rejected} of your recent suggestions at or above ${setting.toFixed(2)} were dismissed or undone, ` +
    `and it keeps at least ${Math.round(TARGET_PRECISION * 100)}% of the tasks it makes right for you.`;
  return { threshold, explanation, undone, kept };
}
