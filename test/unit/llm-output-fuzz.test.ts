// Property-based check of the LLM-output validator: whatever a model (or an attacker steering it)
// sends back — extra keys, wrong types, huge strings, invented labels or IDs — checkAnswer never
// throws, accepts only verdicts for labels it asked about, and accounts for every label.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkAnswer } from '../../src/main/ai/llm/schema';

const labels = ['item-1', 'item-2', 'item-3'];

const verdict = fc.record(
  {
    item: fc.oneof(fc.constantFrom(...labels), fc.constantFrom('item-9', '18c2f0a1b2', 'msg-42', ''), fc.string()),
    needs_action: fc.oneof(fc.boolean(), fc.string(), fc.integer()),
    title: fc.oneof(fc.string({ maxLength: 50 }), fc.string({ minLength: 10_000, maxLength: 20_000 }), fc.integer()),
    description: fc.oneof(fc.string(), fc.constant(null)),
    priority: fc.oneof(fc.constantFrom('low', 'medium', 'high', 'urgent'), fc.string()),
    deadline: fc.oneof(fc.constant(null), fc.date({ noInvalidDate: true }).map((date) => date.toISOString()), fc.string()),
    tags: fc.oneof(fc.array(fc.string()), fc.string()),
    confidence: fc.oneof(fc.double(), fc.integer(), fc.string()),
    reasoning: fc.string(),
    task_id: fc.integer(),
    action: fc.constantFrom('approve', 'archive', 'delete'),
  },
  { requiredKeys: ['item'] },
);

const answer = fc.oneof(
  fc.record({ verdicts: fc.array(verdict, { maxLength: 8 }) }),
  fc.record({ verdicts: fc.array(verdict, { maxLength: 4 }), extra: fc.anything() }),
  fc.anything(),
);

describe('LLM answer validator (property-based)', () => {
  it('never throws, only answers requested labels, and gives every label a verdict or a reason', () => {
    fc.assert(
      fc.property(answer, (candidate) => {
        const result = checkAnswer(candidate, labels);
        for (const label of result.verdicts.keys()) expect(labels).toContain(label);
        for (const label of labels) expect(result.verdicts.has(label) !== result.problems.has(label)).toBe(true);
        for (const accepted of result.verdicts.values()) {
          expect(accepted.confidence).toBeGreaterThanOrEqual(0);
          expect(accepted.confidence).toBeLessThanOrEqual(1);
          expect(Object.keys(accepted)).not.toContain('task_id');
          expect(Object.keys(accepted)).not.toContain('action');
        }
      }),
      { numRuns: 2000 },
    );
  }, 60_000);

  it('answers nothing from a huge answer that names no requested label', () => {
    const huge = { verdicts: Array.from({ length: 5000 }, (_, index) => ({ item: `item-${index}`, title: 'x'.repeat(1000) })) };
    const result = checkAnswer(huge, labels);
    expect(result.verdicts.size).toBe(0);
    expect([...result.problems.keys()].sort()).toEqual([...labels].sort());
  });
});
