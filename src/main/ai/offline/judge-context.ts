/**
 * What the email, calendar and Slack judges share: the classifier, the person's clock, and small
 * helpers for turning sentence scores into an item-level, calibrated confidence.
 */
import type { SentenceClassifier } from './classifier';
import type { Zone } from '../../lib/time-zone';

/** Everything a judge needs for one item; built once per `generate` call. */
export interface JudgeContext {
  classifier: SentenceClassifier;
  zone: Zone;
  now: Date;
  prepTaskHours: number;
  /** The person's own addresses (lower-cased), Slack IDs or names. */
  self: ReadonlySet<string>;
  model: string;
}

/** log(p / (1 - p)), clamped so 0 and 1 stay finite. */
export function logit(p: number): number {
  const q = Math.min(1 - 1e-6, Math.max(1e-6, p));
  return Math.log(q / (1 - q));
}

/** Confidence rounded to 3 decimals, inside 0..1. */
export function roundConfidence(p: number): number {
  return Math.min(1, Math.max(0, Math.round(p * 1000) / 1000));
}

/** The item's own date when it has a valid one, else "now": relative dates are read against it. */
export function referenceDate(date: string | null, now: Date): Date {
  const ms = date ? Date.parse(date) : NaN;
  return Number.isFinite(ms) ? new Date(ms) : now;
}
