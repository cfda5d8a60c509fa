/**
 * Google Tasks through @googleapis/tasks: reading lists and changed tasks (updatedMin, with completed,
 * hidden and deleted ones: Google's own apps hide a task when it is ticked off), and the three pushes
 * of the outbox (insert, patch, delete), each checkable afterwards so a crash never repeats one.
 * Calls go through the same caller as Gmail's: quota pacing, one refresh on 401, Retry-After on 429
 * and rate-limit 403s; an insert is never repeated blindly after a server error.
 */
import { tasks as createTasks, type tasks_v1 } from '@googleapis/tasks';
import { ProviderError } from '../../errors';
import { createGoogleCaller, type GoogleCaller } from '../google/google-call';
import { apiRoot } from '../google/google-endpoints';
import type { ActionOutcome, ProviderAction, ProviderClient, ProviderContext, ProviderSession, RemoteTask, TaskPayload } from '../provider';
import { markerOf, MAX_TITLE } from './task-notes';

/** Where a Tasks destination stands: per list, the newest `updated` time seen. */
export interface TasksCursor {
  lists: Record<string, string>;
}

/** Reads a Tasks cursor; anything else is "never synced". */
export function asTasksCursor(value: unknown): TasksCursor {
  const lists = (value as TasksCursor | null)?.lists;
  if (!lists || typeof lists !== 'object') return { lists: {} };
  return { lists: Object.fromEntries(Object.entries(lists).filter((entry): entry is [string, string] => typeof entry[1] === 'string')) };
}

/** Requests per second per account, as for Calendar: Google's per-user limits are per minute, and this stays under them. */
const REQUESTS_PER_SECOND = 10;
const PAGE_SIZE = 100;
const MAX_PAGES = 50;

function toRemote(task: tasks_v1.Schema$Task, listId: string): RemoteTask {
  return {
    id: task.id ?? '',
    listId,
    etag: task.etag ?? null,
    updated: task.updated ?? null,
    title: (task.title ?? '').slice(0, MAX_TITLE),
    notes: task.notes ?? '',
    due: task.due ? task.due.slice(0, 10) : null,
    status: task.status === 'completed' ? 'done' : 'open',
    completed: task.completed ?? null,
    deleted: task.deleted === true,
  };
}

function toBody(payload: TaskPayload): tasks_v1.Schema$Task {
  return {
    title: payload.title.slice(0, MAX_TITLE),
    notes: payload.notes,
    status: payload.status === 'done' ? 'completed' : 'needsAction',
    due: payload.due ? `${payload.due}T00:00:00.000Z` : null,
  };
}

/** True when a remote task already holds what a push would write. */
function holds(remote: RemoteTask, payload: TaskPayload): boolean {
  return remote.title === payload.title.slice(0, MAX_TITLE) && remote.notes === payload.notes && remote.status === payload.status && remote.due === payload.due;
}

function required(action: ProviderAction, key: string): string {
  const value = action.target[key];
  if (!value) throw new ProviderError('bad_request', `The Google Tasks action has no ${key}.`);
  return value;
}

function payloadOf(action: ProviderAction): TaskPayload {
  if (!action.payload) throw new ProviderError('bad_request', 'The Google Tasks action has nothing to write.');
  return action.payload;
}

const isGone = (error: unknown) => error instanceof ProviderError && error.kind === 'not_found';

