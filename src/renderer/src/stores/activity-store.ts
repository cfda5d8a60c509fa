/** Activity: recent sync runs and the write-back outbox, refreshed on `outbox:changed` and `integrations:changed`. */
import { create } from 'zustand';
import type { OutboxActionDto, SyncLogDto } from '../../../shared/models';
import { api, errorMessage } from '../api';

interface ActivityState {
  logs: SyncLogDto[];
  outbox: OutboxActionDto[];
  /** Items the model could not judge yet, over all accounts (tried again on the next syncs). */
  waitingForModel: number;
  loaded: boolean;
  logsError: string | null;
  outboxError: string | null;
  load(): Promise<void>;
  loadOutbox(): Promise<void>;
  retry(id: number): Promise<void>;
}

/** Activity store. */
export const useActivityStore = create<ActivityState>((set, get) => ({
  logs: [],
  outbox: [],
  waitingForModel: 0,
  loaded: false,
  logsError: null,
  outboxError: null,
  load: async () => {
    // Each half fails on its own: an outbox error must not hide the sync log.
    const [logs, outbox, integrations] = await Promise.allSettled([api().syncLogsList({ limit: 200 }), api().outboxList({ limit: 200 }), api().integrationsList()]);
    set({
      loaded: true,
      ...(integrations.status === 'fulfilled' ? { waitingForModel: integrations.value.reduce((sum, row) => sum + row.stats.waitingForModel, 0) } : {}),
      ...(logs.status === 'fulfilled' ? { logs: logs.value, logsError: null } : { logsError: errorMessage(logs.reason) }),
      ...(outbox.status === 'fulfilled' ? { outbox: outbox.value, outboxError: null } : { outboxError: errorMessage(outbox.reason) }),
    });
  },
  loadOutbox: async () => {
    try {
      set({ outbox: await api().outboxList({ limit: 200 }), outboxError: null });
    } catch (error) {
      set({ outboxError: errorMessage(error) });
    }
  },
  retry: async (id) => {
    const updated = await api().outboxRetry({ id });
    set({ outbox: get().outbox.map((action) => (action.id === id ? updated : action)) });
  },
}));
