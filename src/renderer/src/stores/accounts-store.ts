/** Google accounts for the dashboard: one sign-in, its services, colour and label; connecting and turning services on. */
import { create } from 'zustand';
import type { AccountFamilyDto } from '../../../shared/ipc-contract';
import type { AccountDto, GoogleService } from '../../../shared/models';
import { api, errorMessage } from '../api';

/** A Google sign-in waiting in the browser. */
export interface PendingAccountConnect {
  accountId: number | null;
  integrationIds: number[];
  authorizationUrl: string | null;
}

interface AccountsState {
  families: AccountFamilyDto[];
  accounts: AccountDto[];
  loaded: boolean;
  error: string | null;
  /** The sign-in in progress, if any. */
  pending: PendingAccountConnect | null;
  load(): Promise<void>;
  /** Connects a new account for `services`, or turns them on for `accountId`. */
  connect(services: GoogleService[], accountId?: number): Promise<void>;
  /** Turns one service of an account off (its grant is revoked only when it is the last one). */
  turnOff(integrationId: number): Promise<void>;
  disconnectAccount(accountId: number): Promise<void>;
  update(accountId: number, change: { label?: string; colour?: string }): Promise<void>;
  clearError(): void;
}

/** Accounts store. */
export const useAccountsStore = create<AccountsState>((set, get) => {
  const run = async (work: () => Promise<unknown>) => {
    set({ error: null });
    try {
      await work();
    } catch (error) {
      set({ error: errorMessage(error) });
    }
    await get().load();
  };
  return {
    families: [],
    accounts: [],
    loaded: false,
    error: null,
    pending: null,
    load: async () => {
      try {
        const { families, accounts } = await api().accountsList();
        // The sign-in is over once none of its services is still connecting.
        const pending = get().pending;
        const waiting = pending !== null && accounts.some((account) => account.services.some((service) => service.integrationId !== null && pending.integrationIds.includes(service.integrationId) && service.status === 'connecting'));
        set({ families, accounts, loaded: true, pending: waiting || pending?.integrationIds.length === 0 ? pending : null });
      } catch (error) {
        set({ error: errorMessage(error), loaded: true });
      }
    },
    connect: (services, accountId) =>
      run(async () => {
        set({ pending: { accountId: accountId ?? null, integrationIds: [], authorizationUrl: null } });
        try {
          const result = await api().integrationsConnect({ provider: 'google', options: { services, ...(accountId ? { accountId } : {}) } });
          set({ pending: result.authorizationUrl ? { accountId: result.accountId ?? null, integrationIds: result.integrationIds ?? [result.integrationId], authorizationUrl: result.authorizationUrl } : null });
        } catch (error) {
          set({ pending: null });
          throw error;
        }
      }),
    turnOff: (integrationId) => run(() => api().integrationsDisconnect({ integrationId })),
    disconnectAccount: (accountId) => run(() => api().accountsDisconnect({ accountId })),
    update: (accountId, change) => run(() => api().accountsUpdate({ accountId, ...change })),
    clearError: () => set({ error: null }),
  };
});
