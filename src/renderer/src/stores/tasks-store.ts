/** The task list as the renderer holds it, refreshed on `tasks:changed`. */
import { create } from 'zustand';
import type { ChannelInput, TaskEdits } from '../../../shared/ipc-contract';
import type { Priority, ProviderType, SnoozePreset, TaskDto } from '../../../shared/models';
import { api, errorMessage } from '../api';

/** How the task list is sorted and filtered (kept while the person moves between screens). */
export interface TaskView {
  /** `snoozed`: open tasks put off until later (hidden from the others). */
  status: 'open' | 'done' | 'all' | 'snoozed';
  /** Search text ('' for none): matches come ranked, with their words marked. */
  query: string;
  sort: 'due' | 'priority' | 'created';
  priority: Priority | 'all';
  tag: string | 'all';
  source: ProviderType | 'manual' | 'all';
}

interface TasksState {
  tasks: TaskDto[];
  view: TaskView;
  setView(patch: Partial<TaskView>): void;
  loading: boolean;
  error: string | null;
  load(): Promise<void>;
  create(input: ChannelInput<'tasks:create'>): Promise<TaskDto>;
  update(id: number, edits: TaskEdits): Promise<TaskDto>;
  complete(id: number): Promise<TaskDto>;
  reopen(id: number): Promise<TaskDto>;
  remove(id: number): Promise<void>;
  snooze(id: number, until: SnoozePreset | string | null): Promise<TaskDto>;
}

/** What the server is asked for: the search and the snoozed view (other filters apply locally). */
function listInput(view: TaskView): ChannelInput<'tasks:list'> {
  return { ...(view.query.trim() ? { query: view.query } : {}), ...(view.status === 'snoozed' ? { snoozed: 'only' as const } : {}) };
}

let loadGeneration = 0;

/** Task store. */
export const useTasksStore = create<TasksState>((set, get) => ({
  tasks: [],
  view: { status: 'open', query: '', sort: 'due', priority: 'all', tag: 'all', source: 'all' },
  setView: (patch) => {
    const before = get().view;
    set({ view: { ...before, ...patch } });
    const after = get().view;
    if (after.query !== before.query || (after.status === 'snoozed') !== (before.status === 'snoozed')) void get().load();
  },
  loading: false,
  error: null,
  load: async () => {
    const generation = ++loadGeneration;
    set({ loading: true });
    try {
      const tasks = await api().tasksList(listInput(get().view));
      // An answer (or failure) to an older search or view arriving late is dropped.
      if (generation === loadGeneration) set({ tasks, error: null });
    } catch (error) {
      if (generation === loadGeneration) set({ error: errorMessage(error) });
    } finally {
      if (generation === loadGeneration) set({ loading: false });
    }
  },
  create: async (input) => {
    const task = await api().tasksCreate(input);
    await get().load();
    return task;
  },
  update: async (id, edits) => {
    const task = await api().tasksUpdate({ id, edits });
    await get().load();
    return task;
  },
  complete: async (id) => {
    const task = await api().tasksComplete({ id });
    await get().load();
    return task;
  },
  reopen: async (id) => {
    const task = await api().tasksReopen({ id });
    await get().load();
    return task;
  },
  remove: async (id) => {
    await api().tasksDelete({ id });
    await get().load();
  },
  snooze: async (id, until) => {
    const task = await api().tasksSnooze({ id, until });
    await get().load();
    return task;
  },
}));
