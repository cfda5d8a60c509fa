/** The LLM engine against the fake server, through the real openai SDK. */
import { afterEach, describe, expect, it } from 'vitest';
import { createLlmEngine, type LlmEngineConfig } from '../../src/main/ai/llm/llm-engine';
import { isFailure, type GeneratedSuggestion, type GenerationContext } from '../../src/main/ai/types';
import { createLogger, type LogRecord } from '../../src/main/logging/logger';
import { Redactor } from '../../src/main/logging/redactor';
import { faults, mutateVerdicts, startFakeOpenAi, type FakeOpenAi, type FakeOpenAiOptions } from '../fakes/openai';
import { email, ME } from '../fixtures/llm/builders';
import { llmCorpus } from '../fixtures/llm/corpus';

const KEY = 'test-key-5f2c9a1e7b3d';
const context: GenerationContext = { now: new Date('2026-01-05T09:00:00Z'), timeZone: 'Europe/Paris', prepTaskHours: 24, selfAddresses: [ME.address] };
let fake: FakeOpenAi;
let logs: LogRecord[];
afterEach(async () => fake?.close());

async function setup(fakeOptions: FakeOpenAiOptions = {}, config: Partial<LlmEngineConfig> = {}) {
  fake = await startFakeOpenAi({ apiKey: KEY, ...fakeOptions });
  logs = [];
  // A redactor that does not know the key: the engine's own scrubbing must keep it out.
  const logger = createLogger((record) => logs.push(record), new Redactor(), () => new Date());
  return createLlmEngine({ baseUrl: fake.url, apiKey: KEY, model: 'gpt-4.1-mini', maxRetries: 0, ...config }, { logger });
}

const items = llmCorpus.slice(0, 4);
const suggestion = (entry: unknown) => entry as GeneratedSuggestion;

