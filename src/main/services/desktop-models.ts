/**
 * The narrow views the desktop shell (tray, power and network watchers in platform/) gets of the
 * core: what to show and the few things it may do, nothing more.
 */
import type { AppEvent } from '../../shared/ipc-channels';
import type { Repositories } from '../db/repositories';
import type { EventBus } from '../events';
import type { SettingsStore } from '../settings/settings-store';
import type { ReminderScheduler } from '../sync/reminder-scheduler';
import type { Scheduler, SuspendReason } from '../sync/scheduler';
import type { SettingsService } from './settings-service';

/** What the tray shows and does. */
export interface TrayModel {
  pendingCount(): number;
  /** Open tasks due today on the person's clock (the tray's "N due today"). */
  dueTodayCount(): number;
  paused(): boolean;
  syncNow(): void;
  setPaused(paused: boolean): void;
  /** Calls `listener` when what the tray shows may have changed; returns the unsubscribe function. */
  onChange(listener: () => void): () => void;
}

/** What the sleep/network watcher and launch-at-login need. */
export interface SystemStateModel {
  setSuspended(reason: SuspendReason, on: boolean): void;
  /** After sleep: reminders that came due meanwhile fire now (each once). */
  wake(): void;
  launchAtLogin(): boolean;
  /** Calls `listener` when settings that the system state reads may have changed. */
  onChange(listener: () => void): () => void;
}

// Pending suggestions, pause (settings) and the tasks due today change with these.
const TRAY_EVENTS: ReadonlySet<AppEvent> = new Set(['suggestions:changed', 'integrations:changed', 'tasks:changed', 'reminder:due']);

/** Builds both models over the core's collaborators. */
export function createDesktopModels(deps: { repos: Repositories; settings: SettingsStore; settingsService: SettingsService; scheduler: Scheduler; reminders: ReminderScheduler; events: EventBus }): { tray: TrayModel; system: SystemStateModel } {
  const { repos, settings, scheduler, reminders, events } = deps;
  return {
    tray: {
      pendingCount: () => repos.suggestions.countByStatus().pending_approval,
      dueTodayCount: () => reminders.dueToday(),
      paused: () => settings.get().syncPaused,
      syncNow: () => void scheduler.syncAllNow(),
      setPaused: (paused) => void deps.settingsService.set({ syncPaused: paused }),
      onChange: (listener) => events.subscribe((event) => TRAY_EVENTS.has(event) && listener()),
    },
    system: {
      setSuspended: (reason, on) => scheduler.setSuspended(reason, on),
      wake: () => reminders.wake(),
      launchAtLogin: () => settings.get().launchAtLogin,
      onChange: (listener) => events.subscribe((event) => event === 'integrations:changed' && listener()),
    },
  };
}
