/**
 * The LLM suggestion engine: items in batches of labelled, delimited data through the openai SDK,
 * verdicts checked one by one and mapped back to items by position, never by an ID the model
 * wrote. A bad verdict costs its item (retried alone once); an API failure ends the run quietly
 * with a failure per item, so a sync never throws because of the model. An item the content step
 * flagged is always judged alone, so it can never steer the verdict on another item.
 */
import { APIUserAbortError } from 'openai';
import type { Logger } from '../../logging/logger';
import { silentLogger } from '../../logging/logger';
import { itemLabel, type ProviderItem } from '../../items/provider-item';
import type { EngineResult, EngineUsage, GeneratedSuggestion, GenerationContext, GenerationFailure, SuggestionEngine } from '../types';
import { createOpenAiClient, describeLlmError, type LlmConfig, type LlmDeps, type LlmFailureInfo } from './llm-client';
import { askBatch, type AskOutcome, type ServerTraits } from './llm-request';
import { buildPrompt, DEFAULT_PROMPT_LIMITS } from './prompt';
import type { PromptLimits } from './render-item';
import type { PersonalGuidance } from '../learning/guidance';
import { capText, cleanTags, TEXT_LIMITS, type Verdict } from './schema';
import { safeTimeZone } from '../../lib/time-zone';
import { resolveDeadline } from './model-deadline';
import type { CalibrationMap } from '../calibration';
import { calibratedConfidence, createLlmCalibration, type LlmCalibrationLookup } from './verdict-calibration';


/**
 * Items per request by default. Measured against the fake's token counting over the 40-item
 * corpus (test/integration/llm-batching.test.ts): per-item tokens fall steeply up to 10 and
 * barely after, while bigger batches make one bad answer cost more and answers slower.
 */
export const DEFAULT_ITEMS_PER_REQUEST = 10;
/** Rendered characters per request, so ten long emails do not make one huge prompt. */
const REQUEST_CHAR_BUDGET = 40_000;

/** Engine settings beyond the connection. */
export interface LlmEngineConfig extends LlmConfig {
  /** Requests in flight at once (default 2). */
  concurrency?: number;
  /** Bounds on item text in the prompt. */
  promptLimits?: Partial<PromptLimits>;
  /** Calibration maps by model (default: the bundled ones fitted by scripts/calibrate-llm.ts). */
  calibration?: LlmCalibrationLookup;
}

type Entry = GeneratedSuggestion | GenerationFailure;

function approxChars(item: ProviderItem, limits: PromptLimits): number {
  const text = item.type === 'email' ? item.bodyText.length : item.type === 'calendar_event' ? item.description.length : item.text.length;
  return Math.min(text, Math.max(limits.bodyChars, limits.eventDescriptionChars, limits.slackTextChars)) + 500;
}

/**
 * Splits items into batches of at most `max` items and about `budget` characters. A flagged item
 * (hidden text, an injection attempt, a sensitive request) gets a request of its own: in a shared
 * prompt its text could steer the verdicts of the others, whose flags come only from their own
 * text. The flags are known before any request, so the others are judged without it from the start
 * rather than judged twice.
 */
function makeBatches(items: readonly ProviderItem[], max: number, limits: PromptLimits): ProviderItem[][] {
  const batches: ProviderItem[][] = [];
  let current: ProviderItem[] = [];
  let chars = 0;
  for (const item of items) {
    if (item.contentFlags.length > 0) {
      batches.push([item]);
      continue;
    }
    const size = approxChars(item, limits);
    if (current.length > 0 && (current.length >= max || chars + size > REQUEST_CHAR_BUDGET)) {
      batches.push(current);
      current = [];
      chars = 0;
    }
    current.push(item);
    chars += size;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

/**
 * A preparation task must be done before the event: a missing deadline, or one after the start,
 * becomes the start minus the preparation hours (an earlier one the model found is kept).
 */
function prepDeadline(item: ProviderItem, deadline: string | null, needsAction: boolean, prepTaskHours: number): string | null {
  if (item.type !== 'calendar_event' || !needsAction || !item.start) return deadline;
  const start = new Date(item.start).getTime();
  if (Number.isNaN(start)) return deadline;
  if (deadline !== null && new Date(deadline).getTime() <= start) return deadline;
  return new Date(start - Math.max(0, prepTaskHours) * 3_600_000).toISOString();
}

function toSuggestion(verdict: Verdict, item: ProviderItem, context: GenerationContext, model: string, timeZone: string, calibration: CalibrationMap | null): GeneratedSuggestion {
  const itemDate = item.date ? new Date(item.date) : null;
  const reference = itemDate && !Number.isNaN(itemDate.getTime()) ? itemDate : context.now;
  const deadline = resolveDeadline(verdict.deadline, reference, timeZone);
  return {
    needsAction: verdict.needs_action,
    title: capText(verdict.title, TEXT_LIMITS.title, true) || itemLabel(item),
    description: capText(verdict.description, TEXT_LIMITS.description, false),
    priority: verdict.priority,
    deadline: prepDeadline(item, deadline, verdict.needs_action, context.prepTaskHours),
    tags: cleanTags(verdict.tags),
    // The probability that the item needs action (docs/calibration.md), not the model's raw number.
    confidence: Math.round(calibratedConfidence(calibration, verdict.needs_action, verdict.confidence) * 1000) / 1000,
    reasoning: capText(verdict.reasoning, TEXT_LIMITS.reasoning, false),
    model,
    // The content step scanned the item once; the model's answer adds no flags of its own.
    flags: [...item.contentFlags],
  };
}

/** Runs `tasks` with at most `limit` in flight. */
async function pool<T>(inputs: readonly T[], limit: number, run: (input: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < inputs.length) {
      const input = inputs[next++] as T;
      await run(input);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, inputs.length) }, worker));
}

