/** The person's rules and the app's proposals, as Settings → Rules and the feed's banner show them. */
import { create } from 'zustand';
import type { ChannelInput } from '../../../shared/ipc-contract';
import type { RuleDto } from '../../../shared/models';
import { api, errorMessage } from '../api';

interface RulesState {
  rules: RuleDto[];
  loaded: boolean;
  error: string | null;
  load(): Promise<void>;
  /** Creates or replaces a rule (the same target keeps one never/always rule and one priority rule). */
  set(input: ChannelInput<'rules:set'>): Promise<RuleDto>;
  remove(id: number): Promise<void>;
  accept(id: number): Promise<void>;
}

/** Rules store; each write reloads the list (hits and proposals change on the server). */
export const useRulesStore = create<RulesState>((set, get) => ({
  rules: [],
  loaded: false,
  error: null,
  load: async () => {
    try {
      set({ rules: await api().rulesList(), loaded: true, error: null });
    } catch (error) {
      set({ error: errorMessage(error) });
    }
  },
  set: async (input) => {
    const rule = await api().rulesSet(input);
    await get().load();
    return rule;
  },
  remove: async (id) => {
    await api().rulesDelete({ id });
    await get().load();
  },
  accept: async (id) => {
    await api().rulesAccept({ id });
    await get().load();
  },
}));
