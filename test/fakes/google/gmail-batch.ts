/**
 * Gmail's HTTP batch endpoint `POST /batch/gmail/v1`: a multipart/mixed body of application/http
 * parts, each a whole inner request; the answer is a multipart/mixed body of inner HTTP responses
 * whose Content-ID is `<response-ID>` for the request's `<ID>`. Inner requests go through the same
 * pipeline as direct calls, so each one is counted, authorised and charged its own quota units.
 */
import { randomBytes } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import { type ApiRequest, type ApiResponse, simpleApiError } from './http-util';
import { headerValue, parseHeaders, parseParams, splitEntity, splitMultipart } from './mime-parser';
import { type FakeState, type RouteDef } from './router';

/** Google's limit of inner requests per batch. */
export const maxBatchParts = 100;

interface InnerPart {
  contentId: string | undefined;
  request: ApiRequest;
}

// One application/http part: "METHOD URL [HTTP/1.1]", headers, blank line, body.
function parseInner(part: Buffer, outer: ApiRequest): InnerPart | string {
  const { headerText, body } = splitEntity(part);
  const partHeaders = parseHeaders(headerText);
  if (parseParams(headerValue(partHeaders, 'Content-Type')).value !== 'application/http') return 'Each part must have Content-Type: application/http';
  const http = splitEntity(body);
  const [requestLine = '', ...headerLines] = http.headerText.split(/\r?\n/);
  const match = /^([A-Z]+)\s+(\S+)(?:\s+HTTP\/\d(?:\.\d)?)?\s*$/.exec(requestLine.trim());
  if (!match) return `Invalid request line: ${requestLine.slice(0, 80)}`;
  const url = new URL(match[2]!, 'https://gmail.googleapis.com');
  const headers: Record<string, string | undefined> = {};
  for (const header of parseHeaders(headerLines.join('\r\n'))) headers[header.name.toLowerCase()] = header.value;
  // The outer request's credentials apply to every inner request that does not bring its own.
  headers.authorization ??= outer.headers.authorization;
  const contentId = headerValue(partHeaders, 'Content-ID')?.replace(/^<|>$/g, '');
  const innerBody = Buffer.from(http.body.toString('latin1').replace(/(\r?\n)+$/, ''), 'latin1');
  return { contentId, request: { method: match[1]!, path: url.pathname, query: url.searchParams, headers, body: innerBody } };
}

function serializeInner(contentId: string | undefined, response: ApiResponse): string {
  const lines = ['Content-Type: application/http'];
  if (contentId !== undefined) lines.push(`Content-ID: <response-${contentId}>`);
  lines.push('', `HTTP/1.1 ${response.status} ${STATUS_CODES[response.status] ?? ''}`);
  // Header names in Google's capitalisation (Content-Type, Retry-After, WWW-Authenticate).
  for (const [name, value] of Object.entries(response.headers)) lines.push(`${name.replace(/\b[a-z]/g, (c) => c.toUpperCase()).replace(/^Www-/, 'WWW-')}: ${value}`);
  lines.push('Vary: Origin', 'Vary: X-Origin', 'Vary: Referer', '', response.body.toString());
  return lines.join('\r\n');
}

async function batch(req: ApiRequest, state: FakeState): Promise<ApiResponse> {
  const type = parseParams(req.headers['content-type']);
  if (type.value !== 'multipart/mixed' || !type.params.boundary) return simpleApiError(400, 'badRequest', 'Batch requests must be multipart/mixed with a boundary');
  const rawParts = splitMultipart(req.body, type.params.boundary);
  if (rawParts.length === 0) return simpleApiError(400, 'badRequest', 'Batch request contains no parts');
  if (rawParts.length > maxBatchParts) return simpleApiError(400, 'badRequest', `Too many requests in batch: ${rawParts.length}, max is ${maxBatchParts}`);
  const parts: InnerPart[] = [];
  for (const raw of rawParts) {
    const parsed = parseInner(raw, req);
    if (typeof parsed === 'string') return simpleApiError(400, 'badRequest', parsed);
    parts.push(parsed);
  }
  const boundary = `batch_${randomBytes(12).toString('base64url')}`;
  const chunks: string[] = [];
  // Sequential on purpose: quota charging and history order stay deterministic for tests.
  for (const part of parts) {
    const response = await state.dispatch(part.request, true);
    chunks.push(`--${boundary}\r\n${serializeInner(part.contentId, response)}\r\n`);
  }
  chunks.push(`--${boundary}--\r\n`);
  return { status: 200, headers: { 'content-type': `multipart/mixed; boundary=${boundary}` }, body: chunks.join('') };
}

/** The batch route; it has no bearer check of its own because every inner request is checked. */
export const batchRoutes: RouteDef[] = [
  { name: 'gmail.batch', method: 'POST', pattern: /^\/batch\/gmail\/v1\/?$/, family: 'gmail', handle: (req, _params, state) => batch(req, state) },
];
