/**
 * The first-run flow: shown at start-up until the person dismisses it (kept in settings) or while no
 * account is connected yet, and again from Settings on request; "Try it with sample data" lives here.
 */
import { create } from 'zustand';
import type { ChannelResult } from '../../../shared/ipc-contract';
import { api, errorMessage } from '../api';

/** What `app:info` says about this host (data folder, how files are chosen). */
export type AppInfo = ChannelResult<'app:info'>;

/** The guided set-ups: one Google client serves Gmail, Calendar and Tasks; Slack has its own app. */
export type GuideId = 'google' | 'slack';

interface OnboardingState {
  info: AppInfo | null;
  /** The first-run flow is in front of the screens. */
  open: boolean;
  /** The sample is being connected and read. */
  sampleBusy: boolean;
  sampleError: string | null;
  /** The guided set-up shown, if any. */
  guide: GuideId | null;
  openGuide(guide: GuideId): void;
  closeGuide(): void;
  /** Reads the facts and decides whether the first-run flow opens; `skip` when a screen was asked for by link. */
  start(skip: boolean): Promise<void>;
  show(): void;
  /** Closes the flow; `remember` keeps it closed on later launches. */
  close(remember: boolean): Promise<void>;
  /** Connects the bundled sample mailbox and calendar and waits for their first syncs; true when done. */
  trySample(): Promise<boolean>;
}

/** Onboarding store. */
export const useOnboardingStore = create<OnboardingState>((set, get) => ({
  info: null,
  open: false,
  sampleBusy: false,
  sampleError: null,
  guide: null,
  openGuide: (guide) => set({ guide }),
  closeGuide: () => set({ guide: null }),
  start: async (skip) => {
    try {
      const [info, view, integrations] = await Promise.all([api().appInfo(), api().settingsGet(), api().integrationsList()]);
      set({ info, open: !skip && !view.settings.firstRunDismissed && integrations.length === 0 });
    } catch {
      // Without the facts the screens still work; the flow stays closed rather than blocking them.
      set({ open: false });
    }
  },
  show: () => set({ open: true, sampleError: null }),
  close: async (remember) => {
    set({ open: false });
    if (remember) await api().settingsSet({ firstRunDismissed: true }).catch(() => undefined);
  },
  trySample: async () => {
    if (get().sampleBusy) return false;
    set({ sampleBusy: true, sampleError: null });
    try {
      await api().onboardingTrySample();
      set({ sampleBusy: false, open: false });
      return true;
    } catch (error) {
      set({ sampleBusy: false, sampleError: errorMessage(error) });
      return false;
    }
  },
}));
