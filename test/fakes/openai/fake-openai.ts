/**
 * A fake OpenAI-compatible server on 127.0.0.1 for tests: chat completions (json_schema with a
 * strict-schema check, json_object, plain), model list, bearer auth, request capture, scripted
 * replies and faults, and `usage` computed from the request (about four characters per token).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { heuristicResponder, countTokens, promptTokens, viewOf, type ChatBody, type FakeReply, type FakeResponder } from './responder';
import { strictSchemaProblem } from './strict-schema';

/** A request the fake received. */
export interface CapturedRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON body, or null. */
  body: ChatBody | null;
  at: number;
}

/** How the fake behaves. */
export interface FakeOpenAiOptions {
  /** Bearer token it accepts (default `test-key`). */
  apiKey?: string;
  /** Models it knows (default `gpt-4.1-mini`, `fake-model`); others get 404 model_not_found. */
  models?: string[];
  /** false: reject `json_schema` like a server without structured output (status 400, or 422). */
  jsonSchema?: boolean;
  rejectStatus?: 400 | 422;
  /** false: reject `json_object` too. */
  jsonObject?: boolean;
  /** false: reject `temperature` like a reasoning model. */
  temperature?: boolean;
  /** Answers chat requests when no scripted reply is queued (default: keyword heuristics). */
  responder?: FakeResponder;
  /** Echo the presented key in 401 errors (a badly behaved server), to test that clients scrub it. */
  echoKeyInErrors?: boolean;
  /** Delay before every reply. */
  delayMs?: number;
}

/** A running fake. */
export interface FakeOpenAi {
  /** The `/v1` root, for `baseURL`. */
  url: string;
  requests: CapturedRequest[];
  /** Captured POST /v1/chat/completions requests. */
  chatRequests(): CapturedRequest[];
  /** Queues replies (or responders) consumed one per chat request, before the default responder. */
  enqueue(...replies: Array<FakeReply | FakeResponder>): void;
  setResponder(responder: FakeResponder): void;
  close(): Promise<void>;
}

function sendJson(res: ServerResponse, status: number, payload: unknown, headers: Record<string, string> = {}): void {
  if (res.destroyed || res.writableEnded) return;
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(payload));
}

