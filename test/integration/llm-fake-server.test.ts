/** The fake OpenAI server speaks the API the real `openai` SDK expects. */
import OpenAI from 'openai';
import { zodResponseFormat } from 'openai/helpers/zod';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { faults, startFakeOpenAi, type FakeOpenAi } from '../fakes/openai';

let fake: FakeOpenAi;
afterEach(async () => fake?.close());

const client = (options: Partial<ConstructorParameters<typeof OpenAI>[0]> = {}) =>
  new OpenAI({ baseURL: fake.url, apiKey: 'test-key', maxRetries: 0, ...options });

const itemsPrompt = '<<item-1 abc>>\ntype: email\nsubject: Figures\nbody:\nCould you please send the figures by 2026-01-09?\n<<end item-1 abc>>\n\n<<item-2 abc>>\ntype: email\nsubject: Newsletter\nbody:\nOur news. Unsubscribe here.\n<<end item-2 abc>>';

describe('fake OpenAI server with the real SDK', () => {
  it('lists models and requires a bearer key', async () => {
    fake = await startFakeOpenAi();
    const page = await client().models.list();
    expect(page.data.map((m) => m.id)).toEqual(['gpt-4.1-mini', 'fake-model']);
    await expect(client({ apiKey: 'wrong-key' }).models.list()).rejects.toMatchObject({ status: 401, code: 'invalid_api_key' });
    expect(fake.requests.at(-1)?.headers.authorization).toBe('Bearer wrong-key');
  });

  it('answers structured output that chat.completions.parse + zodResponseFormat (zod 4) parse', async () => {
    fake = await startFakeOpenAi();
    const schema = z.object({ verdicts: z.array(z.object({ item: z.string(), needs_action: z.boolean(), title: z.string(), description: z.string(), priority: z.enum(['low', 'medium', 'high', 'urgent']), deadline: z.string().nullable(), tags: z.array(z.string()), confidence: z.number(), reasoning: z.string() })) });
    const completion = await client().chat.completions.parse({
      model: 'gpt-4.1-mini',
      messages: [{ role: 'user', content: itemsPrompt }],
      response_format: zodResponseFormat(schema, 'verdicts'),
    });
    const parsed = completion.choices[0]?.message.parsed;
    expect(parsed?.verdicts.map((v) => [v.item, v.needs_action, v.deadline])).toEqual([
      ['item-1', true, '2026-01-09T17:00:00Z'],
      ['item-2', false, null],
    ]);
    expect(completion.usage?.prompt_tokens).toBeGreaterThan(Math.ceil(itemsPrompt.length / 4));
    const body = fake.chatRequests()[0]?.body;
    expect(body?.response_format?.type).toBe('json_schema');
    expect(body?.response_format?.json_schema?.strict).toBe(true);
  });

  it('refuses non-strict schemas, json_object without the word json, and unknown models like OpenAI', async () => {
    fake = await startFakeOpenAi();
    const loose = { type: 'json_schema' as const, json_schema: { name: 'x', strict: true, schema: { type: 'object', properties: { a: { type: 'string' } } } } };
    await expect(client().chat.completions.create({ model: 'gpt-4.1-mini', messages: [{ role: 'user', content: 'hi' }], response_format: loose })).rejects.toMatchObject({ status: 400, param: 'response_format' });
    await expect(client().chat.completions.create({ model: 'gpt-4.1-mini', messages: [{ role: 'user', content: 'hi' }], response_format: { type: 'json_object' } })).rejects.toMatchObject({ status: 400 });
    await expect(client().chat.completions.create({ model: 'nope', messages: [{ role: 'user', content: 'hi' }] })).rejects.toMatchObject({ status: 404, code: 'model_not_found' });
    const ok = await client().chat.completions.create({ model: 'fake-model', messages: [{ role: 'user', content: `answer in JSON\n${itemsPrompt}` }], response_format: { type: 'json_object' } });
    expect(JSON.parse(ok.choices[0]?.message.content ?? '')).toHaveProperty('verdicts');
  });

  it('rejects json_schema in the "no structured output" mode', async () => {
    fake = await startFakeOpenAi({ jsonSchema: false, rejectStatus: 422 });
    const format = zodResponseFormat(z.object({ a: z.string() }), 'x');
    await expect(client().chat.completions.parse({ model: 'gpt-4.1-mini', messages: [{ role: 'user', content: 'hi' }], response_format: format })).rejects.toMatchObject({ status: 422, message: expect.stringMatching(/response_format/) });
  });

  it('plays scripted replies, then the default responder; the SDK waits out retry-after itself', async () => {
    fake = await startFakeOpenAi();
    fake.enqueue(faults.rateLimited(1), faults.refusal('No.'));
    const started = Date.now();
    const first = await client({ maxRetries: 1 }).chat.completions.create({ model: 'gpt-4.1-mini', messages: [{ role: 'user', content: itemsPrompt }] });
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(first.choices[0]?.message.refusal).toBe('No.');
    const second = await client().chat.completions.create({ model: 'gpt-4.1-mini', messages: [{ role: 'user', content: itemsPrompt }] });
    expect(JSON.parse(second.choices[0]?.message.content ?? '').verdicts).toHaveLength(2);
    expect(fake.chatRequests()).toHaveLength(3);
  });
});
