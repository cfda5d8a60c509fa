/** Which screen is shown and the transient toasts (with their undo actions). */
import { create } from 'zustand';
import type { Screen } from '../../../shared/models';

/** Each screen's name in the navigation, in menu order (typed by the shared union, so none is missing). */
export const SCREEN_LABELS: Readonly<Record<Screen, string>> = {
  suggestions: 'Suggestions',
  tasks: 'Tasks',
  integrations: 'Integrations',
  activity: 'Activity',
  settings: 'Settings',
};

/** A short message at the bottom of the window, optionally with an Undo button. */
export interface Toast {
  id: number;
  message: string;
  tone: 'info' | 'error';
  undo?: () => Promise<void> | void;
}

/** A window over everything: the command palette or quick add. */
export type Overlay = 'palette' | 'quick-add' | 'export' | null;

interface UiState {
  screen: Screen;
  overlay: Overlay;
  /** Opens (or with null closes) the palette, quick add or export. */
  setOverlay(overlay: Overlay): void;
  toasts: Toast[];
  /** Element id to bring into view once the screen has rendered (e.g. a Settings section). */
  focusTarget: string | null;
  /** Counts navigations, so the shell can leave the first-run flow even for the screen already behind it. */
  navigations: number;
  navigate(screen: Screen, focusTarget?: string): void;
  showToast(toast: Omit<Toast, 'id'>, ttlMs?: number): void;
  dismissToast(id: number): void;
  /** Runs the newest toast's Undo (the `u` key); false when there is nothing to undo. */
  undoLatest(): boolean;
}

let nextToastId = 1;

const isScreen = (value: string | null): value is Screen => value !== null && Object.hasOwn(SCREEN_LABELS, value);

/** `?screen=tasks` opens that screen first (handy for links and tests); the feed otherwise. */
function initialScreen(): Screen {
  const wanted = new URLSearchParams(window.location.search).get('screen');
  return isScreen(wanted) ? wanted : 'suggestions';
}

/** UI state store. */
export const useUiStore = create<UiState>((set, get) => ({
  screen: initialScreen(),
  overlay: null,
  setOverlay: (overlay) => set({ overlay }),
  toasts: [],
  focusTarget: null,
  navigations: 0,
  navigate: (screen, focusTarget) => set({ screen, focusTarget: focusTarget ?? null, navigations: get().navigations + 1 }),
  showToast: (toast, ttlMs = toast.undo ? 10_000 : 6000) => {
    const id = nextToastId++;
    set({ toasts: [...get().toasts.slice(-3), { ...toast, id }] });
    setTimeout(() => get().dismissToast(id), ttlMs);
  },
  dismissToast: (id) => set({ toasts: get().toasts.filter((toast) => toast.id !== id) }),
  undoLatest: () => {
    const toast = get().toasts.findLast((entry) => entry.undo !== undefined);
    if (!toast?.undo) return false;
    get().dismissToast(toast.id);
    void toast.undo();
    return true;
  },
}));
