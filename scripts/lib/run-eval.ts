/**
 * The eval harness core (docs/ARCHITECTURE.md §6): runs an engine over parsed eval items and builds the
 * report. Kept apart from scripts/eval.ts so tests can run it without a child process.
 */
import type { ProviderItemType } from '../../src/shared/models';
import { isFailure, type SuggestionEngine, type ThreadMessage } from '../../src/main/ai/types';
import { threadMessagesOf } from '../../src/main/items/thread-messages';
import type { EvalItem } from './eval-items';
import { calibrationOf, confusion, metricsOf, roundMetrics, type CalibrationReport, type Metrics } from './metrics';

/** The default auto-approve threshold of Settings, at which `calibration.auto_approve_*` are counted. */
export const DEFAULT_AUTO_APPROVE_THRESHOLD = 0.85;

/** One prediction of the report. */
export interface EvalPrediction {
  id: string;
  needs_action: boolean;
  confidence: number | null;
  title: string;
  deadline: string | null;
  /** Present when the engine failed on the item; it then counts as "no action" in the metrics. */
  error?: string;
}

/** The report written to --output. */
export interface EvalReport {
  engine: string;
  model: string;
  count: number;
  /** Items that carried needs_action (the metrics' population). */
  labelled: number;
  metrics: Metrics;
  /** Calibration of `confidence` (ECE, 10 bins) and what auto-approve at the threshold would take. */
  calibration: CalibrationReport;
  /** The same metrics per item kind, for kinds with labelled items. */
  metrics_by_kind: Partial<Record<ProviderItemType, Metrics & { labelled: number }>>;
  failures: number;
  /** The context the engine ran with, so a run can be reproduced. */
  context: { now: string; timeZone: string; prepTaskHours: number; selfAddresses: string[] };
  note?: string;
  /** Absent when the run was asked for aggregate figures only (a held-out split). */
  predictions?: EvalPrediction[];
}

/** How the engine is run. */
export interface EvalOptions {
  /** `offline` or `llm`, as given on the command line. */
  engineLabel: string;
  /** "Now" for the engine; defaults to `defaultNow(items)`. */
  now?: Date;
  timeZone: string;
  prepTaskHours: number;
  selfAddresses: string[];
  /** Items per `generate` call (the LLM engine batches within a call). */
  chunkSize?: number;
  onProgress?: (done: number, total: number) => void;
  /** Auto-approve threshold for `calibration` (default 0.85). */
  autoApproveThreshold?: number;
  /** Leave the per-item predictions out of the report (for a held-out split nobody may look into). */
  aggregateOnly?: boolean;
}

/**
 * The threads of an eval file, as the sync would know them: every email (or Slack message) with a
 * thread ID, by thread, with its author and date (the order the file's dates give).
 */
export function threadsOf(items: readonly EvalItem[]): Map<string, ThreadMessage[]> {
  return threadMessagesOf(items.map((i) => i.item));
}

/**
 * The default "now": the newest item date in the file (as if the inbox were read just after its last
 * message), so the same file gives the same figures whenever it is run; the clock only when no item
 * has a date.
 */
export function defaultNow(items: readonly EvalItem[]): Date {
  let newest = -Infinity;
  for (const { item } of items) {
    const ms = item.date ? Date.parse(item.date) : NaN;
    if (Number.isFinite(ms) && ms > newest) newest = ms;
  }
  return Number.isFinite(newest) ? new Date(newest) : new Date();
}

function metricsFor(pairs: Array<{ actual: boolean; predicted: boolean }>): Metrics {
  return roundMetrics(metricsOf(confusion(pairs)));
}

/** Runs the engine over the items and builds the report. */
export async function runEval(items: readonly EvalItem[], engine: SuggestionEngine, options: EvalOptions): Promise<EvalReport> {
  const now = options.now ?? defaultNow(items);
  const selfAddresses = [...new Set([...options.selfAddresses, ...items.flatMap((i) => i.self)].map((a) => a.trim().toLowerCase()))];
  const context = { now, timeZone: options.timeZone, prepTaskHours: options.prepTaskHours, selfAddresses, threads: threadsOf(items) };
  const chunk = Math.max(1, options.chunkSize ?? 100);
  const predictions: EvalPrediction[] = [];
  let failures = 0;
  for (let i = 0; i < items.length; i += chunk) {
    const part = items.slice(i, i + chunk);
    const { results } = await engine.generate(
      part.map((p) => p.item),
      context,
    );
    for (const { item } of part) {
      const entry = results.get(item.id);
      if (!entry || isFailure(entry)) {
        failures += 1;
        predictions.push({ id: item.id, needs_action: false, confidence: null, title: '', deadline: null, error: entry ? entry.error : 'no result returned' });
      } else {
        predictions.push({ id: item.id, needs_action: entry.needsAction, confidence: entry.confidence, title: entry.title, deadline: entry.deadline });
      }
    }
    options.onProgress?.(Math.min(items.length, i + chunk), items.length);
  }

  const pairs = items.flatMap((it, i) => (it.label === null ? [] : [{ kind: it.item.type, actual: it.label, predicted: predictions[i]?.needs_action ?? false }]));
  const scored = items.map((it, i) => ({ confidence: predictions[i]?.confidence ?? null, predicted: predictions[i]?.needs_action ?? false, actual: it.label }));
  const calibration = calibrationOf(scored, options.autoApproveThreshold ?? DEFAULT_AUTO_APPROVE_THRESHOLD);
  const byKind: EvalReport['metrics_by_kind'] = {};
  for (const kind of ['email', 'calendar_event', 'slack_message'] as const) {
    const own = pairs.filter((p) => p.kind === kind);
    if (own.length) byKind[kind] = { ...metricsFor(own), labelled: own.length };
  }
  const report: EvalReport = {
    engine: options.engineLabel,
    model: engine.name,
    count: items.length,
    labelled: pairs.length,
    metrics: metricsFor(pairs),
    calibration,
    metrics_by_kind: byKind,
    failures,
    context: { now: now.toISOString(), timeZone: options.timeZone, prepTaskHours: options.prepTaskHours, selfAddresses },
    ...(options.aggregateOnly ? {} : { predictions }),
  };
  if (pairs.length === 0) report.note = 'No item carries needs_action, so every metric is null; predictions are still listed.';
  else if (failures > 0) report.note = `${failures} item(s) failed in the engine and count as "no action" in the metrics.`;
  return report;
}
