/**
 * Gmail API v1 routes under /gmail/v1/users/{userId}/...: profile, labels, messages list/get/
 * attachments/modify/batchModify and history. Shapes follow Gmail's JSON: ids as strings, empty
 * repeated fields omitted (proto3 JSON), base64url bodies with padding.
 */
import { matchesQuery, queryIncludesSpamTrash } from './gmail-query';
import { type ApiRequest, type ApiResponse, decodeToken, empty, encodeToken, json, jsonBody, simpleApiError } from './http-util';
import { type HistoryRecord, type StoredMessage } from './mailbox';
import { type GmailPart } from './mime-parser';
import { type FakeState, type RouteDef } from './router';

const auth = 'https://www.googleapis.com/auth/';
const fullRead = ['https://mail.google.com/', `${auth}gmail.modify`, `${auth}gmail.readonly`];
// gmail.metadata may read headers and labels but not bodies, and may not search with q.
const metadataRead = [...fullRead, `${auth}gmail.metadata`];
const modify = ['https://mail.google.com/', `${auth}gmail.modify`];
const users = '/gmail/v1/users/([^/]+)';

function invalid(message: string): ApiResponse {
  return simpleApiError(400, 'invalidArgument', message);
}

function notFound(): ApiResponse {
  return simpleApiError(404, 'notFound', 'Requested entity was not found.');
}

// Gmail answers for 'me' or the account's own address; anyone else is another user's mailbox.
function wrongUser(userId: string, state: FakeState): ApiResponse | undefined {
  if (userId === 'me' || userId.toLowerCase() === state.account.email.toLowerCase()) return undefined;
  return simpleApiError(403, 'forbidden', `Delegation denied for ${state.account.email}`);
}

function pageSize(req: ApiRequest, fallback: number, max: number): number | ApiResponse {
  const raw = req.query.get('maxResults');
  if (raw === null) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) return invalid(`Invalid value '${raw}'. Values must match the following regular expression: '[0-9]+'`);
  return value === 0 ? fallback : Math.min(value, max);
}

function withLabels<T extends object>(value: T, labelIds: string[]): T & { labelIds?: string[] } {
  return labelIds.length > 0 ? { ...value, labelIds: [...labelIds] } : value;
}

