/**
 * The offline engine with the person's model blended in: the shipped engine judges, then each
 * verdict's confidence is moved by what this person's decisions taught (within the bounds of
 * personal-model.ts), and the verdict follows the moved confidence. The reasoning says so when the
 * move is noticeable, so the suggestion's "why" is honest about it.
 */
import { ruleKeysOf } from '../../items/rules';
import type { ProviderItem } from '../../items/provider-item';
import { isFailure, type GeneratedSuggestion, type SuggestionEngine } from '../types';
import { blendConfidence, type PersonalInput, type PersonalModelState } from './personal-model';

/** Confidence at which a blended verdict counts as needing action (the offline classifier's threshold). */
const ACTION_THRESHOLD = 0.5;
/** A move smaller than this is not worth a sentence. */
const NOTICEABLE = 0.05;

/** The personal model's view of an item and the title an engine gave it. */
export function personalInputOf(item: ProviderItem, title: string): PersonalInput {
  const keys = ruleKeysOf(item);
  return { kind: item.type, sender: keys.sender, domain: keys.domain, list: keys.list, channel: keys.channel, text: title };
}

function personalise(item: ProviderItem, verdict: GeneratedSuggestion, model: PersonalModelState): GeneratedSuggestion {
  const confidence = blendConfidence(model, verdict.confidence, personalInputOf(item, verdict.title));
  if (Math.abs(confidence - verdict.confidence) < NOTICEABLE) return { ...verdict, confidence };
  const direction = confidence > verdict.confidence ? 'raised' : 'lowered';
  const note = `Your earlier decisions ${direction} its confidence from ${verdict.confidence.toFixed(2)} to ${confidence.toFixed(2)}.`;
  return { ...verdict, confidence, needsAction: confidence >= ACTION_THRESHOLD, reasoning: `${verdict.reasoning} ${note}`.trim() };
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
