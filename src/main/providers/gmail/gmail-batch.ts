/**
 * Gmail's HTTP batch endpoint (multipart/mixed of application/http parts): many messages.get in one
 * round trip. The googleapis client has no batch support, so this speaks Google's documented format
 * over fetch. Each inner request still costs its own quota units.
 */
import { randomBytes } from 'node:crypto';
import type { gmail_v1 } from '@googleapis/gmail';
import { ProviderError } from '../../errors';
import { parseRetryAfter } from '../google/google-call';

/** One inner answer. */
export type BatchAnswer =
  | { ok: true; message: gmail_v1.Schema$Message }
  | { ok: false; status: number; retryAfterMs: number | null; reason: string | null };

/** A batch request for messages.get. */
export interface BatchGetRequest {
  ids: readonly string[];
  format: 'metadata' | 'full';
  metadataHeaders?: readonly string[];
}

/** Builds the multipart body; returns it with its boundary. */
export function buildBatchBody(request: BatchGetRequest): { body: string; boundary: string } {
  const boundary = `batch_${randomBytes(12).toString('hex')}`;
  const query = new URLSearchParams({ format: request.format });
  for (const name of request.metadataHeaders ?? []) query.append('metadataHeaders', name);
  const parts = request.ids.map(
    (id, index) =>
      `--${boundary}\r\nContent-Type: application/http\r\nContent-ID: <item${index}>\r\n\r\n` +
      `GET /gmail/v1/users/me/messages/${encodeURIComponent(id)}?${query.toString()}\r\n\r\n`,
  );
  return { body: `${parts.join('')}--${boundary}--\r\n`, boundary };
}

function splitHead(block: string): { head: string; body: string } {
  const index = block.search(/\r?\n\r?\n/);
  if (index < 0) return { head: block, body: '' };
  const separator = /\r?\n\r?\n/.exec(block.slice(index))![0];
  return { head: block.slice(0, index), body: block.slice(index + separator.length) };
}

/** Parses a multipart/mixed batch response into answers keyed by the index in the request. */
export function parseBatchResponse(text: string, contentType: string, count: number): Map<number, BatchAnswer> {
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
  if (!boundary) throw new ProviderError('bad_request', 'Gmail answered a batch request without a multipart boundary.');
  const answers = new Map<number, BatchAnswer>();
  for (const rawPart of text.split(`--${boundary}`)) {
    const part = rawPart.replace(/^\r?\n/, '');
    if (part.startsWith('--') || part.trim() === '') continue;
    const outer = splitHead(part);
    const index = Number(/Content-ID:\s*<response-item(\d+)>/i.exec(outer.head)?.[1] ?? NaN);
    if (!Number.isInteger(index) || index < 0 || index >= count) continue;
    const inner = splitHead(outer.body);
    const status = Number(/^HTTP\/\d(?:\.\d)?\s+(\d{3})/.exec(inner.head)?.[1] ?? 0);
    if (status >= 200 && status < 300) {
      try {
        answers.set(index, { ok: true, message: JSON.parse(inner.body.trim()) as gmail_v1.Schema$Message });
      } catch {
        answers.set(index, { ok: false, status: 502, retryAfterMs: null, reason: 'unparseable' });
      }
      continue;
    }
    let reason: string | null = null;
    try {
      const data = JSON.parse(inner.body.trim()) as { error?: { errors?: Array<{ reason?: string }> } };
      reason = data.error?.errors?.[0]?.reason ?? null;
    } catch {
      reason = null;
    }
    answers.set(index, { ok: false, status, reason, retryAfterMs: parseRetryAfter(/retry-after:\s*(\S+)/i.exec(inner.head)?.[1]) });
  }
  return answers;
}

/** Sends one batch of messages.get; throws on an outer failure (the caller retries per its policy). */
export async function batchGetMessages(
  fetchImpl: typeof fetch,
  apiRootUrl: string,
  headers: Record<string, string>,
  request: BatchGetRequest,
): Promise<Map<number, BatchAnswer>> {
  const { body, boundary } = buildBatchBody(request);
  const response = await fetchImpl(`${apiRootUrl}batch/gmail/v1`, {
    method: 'POST',
    headers: { ...headers, 'content-type': `multipart/mixed; boundary=${boundary}` },
    body,
  });
  const text = await response.text();
  if (!response.ok) {
    // Shaped like a gaxios error so the shared caller applies the same retry policy.
    let data: unknown = null;
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
    throw Object.assign(new Error(`batch failed with ${response.status}`), { response: { status: response.status, headers: response.headers, data } });
  }
  return parseBatchResponse(text, response.headers.get('content-type') ?? '', request.ids.length);
}
