// The personal model over the shipped offline engine: it moves the engine's calibrated probability on
// its logit and decides against the engine's own threshold for the item, never against a fixed one.
import { describe, expect, it } from 'vitest';
import { parseEvalFile } from '../../scripts/lib/eval-items';
import { personalInputOf, personalise, withPersonalModel } from '../../src/main/ai/learning/personal-engine';
import { blendConfidence, emptyPersonalModel, learnDecision, type PersonalModelState } from '../../src/main/ai/learning/personal-model';
import { createOfflineEngine } from '../../src/main/ai/offline';
import messageModel from '../../src/main/ai/offline/message-model.json';
import { isFailure, type GeneratedSuggestion, type GenerationContext } from '../../src/main/ai/types';
import type { ProviderItem } from '../../src/main/items/provider-item';

const AT = '2026-03-02T10:00:00.000Z';
const context: GenerationContext = { now: new Date('2025-03-07T12:00:00Z'), timeZone: 'Europe/Paris', prepTaskHours: 24, selfAddresses: ['me@x.example'] };
const [ask, mine] = parseEvalFile(
  [
    { id: 'ask', kind: 'email', from: 'sam@x.example', subject: 'Q4', date: '2025-03-05T09:00:00Z', body: 'Could you review the Q4 proposal by Friday?' },
    { id: 'mine', kind: 'email', from: 'me@x.example', subject: 'Q4', date: '2025-03-05T09:00:00Z', body: 'Could you review the Q4 proposal by Friday?' },
  ]
    .map((o) => JSON.stringify(o))
    .join('\n'),
).map((i) => i.item) as [ProviderItem, ProviderItem];

/** A model taught `times` decisions on the item's sender, all approvals or all dismissals. */
function taught(item: ProviderItem, title: string, approved: boolean, times: number): PersonalModelState {
  let model = emptyPersonalModel();
  for (let id = 1; id <= times; id += 1) model = learnDecision(model, { suggestionId: id, input: personalInputOf(item, title), shownConfidence: 0.5, approved, at: AT });
  return model;
}

async function judge(item: ProviderItem): Promise<GeneratedSuggestion> {
  const entry = (await createOfflineEngine().generate([item], context)).results.get(item.id)!;
  if (isFailure(entry)) throw new Error(entry.error);
  return entry;
}

describe('personal model over the offline engine', () => {
  it('the engine says the threshold it decided with (its message model\'s), and null where a fact decided', async () => {
    const verdict = await judge(ask);
    expect([messageModel.threshold, messageModel.shortThreshold]).toContain(verdict.decisionThreshold);
    expect(verdict.needsAction).toBe(verdict.confidence >= verdict.decisionThreshold!);
    expect((await judge(mine)).decisionThreshold).toBeNull();
  });

  it('moves the calibrated probability on its logit and decides against the engine\'s threshold', async () => {
    const verdict = await judge(ask);
    const dismissed = taught(ask, verdict.title, false, 30);
    const lowered = personalise(ask, verdict, dismissed);
    expect(lowered.confidence).toBe(blendConfidence(dismissed, verdict.confidence, personalInputOf(ask, verdict.title)));
    expect(lowered.confidence).toBeLessThan(verdict.confidence);
    expect(lowered.needsAction).toBe(lowered.confidence >= verdict.decisionThreshold!);
    expect(lowered.reasoning).toContain(`lowered its confidence from ${verdict.confidence.toFixed(2)}`);
  });

  it('a raise between the engine\'s threshold and 0.5 keeps the item in the feed (no fixed 0.5 boundary)', () => {
    const approved = taught(ask, 'Review the Q4 proposal', true, 5);
    const verdict: GeneratedSuggestion = {
      needsAction: true,
      decisionThreshold: 0.21,
      title: 'Review the Q4 proposal',
      description: '',
      priority: 'medium',
      deadline: null,
      tags: [],
      confidence: 0.3,
      reasoning: 'Asks you to review the Q4 proposal.',
      model: 'offline-v1',
      flags: [],
    };
    const raised = personalise(ask, verdict, approved);
    expect(raised.confidence).toBeGreaterThan(0.35);
    expect(raised.confidence).toBeLessThan(0.5);
    expect(raised.needsAction).toBe(true);
    // Dismissals push the same verdict under the engine's threshold: out of the feed.
    const dropped = personalise(ask, verdict, taught(ask, 'Review the Q4 proposal', false, 30));
    expect(dropped.confidence).toBeLessThan(0.21);
    expect(dropped.needsAction).toBe(false);
  });

  it('leaves a verdict that rests on a fact alone, and changes nothing before the first decision', async () => {
    const settled: GeneratedSuggestion = { ...(await judge(ask)), decisionThreshold: null, needsAction: false, confidence: 0.02 };
    expect(personalise(ask, settled, taught(ask, settled.title, true, 50))).toBe(settled);
    const engine = withPersonalModel(createOfflineEngine(), () => emptyPersonalModel());
    expect((await engine.generate([ask], context)).results.get('ask')).toEqual(await judge(ask));
  });
});
