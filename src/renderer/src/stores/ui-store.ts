/** Which screen is shown and the transient toasts (with their undo actions). */
import { create } from 'zustand';

/** The app's screens. */
export type Screen = 'suggestions' | 'tasks' | 'integrations' | 'activity' | 'settings';

/** A short message at the bottom of the window, optionally with an Undo button. */
export interface Toast {
  id: number;
  message: string;
  tone: 'info' | 'error';
  undo?: () => Promise<void> | void;
}

interface UiState {
  screen: Screen;
  toasts: Toast[];
  navigate(screen: Screen): void;
  showToast(toast: Omit<Toast, 'id'>, ttlMs?: number): void;
  dismissToast(id: number): void;
}

let nextToastId = 1;

/** UI state store. */
export const useUiStore = create<UiState>((set, get) => ({
  screen: 'suggestions',
  toasts: [],
  navigate: (screen) => set({ screen }),
  showToast: (toast, ttlMs = 6000) => {
    const id = nextToastId++;
    set({ toasts: [...get().toasts.slice(-3), { ...toast, id }] });
    setTimeout(() => get().dismissToast(id), ttlMs);
  },
  dismissToast: (id) => set({ toasts: get().toasts.filter((toast) => toast.id !== id) }),
}));
