/**
 * The background loop (sync_all_due in the original description): a setTimeout chain with jitter that syncs whatever
 * is due, checks cheaply every minute whether connected accounts changed (a desktop app has no
 * public URL for push), pauses while the system sleeps or is offline and catches up on resume, and
 * stops cleanly: the stop flag is checked after every await.
 */
import type { Clock } from '../clock';
import { jitter } from '../lib/backoff';
import type { Repositories } from '../db/repositories';
import type { Logger } from '../logging/logger';
import type { SettingsStore } from '../settings/settings-store';
import type { CheckCostLedger } from './check-costs';
import type { SessionFactory } from './provider-sessions';
import type { SyncEngine } from './sync-engine';

/** Collaborators of the scheduler. */
export interface SchedulerDeps {
  repos: Repositories;
  engine: SyncEngine;
  sessions: SessionFactory;
  settings: SettingsStore;
  clock: Clock;
  logger: Logger;
  /** Where the change checks' cost goes, for the next sync log. */
  checkCosts: CheckCostLedger;
  tickMs?: number;
  changeCheckMs?: number;
  random?: () => number;
}

/** Why syncing is suspended. */
export type SuspendReason = 'sleep' | 'offline';

/** Creates the scheduler. */
export function createScheduler(deps: SchedulerDeps) {
  const { repos, engine, clock } = deps;
  const tickMs = deps.tickMs ?? 30_000;
  const changeCheckMs = deps.changeCheckMs ?? 60_000;
  const random = deps.random ?? Math.random;
  const suspended = new Set<SuspendReason>();
  /** The timer chain runs between start() and stop(). */
  let looping = false;
  /** Set by stop(): every loop checks it after each await and leaves. */
  let stopRequested = false;
  let timer: NodeJS.Timeout | null = null;
  let lastCheckAt = 0;
  let running: Promise<void> | null = null;
  const controller = new AbortController();

  const active = () => !stopRequested && suspended.size === 0 && !deps.settings.get().syncPaused;

  async function syncAllDue(): Promise<number> {
    let count = 0;
    for (const integration of repos.integrations.listDue(clock.now())) {
      if (!active()) break;
      await engine.syncIntegration(integration.id, 'schedule').catch((error: unknown) => deps.logger.warn('scheduled sync refused', { id: integration.id, error }));
      count += 1;
    }
    return count;
  }

  async function checkForChanges(): Promise<number> {
    let started = 0;
    const soon = clock.now().getTime() + changeCheckMs;
    for (const integration of repos.integrations.list()) {
      if (!active()) break;
      if (integration.status !== 'connected' || engine.isSyncing(integration.id)) continue;
      if (integration.nextSyncAt && Date.parse(integration.nextSyncAt) <= soon) continue;
      try {
        const opened = await deps.sessions.open(integration, { signal: controller.signal });
        if (!opened.client.hasChanges) continue;
        const changed = await opened.client.hasChanges(integration.cursor, opened.session);
        deps.checkCosts.add(integration.id, opened.meter);
        if (changed && active()) {
          started += 1;
          await engine.syncIntegration(integration.id, 'change');
        }
      } catch (error) {
        // A failing check is not worth a failed sync; the regular schedule still runs.
        deps.logger.info('change check failed', { id: integration.id, error });
      }
    }
    return started;
  }

  async function tick(): Promise<void> {
    timer = null;
    if (active()) {
      await syncAllDue();
      if (active() && clock.now().getTime() - lastCheckAt >= changeCheckMs) {
        lastCheckAt = clock.now().getTime();
        await checkForChanges();
      }
    }
    schedule(tickMs);
  }

  function schedule(delay: number): void {
    if (!looping) return;
    if (timer) clearTimeout(timer);
    // ±20% jitter so many accounts (or many app instances) do not fire in lockstep.
    timer = setTimeout(() => {
      running = tick().finally(() => (running = null));
    }, jitter(delay, 0.2, random));
    timer.unref?.();
  }

  return {
    syncAllDue,
    checkForChanges,
    /** "Sync now" from the tray: every connected integration, whatever its schedule. */
    async syncAllNow(): Promise<void> {
      for (const integration of repos.integrations.list()) {
        if (integration.status !== 'connected') continue;
        await engine.syncIntegration(integration.id, 'manual').catch((error: unknown) => deps.logger.warn('sync now refused', { id: integration.id, error }));
      }
    },
    /** Starts the loop (first tick soon). */
    start(): void {
      if (looping || stopRequested) return;
      looping = true;
      schedule(1000);
    },
    /** Suspends or resumes for a reason; resuming the last reason catches up at once. */
    setSuspended(reason: SuspendReason, on: boolean): void {
      if (on) suspended.add(reason);
      else if (suspended.delete(reason) && suspended.size === 0) schedule(0);
    },
    /** Whether syncing is currently suspended. */
    isSuspended: () => suspended.size > 0,
    /** Stops the loop and waits for the tick in flight. */
    async stop(): Promise<void> {
      stopRequested = true;
      looping = false;
      if (timer) clearTimeout(timer);
      controller.abort();
      await running?.catch(() => undefined);
    },
  };
}

/** The scheduler's type. */
export type Scheduler = ReturnType<typeof createScheduler>;