/** Collaborators of the engine: the connection's, plus the person's preferences for the prompt. */
export interface LlmEngineDeps extends LlmDeps {
  /** The person's rules and recent decisions, read once per `generate` call. */
  guidance?: () => PersonalGuidance | null;
}

/** Creates the LLM engine for an OpenAI-compatible server. */
export function createLlmEngine(config: LlmEngineConfig, deps: LlmEngineDeps = {}): SuggestionEngine {
  const logger: Logger = (deps.logger ?? silentLogger()).child('llm');
  const client = createOpenAiClient(config, { ...deps, logger });
  // Learned per engine instance: once a server rejects json_schema it is not asked again.
  const traits: ServerTraits = { mode: 'json_schema', temperature: true };
  const maxItems = Math.max(1, Math.min(50, Math.floor(config.maxItemsPerRequest ?? DEFAULT_ITEMS_PER_REQUEST)));
  const concurrency = Math.max(1, Math.min(8, Math.floor(config.concurrency ?? 2)));
  const limits: PromptLimits = { ...DEFAULT_PROMPT_LIMITS, ...config.promptLimits };
  const calibration = (config.calibration ?? createLlmCalibration())(config.model);

  async function generate(items: readonly ProviderItem[], context: GenerationContext): Promise<EngineResult> {
    const usage: EngineUsage = { requests: 0, promptTokens: 0, completionTokens: 0 };
    const entries = new Map<string, Entry>();
    const timeZone = safeTimeZone(context.timeZone);
    let fatal: LlmFailureInfo | null = null;
    let strays = 0;
    const guidance = deps.guidance?.() ?? null;

    const judge = async (batch: ProviderItem[], mayRetryAlone: boolean): Promise<void> => {
      if (!fatal && context.signal?.aborted) fatal = describeLlmError(new APIUserAbortError(), config);
      if (fatal) {
        for (const item of batch) entries.set(item.id, { error: fatal.message, cause: 'model' });
        return;
      }
      const prompt = buildPrompt(batch, context, { limits, guidance });
      const modeBefore = traits.mode;
      let outcome: AskOutcome;
      try {
        outcome = await askBatch({ client, model: config.model, prompt, traits, usage, signal: context.signal, onStray: (s) => (strays += s.length) });
      } catch (error) {
        fatal = fatal ?? describeLlmError(error, config);
        // A failed call still counts as a request (the SDK's own retries inside it do not).
        if (fatal.kind !== 'cancelled') usage.requests += 1;
        logger.warn('LLM request failed; the remaining items wait for the next sync', { kind: fatal.kind, status: fatal.status, detail: fatal.detail, items: batch.length });
        for (const item of batch) entries.set(item.id, { error: fatal.message, cause: 'model' });
        return;
      }
      if (traits.mode !== modeBefore) logger.info('LLM server does not support the answer format; switched', { from: modeBefore, to: traits.mode });
      const retry: ProviderItem[] = [];
      batch.forEach((item, index) => {
        const label = prompt.labels[index] ?? '';
        const verdict = outcome.verdicts.get(label);
        if (verdict) entries.set(item.id, toSuggestion(verdict, item, context, config.model, timeZone, calibration));
        else {
          entries.set(item.id, { error: `The model gave no usable answer for this item: ${outcome.problems.get(label) ?? 'no verdict'}.`, cause: 'model' });
          retry.push(item);
        }
      });
      // Structured output already constrains the format, so a missing verdict in a batch is worth
      // one lone retry; in the validated modes the repair round was that second chance, unless the
      // whole answer was lost (refusal, cut off), where asking item by item isolates the cause.
      const worthSplitting = mayRetryAlone && batch.length > 1 && (traits.mode === 'json_schema' || outcome.wholeAnswerProblem !== null);
      if (retry.length > 0 && worthSplitting) {
        logger.info('Retrying items alone after an unusable batch answer', { items: retry.length, reason: outcome.wholeAnswerProblem ?? 'some verdicts invalid' });
        for (const item of retry) await judge([item], false);
      }
    };

    await pool(makeBatches(items, maxItems, limits), concurrency, (batch) => judge(batch, true));
    if (strays > 0) logger.warn('The model answered for labels it was not given; ignored', { count: strays });
    const results = new Map<string, Entry>();
    for (const item of items) results.set(item.id, entries.get(item.id) ?? { error: 'The item was not judged.', cause: 'model' });
    const failures = [...results.values()].filter((entry) => 'error' in entry).length;
    logger.info('LLM generation done', { items: items.length, failures, mode: traits.mode, ...usage });
    return { results, usage };
  }

  return { name: config.model, generate };
}
