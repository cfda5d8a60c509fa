/** Settings' "Test connection" against the fake server and unreachable ones. */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { testLlmConnection } from '../../src/main/ai/llm/llm-check';
import { faults, startFakeOpenAi, type FakeOpenAi } from '../fakes/openai';

const KEY = 'test-key-9c1d2e3f4a5b';
let fake: FakeOpenAi | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('testLlmConnection', () => {
  it('reports success with the model and sends one tiny request', async () => {
    fake = await startFakeOpenAi({ apiKey: KEY });
    const result = await testLlmConnection({ baseUrl: fake.url, apiKey: KEY, model: 'gpt-4.1-mini' });
    expect(result).toMatchObject({ ok: true, model: 'gpt-4.1-mini' });
    expect(result.message).toMatch(/^Connected to http:\/\/127\.0\.0\.1:\d+\/v1: model "gpt-4.1-mini" answered in [\d.]+ s\.$/);
    expect(fake.chatRequests()).toHaveLength(1);
  });

  it('explains a bad key without echoing it, even when the server does', async () => {
    fake = await startFakeOpenAi({ apiKey: 'the-right-key', echoKeyInErrors: true });
    const result = await testLlmConnection({ baseUrl: fake.url, apiKey: KEY, model: 'gpt-4.1-mini' });
    expect(result).toMatchObject({ ok: false, message: 'The LLM server rejected the API key. Check the key in Settings.' });
    expect(JSON.stringify(result)).not.toContain(KEY);
  });

  it('tells an unknown model from a wrong base URL', async () => {
    fake = await startFakeOpenAi({ apiKey: KEY });
    const model = await testLlmConnection({ baseUrl: fake.url, apiKey: KEY, model: 'gpt-9' });
    expect(model.message).toBe('The LLM server does not know the model "gpt-9". Check the model name.');
    const url = await testLlmConnection({ baseUrl: fake.url.replace(/\/v1$/, '/api'), apiKey: KEY, model: 'gpt-4.1-mini' });
    expect(url.message).toMatch(/^Nothing answered at http:\/\/127\.0\.0\.1:\d+\/api\/chat\/completions\. Check that the base URL ends in \/v1/);
  });

  it('explains a server that is not running, a timeout, quota and bad URLs', async () => {
    const port = await freePort();
    const down = await testLlmConnection({ baseUrl: `http://127.0.0.1:${port}/v1`, apiKey: KEY, model: 'm', maxRetries: 0 });
    expect(down.message).toBe(`Could not reach the LLM server at http://127.0.0.1:${port}/v1. Check the base URL and that the server is running.`);
    fake = await startFakeOpenAi({ apiKey: KEY });
    fake.enqueue(faults.slow(2_000));
    const slow = await testLlmConnection({ baseUrl: fake.url, apiKey: KEY, model: 'gpt-4.1-mini', timeoutMs: 200, maxRetries: 0 });
    expect(slow.message).toMatch(/did not answer within 0.2 seconds/);
    fake.enqueue(faults.quotaExceeded());
    const quota = await testLlmConnection({ baseUrl: fake.url, apiKey: KEY, model: 'gpt-4.1-mini', maxRetries: 0 });
    expect(quota.message).toMatch(/no quota left/);
    expect((await testLlmConnection({ baseUrl: 'ftp://x', apiKey: KEY, model: 'm' })).message).toMatch(/must start with http/);
    const withSecret = await testLlmConnection({ baseUrl: `http://user:${KEY}@127.0.0.1:${port}/v1?key=${KEY}`, apiKey: KEY, model: 'm', maxRetries: 0 });
    expect(JSON.stringify(withSecret)).not.toContain(KEY);
  });
});
