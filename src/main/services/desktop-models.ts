/**
 * The narrow views the desktop shell (tray, power and network watchers in platform/) gets of the
 * core: what to show and the few things it may do, nothing more.
 */
import type { Repositories } from '../db/repositories';
import type { EventBus } from '../events';
import type { SettingsStore } from '../settings/settings-store';
import type { Scheduler, SuspendReason } from '../sync/scheduler';
import type { SettingsService } from './settings-service';

/** What the tray shows and does. */
export interface TrayModel {
  pendingCount(): number;
  paused(): boolean;
  syncNow(): void;
  setPaused(paused: boolean): void;
  /** Calls `listener` when what the tray shows may have changed; returns the unsubscribe function. */
  onChange(listener: () => void): () => void;
}

/** What the sleep/network watcher and launch-at-login need. */
export interface SystemStateModel {
  setSuspended(reason: SuspendReason, on: boolean): void;
  launchAtLogin(): boolean;
  /** Calls `listener` when settings that the system state reads may have changed. */
  onChange(listener: () => void): () => void;
}

/** Builds both models over the core's collaborators. */
export function createDesktopModels(deps: { repos: Repositories; settings: SettingsStore; settingsService: SettingsService; scheduler: Scheduler; events: EventBus }): { tray: TrayModel; system: SystemStateModel } {
  const { repos, settings, scheduler, events } = deps;
  return {
    tray: {
      pendingCount: () => repos.suggestions.countByStatus().pending_approval,
      paused: () => settings.get().syncPaused,
      syncNow: () => void scheduler.syncAllNow(),
      setPaused: (paused) => void deps.settingsService.set({ syncPaused: paused }),
      onChange: (listener) => events.subscribe((event) => (event === 'suggestions:changed' || event === 'integrations:changed') && listener()),
    },
    system: {
      setSuspended: (reason, on) => scheduler.setSuspended(reason, on),
      launchAtLogin: () => settings.get().launchAtLogin,
      onChange: (listener) => events.subscribe((event) => event === 'integrations:changed' && listener()),
    },
  };
}
