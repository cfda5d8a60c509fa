/**
 * "Test connection" for Settings: one tiny chat request with the configured base URL, key and
 * model, answered with a sentence a person understands. Never echoes the key.
 */
import { createOpenAiClient, describeLlmError, displayBaseUrl, type LlmConfig, type LlmDeps } from './llm-client';

/** Outcome of a connection test. */
export interface LlmCheckResult {
  ok: boolean;
  model: string;
  message: string;
}

/** Sends one small request and explains the result. */
export async function testLlmConnection(config: LlmConfig, deps: LlmDeps = {}): Promise<LlmCheckResult> {
  const model = config.model.trim().slice(0, 80);
  const where = displayBaseUrl(config.baseUrl);
  if (!where) return { ok: false, model, message: 'The base URL must start with http:// or https:// (for example https://api.openai.com/v1).' };
  if (!model) return { ok: false, model, message: 'Enter a model name (for example gpt-4.1-mini).' };
  // A short timeout and a single retry: the person is waiting on a button.
  const checkConfig: LlmConfig = { ...config, model, timeoutMs: config.timeoutMs ?? 15_000, maxRetries: config.maxRetries ?? 1, maxRetryWaitMs: 5_000 };
  const client = createOpenAiClient(checkConfig, deps);
  const started = Date.now();
  try {
    const completion = await client.chat.completions.create({
      model,
      messages: [{ role: 'user', content: 'Reply with the single word OK.' }],
    });
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const answered = typeof completion.model === 'string' && completion.model ? completion.model.slice(0, 80) : model;
    if (!Array.isArray(completion.choices) || completion.choices.length === 0) {
      return { ok: false, model: answered, message: `The server at ${where} answered, but not like an OpenAI-compatible chat API.` };
    }
    return { ok: true, model: answered, message: `Connected to ${where}: model "${answered}" answered in ${seconds} s.` };
  } catch (error) {
    const info = describeLlmError(error, checkConfig);
    deps.logger?.child('llm').warn('LLM connection test failed', { kind: info.kind, status: info.status, detail: info.detail });
    return { ok: false, model, message: info.message };
  }
}
