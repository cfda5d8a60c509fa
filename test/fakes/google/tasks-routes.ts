/**
 * Tasks API v1 routes (https://developers.google.com/workspace/tasks/reference/rest): task lists
 * (list, get, insert) and tasks (list with updatedMin / showCompleted / showDeleted / showHidden /
 * completed and due bounds and paging, get, insert, patch, update, delete, clear). Resources carry
 * ETags that change with every change; Google documents no conditional requests for Tasks, so the
 * fake honours none either.
 */
import type { StoredTask, TaskFields, TasksStore } from './tasks-store';
import { type ApiRequest, type ApiResponse, decodeToken, empty, encodeToken, json, jsonBody, simpleApiError } from './http-util';
import { type FakeState, type RouteDef } from './router';

const auth = 'https://www.googleapis.com/auth/';
const readScopes = [`${auth}tasks`, `${auth}tasks.readonly`];
const writeScopes = [`${auth}tasks`];
const rfc3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i;
const MAX_TITLE = 1024;
const MAX_NOTES = 8192;

const notFound = (): ApiResponse => simpleApiError(404, 'notFound', 'Requested entity was not found.');
const invalid = (field: string): ApiResponse => simpleApiError(400, 'invalid', `Invalid value for: ${field}`);

function origin(req: ApiRequest): string {
  return `http://${req.headers.host ?? '127.0.0.1'}`;
}

function store(state: FakeState): TasksStore {
  return state.tasks;
}

/** Reads and checks the writable fields of a request body; a string answer is the invalid field. */
function readFields(req: ApiRequest): TaskFields | string {
  const body = jsonBody<Record<string, unknown>>(req);
  if (!body || typeof body !== 'object') return 'body';
  const fields: TaskFields = {};
  if (body.title !== undefined) {
    if (typeof body.title !== 'string' || body.title.length > MAX_TITLE) return 'title';
    fields.title = body.title;
  }
  if (body.notes !== undefined) {
    if (body.notes !== null && (typeof body.notes !== 'string' || body.notes.length > MAX_NOTES)) return 'notes';
    fields.notes = body.notes as string | null;
  }
  if (body.status !== undefined) {
    if (body.status !== 'needsAction' && body.status !== 'completed') return 'status';
    fields.status = body.status;
  }
  for (const key of ['due', 'completed'] as const) {
    const value = body[key];
    if (value === undefined) continue;
    if (value !== null && (typeof value !== 'string' || !rfc3339.test(value))) return key;
    fields[key] = value as string | null;
  }
  if (body.deleted !== undefined) {
    if (typeof body.deleted !== 'boolean') return 'deleted';
    fields.deleted = body.deleted;
  }
  return fields;
}

function bound(query: URLSearchParams, name: string): number | null | 'bad' {
  const value = query.get(name);
  if (value === null) return null;
  return rfc3339.test(value) ? Date.parse(value) : 'bad';
}

function within(value: number | undefined, min: number | null, max: number | null): boolean {
  if (min === null && max === null) return true;
  if (value === undefined) return false;
  return (min === null || value >= min) && (max === null || value <= max);
}

interface PageToken {
  offset: number;
}

function listTasks(req: ApiRequest, listId: string, state: FakeState): ApiResponse {
  const tasks = store(state);
  if (!tasks.list(listId)) return notFound();
  const p = req.query;
  const flag = (name: string, fallback: boolean) => (p.has(name) ? p.get(name) === 'true' : fallback);
  const showCompleted = flag('showCompleted', true);
  const showDeleted = flag('showDeleted', false);
  const showHidden = flag('showHidden', false);
  const bounds: Record<string, number | null | 'bad'> = {};
  for (const name of ['updatedMin', 'completedMin', 'completedMax', 'dueMin', 'dueMax']) bounds[name] = bound(p, name);
  const bad = Object.entries(bounds).find(([, value]) => value === 'bad');
  if (bad) return invalid(bad[0]);
  const at = (name: string) => bounds[name] as number | null;
  const rawMax = p.get('maxResults');
  const size = rawMax === null ? 20 : Math.min(Number(rawMax), 100);
  if (!Number.isInteger(size) || size < 1) return invalid('maxResults');
  const pageParam = p.get('pageToken');
  const page = pageParam === null ? { offset: 0 } : decodeToken<PageToken>(pageParam);
  if (!page || typeof page.offset !== 'number') return invalid('pageToken');
  const matching = tasks.ofList(listId).filter((task: StoredTask) => {
    if (task.deleted && !showDeleted) return false;
    if (task.hidden && !showHidden) return false;
    if (task.status === 'completed' && !showCompleted) return false;
    if (at('updatedMin') !== null && task.updated < at('updatedMin')!) return false;
    if (!within(task.completed, at('completedMin'), at('completedMax'))) return false;
    return within(task.due === undefined ? undefined : Date.parse(task.due), at('dueMin'), at('dueMax'));
  });
  const slice = matching.slice(page.offset, page.offset + size);
  const latest = Math.max(0, ...tasks.ofList(listId).map((task) => task.updated));
  const body: Record<string, unknown> = { kind: 'tasks#tasks', etag: `"l${latest}"` };
  if (page.offset + size < matching.length) body.nextPageToken = encodeToken({ offset: page.offset + size } satisfies PageToken);
  // Google leaves out an empty `items`.
  if (slice.length > 0) body.items = slice.map((task) => tasks.resource(task, origin(req)));
  return json(200, body);
}

