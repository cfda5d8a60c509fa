/**
 * Task reminders. The schedule lives in the database (task_reminders): this loop keeps it in step with
 * the tasks, fires what is due and sleeps until the next reminder or snooze end (at most a minute, so a
 * changed clock or a wake from sleep is noticed). Firing claims the row first, so a reminder fires once:
 * never twice across restarts, and one missed while the machine slept fires once when it wakes.
 * Each fired reminder is a `reminder:due` event (IPC in the app, SSE headless) and a notification.
 */
import { createZone, type Zone } from '../lib/time-zone';
import type { Clock } from '../clock';
import type { Repositories } from '../db/repositories';
import type { EventBus } from '../events';
import type { Logger } from '../logging/logger';
import type { AppNotification, NotificationAction } from '../platform-services';
import type { SettingsStore } from '../settings/settings-store';
import { reminderNotifications } from './notification-policy';
import { nothingToRemind, reminderFireAt } from './reminder-time';

/** Collaborators of the reminder scheduler. */
export interface ReminderSchedulerDeps {
  repos: Repositories;
  events: EventBus;
  clock: Clock;
  settings: SettingsStore;
  logger: Logger;
  notify(notification: AppNotification): void;
  /** Runs the action chosen on a notification (Done / Snooze) for a task. */
  onAction(taskId: number, action: NotificationAction['id']): void;
  /** Longest sleep between checks (a clock change or a wake is noticed within it). */
  maxSleepMs?: number;
}

/** Creates the reminder scheduler. */
export function createReminderScheduler(deps: ReminderSchedulerDeps) {
  const { repos, events, clock, settings, logger } = deps;
  const maxSleepMs = deps.maxSleepMs ?? 60_000;
  let timer: NodeJS.Timeout | null = null;
  let running = false;
  let basis: string | null = null;
  let lastCheck = clock.now();
  let unsubscribe: (() => void) | null = null;

  const zone = (): Zone => createZone(settings.get().timeZone);

  /** Makes the reminders of tasks that need one, and moves unfired ones when the lead time or zone changed. */
  function reconcile(now: Date): void {
    const { reminderLeadMinutes: lead, timeZone } = settings.get();
    const currentZone = zone();
    repos.db.transaction(() => {
      repos.reminders.dropStale();
      for (const task of repos.reminders.candidates()) {
        const fireAt = reminderFireAt(task, lead, currentZone);
        repos.reminders.put({ ...task, fireAt: new Date(fireAt).toISOString(), skipped: nothingToRemind(task, fireAt, now, maxSleepMs) });
      }
      const next = `${lead}|${timeZone}`;
      if (basis !== next) {
        for (const pending of repos.reminders.pending()) {
          const fireAt = new Date(reminderFireAt(pending, lead, currentZone)).toISOString();
          if (fireAt !== pending.fireAt) repos.reminders.move(pending.taskId, fireAt);
        }
        basis = next;
      }
    })();
  }

  /** Fires every reminder due now (each once); returns how many fired. */
  function fireDue(now: Date): number {
    const { remindersEnabled, notificationsEnabled, timeZone } = settings.get();
    const fired = repos.reminders.due(now).filter((reminder) => repos.reminders.claim(reminder.taskId));
    // Turned off: the reminder is spent silently, so turning them on again does not unleash a backlog.
    if (!remindersEnabled || fired.length === 0) return 0;
    for (const reminder of fired) {
      events.emit('reminder:due', { ...reminder, late: now.getTime() - Date.parse(reminder.fireAt) > maxSleepMs });
    }
    if (notificationsEnabled) {
      for (const { taskId, ...notification } of reminderNotifications(fired, timeZone, now)) {
        deps.notify(taskId === null ? notification : { ...notification, onAction: (action) => deps.onAction(taskId, action) });
      }
    }
    logger.info('reminders fired', { count: fired.length });
    return fired.length;
  }

  /** One pass: schedule in step, fire what is due, tell lists about snoozes that ended. Returns reminders fired. */
  function check(): number {
    const now = clock.now();
    reconcile(now);
    const fired = fireDue(now);
    const ended = repos.reminders.snoozesEnded(lastCheck, now);
    lastCheck = now;
    if (ended.tasks > 0) events.emit('tasks:changed', { taskId: null });
    if (ended.suggestions > 0) events.emit('suggestions:changed', { integrationId: null });
    return fired;
  }

  function schedule(delayMs: number): void {
    if (!running) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(tick, Math.max(0, Math.min(delayMs, maxSleepMs)));
    timer.unref?.();
  }

  function tick(): void {
    timer = null;
    try {
      check();
    } catch (error) {
      logger.warn('reminder check failed', { error });
    }
    const now = clock.now();
    const next = [repos.reminders.nextFireAt(), repos.reminders.nextSnoozeEnd(now)].filter((at): at is string => at !== null).map((at) => Date.parse(at) - now.getTime());
    schedule(next.length > 0 ? Math.min(...next) : maxSleepMs);
  }

  return {
    check,
    /** Starts the loop (a first check at once: reminders missed while the app was closed fire now). */
    start(): void {
      if (running) return;
      running = true;
      // Task edits and Settings changes (lead time, zone) re-check soon, outside the emitter's call.
      unsubscribe = events.subscribe((event) => {
        if (event === 'tasks:changed' || event === 'integrations:changed') schedule(0);
      });
      schedule(0);
    },
    /** After sleep or a clock change: check now. */
    wake(): void {
      schedule(0);
    },
    /** Open tasks due today, in the person's zone (for the tray). */
    dueToday(): number {
      const now = clock.now();
      const today = zone().wallAt(now.getTime());
      const start = zone().toInstant(today.year, today.month, today.day, 0, 0);
      const tomorrow = new Date(Date.UTC(today.year, today.month - 1, today.day + 1));
      const end = zone().toInstant(tomorrow.getUTCFullYear(), tomorrow.getUTCMonth() + 1, tomorrow.getUTCDate(), 0, 0);
      return repos.reminders.countDueBetween(new Date(start), new Date(end));
    },
    /** Stops the loop. */
    stop(): void {
      running = false;
      unsubscribe?.();
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}

/** The reminder scheduler's type. */
export type ReminderScheduler = ReturnType<typeof createReminderScheduler>;
