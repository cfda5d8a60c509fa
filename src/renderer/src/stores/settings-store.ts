/** App settings as the renderer sees them: values, which secrets are set (never their values), storage facts. */
import { create } from 'zustand';
import type { ChannelResult } from '../../../shared/ipc-contract';
import type { AppSettings, SecretName, SettingsView } from '../../../shared/models';
import { api, errorMessage } from '../api';

/** Result of "Test connection". */
export type LlmTestResult = ChannelResult<'settings:test-llm'>;

interface SettingsState {
  view: SettingsView | null;
  error: string | null;
  load(): Promise<void>;
  set(patch: Partial<AppSettings>): Promise<void>;
  setSecret(name: SecretName, value: string): Promise<void>;
  clearSecret(name: SecretName): Promise<void>;
  testLlm(): Promise<LlmTestResult>;
}

/** Settings store; every write returns the fresh view, which replaces the old one. */
export const useSettingsStore = create<SettingsState>((set) => ({
  view: null,
  error: null,
  load: async () => {
    try {
      set({ view: await api().settingsGet(), error: null });
    } catch (error) {
      set({ error: errorMessage(error) });
    }
  },
  set: async (patch) => set({ view: await api().settingsSet(patch) }),
  setSecret: async (name, value) => set({ view: await api().settingsSetSecret({ name, value }) }),
  clearSecret: async (name) => set({ view: await api().settingsClearSecret({ name }) }),
  testLlm: () => api().settingsTestLlm(),
}));
