/**
 * The offline engine with the person's model blended in: the shipped engine judges and outputs a
 * calibrated probability (its message model's Platt map), then the person's model adds its shift on
 * the logit of that probability (within the bounds of personal-model.ts), and the verdict follows the
 * moved confidence against the engine's own decision threshold for that item. The shift is on the
 * calibrated output, not on the message model's features: the person's lessons are about who sends
 * what (sender, list, channel) and the task's words, which the message model does not see, and the
 * same correction then works whatever features the shipped model is fitted on. A verdict resting on a
 * fact (sent by the person, already answered, a cancelled event) is left alone. The reasoning says so
 * when the move is noticeable, so the suggestion's "why" is honest about it.
 */
import { ruleKeysOf } from '../../items/rules';
import type { ProviderItem } from '../../items/provider-item';
import { isFailure, type GeneratedSuggestion, type SuggestionEngine } from '../types';
import { blendConfidence, type PersonalInput, type PersonalModelState } from './personal-model';

/** Decision threshold for a verdict whose engine does not say its own (the midpoint of a calibrated probability). */
const DEFAULT_DECISION_THRESHOLD = 0.5;
/** A move smaller than this is not worth a sentence. */
const NOTICEABLE = 0.05;

/** The personal model's view of an item and the title an engine gave it. */
export function personalInputOf(item: ProviderItem, title: string): PersonalInput {
  const keys = ruleKeysOf(item);
  return { kind: item.type, sender: keys.sender, domain: keys.domain, list: keys.list, channel: keys.channel, text: title };
}

/** One verdict with the person's model applied (exported for its unit test). */
export function personalise(item: ProviderItem, verdict: GeneratedSuggestion, model: PersonalModelState): GeneratedSuggestion {
  if (verdict.decisionThreshold === null) return verdict;
  const threshold = verdict.decisionThreshold ?? DEFAULT_DECISION_THRESHOLD;
  const confidence = blendConfidence(model, verdict.confidence, personalInputOf(item, verdict.title));
  const needsAction = confidence >= threshold;
  if (Math.abs(confidence - verdict.confidence) < NOTICEABLE && needsAction === verdict.needsAction) return { ...verdict, confidence };
  const direction = confidence > verdict.confidence ? 'raised' : 'lowered';
  const note = `Your earlier decisions ${direction} its confidence from ${verdict.confidence.toFixed(2)} to ${confidence.toFixed(2)}.`;
  return { ...verdict, confidence, needsAction, reasoning: `${verdict.reasoning} ${note}`.trim() };
}

/** Wraps an engine so the current personal model (read at every call) adjusts its verdicts. */
export function withPersonalModel(engine: SuggestionEngine, model: () => PersonalModelState): SuggestionEngine {
  return {
    name: engine.name,
    async generate(items, context) {
      const result = await engine.generate(items, context);
      const state = model();
      if (state.decisions === 0) return result;
      const byId = new Map(items.map((item) => [item.id, item]));
      for (const [id, entry] of result.results) {
        const item = byId.get(id);
        if (item && !isFailure(entry)) result.results.set(id, personalise(item, entry, state));
      }
      return result;
    },
  };
}
