/**
 * The offline engine's message model: a logistic regression over the named message features
 * (message-features.ts), fitted on the real-mail train split, then a calibration map fitted on the
 * dev split so that its output is the probability that the message needs action, and the decision
 * threshold chosen on dev. Written by scripts/fit-message-model.ts to message-model.json.
 */
import { z } from 'zod';
import { applyCalibration, CalibrationMapSchema, type CalibrationMap } from '../calibration';
import { MESSAGE_FEATURE_VERSION } from './message-features';
import bundledModel from './message-model.json';

const MessageModelSchema = z.object({
  featureVersion: z.number().int(),
  bias: z.number(),
  weights: z.record(z.string(), z.number()),
  calibration: CalibrationMapSchema,
  /** Calibrated probability at or above which the message needs action. */
  threshold: z.number().min(0).max(1),
  /**
   * The same for a message of one sentence. Its share of requests is much higher than among whole
   * messages, and the best decision threshold on calibrated probabilities sits near that share, so
   * one-liners get their own (chosen on one-sentence emails, not on the real-mail dev split).
   */
  shortThreshold: z.number().min(0).max(1).optional(),
});

/** A loaded message model. */
export interface MessageModel {
  /** The uncalibrated score (logit of the regression). */
  raw(features: Readonly<Record<string, number>>): number;
  /** The calibrated probability that the message needs action. */
  probability(features: Readonly<Record<string, number>>): number;
  readonly threshold: number;
  /** The decision threshold for a message with these features (one-liners have their own). */
  thresholdFor(features: Readonly<Record<string, number>>): number;
  readonly calibration: CalibrationMap;
}

/** Builds the model from a file's content (the bundled one by default). */
export function loadMessageModel(raw: unknown = bundledModel): MessageModel {
  const file = MessageModelSchema.parse(raw);
  if (file.featureVersion !== MESSAGE_FEATURE_VERSION) {
    throw new Error(`message model was fitted for features v${file.featureVersion}, the code has v${MESSAGE_FEATURE_VERSION}: run scripts/fit-message-model.ts`);
  }
  const rawScore = (features: Readonly<Record<string, number>>): number => {
    let z = file.bias;
    for (const [name, weight] of Object.entries(file.weights)) z += weight * (features[name] ?? 0);
    return z;
  };
  return {
    raw: rawScore,
    probability: (features) => applyCalibration(file.calibration, rawScore(features)),
    threshold: file.threshold,
    thresholdFor: (features) => ((features.length ?? 0) <= 1 && file.shortThreshold !== undefined ? file.shortThreshold : file.threshold),
    calibration: file.calibration,
  };
}
