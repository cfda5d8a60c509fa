/**
 * Google Tasks data of one fake account: task lists and tasks, as the Tasks API v1 reference
 * describes them. Every change bumps `updated` (RFC 3339, millisecond precision) and gives the
 * resource a new ETag; deleting only sets `deleted` (Google keeps the tombstone for a while, and
 * `showDeleted` lists it); `due` keeps only the date; tasks completed "in Google's own apps" become
 * hidden as well, which is why `showHidden` is needed to see them.
 */
import { createHash, randomBytes } from 'node:crypto';

/** A task list as stored. */
export interface StoredTaskList {
  id: string;
  title: string;
  updated: number;
  etag: string;
}

/** A task as stored. */
export interface StoredTask {
  listId: string;
  id: string;
  title: string;
  notes: string | undefined;
  status: 'needsAction' | 'completed';
  /** `YYYY-MM-DDT00:00:00.000Z`: Google drops the time of day. */
  due: string | undefined;
  completed: number | undefined;
  deleted: boolean;
  hidden: boolean;
  parent: string | undefined;
  position: string;
  updated: number;
  etag: string;
}

/** The writable fields of a task (a request body after validation). */
export interface TaskFields {
  title?: string;
  notes?: string | null;
  status?: 'needsAction' | 'completed';
  due?: string | null;
  completed?: string | null;
  deleted?: boolean;
}

// Task and list ids are opaque base64 strings at Google.
function opaqueId(): string {
  return randomBytes(16).toString('base64url');
}

function etagOf(kind: string, id: string, updated: number, version: number): string {
  return `"${createHash('sha256').update(`${kind}:${id}:${updated}:${version}`).digest('base64url').slice(0, 22)}"`;
}

/** Keeps only the date of an RFC 3339 timestamp, as Tasks does with `due`. */
export function dueDateOnly(value: string): string {
  return `${new Date(value).toISOString().slice(0, 10)}T00:00:00.000Z`;
}

/** Lists and tasks of one account. */
export class TasksStore {
  readonly lists = new Map<string, StoredTaskList>();
  readonly tasks = new Map<string, StoredTask>();
  readonly defaultListId: string;
  private version = 0;
  private positions = 0;

  constructor(private readonly now: () => number) {
    this.defaultListId = this.addList('My Tasks').id;
  }

  /** A timestamp strictly after `previous`, so every change is visible to `updatedMin`. */
  private tick(previous = 0): number {
    return Math.max(this.now(), previous + 1);
  }

  /** `@default` names the default list, as at Google. */
  resolveList(listId: string): string {
    return listId === '@default' ? this.defaultListId : listId;
  }

  /** Creates a list. */
  addList(title: string): StoredTaskList {
    const id = opaqueId();
    const updated = this.tick();
    const list = { id, title, updated, etag: etagOf('list', id, updated, ++this.version) };
    this.lists.set(id, list);
    return list;
  }

  /** The list or undefined. */
  list(listId: string): StoredTaskList | undefined {
    return this.lists.get(this.resolveList(listId));
  }

  /** Tasks of a list, in position order (parents before their subtasks' siblings). */
  ofList(listId: string): StoredTask[] {
    const id = this.resolveList(listId);
    return [...this.tasks.values()].filter((task) => task.listId === id).sort((a, b) => a.position.localeCompare(b.position));
  }

  /** The task of a list or undefined. */
  find(listId: string, taskId: string): StoredTask | undefined {
    const task = this.tasks.get(taskId);
    return task && task.listId === this.resolveList(listId) ? task : undefined;
  }

  /** Inserts a task at the top of its list (Google puts new top-level tasks first). */
  insert(listId: string, fields: TaskFields, parent?: string): StoredTask {
    const id = opaqueId();
    this.positions += 1;
    const task: StoredTask = {
      listId: this.resolveList(listId),
      id,
      title: '',
      notes: undefined,
      status: 'needsAction',
      due: undefined,
      completed: undefined,
      deleted: false,
      hidden: false,
      parent,
      // Descending positions put the newest first, zero-padded like Google's 20-digit strings.
      position: String(10 ** 12 - this.positions).padStart(20, '0'),
      updated: 0,
      etag: '',
    };
    this.tasks.set(id, task);
    this.apply(task, fields);
    return task;
  }

  /** Applies writable fields (PATCH semantics: absent means unchanged, null clears). */
  apply(task: StoredTask, fields: TaskFields): void {
    if (fields.title !== undefined) task.title = fields.title;
    if (fields.notes !== undefined) task.notes = fields.notes ?? undefined;
    if (fields.due !== undefined) task.due = fields.due === null ? undefined : dueDateOnly(fields.due);
    if (fields.deleted !== undefined) task.deleted = fields.deleted;
    if (fields.status !== undefined && fields.status !== task.status) {
      task.status = fields.status;
      task.completed = fields.status === 'completed' ? (fields.completed ? Date.parse(fields.completed) : this.now()) : undefined;
      if (fields.status === 'needsAction') task.hidden = false;
    } else if (fields.completed !== undefined && task.status === 'completed' && fields.completed !== null) {
      task.completed = Date.parse(fields.completed);
    }
    this.touch(task);
  }

  /** Marks a task changed: new `updated`, new ETag. */
  touch(task: StoredTask): void {
    task.updated = this.tick(task.updated);
    task.etag = etagOf('task', task.id, task.updated, ++this.version);
  }

  /** Deletes a task: Google sets `deleted` and keeps the tombstone (subtasks go with their parent). */
  delete(task: StoredTask): void {
    for (const child of this.ofList(task.listId).filter((other) => other.parent === task.id)) this.delete(child);
    task.deleted = true;
    this.touch(task);
  }

  /** Completes a task the way Google's own apps do: completed and hidden at once. */
  completeInApp(task: StoredTask): void {
    task.status = 'completed';
    task.completed = this.now();
    task.hidden = true;
    this.touch(task);
  }

  /** `tasks.clear`: completed tasks of the list become hidden. */
  clear(listId: string): void {
    for (const task of this.ofList(listId)) {
      if (task.status === 'completed' && !task.hidden && !task.deleted) {
        task.hidden = true;
        this.touch(task);
      }
    }
  }

  /** The list resource. */
  listResource(list: StoredTaskList, origin: string): Record<string, unknown> {
    return { kind: 'tasks#taskList', id: list.id, etag: list.etag, title: list.title, updated: new Date(list.updated).toISOString(), selfLink: `${origin}/tasks/v1/users/@me/lists/${list.id}` };
  }

  /** The task resource; optional fields are left out when unset, as Google does. */
  resource(task: StoredTask, origin: string): Record<string, unknown> {
    const body: Record<string, unknown> = { kind: 'tasks#task', id: task.id, etag: task.etag, title: task.title, updated: new Date(task.updated).toISOString() };
    body.selfLink = `${origin}/tasks/v1/lists/${task.listId}/tasks/${task.id}`;
    if (task.parent) body.parent = task.parent;
    body.position = task.position;
    if (task.notes !== undefined) body.notes = task.notes;
    body.status = task.status;
    if (task.due !== undefined) body.due = task.due;
    if (task.completed !== undefined) body.completed = new Date(task.completed).toISOString();
    if (task.deleted) body.deleted = true;
    if (task.hidden) body.hidden = true;
    body.webViewLink = `https://tasks.google.com/task/${task.id}`;
    return body;
  }
}
