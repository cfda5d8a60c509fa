/** Integrations and the provider catalogue for the dashboard, with live sync progress and connect state. */
import { create } from 'zustand';
import type { EventPayload, ProviderInfoDto } from '../../../shared/ipc-contract';
import type { IntegrationDto, IntegrationSettings, ProviderType, SyncLogDto } from '../../../shared/models';
import { api, errorMessage } from '../api';

/** The latest `sync:progress` of an integration. */
export type SyncProgress = EventPayload<'sync:progress'>;

/** A connect call the person started (the flow finishes in the browser for OAuth providers). */
export interface PendingConnect {
  provider: ProviderType;
  integrationId: number | null;
  authorizationUrl: string | null;
}

interface IntegrationsState {
  providers: ProviderInfoDto[];
  integrations: IntegrationDto[];
  loaded: boolean;
  error: string | null;
  progress: Record<number, SyncProgress>;
  /** Connect calls in flight or waiting for the browser, by provider. */
  connecting: Partial<Record<ProviderType, PendingConnect>>;
  /** The last error sentence of an action, per provider (connect) or per integration id (sync...). */
  actionErrors: Record<string, string>;
  load(): Promise<void>;
  connect(provider: ProviderType, options?: { path?: string; integrationId?: number }): Promise<void>;
  cancelConnect(provider: ProviderType, integrationId: number): Promise<void>;
  disconnect(integrationId: number): Promise<void>;
  /** Deletes a (disconnected) account with its suggestions and logs; tasks stay. */
  remove(integrationId: number): Promise<void>;
  sync(integrationId: number): Promise<SyncLogDto | null>;
  /** Reads further back than the first sync did; returns the run's log. */
  loadOlder(integrationId: number): Promise<SyncLogDto | null>;
  updateSettings(integrationId: number, settings: IntegrationSettings): Promise<void>;
  onProgress(payload: SyncProgress): void;
  clearActionError(key: string): void;
}

const providerKey = (provider: ProviderType) => `provider:${provider}`;
const integrationKey = (id: number) => `integration:${id}`;

/** Key of an action error shown on a provider card. */
export const errorKeys = { provider: providerKey, integration: integrationKey };

/** Integrations store. */
export const useIntegrationsStore = create<IntegrationsState>((set, get) => {
  const setActionError = (key: string, error: unknown) => set({ actionErrors: { ...get().actionErrors, [key]: errorMessage(error) } });
  /** A sync-like run with its progress shown until it ends. */
  const runSync = async (integrationId: number, call: () => Promise<SyncLogDto>): Promise<SyncLogDto | null> => {
    get().clearActionError(integrationKey(integrationId));
    set({ progress: { ...get().progress, [integrationId]: { integrationId, phase: 'fetching', done: 0, total: null, message: null } } });
    try {
      return await call();
    } catch (error) {
      setActionError(integrationKey(integrationId), error);
      return null;
    } finally {
      const progress = { ...get().progress };
      delete progress[integrationId];
      set({ progress });
      await get().load();
    }
  };
  const withoutConnecting = (provider: ProviderType) => {
    const connecting = { ...get().connecting };
    delete connecting[provider];
    return connecting;
  };

  return {
    providers: [],
    integrations: [],
    loaded: false,
    error: null,
    progress: {},
    connecting: {},
    actionErrors: {},

    load: async () => {
      try {
        const [providers, integrations] = await Promise.all([api().integrationsProviders(), api().integrationsList()]);
        // A connect is finished once its integration left `connecting`.
        const connecting = { ...get().connecting };
        for (const [provider, pending] of Object.entries(connecting) as Array<[ProviderType, PendingConnect]>) {
          const row = integrations.find((integration) => integration.id === pending.integrationId);
          if (row && row.status !== 'connecting') delete connecting[provider];
        }
        set({ providers, integrations, connecting, loaded: true, error: null });
      } catch (error) {
        set({ error: errorMessage(error), loaded: true });
      }
    },

    connect: async (provider, options = {}) => {
      get().clearActionError(providerKey(provider));
      set({ connecting: { ...get().connecting, [provider]: { provider, integrationId: options.integrationId ?? null, authorizationUrl: null } } });
      try {
        const result = await api().integrationsConnect({
          provider,
          ...(options.path ? { options: { path: options.path } } : {}),
          ...(options.integrationId ? { integrationId: options.integrationId } : {}),
        });
        await get().load();
        const row = get().integrations.find((integration) => integration.id === result.integrationId);
        if (row && row.status === 'connecting') {
          set({ connecting: { ...get().connecting, [provider]: { provider, integrationId: result.integrationId, authorizationUrl: result.authorizationUrl ?? null } } });
        } else {
          set({ connecting: withoutConnecting(provider) });
        }
      } catch (error) {
        set({ connecting: withoutConnecting(provider) });
        setActionError(providerKey(provider), error);
      }
    },

    cancelConnect: async (provider, integrationId) => {
      try {
        await api().integrationsCancelConnect({ integrationId });
      } catch (error) {
        setActionError(providerKey(provider), error);
      }
      set({ connecting: withoutConnecting(provider) });
      await get().load();
    },

    disconnect: async (integrationId) => {
      get().clearActionError(integrationKey(integrationId));
      try {
        await api().integrationsDisconnect({ integrationId });
      } catch (error) {
        setActionError(integrationKey(integrationId), error);
      }
      await get().load();
    },

    remove: async (integrationId) => {
      get().clearActionError(integrationKey(integrationId));
      try {
        await api().integrationsRemove({ integrationId });
      } catch (error) {
        setActionError(integrationKey(integrationId), error);
      }
      await get().load();
    },

    sync: (integrationId) => runSync(integrationId, () => api().integrationsSync({ integrationId })),
    loadOlder: (integrationId) => runSync(integrationId, () => api().integrationsLoadOlder({ integrationId })),

    updateSettings: async (integrationId, settings) => {
      const updated = await api().integrationsUpdateSettings({ integrationId, settings });
      set({ integrations: get().integrations.map((row) => (row.id === integrationId ? updated : row)) });
    },

    onProgress: (payload) => {
      const progress = { ...get().progress };
      if (payload.phase === 'done' || payload.phase === 'failed') delete progress[payload.integrationId];
      else progress[payload.integrationId] = payload;
      set({ progress });
    },

    clearActionError: (key) => {
      if (!(key in get().actionErrors)) return;
      const actionErrors = { ...get().actionErrors };
      delete actionErrors[key];
      set({ actionErrors });
    },
  };
});
