/**
 * What the email, calendar and Slack judges share: the classifier, the person's clock, and small
 * helpers for turning sentence scores into an item-level, calibrated confidence.
 */
import type { ThreadMessage } from '../types';
import type { SentenceClassifier } from './classifier';
import type { MessageModel } from './message-model';
import type { Zone } from '../../lib/time-zone';

/** Everything a judge needs for one item; built once per `generate` call. */
export interface JudgeContext {
  classifier: SentenceClassifier;
  /** Weighs the message features into a calibrated probability. */
  messages: MessageModel;
  /** Messages of the items' threads (optional), for "you already answered this". */
  threads: ReadonlyMap<string, readonly ThreadMessage[]>;
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

/**
 * When the person wrote in the item's thread after the item, they have answered it (or acted on it):
 * the date of their first such message, or null.
 */
export function answeredAt(threadKey: string | null, date: string | null, ctx: JudgeContext): string | null {
  if (!threadKey || ctx.self.size === 0) return null;
  const after = date ? Date.parse(date) : NaN;
  if (!Number.isFinite(after)) return null;
  for (const message of ctx.threads.get(threadKey) ?? []) {
    const at = message.date ? Date.parse(message.date) : NaN;
    if (Number.isFinite(at) && at > after && ctx.self.has(message.from.trim().toLowerCase())) return message.date;
  }
  return null;
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