/** Creates the Google Tasks client. */
export function createTasksClient(context: ProviderContext): ProviderClient {
  const api = createTasks({ version: 'v1', rootUrl: apiRoot(context.env, 'tasks'), retry: false });
  // One pacer per Google account: its services' Tasks calls share the per-user limit.
  const callerFor = (session: ProviderSession): GoogleCaller =>
    createGoogleCaller(session, context.quota(`tasks:${session.integration.accountRef ?? `integration-${session.integration.id}`}`, REQUESTS_PER_SECOND));

  async function changes(caller: GoogleCaller, listId: string, updatedMin: string | null, limit = MAX_PAGES): Promise<RemoteTask[]> {
    const found: RemoteTask[] = [];
    let pageToken: string | undefined;
    for (let page = 0; page < limit; page += 1) {
      const params: tasks_v1.Params$Resource$Tasks$List = { tasklist: listId, showCompleted: true, showHidden: true, showDeleted: true, maxResults: PAGE_SIZE, pageToken, ...(updatedMin ? { updatedMin } : {}) };
      const answer = await caller.run('tasks.list', 1, (headers) => api.tasks.list(params, { headers }));
      found.push(...(answer.data.items ?? []).map((task) => toRemote(task, listId)));
      pageToken = answer.data.nextPageToken ?? undefined;
      if (!pageToken) return found;
    }
    throw new ProviderError('unavailable', `Google Tasks kept paging past ${limit * PAGE_SIZE} tasks; the rest is read on the next sync.`);
  }

  async function getTask(caller: GoogleCaller, listId: string, taskId: string): Promise<RemoteTask | null> {
    try {
      const answer = await caller.run('tasks.get', 1, (headers) => api.tasks.get({ tasklist: listId, task: taskId }, { headers }));
      return toRemote(answer.data, listId);
    } catch (error) {
      if (isGone(error)) return null;
      throw error;
    }
  }

  return {
    async *fetchPages(cursor) {
      // A destination has no items (the engine pulls its changes through `destination`): one empty
      // page that keeps the cursor.
      yield { raw: [], quarantined: [], filtered: [], withdrawn: [], cursor };
    },
    async hasChanges(cursor, session) {
      const caller = callerFor(session);
      const lists = Object.entries(asTasksCursor(cursor).lists);
      if (lists.length === 0) return true;
      for (const [listId, since] of lists) {
        const answer = await caller.run('tasks.list (change check)', 1, (headers) => api.tasks.list({ tasklist: listId, showCompleted: true, showHidden: true, showDeleted: true, maxResults: 20, updatedMin: since }, { headers }));
        // updatedMin is inclusive: the newest task seen last time comes back and is not a change.
        if ((answer.data.items ?? []).some((task) => task.updated && Date.parse(task.updated) > Date.parse(since))) return true;
      }
      return false;
    },
    async runAction(action, session): Promise<ActionOutcome> {
      const caller = callerFor(session);
      const listId = required(action, 'listId');
      if (action.kind === 'tasks_insert') {
        const created = await caller.run('tasks.insert', 1, (headers) => api.tasks.insert({ tasklist: listId, requestBody: toBody(payloadOf(action)) }, { headers }), { idempotent: false });
        return { remote: toRemote(created.data, listId) };
      }
      const taskId = required(action, 'remoteId');
      if (action.kind === 'tasks_patch') {
        // Last writer wins: a version edited at Google after our last look, and later than the local
        // edit, is not overwritten (the next pull brings it here instead).
        const { knownEtag, localUpdated } = action.target;
        if (knownEtag && localUpdated) {
          const current = await getTask(caller, listId, taskId);
          if (current === null) return { gone: true };
          if (current.etag !== knownEtag && current.updated !== null && Date.parse(current.updated) > Date.parse(localUpdated)) return { remote: current, superseded: true };
        }
        try {
          const patched = await caller.run('tasks.patch', 1, (headers) => api.tasks.patch({ tasklist: listId, task: taskId, requestBody: toBody(payloadOf(action)) }, { headers }));
          return { remote: toRemote(patched.data, listId) };
        } catch (error) {
          if (isGone(error)) return { gone: true };
          throw error;
        }
      }
      if (action.kind === 'tasks_delete') {
        try {
          await caller.run('tasks.delete', 1, (headers) => api.tasks.delete({ tasklist: listId, task: taskId }, { headers }));
        } catch (error) {
          if (!isGone(error)) throw error;
        }
        return { gone: true };
      }
      throw new ProviderError('bad_request', `Google Tasks cannot ${action.kind}.`);
    },
    async isApplied(action, session): Promise<boolean | ActionOutcome> {
      const caller = callerFor(session);
      const listId = required(action, 'listId');
      if (action.kind === 'tasks_insert') {
        // Look for the marker among the tasks changed since the push was queued.
        const marker = required(action, 'marker');
        const since = action.target.since ? new Date(Date.parse(action.target.since) - 5 * 60_000).toISOString() : null;
        const found = (await changes(caller, listId, since)).find((task) => markerOf(task.notes) === marker);
        return found ? { remote: found } : false;
      }
      const remote = await getTask(caller, listId, required(action, 'remoteId'));
      if (action.kind === 'tasks_delete') return remote === null || remote.deleted;
      if (action.kind === 'tasks_patch') {
        if (remote === null) return { gone: true };
        return holds(remote, payloadOf(action)) ? { remote } : false;
      }
      return false;
    },
    destination: {
      async lists(session) {
        const caller = callerFor(session);
        const lists: Array<{ id: string; title: string }> = [];
        let pageToken: string | undefined;
        for (let page = 0; page < MAX_PAGES; page += 1) {
          const answer = await caller.run('tasklists.list', 1, (headers) => api.tasklists.list({ maxResults: 100, pageToken }, { headers }));
          lists.push(...(answer.data.items ?? []).flatMap((list) => (list.id ? [{ id: list.id, title: (list.title ?? '').slice(0, MAX_TITLE) }] : [])));
          pageToken = answer.data.nextPageToken ?? undefined;
          if (!pageToken) break;
        }
        return lists;
      },
      changes: (listId, updatedMin, session) => changes(callerFor(session), listId, updatedMin),
    },
  };
}