describe('LLM engine', () => {
  it('parses structured output into suggestions keyed by item ID, one request per batch', async () => {
    const engine = await setup();
    const { results, usage } = await engine.generate(items, context);
    expect([...results.keys()]).toEqual(items.map((i) => i.id));
    const first = suggestion(results.get(items[0]!.id));
    expect(first).toMatchObject({ needsAction: true, priority: 'medium', model: 'gpt-4.1-mini', flags: [] });
    expect(first.title).toBe('Follow up: Q3 figures for the board pack');
    expect(suggestion(results.get(items[1]!.id)).needsAction).toBe(false);
    expect(usage.requests).toBe(1);
    const body = fake.chatRequests()[0]!.body!;
    expect(body.response_format?.type).toBe('json_schema');
    expect(body.temperature).toBe(0);
    expect(usage.promptTokens).toBeGreaterThan(500);
    expect(usage.completionTokens).toBeGreaterThan(50);
  });

  it('turns each verdict into a calibrated probability with the model\'s fitted map', async () => {
    // The fake says 0.8 or 0.9 for "needs action" and 0.2 for "no action"; this map says how often each was right.
    const map = { kind: 'isotonic' as const, x: [0.2, 0.8, 0.9], y: [0.05, 0.4, 0.7] };
    const raw = await (await setup()).generate(items, context);
    await fake.close();
    const calibrated = await (await setup({}, { calibration: (model) => (model === 'gpt-4.1-mini' ? map : null) })).generate(items, context);
    for (const item of items) {
      const before = suggestion(raw.results.get(item.id));
      const after = suggestion(calibrated.results.get(item.id));
      expect(after.needsAction).toBe(before.needsAction);
      const expected = before.confidence <= 0.2 ? 0.05 : before.confidence === 0.8 ? 0.4 : before.confidence === 0.9 ? 0.7 : null;
      if (expected !== null) expect(after.confidence).toBeCloseTo(expected, 3);
    }
    expect(new Set(items.map((i) => suggestion(calibrated.results.get(i.id)).confidence)).size).toBeGreaterThan(1);
  });

  it('sums usage over batches and returns an empty result for no items', async () => {
    const engine = await setup({}, { maxItemsPerRequest: 3 });
    const { results, usage } = await engine.generate(llmCorpus.slice(0, 10), context);
    expect(results.size).toBe(10);
    expect(usage.requests).toBe(4);
    const bodies = fake.chatRequests().map((r) => JSON.stringify(r.body));
    expect(usage.promptTokens).toBeGreaterThan(bodies.reduce((sum, b) => sum + b.length, 0) / 8);
    expect(await engine.generate([], context)).toEqual({ results: new Map(), usage: { requests: 0, promptTokens: 0, completionTokens: 0 } });
  });

  it('falls back to json_object when the server rejects json_schema, and remembers it', async () => {
    const engine = await setup({ jsonSchema: false });
    const first = await engine.generate(items, context);
    expect([...first.results.values()].every((e) => !isFailure(e))).toBe(true);
    await engine.generate(items, context);
    expect(fake.chatRequests().map((r) => r.body?.response_format?.type)).toEqual(['json_schema', 'json_object', 'json_object']);
    expect(first.usage.requests).toBe(2);
    expect(logs.some((l) => /switched/.test(l.message))).toBe(true);
  });

  it('goes down to plain text when json_object is rejected too, and drops temperature when refused', async () => {
    const engine = await setup({ jsonSchema: false, jsonObject: false, temperature: false });
    const { results } = await engine.generate(items, context);
    expect([...results.values()].filter(isFailure)).toEqual([]);
    const last = fake.chatRequests().at(-1)!.body!;
    expect(last.response_format).toBeUndefined();
    expect(last.temperature).toBeUndefined();
  });

  it('in json_object mode repairs once with the validation errors, asking only for failed items', async () => {
    const engine = await setup({ jsonSchema: false });
    fake.enqueue(faults.wrongTypes('item-2'));
    const { results, usage } = await engine.generate(items, context);
    expect([...results.values()].filter(isFailure)).toEqual([]);
    const repair = fake.chatRequests().at(-1)!.body!;
    const messages = repair.messages!;
    expect(messages.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'user']);
    expect(String(messages[3]!.content)).toMatch(/item-2: invalid verdict: needs_action/);
    expect(String(messages[3]!.content)).not.toMatch(/item-1\b/);
    expect(usage.requests).toBe(3);
  });

  it('keeps a verdict that is still invalid after the repair as a failure (no further retry)', async () => {
    const engine = await setup({ jsonSchema: false });
    fake.enqueue(faults.wrongTypes('item-2'), faults.wrongTypes('item-2'));
    const { results, usage } = await engine.generate(items, context);
    const entry = results.get(items[1]!.id)!;
    expect(isFailure(entry) && entry.error).toMatch(/needs_action.*after one repair/);
    expect([...results.values()].filter(isFailure)).toHaveLength(1);
    expect(usage.requests).toBe(3);
  });

  it('asks item by item once when the answer was lost even after the repair', async () => {
    const engine = await setup({ jsonSchema: false });
    fake.enqueue(faults.malformedJson(), faults.malformedJson());
    const { results } = await engine.generate(items, context);
    const failures = [...results.values()].filter(isFailure);
    // The whole answer was lost twice, so each item was asked alone once more (and answered).
    expect(failures).toEqual([]);
    expect(fake.chatRequests()).toHaveLength(2 + 1 + items.length);
  });

  it('drops bad verdicts without losing the good ones, and retries those items alone once', async () => {
    const engine = await setup();
    fake.enqueue(faults.wrongTypes('item-3'), { kind: 'verdicts', verdicts: [{ item: 'item-1', confidence: 'x' }] });
    const { results, usage } = await engine.generate(items, context);
    const third = results.get(items[2]!.id)!;
    expect(isFailure(third) && third.error).toMatch(/no usable answer.*needs_action/);
    expect([0, 1, 3].every((i) => !isFailure(results.get(items[i]!.id)!))).toBe(true);
    expect(usage.requests).toBe(2);
  });

  it.each([
    ['extra keys', faults.extraKeys()],
    ['malformed JSON', faults.malformedJson()],
    ['truncated answer', faults.truncated()],
    ['refusal', faults.refusal()],
    ['an answer without verdicts', { kind: 'content' as const, content: '{"answer": 1}' }],
    ['an empty answer', { kind: 'content' as const, content: '' }],
  ])('survives %s: items retried alone, never a rejection', async (_name, reply) => {
    const engine = await setup();
    fake.enqueue(reply);
    const { results, usage } = await engine.generate(items, context);
    expect([...results.values()].filter(isFailure)).toEqual([]);
    expect(usage.requests).toBe(1 + items.length);
  });

  it('reports a refusal of a single item as a failure with the reason', async () => {
    const engine = await setup();
    fake.enqueue(faults.refusal('I cannot help with this.'));
    const { results } = await engine.generate(items.slice(0, 1), context);
    const entry = results.get(items[0]!.id)!;
    expect(isFailure(entry) && entry.error).toMatch(/declined: I cannot help with this/);
  });

  it('ignores invented labels and IDs: they never reach the results', async () => {
    const engine = await setup({}, {});
    fake.enqueue(faults.inventedLabels('item-1'), faults.inventedLabels('item-1'));
    const { results } = await engine.generate(items.slice(0, 2), context);
    expect([...results.keys()]).toEqual(items.slice(0, 2).map((i) => i.id));
    expect(isFailure(results.get(items[0]!.id)!)).toBe(true);
    expect(isFailure(results.get(items[1]!.id)!)).toBe(false);
    expect(logs.some((l) => /labels it was not given/.test(l.message))).toBe(true);
  });

  it('dates preparation tasks prepTaskHours before the event unless the model found an earlier deadline', async () => {
    const engine = await setup();
    const board = llmCorpus[26]!;
    const demo = llmCorpus[33]!;
    expect(board.type === 'calendar_event' && demo.type === 'calendar_event').toBe(true);
    fake.enqueue(mutateVerdicts((verdicts) => verdicts.map((v) => (v.item === 'item-2' ? { ...v, deadline: '2026-01-11T18:00:00+01:00' } : v))));
    const { results } = await engine.generate([board, demo, llmCorpus[27]!], context);
    expect(suggestion(results.get(board.id)).deadline).toBe('2026-01-08T14:00:00.000Z');
    expect(suggestion(results.get(demo.id)).deadline).toBe('2026-01-11T17:00:00.000Z');
    expect(suggestion(results.get(llmCorpus[27]!.id))).toMatchObject({ needsAction: false, deadline: null });
  });

  it('drops absurd deadlines and caps runaway text', async () => {
    const engine = await setup();
    fake.enqueue({ kind: 'verdicts', verdicts: [{ item: 'item-1', needs_action: true, title: 'T'.repeat(500), description: 'D'.repeat(5_000), priority: 'high', deadline: '2099-01-01T00:00:00Z', tags: ['A', 'a', 'b'], confidence: 0.5, reasoning: 'r' }] });
    const { results } = await engine.generate(items.slice(0, 1), context);
    const s = suggestion(results.get(items[0]!.id));
    expect(s.deadline).toBeNull();
    expect(s.title.length).toBe(120);
    expect(s.description.length).toBe(1_000);
    expect(s.tags).toEqual(['a', 'b']);
  });

  it('honours retry-after on 429 through the SDK (and measures the wait)', async () => {
    const engine = await setup({}, { maxRetries: 2 });
    fake.enqueue(faults.rateLimited(1));
    const started = Date.now();
    const { results, usage } = await engine.generate(items, context);
    const elapsed = Date.now() - started;
    expect([...results.values()].filter(isFailure)).toEqual([]);
    expect(elapsed).toBeGreaterThanOrEqual(950);
    const [a, b] = fake.chatRequests();
    expect(b!.at - a!.at).toBeGreaterThanOrEqual(950);
    expect(usage.requests).toBe(1);
  });

  it('honours retry-after-ms over retry-after, and refuses to sleep through a very long ask', async () => {
    const engine = await setup({}, { maxRetries: 2, maxRetryWaitMs: 5_000 });
    fake.enqueue(faults.rateLimited(30, 200));
    let started = Date.now();
    await engine.generate(items, context);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(fake.chatRequests()).toHaveLength(2);
    fake.enqueue(faults.rateLimited(3_600));
    started = Date.now();
    const { results } = await engine.generate(items, context);
    expect(Date.now() - started).toBeLessThan(2_000);
    const entry = results.get(items[0]!.id)!;
    expect(isFailure(entry) && entry.error).toMatch(/limiting requests/);
  });

  it('retries 500 with backoff, then fails every item of the run (no further batches sent)', async () => {
    const engine = await setup({}, { maxRetries: 1, maxItemsPerRequest: 2, concurrency: 1 });
    fake.setResponder(() => faults.serverError(503));
    const { results, usage } = await engine.generate(items, context);
    expect([...results.values()].every((e) => isFailure(e) && /server had an error \(503\)/.test(e.error))).toBe(true);
    expect(fake.chatRequests()).toHaveLength(2);
    expect(usage.requests).toBe(1);
  });

  it('times out a slow server and reports it', async () => {
    const engine = await setup({}, { timeoutMs: 300 });
    fake.enqueue(faults.slow(2_000));
    const started = Date.now();
    const { results } = await engine.generate(items, context);
    expect(Date.now() - started).toBeLessThan(1_500);
    const entry = results.get(items[0]!.id)!;
    expect(isFailure(entry) && entry.error).toMatch(/did not answer within 0.3 seconds/);
  });

  it('stops when the sync is cancelled', async () => {
    const engine = await setup({}, { maxItemsPerRequest: 1, concurrency: 1 });
    const controller = new AbortController();
    fake.setResponder(faults.slow(200));
    setTimeout(() => controller.abort(), 100);
    const { results } = await engine.generate(items, { ...context, signal: controller.signal });
    expect([...results.values()].every((e) => isFailure(e) && /cancelled/.test(e.error))).toBe(true);
    expect(fake.chatRequests()).toHaveLength(1);
  });

  it('never puts the API key in results or logs, even when the server echoes it', async () => {
    const engine = await setup({ apiKey: 'another-key', echoKeyInErrors: true });
    const { results } = await engine.generate(items, context);
    const entry = results.get(items[0]!.id)!;
    expect(isFailure(entry) && entry.error).toMatch(/rejected the API key/);
    expect(fake.requests[0]?.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(JSON.stringify([...results.values()])).not.toContain(KEY);
    expect(JSON.stringify(logs)).not.toContain(KEY);
    expect(JSON.stringify(logs)).toContain('[redacted]');
  });

  it('adds the item\'s own content flags to its suggestion', async () => {
    const engine = await setup();
    const flagged = email('a@example.com', 'Hi', 'Please send the report.', { contentFlags: ['hidden-text'] });
    const { results } = await engine.generate([flagged], context);
    expect(suggestion(results.get(flagged.id)).flags).toEqual(['hidden-text']);
  });
});
