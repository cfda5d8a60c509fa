import { APIConnectionTimeoutError, BadRequestError, UnprocessableEntityError } from 'openai';
import { describe, expect, it } from 'vitest';
import { describeLlmError, displayBaseUrl, rejectsResponseFormat, rejectsTemperature, retryAfterMs, scrub } from '../../src/main/ai/llm/llm-client';
import { extractJson } from '../../src/main/ai/llm/llm-request';

const headers = (init: Record<string, string>) => new Headers(init);

describe('llm client helpers', () => {
  it('reads retry-after-ms first, then retry-after seconds or an HTTP date', () => {
    expect(retryAfterMs(headers({ 'retry-after-ms': '250', 'retry-after': '30' }))).toBe(250);
    expect(retryAfterMs(headers({ 'retry-after': '2' }))).toBe(2_000);
    const now = Date.parse('2026-01-05T09:00:00Z');
    expect(retryAfterMs(headers({ 'retry-after': 'Mon, 05 Jan 2026 09:01:00 GMT' }), now)).toBe(60_000);
    expect(retryAfterMs(headers({}))).toBeNull();
  });

  it('shows base URLs without credentials or query, and rejects other schemes', () => {
    expect(displayBaseUrl('https://user:pw@api.example.com/v1/?key=x#f')).toBe('https://api.example.com/v1');
    expect(displayBaseUrl('file:///etc/passwd')).toBeNull();
    expect(displayBaseUrl('not a url')).toBeNull();
  });

  it('scrubs the key and key-shaped strings from server text', () => {
    const text = scrub('Incorrect API key provided: my-secret-key-123. Also sk-proj-abcdefghijklmnop and Bearer abc.def', 'my-secret-key-123');
    expect(text).not.toMatch(/my-secret-key-123|sk-proj|abc\.def/);
    expect(scrub('x'.repeat(1_000), 'k')).toHaveLength(300);
  });

  it('recognises servers that reject response_format or temperature', () => {
    const h = new Headers();
    expect(rejectsResponseFormat(new BadRequestError(400, { message: "response_format type 'json_schema' is not supported" }, undefined, h))).toBe(true);
    expect(rejectsResponseFormat(new UnprocessableEntityError(422, { message: 'Invalid value', param: 'response_format' }, undefined, h))).toBe(true);
    expect(rejectsResponseFormat(new BadRequestError(400, { message: 'messages is required' }, undefined, h))).toBe(false);
    expect(rejectsTemperature(new BadRequestError(400, { message: "Unsupported parameter: 'temperature'" }, undefined, h))).toBe(true);
  });

  it('describes timeouts and unexpected errors in plain sentences', () => {
    const config = { baseUrl: 'https://api.example.com/v1', apiKey: 'k', model: 'm', timeoutMs: 60_000 };
    expect(describeLlmError(new APIConnectionTimeoutError(), config).message).toBe('The LLM server at https://api.example.com/v1 did not answer within 60 seconds.');
    expect(describeLlmError(new Error('boom'), config)).toMatchObject({ kind: 'unknown', message: 'The LLM request failed unexpectedly.' });
  });

  it('extracts JSON from fenced or chatty plain-text answers', () => {
    expect(extractJson('{"a":1}')).toEqual({ a: 1 });
    expect(extractJson('Sure!\n```json\n{"a":2}\n```')).toEqual({ a: 2 });
    expect(extractJson('Here you go: {"a":3} hope it helps')).toEqual({ a: 3 });
    expect(() => extractJson('no json here')).toThrow();
  });
});
