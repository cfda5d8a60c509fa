/**
 * Transport-neutral request/response values and Google's error bodies.
 * Handlers take an ApiRequest and return an ApiResponse so the same code answers a plain HTTP
 * call and an inner request of a Gmail batch (which never touches a socket of its own).
 */
import { type IncomingMessage } from 'node:http';

/** One request as the handlers see it: lower-case header names, the raw body bytes. */
export interface ApiRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | undefined>;
  body: Buffer;
}

/** One answer: status, headers (the JSON content type is added by `json`), body bytes or text. */
export interface ApiResponse {
  status: number;
  headers: Record<string, string>;
  body: string | Buffer;
}

/** One entry of Google's legacy `errors` array. */
export interface GoogleErrorItem {
  message: string;
  domain: string;
  reason: string;
  location?: string;
  locationType?: string;
}

// Google's canonical status names, sent by Gmail (newer style); Calendar omits the field.
const canonicalStatus: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  409: 'ABORTED',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
};

/** Reads a whole request body; refuses bodies over `limit` bytes so a bad test cannot eat memory. */
export async function readBody(req: IncomingMessage, limit = 32 * 1024 * 1024): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new Error('request body too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** A JSON answer with Google's content type. */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): ApiResponse {
  return { status, headers: { 'content-type': 'application/json; charset=UTF-8', ...headers }, body: JSON.stringify(body, null, 2) };
}

/** An empty answer (204 for batchModify, 200 for revoke). */
export function empty(status: number, headers: Record<string, string> = {}): ApiResponse {
  return { status, headers, body: '' };
}

/** Google API error JSON: `{error:{code,message,errors:[...],status?}}`; `withStatus` false for Calendar's older shape. */
export function apiError(
  code: number,
  message: string,
  items: GoogleErrorItem[],
  options: { withStatus?: boolean; headers?: Record<string, string>; details?: unknown[] } = {},
): ApiResponse {
  const error: Record<string, unknown> = { code, message, errors: items };
  const status = canonicalStatus[code];
  if (options.withStatus !== false && status) error.status = status;
  if (options.details) error.details = options.details;
  return json(code, { error }, options.headers);
}

/** The common case of `apiError` with one item whose message equals the top-level message. */
export function simpleApiError(code: number, reason: string, message: string, domain = 'global', withStatus = true): ApiResponse {
  return apiError(code, message, [{ message, domain, reason }], { withStatus });
}

/** OAuth endpoint error JSON `{error, error_description}` (the token and revoke endpoints use this, not apiError). */
export function oauthError(status: number, error: string, description: string): ApiResponse {
  return json(status, { error, error_description: description });
}

/** base64url WITH '=' padding, which is what Gmail sends in `body.data` and `raw`; clients must accept it. */
export function base64urlPadded(data: Buffer): string {
  return data.toString('base64').replace(/\+/g, '-').replace(/\//g, '_');
}

/** Opaque token codec for page/sync tokens: base64url JSON, so tests cannot depend on its inside. */
export function encodeToken(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** Decodes `encodeToken`; undefined for anything malformed (callers answer 400 or 410). */
export function decodeToken<T>(token: string): T | undefined {
  try {
    return JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as T;
  } catch {
    return undefined;
  }
}

/** Parses a form-encoded body (the token and revoke endpoints). */
export function formBody(req: ApiRequest): URLSearchParams {
  return new URLSearchParams(req.body.toString('utf8'));
}

/** Parses a JSON body; undefined when the body is empty or invalid. */
export function jsonBody<T>(req: ApiRequest): T | undefined {
  if (req.body.length === 0) return undefined;
  try {
    return JSON.parse(req.body.toString('utf8')) as T;
  } catch {
    return undefined;
  }
}
