/**
 * The openai SDK client as the app configures it (retries with the SDK's own Retry-After handling,
 * capped waits, our logger), and failures turned into sentences a person understands. The API
 * key never appears in anything this module returns or logs.
 */
import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import type { Logger } from '../../logging/logger';

/** Where and how to reach an OpenAI-compatible server. */
export interface LlmConfig {
  /** The `/v1` root, e.g. `https://api.openai.com/v1` or `http://localhost:11434/v1`. */
  baseUrl: string;
  apiKey: string;
  model: string;
  /** Per attempt; the SDK retries timed-out attempts like other transient failures. */
  timeoutMs?: number;
  maxItemsPerRequest?: number;
  /** Retries of 408/409/429/5xx and connection errors, done by the SDK with backoff. */
  maxRetries?: number;
  /** Longest Retry-After the engine waits out; longer asks end the attempt (default 30 s). */
  maxRetryWaitMs?: number;
}

/** Collaborators. */
export interface LlmDeps {
  fetch?: typeof fetch;
  logger?: Logger;
}

/** Why a call failed, in a form both the engine and the Settings check can use. */
export interface LlmFailureInfo {
  kind: 'auth' | 'forbidden' | 'not_found' | 'rate_limited' | 'quota' | 'server' | 'timeout' | 'network' | 'bad_request' | 'cancelled' | 'config' | 'unknown';
  status: number | null;
  /** A sentence for the person (no key, no server internals). */
  message: string;
  /** Scrubbed server detail for the log. */
  detail: string;
}

/** Defaults for optional settings. */
const LLM_DEFAULTS = { timeoutMs: 60_000, maxRetries: 2, maxRetryWaitMs: 30_000 } as const;

/** The base URL without credentials, query or fragment, safe to show; null when it is not http(s). */
export function displayBaseUrl(baseUrl: string): string | null {
  try {
    const url = new URL(baseUrl);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return `${url.origin}${url.pathname.replace(/(?<!\/)\/+$/, '')}`;
  } catch {
    return null;
  }
}

/** Removes the key and anything shaped like a credential from server text, and bounds it. */
export function scrub(text: string, apiKey: string): string {
  let out = apiKey && apiKey.length >= 4 ? text.split(apiKey).join('[redacted]') : text;
  out = out.replace(/\bsk-[\w*.-]{8,}/g, '[redacted]').replace(/\bBearer\s+[\w.~+/=*-]+/gi, 'Bearer [redacted]');
  return out.length > 300 ? `${out.slice(0, 299)}…` : out;
}

/** Milliseconds a response asks to wait (`retry-after-ms`, then `retry-after` seconds or date). */
export function retryAfterMs(headers: Headers, now = Date.now()): number | null {
  const ms = Number.parseFloat(headers.get('retry-after-ms') ?? '');
  if (Number.isFinite(ms)) return ms;
  const value = headers.get('retry-after');
  if (!value) return null;
  const seconds = Number.parseFloat(value);
  if (Number.isFinite(seconds)) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : date - now;
}

/**
 * The SDK honours Retry-After without an upper bound and its sleep ignores abort signals, so a
 * server asking for an hour would stall a sync for an hour. Longer asks get `x-should-retry:
 * false`, which the SDK obeys: the attempt fails now and the items are retried at the next sync.
 */
function capRetryWait(fetchImpl: typeof fetch, maxWaitMs: number): typeof fetch {
  return async (input, init) => {
    const response = await fetchImpl(input, init);
    if (response.status !== 429 && response.status < 500) return response;
    const wait = retryAfterMs(response.headers);
    if (wait === null || wait <= maxWaitMs) return response;
    const headers = new Headers(response.headers);
    headers.set('x-should-retry', 'false');
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
  };
}

