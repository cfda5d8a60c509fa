/**
 * What a test does to one fake Google account's data: mail, calendar events and Google Tasks, as
 * the person would in Google's own apps (no API call, no quota, no log entry).
 */
import { CalendarStore } from './calendar-store';
import { Mailbox } from './mailbox';
import { buildMessage } from './mime-builder';
import { type AccountData, type FakeAccount, type FakeState } from './router';
import { type TaskFields, TasksStore } from './tasks-store';
import { type AddMessageOptions, type FakeEventInput, type FakeMessageView, type MessageBuilderInput } from './types';

/** A task as a test adds it. */
export interface FakeTaskInput {
  title: string;
  notes?: string;
  due?: string;
  status?: 'needsAction' | 'completed';
  /** Default: the default list. */
  listId?: string;
}

/** Google Tasks of one account. */
export interface FakeTasksControls {
  readonly defaultListId: string;
  lists(): Array<{ id: string; title: string }>;
  addList(title: string): string;
  /** Every task resource of a list (deleted and hidden ones too), as the API would show them. */
  all(listId?: string): Array<Record<string, unknown>>;
  get(taskId: string): Record<string, unknown> | undefined;
  add(input: FakeTaskInput): string;
  /** Edits a task as the person would in the Tasks app (a new `updated` and ETag). */
  edit(taskId: string, fields: TaskFields): void;
  /** Ticks a task off in Google's own app: completed and hidden. */
  completeInApp(taskId: string): void;
  delete(taskId: string): void;
}

/** Everything a test does to one account. */
export interface FakeAccountControls {
  readonly account: FakeAccount;
  addMessage(input: MessageBuilderInput | Buffer | string, options?: AddMessageOptions): string;
  getMessage(id: string): FakeMessageView | undefined;
  messages(): FakeMessageView[];
  modifyLabels(id: string, change: { add?: string[]; remove?: string[] }): void;
  deleteMessage(id: string): boolean;
  /** How many modify/batchModify requests asked to remove `label` from message `id` (effective or not). */
  labelRemovalRequests(id: string, label: string): number;
  historyId(): string;
  truncateHistory(upToHistoryId?: number | string): void;
  addEvent(input: FakeEventInput): string;
  updateEvent(id: string, patch: Partial<FakeEventInput>, calendarId?: string): void;
  cancelEvent(id: string, calendarId?: string): void;
  getEvent(id: string, calendarId?: string): Record<string, unknown> | undefined;
  invalidateSyncTokens(): void;
  readonly tasks: FakeTasksControls;
  /** Scopes this account's live authorization of the client holds (empty after a revoke). */
  grantedScopes(): string[];
}

/** Fresh data for an account. */
export function newAccountData(account: FakeAccount, options: { startHistoryId?: number; historyLimit?: number }, now: () => number): AccountData {
  return {
    account,
    mailbox: new Mailbox(options.startHistoryId ?? 1000, options.historyLimit ?? Infinity, now),
    calendars: new CalendarStore(account.email, now),
    tasks: new TasksStore(now),
  };
}

function tasksControls(store: TasksStore, origin: () => string): FakeTasksControls {
  const require = (taskId: string) => {
    const task = store.tasks.get(taskId);
    if (!task) throw new Error(`no task ${taskId}`);
    return task;
  };
  return {
    defaultListId: store.defaultListId,
    lists: () => [...store.lists.values()].map((list) => ({ id: list.id, title: list.title })),
    addList: (title) => store.addList(title).id,
    all: (listId = store.defaultListId) => store.ofList(listId).map((task) => store.resource(task, origin())),
    get: (taskId) => {
      const task = store.tasks.get(taskId);
      return task && store.resource(task, origin());
    },
    add: (input) => store.insert(input.listId ?? store.defaultListId, { title: input.title, notes: input.notes, due: input.due, status: input.status }).id,
    edit: (taskId, fields) => store.apply(require(taskId), fields),
    completeInApp: (taskId) => store.completeInApp(require(taskId)),
    delete: (taskId) => store.delete(require(taskId)),
  };
}

/** The controls of one account's data. */
export function accountControls(state: FakeState, data: AccountData, origin: () => string): FakeAccountControls {
  const { mailbox, calendars } = data;
  return {
    account: data.account,
    addMessage(input, addOptions = {}) {
      if (typeof input === 'string' || Buffer.isBuffer(input)) {
        return mailbox.add(Buffer.isBuffer(input) ? input : Buffer.from(input, 'utf8'), addOptions).id;
      }
      const raw = buildMessage(input);
      const date = input.date === undefined ? undefined : new Date(input.date).getTime();
      return mailbox.add(raw, { labelIds: input.labelIds, threadId: input.threadId, internalDate: date, ...addOptions }).id;
    },
    getMessage: (id) => {
      const message = mailbox.messages.get(id);
      return message && mailbox.view(message);
    },
    messages: () => mailbox.sorted().map((message) => mailbox.view(message)),
    modifyLabels(id, change) {
      const message = mailbox.messages.get(id);
      if (!message) throw new Error(`no message ${id}`);
      const add = (change.add ?? []).map((label) => mailbox.ensureLabel(label));
      mailbox.modify(message, add, change.remove ?? []);
    },
    deleteMessage: (id) => mailbox.delete(id),
    labelRemovalRequests: (id, label) => mailbox.removalRequests.get(`${id}:${label}`) ?? 0,
    historyId: () => String(mailbox.historyId),
    truncateHistory: (upTo) => mailbox.truncateHistory(upTo === undefined ? undefined : Number(upTo)),
    addEvent: (input) => calendars.add(input),
    updateEvent: (id, patch, calendarId) => calendars.update(id, patch, calendarId),
    cancelEvent: (id, calendarId) => calendars.cancel(id, calendarId),
    getEvent: (id, calendarId) => {
      const event = calendars.find(id, calendarId);
      return event && calendars.resource(event);
    },
    invalidateSyncTokens: () => calendars.invalidateSyncTokens(),
    tasks: tasksControls(data.tasks, origin),
    grantedScopes: () => state.oauth.grantedTo(data.account.sub),
  };
}
