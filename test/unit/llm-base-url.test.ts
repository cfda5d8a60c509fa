import { afterEach, describe, expect, it } from 'vitest';
import { resolveLlmConfig } from '../../src/main/ai/engine-selector';
import { dispatch } from '../../src/main/ipc/dispatch';
import { silentLogger } from '../../src/main/logging/logger';
import { createTestCore, type TestCore } from '../helpers/test-core';

let test: TestCore;
afterEach(async () => test?.cleanup());

const REFUSED = /https:\/\/.*http:\/\/ only for this computer \(127\.0\.0\.1, ::1 or localhost\)/;

describe('the LLM base URL', () => {
  it.each(['http://example.com/v1', 'http://192.168.1.20:11434/v1', 'http://127.0.0.2:11434/v1', 'http://localhost.evil.example/v1', 'ftp://example.com/v1', 'not a url'])(
    'Settings refuse %s with a sentence',
    async (llmBaseUrl) => {
      test = createTestCore();
      const result = await dispatch(test.core.handlers, 'settings:set', { llmBaseUrl }, silentLogger());
      expect(result.status).toBe(400);
      expect(result.reply).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/^llmBaseUrl: The LLM address/) } });
      expect(test.core.settings.get().llmBaseUrl).toBe('');
    },
  );

  it.each(['', 'https://api.openai.com/v1', 'http://127.0.0.1:11434/v1', 'http://localhost:1234/v1', 'http://[::1]:11434/v1'])('Settings accept %s', async (llmBaseUrl) => {
    test = createTestCore();
    const result = await dispatch(test.core.handlers, 'settings:set', { llmBaseUrl }, silentLogger());
    expect(result.status).toBe(200);
    expect(test.core.settings.get().llmBaseUrl).toBe(llmBaseUrl);
  });

  it('LLM_BASE_URL with plain http to another computer is refused with the same sentence, also by "Test connection"', async () => {
    test = createTestCore({ env: { LLM_BASE_URL: 'http://llm.example.com/v1', LLM_API_KEY: 'sk-test-0000000000000000' } });
    await expect(resolveLlmConfig(test.core.settings.get(), test.core.vault, test.core.platform.env)).rejects.toThrow(REFUSED);
    const check = await dispatch(test.core.handlers, 'settings:test-llm', undefined, silentLogger());
    expect(check).toMatchObject({ status: 200, reply: { ok: true, value: { ok: false, message: expect.stringMatching(/^LLM_BASE_URL: .*127\.0\.0\.1, ::1 or localhost/) } } });
  });
});