/** Message resource in the requested format. */
export function messageResource(message: StoredMessage, format: string, metadataHeaders: string[]): Record<string, unknown> {
  const base = withLabels({ id: message.id, threadId: message.threadId }, message.labelIds);
  const common = { ...base, snippet: message.snippet, sizeEstimate: message.raw.length, historyId: String(message.historyId), internalDate: String(message.internalDate) };
  if (format === 'minimal') return common;
  if (format === 'raw') return { ...common, raw: message.raw.toString('base64').replace(/\+/g, '-').replace(/\//g, '_') };
  if (format === 'metadata') {
    const wanted = metadataHeaders.map((name) => name.toLowerCase());
    const headers = wanted.length === 0 ? message.payload.headers : message.payload.headers.filter((header) => wanted.includes(header.name.toLowerCase()));
    return { ...common, payload: { partId: '', mimeType: message.payload.mimeType, filename: '', headers } };
  }
  return { ...common, payload: message.payload satisfies GmailPart };
}

function list(req: ApiRequest, state: FakeState): ApiResponse {
  const size = pageSize(req, 100, 500);
  if (typeof size !== 'number') return size;
  const q = req.query.get('q') ?? '';
  const labelIds = req.query.getAll('labelIds').flatMap((value) => value.split(','));
  const spamTrash = req.query.get('includeSpamTrash') === 'true' || queryIncludesSpamTrash(q);
  const now = state.now();
  const resolve = (name: string): string | undefined => state.mailbox.resolveLabel(name);
  const matching = state.mailbox.sorted().filter(
    (message) =>
      (spamTrash || !message.labelIds.some((label) => label === 'SPAM' || label === 'TRASH')) &&
      labelIds.every((label) => message.labelIds.includes(label)) &&
      (q === '' || matchesQuery(q, message, now, resolve)),
  );
  // Keyset page token (date and id of the last message sent) so new mail does not shift pages.
  const after = req.query.get('pageToken');
  let start = 0;
  if (after) {
    const key = decodeToken<{ d: number; i: string }>(after);
    if (!key) return invalid('Invalid pageToken');
    start = matching.findIndex((message) => message.internalDate < key.d || (message.internalDate === key.d && message.id < key.i));
    if (start < 0) start = matching.length;
  }
  const page = matching.slice(start, start + size);
  const body: Record<string, unknown> = {};
  if (page.length > 0) body.messages = page.map((message) => ({ id: message.id, threadId: message.threadId }));
  const last = page[page.length - 1];
  if (last && start + size < matching.length) body.nextPageToken = encodeToken({ d: last.internalDate, i: last.id });
  body.resultSizeEstimate = matching.length;
  return json(200, body);
}

function get(req: ApiRequest, id: string, state: FakeState): ApiResponse {
  const format = req.query.get('format') ?? 'full';
  if (!['full', 'metadata', 'minimal', 'raw'].includes(format)) return invalid(`Invalid value at 'format' (type.googleapis.com/caribou.api.proto.MessageFormat), "${format}"`);
  const message = state.mailbox.messages.get(id);
  if (!message) return notFound();
  return json(200, messageResource(message, format, req.query.getAll('metadataHeaders').flatMap((value) => value.split(','))));
}

function attachment(messageId: string, attachmentId: string, state: FakeState): ApiResponse {
  const message = state.mailbox.messages.get(messageId);
  const decoded = attachmentId.startsWith('ANGjdJ') ? Buffer.from(attachmentId.slice(6), 'base64url').toString('utf8') : '';
  const [owner, partId] = decoded.split(':');
  const leaf = owner === messageId ? message?.leaves.find((part) => part.partId === partId) : undefined;
  if (!leaf) return invalid('Invalid attachment token');
  return json(200, { size: leaf.data.length, data: leaf.data.toString('base64').replace(/\+/g, '-').replace(/\//g, '_') });
}

interface ModifyBody {
  ids?: string[];
  addLabelIds?: string[];
  removeLabelIds?: string[];
}

function modifyOne(req: ApiRequest, id: string, state: FakeState): ApiResponse {
  const body = jsonBody<ModifyBody>(req) ?? {};
  const add = body.addLabelIds ?? [];
  const remove = body.removeLabelIds ?? [];
  if (add.length === 0 && remove.length === 0) return invalid('No label add or removes specified');
  const message = state.mailbox.messages.get(id);
  if (!message) return notFound();
  const unknown = [...add, ...remove].find((label) => !state.mailbox.labels.has(label));
  if (unknown) return invalid(`Invalid label: ${unknown}`);
  state.mailbox.modify(message, add, remove);
  return json(200, withLabels({ id: message.id, threadId: message.threadId }, message.labelIds));
}

function batchModify(req: ApiRequest, state: FakeState): ApiResponse {
  const body = jsonBody<ModifyBody>(req);
  const ids = body?.ids ?? [];
  if (ids.length === 0) return invalid('ids must be specified');
  if (ids.length > 1000) return invalid('Too many ids specified, max 1000');
  const add = body?.addLabelIds ?? [];
  const remove = body?.removeLabelIds ?? [];
  if (add.length === 0 && remove.length === 0) return invalid('No label add or removes specified');
  const unknown = [...add, ...remove].find((label) => !state.mailbox.labels.has(label));
  if (unknown) return invalid(`Invalid label: ${unknown}`);
  for (const id of ids) {
    const message = state.mailbox.messages.get(id);
    if (message) state.mailbox.modify(message, add, remove);
  }
  return empty(204);
}

const typeFields = { messageAdded: 'messagesAdded', messageDeleted: 'messagesDeleted', labelAdded: 'labelsAdded', labelRemoved: 'labelsRemoved' } as const;
type ChangeField = (typeof typeFields)[keyof typeof typeFields];

// Keeps only the requested kinds of change and the records touching labelId; undefined drops the record.
function filterRecord(record: HistoryRecord, fields: ChangeField[], labelId: string | null): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = { id: String(record.id), messages: record.messages };
  let kept = false;
  for (const field of fields) {
    const changes = record[field];
    if (!changes) continue;
    const changed = (change: (typeof changes)[number]): string[] => ('labelIds' in change ? change.labelIds : []);
    const relevant = labelId === null ? changes : changes.filter((change) => change.message.labelIds?.includes(labelId) || changed(change).includes(labelId));
    if (relevant.length === 0) continue;
    out[field] = relevant.map((change) => ({ ...change, message: withLabels({ id: change.message.id, threadId: change.message.threadId }, change.message.labelIds ?? []) }));
    kept = true;
  }
  return kept ? out : undefined;
}

function history(req: ApiRequest, state: FakeState): ApiResponse {
  const rawStart = req.query.get('startHistoryId');
  if (rawStart === null) return simpleApiError(400, 'invalidArgument', 'Missing required parameter: startHistoryId');
  if (!/^\d+$/.test(rawStart)) return invalid(`Invalid value at 'start_history_id' (TYPE_UINT64), "${rawStart}"`);
  const size = pageSize(req, 100, 500);
  if (typeof size !== 'number') return size;
  const records = state.mailbox.historySince(Number(rawStart));
  if (records === 'expired') return notFound();
  const types = req.query.getAll('historyTypes').flatMap((value) => value.split(','));
  const unknownType = types.find((type) => !(type in typeFields));
  if (unknownType) return invalid(`Invalid value at 'history_types' (type.googleapis.com/caribou.api.proto.HistoryType), "${unknownType}"`);
  const fields = types.length === 0 ? Object.values(typeFields) : types.map((type) => typeFields[type as keyof typeof typeFields]);
  const token = req.query.get('pageToken');
  const after = token ? decodeToken<{ r: number }>(token)?.r : undefined;
  if (token && after === undefined) return invalid('Invalid pageToken');
  const filtered = records
    .filter((record) => after === undefined || record.id > after)
    .map((record) => ({ record, out: filterRecord(record, fields, req.query.get('labelId')) }))
    .filter((item) => item.out !== undefined);
  const page = filtered.slice(0, size);
  const body: Record<string, unknown> = {};
  if (page.length > 0) body.history = page.map((item) => item.out);
  if (filtered.length > size) body.nextPageToken = encodeToken({ r: page[page.length - 1]!.record.id });
  body.historyId = String(state.mailbox.historyId);
  return json(200, body);
}

/** The Gmail route table (quota units per Gmail's published costs). */
export const gmailRoutes: RouteDef[] = [
  {
    name: 'gmail.profile', method: 'GET', pattern: new RegExp(`^${users}/profile$`), family: 'gmail', units: 1, scopes: () => metadataRead,
    handle: (_req, [user = ''], state) =>
      wrongUser(user, state) ??
      json(200, { emailAddress: state.account.email, messagesTotal: state.mailbox.messages.size, threadsTotal: new Set([...state.mailbox.messages.values()].map((m) => m.threadId)).size, historyId: String(state.mailbox.historyId) }),
  },
  {
    name: 'gmail.labels.list', method: 'GET', pattern: new RegExp(`^${users}/labels$`), family: 'gmail', units: 1, scopes: () => [...metadataRead, `${auth}gmail.labels`],
    handle: (_req, [user = ''], state) => wrongUser(user, state) ?? json(200, { labels: [...state.mailbox.labels.values()] }),
  },
  {
    name: 'gmail.messages.list', method: 'GET', pattern: new RegExp(`^${users}/messages$`), family: 'gmail', units: 5,
    scopes: (req) => (req.query.get('q') ? fullRead : metadataRead),
    handle: (req, [user = ''], state) => wrongUser(user, state) ?? list(req, state),
  },
  {
    name: 'gmail.messages.get', method: 'GET', pattern: new RegExp(`^${users}/messages/([^/]+)$`), family: 'gmail', units: 5,
    scopes: (req) => (['metadata', 'minimal'].includes(req.query.get('format') ?? 'full') ? metadataRead : fullRead),
    handle: (req, [user = '', id = ''], state) => wrongUser(user, state) ?? get(req, id, state),
  },
  {
    name: 'gmail.messages.attachments.get', method: 'GET', pattern: new RegExp(`^${users}/messages/([^/]+)/attachments/([^/]+)$`), family: 'gmail', units: 5, scopes: () => fullRead,
    handle: (_req, [user = '', id = '', attachmentId = ''], state) => wrongUser(user, state) ?? attachment(id, attachmentId, state),
  },
  {
    name: 'gmail.messages.modify', method: 'POST', pattern: new RegExp(`^${users}/messages/([^/]+)/modify$`), family: 'gmail', units: 5, scopes: () => modify,
    handle: (req, [user = '', id = ''], state) => wrongUser(user, state) ?? modifyOne(req, id, state),
  },
  {
    name: 'gmail.messages.batchModify', method: 'POST', pattern: new RegExp(`^${users}/messages/batchModify$`), family: 'gmail', units: 50, scopes: () => modify,
    handle: (req, [user = ''], state) => wrongUser(user, state) ?? batchModify(req, state),
  },
  {
    name: 'gmail.history.list', method: 'GET', pattern: new RegExp(`^${users}/history$`), family: 'gmail', units: 2, scopes: () => metadataRead,
    handle: (req, [user = ''], state) => wrongUser(user, state) ?? history(req, state),
  },
];
