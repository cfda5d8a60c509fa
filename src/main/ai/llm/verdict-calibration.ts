/**
 * The LLM's stated confidence made a probability. A model's "confidence" may mean "how sure I am
 * that it needs action" or "how sure I am of my answer"; `verdictScore` reads both as one score for
 * "needs action", and a calibration map fitted on that model's verdicts over labelled items it never
 * saw (scripts/calibrate-llm.ts, docs/calibration.md) turns the score into a probability. A model
 * without a fitted map keeps its own score, and auto-approve stays off for it (never measured).
 */
import { z } from 'zod';
import { applyCalibration, CalibrationMapSchema, type CalibrationMap } from '../calibration';
import bundled from './calibration.json';

const FileSchema = z.object({
  models: z.record(z.string(), z.object({ map: CalibrationMapSchema, fittedOn: z.string().optional() })),
});

/** One score for "needs action" from a verdict: the confidence when it says yes, the lower reading when it says no. */
export function verdictScore(needsAction: boolean, confidence: number): number {
  const c = Math.min(1, Math.max(0, confidence));
  return needsAction ? c : Math.min(c, 1 - c);
}

/** Looks up a model's calibration map; null when the model was never calibrated. */
export type LlmCalibrationLookup = (model: string) => CalibrationMap | null;

/** A lookup over a calibration file's content (the bundled one by default); malformed means none. */
export function createLlmCalibration(raw: unknown = bundled): LlmCalibrationLookup {
  const parsed = FileSchema.safeParse(raw);
  const models = parsed.success ? parsed.data.models : {};
  return (model) => models[model]?.map ?? null;
}

/** The probability that the item needs action, from a verdict and the model's map (if any). */
export function calibratedConfidence(map: CalibrationMap | null, needsAction: boolean, confidence: number): number {
  const score = verdictScore(needsAction, confidence);
  return map ? applyCalibration(map, score) : score;
}
