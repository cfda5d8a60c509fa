/** The task list as the renderer holds it, refreshed on `tasks:changed`. */
import { create } from 'zustand';
import type { ChannelInput, TaskEdits } from '../../../shared/ipc-contract';
import type { Priority, ProviderType, TaskDto } from '../../../shared/models';
import { api, errorMessage } from '../api';

/** How the task list is sorted and filtered (kept while the person moves between screens). */
export interface TaskView {
  status: 'open' | 'done' | 'all';
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
}

/** Task store. */
export const useTasksStore = create<TasksState>((set, get) => ({
  tasks: [],
  view: { status: 'open', sort: 'due', priority: 'all', tag: 'all', source: 'all' },
  setView: (patch) => set({ view: { ...get().view, ...patch } }),
  loading: false,
  error: null,
  load: async () => {
    set({ loading: true });
    try {
      set({ tasks: await api().tasksList(), error: null });
    } catch (error) {
      set({ error: errorMessage(error) });
    } finally {
      set({ loading: false });
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
}));
