/**
 * Measures what batching saves: prompt + completion tokens per item over the ~40-item corpus for
 * several batch sizes, counted by the fake (about four characters per token, schema included).
 * The figures are printed; the assertions keep the default honest.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLlmEngine, DEFAULT_ITEMS_PER_REQUEST } from '../../src/main/ai/llm/llm-engine';
import { isFailure, type EngineUsage, type GenerationContext } from '../../src/main/ai/types';
import { startFakeOpenAi, type FakeOpenAi } from '../fakes/openai';
import { ME } from '../fixtures/llm/builders';
import { llmCorpus } from '../fixtures/llm/corpus';

const context: GenerationContext = { now: new Date('2026-01-05T09:00:00Z'), timeZone: 'Europe/Paris', prepTaskHours: 24, selfAddresses: [ME.address] };
let fake: FakeOpenAi;
beforeAll(async () => (fake = await startFakeOpenAi()));
afterAll(async () => fake.close());

interface Row {
  label: string;
  usage: EngineUsage;
  perItem: number;
  verdicts: string[];
}

async function measure(label: string, maxItemsPerRequest: number, bodyChars?: number): Promise<Row> {
  const engine = createLlmEngine({
    baseUrl: fake.url,
    apiKey: 'test-key',
    model: 'gpt-4.1-mini',
    maxRetries: 0,
    maxItemsPerRequest,
    concurrency: 1,
    ...(bodyChars ? { promptLimits: { bodyChars, eventDescriptionChars: bodyChars, slackTextChars: bodyChars } } : {}),
  });
  const { results, usage } = await engine.generate(llmCorpus, context);
  const verdicts = llmCorpus.map((item) => {
    const entry = results.get(item.id)!;
    return isFailure(entry) ? `failed: ${entry.error}` : `${entry.needsAction}|${entry.title}|${entry.confidence}`;
  });
  return { label, usage, perItem: (usage.promptTokens + usage.completionTokens) / llmCorpus.length, verdicts };
}

describe('batching', () => {
  it('cuts tokens per item without changing any verdict', async () => {
    const rows: Row[] = [await measure('naive (1/request, untrimmed)', 1, 1_000_000)];
    for (const size of [1, 5, 10, 20]) rows.push(await measure(`batch ${size}`, size));
    const table = rows.map((r) => ({
      run: r.label,
      requests: r.usage.requests,
      prompt: r.usage.promptTokens,
      completion: r.usage.completionTokens,
      perItem: Math.round(r.perItem),
      vsNaive: Number((r.perItem / rows[0]!.perItem).toFixed(2)),
    }));
    console.log(`LLM batching over ${llmCorpus.length} items (default ${DEFAULT_ITEMS_PER_REQUEST}):\n${JSON.stringify(table, null, 1)}`);
    const [naive, one, five, ten, twenty] = rows as [Row, Row, Row, Row, Row];
    for (const row of rows) expect(row.verdicts).toEqual(one.verdicts);
    expect(one.verdicts.every((v) => !v.startsWith('failed'))).toBe(true);
    expect(one.perItem).toBeLessThan(naive.perItem);
    expect(five.perItem).toBeLessThan(one.perItem * 0.6);
    expect(ten.perItem).toBeLessThan(five.perItem);
    expect(twenty.perItem).toBeLessThanOrEqual(ten.perItem);
    // Flagged items (here two sensitive requests) are judged alone, the rest ten at a time.
    const flagged = llmCorpus.filter((item) => item.contentFlags.length > 0).length;
    expect(flagged).toBe(2);
    expect(ten.usage.requests).toBe(Math.ceil((llmCorpus.length - flagged) / 10) + flagged);
  });
});
