/**
 * Request parsing and answers in Slack's wire format. The Web API reads arguments from the query
 * string and from form or JSON bodies alike, and answers HTTP 200 with `{ok:false,error}` for
 * every API error: only rate limits (429) and outages (5xx) use the status line.
 */
import { randomBytes } from 'node:crypto';
import { type IncomingMessage, type ServerResponse } from 'node:http';

/** A request with its arguments merged (body wins over query, as Slack reads them). */
export interface SlackRequest {
  httpMethod: string;
  path: string;
  params: Map<string, string>;
  headers: Record<string, string | undefined>;
  /** True when the body was JSON: then Slack takes the token only from the Authorization header. */
  json: boolean;
}

/** One answer before it is written. */
export interface SlackResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

// JSON bodies may carry numbers and booleans; handlers read every argument as Slack's form text.
function asText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Reads the request line, headers and arguments. */
export async function parseRequest(req: IncomingMessage): Promise<SlackRequest> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(req.headers)) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  const params = new Map(url.searchParams);
  const body = await readBody(req);
  const type = (headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  let json = false;
  if (body.length > 0 && type === 'application/json') {
    json = true;
    const parsed: unknown = JSON.parse(body.toString('utf8'));
    if (parsed && typeof parsed === 'object') {
      for (const [key, value] of Object.entries(parsed)) if (value !== null && value !== undefined) params.set(key, asText(value));
    }
  } else if (body.length > 0) {
    for (const [key, value] of new URLSearchParams(body.toString('utf8'))) params.set(key, value);
  }
  return { httpMethod: req.method ?? 'GET', path: url.pathname, params, headers, json };
}

/** The token of an API call: `Authorization: Bearer`, else the `token` argument (not for JSON bodies). */
export function requestToken(req: SlackRequest): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  if (match) return match[1];
  return req.json ? undefined : req.params.get('token') || undefined;
}

/** Client credentials sent with HTTP Basic (Slack's recommended way for oauth.v2.access). */
export function basicCredentials(req: SlackRequest): { id: string; secret: string } | undefined {
  const match = /^Basic\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  if (!match) return undefined;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? undefined : { id: decodeURIComponent(decoded.slice(0, colon)), secret: decodeURIComponent(decoded.slice(colon + 1)) };
}

/** `{ok:true,...}` with HTTP 200. */
export function ok(fields: Record<string, unknown> = {}, headers: Record<string, string> = {}): SlackResponse {
  return json(200, { ok: true, ...fields }, headers);
}

/** `{ok:false,error}` with HTTP 200 (how Slack reports API errors), plus extra fields like `needed`. */
export function fail(error: string, extra: Record<string, unknown> = {}): SlackResponse {
  return json(200, { ok: false, error, ...extra });
}

/** A JSON answer with Slack's request id header. */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): SlackResponse {
  return {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'x-slack-req-id': randomBytes(16).toString('hex'), ...headers },
    body: JSON.stringify(body),
  };
}

/** Slack's 429: `Retry-After` in whole seconds and the `ratelimited` body. */
export function rateLimited(retryAfterSeconds: number): SlackResponse {
  return json(429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(Math.max(0, Math.round(retryAfterSeconds))) });
}

/** A plain HTML page (authorize errors are shown to the person, never redirected). */
export function htmlPage(status: number, title: string, text: string): SlackResponse {
  const escape = (value: string) => value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
  return { status, headers: { 'content-type': 'text/html; charset=utf-8' }, body: `<!doctype html><title>${escape(title)}</title><h1>${escape(title)}</h1><p>${escape(text)}</p>` };
}

/** A 302 to `location`. */
export function redirect(location: string): SlackResponse {
  return { status: 302, headers: { location, 'content-length': '0' }, body: '' };
}

/** Writes an answer. */
export function send(res: ServerResponse, response: SlackResponse): void {
  const body = Buffer.from(response.body, 'utf8');
  res.writeHead(response.status, { ...response.headers, 'content-length': String(body.length) });
  res.end(body);
}

const secretParams = /token|secret|code|verifier|challenge/i;

/** Arguments safe to keep in the request log. */
export function redactParams(params: Map<string, string>): Record<string, string> {
  return Object.fromEntries([...params].map(([key, value]) => [key, secretParams.test(key) ? '[redacted]' : value]));
}

/** Slack booleans: `true` or `1`. */
export function flag(value: string | undefined): boolean {
  return value === 'true' || value === '1';
}