/** An SDK client for `config`. */
export function createOpenAiClient(config: LlmConfig, deps: LlmDeps = {}): OpenAI {
  const logger = deps.logger?.child('openai-sdk');
  return new OpenAI({
    baseURL: config.baseUrl,
    // Local servers (Ollama, LM Studio) need no key, but the SDK refuses to start without one.
    apiKey: config.apiKey || 'no-key',
    // Not read from OPENAI_ORG_ID / OPENAI_PROJECT_ID: those belong to OpenAI, not to any base URL.
    organization: null,
    project: null,
    timeout: Math.max(1, Math.floor(config.timeoutMs ?? LLM_DEFAULTS.timeoutMs)),
    maxRetries: Math.max(0, Math.min(10, Math.floor(config.maxRetries ?? LLM_DEFAULTS.maxRetries))),
    fetch: capRetryWait(deps.fetch ?? globalThis.fetch, config.maxRetryWaitMs ?? LLM_DEFAULTS.maxRetryWaitMs),
    logLevel: 'warn',
    logger: logger
      ? {
          error: (message: string) => logger.error(scrub(message, config.apiKey)),
          warn: (message: string) => logger.warn(scrub(message, config.apiKey)),
          info: (message: string) => logger.info(scrub(message, config.apiKey)),
          debug: (message: string) => logger.debug(scrub(message, config.apiKey)),
        }
      : { error: () => undefined, warn: () => undefined, info: () => undefined, debug: () => undefined },
  });
}

function serverText(error: APIError): string {
  const body = error.error as { message?: unknown; code?: unknown; type?: unknown } | undefined;
  const parts = [typeof body?.message === 'string' ? body.message : error.message, typeof body?.code === 'string' ? `(${body.code})` : ''];
  return parts.join(' ').trim();
}

/** True when a 400/422 says the server does not accept the `response_format` we sent. */
export function rejectsResponseFormat(error: unknown): boolean {
  if (!(error instanceof APIError) || (error.status !== 400 && error.status !== 422)) return false;
  const body = error.error as { param?: unknown } | undefined;
  return body?.param === 'response_format' || /response_format|json_schema|json_object|structured output|response format/i.test(serverText(error));
}

/** True when a 400 says the model does not take a `temperature` (reasoning models). */
export function rejectsTemperature(error: unknown): boolean {
  return error instanceof APIError && error.status === 400 && /temperature/i.test(serverText(error));
}

/** Classifies an SDK failure for the person and the log. */
export function describeLlmError(error: unknown, config: Pick<LlmConfig, 'baseUrl' | 'apiKey' | 'model' | 'timeoutMs'>): LlmFailureInfo {
  const where = displayBaseUrl(config.baseUrl) ?? 'the configured base URL';
  const model = config.model.slice(0, 80);
  const info = (kind: LlmFailureInfo['kind'], status: number | null, message: string, detail = ''): LlmFailureInfo => ({
    kind,
    status,
    message,
    detail: scrub(detail, config.apiKey),
  });
  if (error instanceof APIUserAbortError) return info('cancelled', null, 'The request to the LLM server was cancelled.');
  if (error instanceof APIConnectionTimeoutError) {
    const seconds = Number(((config.timeoutMs ?? LLM_DEFAULTS.timeoutMs) / 1000).toFixed(1));
    return info('timeout', null, `The LLM server at ${where} did not answer within ${seconds} seconds.`);
  }
  if (error instanceof APIConnectionError) {
    const cause = error.cause instanceof Error ? `${error.cause.message} ${String((error.cause as { cause?: unknown }).cause ?? '')}` : '';
    return info('network', null, `Could not reach the LLM server at ${where}. Check the base URL and that the server is running.`, cause);
  }
  if (error instanceof APIError) {
    const status = error.status ?? null;
    const text = serverText(error);
    if (status === 401) return info('auth', status, 'The LLM server rejected the API key. Check the key in Settings.', text);
    if (status === 403) return info('forbidden', status, `The API key is not allowed to use model "${model}" at ${where}.`, text);
    if (status === 404) {
      const modelMissing = /model/i.test(text);
      return info(
        'not_found',
        status,
        modelMissing
          ? `The LLM server does not know the model "${model}". Check the model name.`
          : `Nothing answered at ${where}/chat/completions. Check that the base URL ends in /v1 and the model name is right.`,
        text,
      );
    }
    if (status === 429) {
      const quota = /quota|billing|credit/i.test(text);
      return quota
        ? info('quota', status, 'The LLM account has no quota left. Check its billing or limits.', text)
        : info('rate_limited', status, 'The LLM server is limiting requests. The items will be tried again at the next sync.', text);
    }
    if (status !== null && status >= 500) return info('server', status, `The LLM server had an error (${status}). The items will be tried again later.`, text);
    return info('bad_request', status, `The LLM server refused the request (${status ?? 'no status'}).`, text);
  }
  const message = error instanceof Error ? error.message : String(error);
  if (/invalid url/i.test(message)) return info('config', null, 'The LLM base URL is not a valid http(s) URL.', message);
  return info('unknown', null, 'The LLM request failed unexpectedly.', message);
}
