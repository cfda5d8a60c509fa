import { describe, expect, it } from 'vitest';
import { answerResponseFormat, capText, checkAnswer, cleanTags, strictAnswerJsonSchema } from '../../src/main/ai/llm/schema';
import { resolveDeadline } from '../../src/main/ai/llm/model-deadline';
import { formatLocal } from '../../src/main/lib/time-zone';
import { strictSchemaProblem } from '../fakes/openai/strict-schema';

const verdict = (item: string, extra: Record<string, unknown> = {}) => ({
  item,
  needs_action: true,
  title: 'Send figures',
  description: 'Dana needs the Q3 figures.',
  priority: 'high',
  deadline: '2026-01-09T17:00:00+01:00',
  tags: ['finance'],
  confidence: 0.9,
  reasoning: 'Direct request.',
  ...extra,
});

describe('answer schema (zodResponseFormat with zod 4)', () => {
  it('sends the strict schema OpenAI accepts while parsing leniently', () => {
    const format = answerResponseFormat();
    expect(format.type).toBe('json_schema');
    expect(format.json_schema.strict).toBe(true);
    expect(format.json_schema.schema).toEqual(strictAnswerJsonSchema());
    expect(strictSchemaProblem(format.json_schema)).toBeNull();
    const parse = (format as unknown as { $parseRaw: (content: string) => unknown }).$parseRaw;
    const parsed = parse(JSON.stringify({ verdicts: [verdict('item-1'), { item: 'item-2', confidence: 'high' }] })) as { verdicts: unknown[] };
    expect(parsed.verdicts).toHaveLength(2);
  });

  it('keeps valid verdicts and explains every label without one', () => {
    const checked = checkAnswer(
      {
        verdicts: [
          verdict('item-1'),
          verdict('item-2', { confidence: 'high' }),
          verdict('item-3', { extra: 1 }),
          verdict('item-4', { confidence: 1.5 }),
          verdict('item-5'),
          verdict('item-5', { needs_action: false }),
          verdict('item-99'),
          verdict('msg-18c2f0a9'),
          'garbage',
        ],
      },
      ['item-1', 'item-2', 'item-3', 'item-4', 'item-5', 'item-6'],
    );
    expect([...checked.verdicts.keys()]).toEqual(['item-1']);
    expect(checked.problems.get('item-2')).toMatch(/confidence/);
    expect(checked.problems.get('item-3')).toMatch(/extra|unrecognized/i);
    expect(checked.problems.get('item-4')).toMatch(/0\.\.1/);
    expect(checked.problems.get('item-5')).toMatch(/more than one/);
    expect(checked.problems.get('item-6')).toMatch(/no verdict/);
    expect(checked.stray).toHaveLength(3);
  });

  it('fails every label when the envelope is wrong', () => {
    for (const answer of [null, [], { verdict: [] }, { verdicts: 'x' }]) {
      const checked = checkAnswer(answer, ['item-1', 'item-2']);
      expect(checked.verdicts.size).toBe(0);
      expect(checked.problems.size).toBe(2);
    }
  });

  it('caps text and cleans tags', () => {
    expect(capText(`a\u0000b\n\n\n\nc${'x'.repeat(200)}`, 20, true)).toHaveLength(20);
    expect(capText('line one\n\n\n\nline two', 100, false)).toBe('line one\n\nline two');
    expect(cleanTags([' Finance ', 'finance', 'a\nb', '', 'x'.repeat(50), 'c', 'd', 'e', 'f'])).toEqual(['finance', 'a b', 'x'.repeat(29) + '…', 'c', 'd']);
  });
});

describe('deadlines', () => {
  const ref = new Date('2026-01-05T08:30:00Z');
  it('accepts ISO 8601 with offset or Z', () => {
    expect(resolveDeadline('2026-01-09T17:00:00+01:00', ref, 'Europe/Paris')).toBe('2026-01-09T16:00:00.000Z');
    expect(resolveDeadline('2026-01-09T17:00Z', ref, 'Europe/Paris')).toBe('2026-01-09T17:00:00.000Z');
    expect(resolveDeadline('2026-01-09T17:00:00+0530', ref, 'UTC')).toBe('2026-01-09T11:30:00.000Z');
  });
  it('reads offset-less times and bare dates in the person\'s zone (bare date = 17:00)', () => {
    expect(resolveDeadline('2026-01-09T09:00', ref, 'America/New_York')).toBe('2026-01-09T14:00:00.000Z');
    expect(resolveDeadline('2026-01-09', ref, 'Europe/Paris')).toBe('2026-01-09T16:00:00.000Z');
    expect(resolveDeadline('2026-07-09', ref, 'Europe/Paris')).toBe('2026-07-09T15:00:00.000Z');
  });
  it('rejects unparseable, impossible or absurd deadlines', () => {
    for (const bad of ['next Friday', '', '2026-02-30', '2026-13-01', '9999-01-01', '2020-01-01', '2029-01-01T00:00:00Z', null, 42, '2026-01-09T25:00']) {
      expect(resolveDeadline(bad, ref, 'Europe/Paris')).toBeNull();
    }
    expect(resolveDeadline('2025-02-01', ref, 'UTC')).not.toBeNull();
  });
  it('formats local times with weekday and offset, across DST', () => {
    expect(formatLocal('2026-07-01T12:00:00Z', 'Europe/Paris')).toBe('Wed 2026-07-01 14:00 +02:00');
    expect(formatLocal('2026-01-05T04:00:00Z', 'America/Los_Angeles')).toBe('Sun 2026-01-04 20:00 -08:00');
    expect(formatLocal('nope', 'UTC')).toBeNull();
    expect(resolveDeadline('2026-03-29T12:00', new Date('2026-03-01T00:00:00Z'), 'Europe/Paris')).toBe('2026-03-29T10:00:00.000Z');
  });
});