function listLists(req: ApiRequest, state: FakeState): ApiResponse {
  const rawMax = req.query.get('maxResults');
  const size = rawMax === null ? 1000 : Math.min(Number(rawMax), 1000);
  if (!Number.isInteger(size) || size < 1) return invalid('maxResults');
  const pageParam = req.query.get('pageToken');
  const page = pageParam === null ? { offset: 0 } : decodeToken<PageToken>(pageParam);
  if (!page || typeof page.offset !== 'number') return invalid('pageToken');
  const lists = [...store(state).lists.values()];
  const body: Record<string, unknown> = { kind: 'tasks#taskLists', etag: `"t${Math.max(0, ...lists.map((list) => list.updated))}"` };
  if (page.offset + size < lists.length) body.nextPageToken = encodeToken({ offset: page.offset + size } satisfies PageToken);
  const slice = lists.slice(page.offset, page.offset + size);
  if (slice.length > 0) body.items = slice.map((list) => store(state).listResource(list, origin(req)));
  return json(200, body);
}

function insertTask(req: ApiRequest, listId: string, state: FakeState): ApiResponse {
  const tasks = store(state);
  if (!tasks.list(listId)) return notFound();
  const fields = readFields(req);
  if (typeof fields === 'string') return invalid(fields);
  const parent = req.query.get('parent') ?? undefined;
  const previous = req.query.get('previous') ?? undefined;
  if ((parent && !tasks.find(listId, parent)) || (previous && !tasks.find(listId, previous))) return notFound();
  return json(200, tasks.resource(tasks.insert(listId, fields, parent), origin(req)));
}

function changeTask(req: ApiRequest, listId: string, taskId: string, state: FakeState, replace: boolean): ApiResponse {
  const tasks = store(state);
  const task = tasks.find(listId, taskId);
  if (!task) return notFound();
  const fields = readFields(req);
  if (typeof fields === 'string') return invalid(fields);
  // PUT replaces: writable fields missing from the body are cleared.
  const applied: TaskFields = replace ? { notes: null, due: null, status: 'needsAction', ...fields } : fields;
  tasks.apply(task, applied);
  return json(200, tasks.resource(task, origin(req)));
}

const listPath = /^\/tasks\/v1\/lists\/([^/]+)\/tasks$/;
const taskPath = /^\/tasks\/v1\/lists\/([^/]+)\/tasks\/([^/]+)$/;

/** The Tasks route table. */
export const tasksRoutes: RouteDef[] = [
  { name: 'tasks.tasklists.list', method: 'GET', pattern: /^\/tasks\/v1\/users\/@me\/lists$/, family: 'tasks', scopes: () => readScopes, handle: (req, _p, state) => listLists(req, state) },
  {
    name: 'tasks.tasklists.get', method: 'GET', pattern: /^\/tasks\/v1\/users\/@me\/lists\/([^/]+)$/, family: 'tasks', scopes: () => readScopes,
    handle: (req, [listId = ''], state) => {
      const list = store(state).list(listId);
      return list ? json(200, store(state).listResource(list, origin(req))) : notFound();
    },
  },
  {
    name: 'tasks.tasklists.insert', method: 'POST', pattern: /^\/tasks\/v1\/users\/@me\/lists$/, family: 'tasks', scopes: () => writeScopes,
    handle: (req, _p, state) => {
      const title = jsonBody<{ title?: unknown }>(req)?.title;
      if (typeof title !== 'string' || title.length === 0 || title.length > MAX_TITLE) return invalid('title');
      return json(200, store(state).listResource(store(state).addList(title), origin(req)));
    },
  },
  { name: 'tasks.tasks.list', method: 'GET', pattern: listPath, family: 'tasks', scopes: () => readScopes, handle: (req, [listId = ''], state) => listTasks(req, listId, state) },
  { name: 'tasks.tasks.insert', method: 'POST', pattern: listPath, family: 'tasks', scopes: () => writeScopes, handle: (req, [listId = ''], state) => insertTask(req, listId, state) },
  {
    name: 'tasks.tasks.get', method: 'GET', pattern: taskPath, family: 'tasks', scopes: () => readScopes,
    handle: (req, [listId = '', taskId = ''], state) => {
      const task = store(state).find(listId, taskId);
      return task ? json(200, store(state).resource(task, origin(req))) : notFound();
    },
  },
  { name: 'tasks.tasks.patch', method: 'PATCH', pattern: taskPath, family: 'tasks', scopes: () => writeScopes, handle: (req, [listId = '', taskId = ''], state) => changeTask(req, listId, taskId, state, false) },
  { name: 'tasks.tasks.update', method: 'PUT', pattern: taskPath, family: 'tasks', scopes: () => writeScopes, handle: (req, [listId = '', taskId = ''], state) => changeTask(req, listId, taskId, state, true) },
  {
    name: 'tasks.tasks.delete', method: 'DELETE', pattern: taskPath, family: 'tasks', scopes: () => writeScopes,
    handle: (_req, [listId = '', taskId = ''], state) => {
      const task = store(state).find(listId, taskId);
      if (!task) return notFound();
      if (!task.deleted) store(state).delete(task);
      return empty(204);
    },
  },
  {
    name: 'tasks.tasks.clear', method: 'POST', pattern: /^\/tasks\/v1\/lists\/([^/]+)\/clear$/, family: 'tasks', scopes: () => writeScopes,
    handle: (_req, [listId = ''], state) => {
      if (!store(state).list(listId)) return notFound();
      store(state).clear(listId);
      return empty(204);
    },
  },
];