function apiError(res: ServerResponse, status: number, message: string, extra: { type?: string; param?: string | null; code?: string | null; headers?: Record<string, string> } = {}): void {
  sendJson(res, status, { error: { message, type: extra.type ?? 'invalid_request_error', param: extra.param ?? null, code: extra.code ?? null } }, extra.headers);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Starts the fake on a free port. */
export async function startFakeOpenAi(options: FakeOpenAiOptions = {}): Promise<FakeOpenAi> {
  const apiKey = options.apiKey ?? 'test-key';
  const models = options.models ?? ['gpt-4.1-mini', 'fake-model'];
  const requests: CapturedRequest[] = [];
  const queue: Array<FakeReply | FakeResponder> = [];
  let responder = options.responder ?? heuristicResponder;
  let completions = 0;

  /** Request-level checks a real server makes before the model runs; returns true when it answered. */
  function rejectInvalid(body: ChatBody, res: ServerResponse): boolean {
    const format = body.response_format;
    const messages = Array.isArray(body.messages) ? body.messages : null;
    if (typeof body.model !== 'string' || !messages || messages.length === 0) {
      apiError(res, 400, "'model' and a non-empty 'messages' array are required.", { param: messages ? 'model' : 'messages' });
      return true;
    }
    if (!models.includes(body.model)) {
      apiError(res, 404, `The model \`${body.model}\` does not exist or you do not have access to it.`, { code: 'model_not_found' });
      return true;
    }
    if (body.temperature !== undefined && options.temperature === false) {
      apiError(res, 400, "Unsupported value: 'temperature' does not support 0 with this model. Only the default (1) value is supported.", { param: 'temperature', code: 'unsupported_value' });
      return true;
    }
    if (format?.type === 'json_schema') {
      if (options.jsonSchema === false) {
        // Shaped like local servers' errors: no `param`, the message names response_format.
        apiError(res, options.rejectStatus ?? 400, "Invalid request: response_format type 'json_schema' is not supported by this server.");
        return true;
      }
      const problem = strictSchemaProblem(format.json_schema);
      if (problem) {
        apiError(res, 400, `Invalid schema for response_format: ${problem}`, { param: 'response_format', code: 'invalid_json_schema' });
        return true;
      }
    } else if (format?.type === 'json_object') {
      if (options.jsonObject === false) {
        apiError(res, options.rejectStatus ?? 400, "Invalid request: response_format type 'json_object' is not supported by this server.");
        return true;
      }
      if (!messages.some((m) => typeof m.content === 'string' && /json/i.test(m.content))) {
        apiError(res, 400, "'messages' must contain the word 'json' in some form, to use 'response_format' of type 'json_object'.", { param: 'messages' });
        return true;
      }
    } else if (format !== undefined && format.type !== 'text') {
      apiError(res, 400, `Invalid value for response_format.type: ${String(format.type)}`, { param: 'response_format' });
      return true;
    }
    return false;
  }

  async function chat(body: ChatBody, res: ServerResponse): Promise<void> {
    if (rejectInvalid(body, res)) return;
    const next = queue.shift();
    const view = viewOf(body);
    const reply = typeof next === 'function' ? await next(view) : (next ?? (await responder(view)));
    const delay = (reply.delayMs ?? 0) + (options.delayMs ?? 0);
    if (delay > 0) await sleep(delay);
    if (reply.kind === 'error') {
      apiError(res, reply.status, reply.message ?? `Fake error ${reply.status}`, {
        type: reply.type ?? (reply.status === 429 ? 'requests' : reply.status >= 500 ? 'server_error' : 'invalid_request_error'),
        param: reply.param ?? null,
        code: reply.code ?? null,
        headers: reply.headers,
      });
      return;
    }
    const content = reply.kind === 'verdicts' ? JSON.stringify({ verdicts: reply.verdicts }) : reply.kind === 'content' ? reply.content : null;
    const refusal = reply.kind === 'refusal' ? reply.refusal : null;
    const prompt = promptTokens(body);
    const completion = countTokens((content ?? refusal ?? '').length);
    completions += 1;
    sendJson(res, 200, {
      id: `chatcmpl-fake-${completions}`,
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model: body.model,
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content, refusal, annotations: [] },
          finish_reason: reply.kind === 'content' ? (reply.finishReason ?? 'stop') : 'stop',
          logprobs: null,
        },
      ],
      usage: { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion },
    });
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    let body: ChatBody | null = null;
    try {
      body = raw ? (JSON.parse(raw) as ChatBody) : null;
    } catch {
      body = null;
    }
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    requests.push({ method: req.method ?? 'GET', path, headers: { ...req.headers }, body, at: Date.now() });
    const presented = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (presented !== apiKey) {
      const shown = options.echoKeyInErrors ? presented ?? '' : presented ? `${presented.slice(0, 3)}***${presented.slice(-2)}` : '';
      apiError(res, 401, `Incorrect API key provided: ${shown}. You can find your API key at https://platform.openai.com/account/api-keys.`, { code: 'invalid_api_key' });
      return;
    }
    if (req.method === 'GET' && path === '/v1/models') {
      sendJson(res, 200, { object: 'list', data: models.map((id) => ({ id, object: 'model', created: 1_700_000_000, owned_by: 'fake' })) });
      return;
    }
    if (req.method === 'POST' && path === '/v1/chat/completions') {
      if (!body) return apiError(res, 400, 'We could not parse the JSON body of your request.');
      return chat(body, res);
    }
    apiError(res, 404, `Invalid URL (${req.method} ${path})`);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => apiError(res, 500, `Fake server bug: ${String(error)}`, { type: 'server_error' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    chatRequests: () => requests.filter((r) => r.method === 'POST' && r.path === '/v1/chat/completions'),
    enqueue: (...replies) => void queue.push(...replies),
    setResponder: (next) => void (responder = next),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
