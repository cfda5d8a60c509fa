// Reminders under a manual clock (no real waiting): lead time, all-day at 9:00 local, once only (also
// across a restart and after sleep), moved by edits, snoozes and Settings, actions, tray text.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventPayload } from '../../src/shared/ipc-contract';
import { EventBus } from '../../src/main/events';
import { createLogger } from '../../src/main/logging/logger';
import { Redactor } from '../../src/main/logging/redactor';
import type { AppNotification } from '../../src/main/platform-services';
import { createTaskService } from '../../src/main/services/task-service';
import { createSettingsStore, type SettingsBackend } from '../../src/main/settings/settings-store';
import { dueLabel, reminderNotifications, trayTooltip } from '../../src/main/sync/notification-policy';
import { createReminderScheduler } from '../../src/main/sync/reminder-scheduler';
import { clockOf } from '../helpers/factories';
import { createTestDatabase, type TestDatabase } from '../helpers/temp-db';

const MINUTE = 60_000;
let t: TestDatabase;
let stored: unknown;
const backend: SettingsBackend = { read: () => stored, write: (value) => void (stored = value) };

function setup(timeZone = 'Europe/Paris') {
  const events = new EventBus();
  const fired: Array<EventPayload<'reminder:due'>> = [];
  const seen: string[] = [];
  events.subscribe((event, payload) => {
    seen.push(event);
    if (event === 'reminder:due') fired.push(payload as EventPayload<'reminder:due'>);
  });
  const notifications: AppNotification[] = [];
  const actions: Array<[number, string]> = [];
  const settings = createSettingsStore(backend, timeZone);
  const scheduler = createReminderScheduler({
    repos: t.repos,
    events,
    clock: t.clock,
    settings,
    logger: createLogger(() => undefined, new Redactor(), () => t.clock.now()),
    notify: (notification) => notifications.push(notification),
    onAction: (taskId, action) => actions.push([taskId, action]),
  });
  const tasks = createTaskService(t.repos, events, {}, clockOf(t, timeZone));
  return { events, fired, seen, notifications, actions, settings, scheduler, tasks };
}

beforeEach(() => {
  t = createTestDatabase();
  stored = undefined;
  t.clock.set('2026-01-05T09:00:00.000Z'); // 10:00 in Paris
});
afterEach(() => t.close());

describe('reminder scheduler', () => {
  it('fires once at the lead time before the due time (default 15 minutes), not again on later checks', () => {
    const { fired, notifications, scheduler, tasks } = setup();
    const task = tasks.create({ title: 'Call Dana', dueAt: '2026-01-05T10:00:00.000Z' });
    expect(scheduler.check()).toBe(0);
    t.clock.set('2026-01-05T09:44:59.000Z');
    expect(scheduler.check()).toBe(0);
    t.clock.set('2026-01-05T09:45:00.000Z');
    expect(scheduler.check()).toBe(1);
    expect(fired).toEqual([{ taskId: task.id, title: 'Call Dana', dueAt: '2026-01-05T10:00:00.000Z', dueAllDay: false, fireAt: '2026-01-05T09:45:00.000Z', late: false }]);
    expect(notifications).toMatchObject([{ title: 'Call Dana', body: 'Due at 11:00.', screen: 'tasks', actions: [{ id: 'done' }, { id: 'snooze' }] }]);
    t.clock.advance(MINUTE);
    expect(scheduler.check()).toBe(0);
    expect(fired).toHaveLength(1);
  });

  it('never fires twice across a restart: the claim is in the database', () => {
    const first = setup();
    first.tasks.create({ title: 'Call Dana', dueAt: '2026-01-05T09:02:00.000Z' });
    expect(first.scheduler.check()).toBe(1); // due in 2 minutes: within the lead time, at once
    // A new process over the same database.
    const second = setup();
    expect(second.scheduler.check()).toBe(0);
    t.clock.advance(10 * MINUTE);
    expect(second.scheduler.check()).toBe(0);
    expect(second.fired).toEqual([]);
  });

  it('a reminder missed while the machine slept fires once on wake, marked late', () => {
    const { fired, scheduler, tasks } = setup();
    tasks.create({ title: 'Submit report', dueAt: '2026-01-05T12:00:00.000Z' });
    tasks.create({ title: 'Gym', dueAt: '2026-01-05T13:00:00.000Z' });
    scheduler.check();
    // Asleep from 10:00 to 15:00 local: both reminders passed unseen.
    t.clock.set('2026-01-05T14:00:00.000Z');
    expect(scheduler.check()).toBe(2);
    expect(fired.map((event) => [event.title, event.late])).toEqual([
      ['Submit report', true],
      ['Gym', true],
    ]);
    expect(scheduler.check()).toBe(0);
  });

  it('all-day tasks are reminded at 9:00 local on their day', () => {
    const { fired, notifications, scheduler, tasks } = setup();
    tasks.quickAdd('Pay rent on the 1st');
    scheduler.check();
    t.clock.set('2026-02-01T07:59:00.000Z'); // 08:59 in Paris
    expect(scheduler.check()).toBe(0);
    t.clock.set('2026-02-01T08:00:00.000Z');
    expect(scheduler.check()).toBe(1);
    expect(fired[0]).toMatchObject({ title: 'Pay rent', dueAllDay: true, fireAt: '2026-02-01T08:00:00.000Z' });
    expect(notifications[0]!.body).toBe('Due today.');
  });

  it('a task made after its due time, or after its all-day 9:00, gets no reminder', () => {
    const { scheduler, tasks } = setup();
    tasks.create({ title: 'Yesterday', dueAt: '2026-01-04T09:00:00.000Z' });
    tasks.create({ title: 'Today, all day', dueAt: '2026-01-04T23:00:00.000Z', dueAllDay: true });
    expect(scheduler.check()).toBe(0);
    t.clock.advance(24 * 60 * MINUTE);
    expect(scheduler.check()).toBe(0);
  });

  it('a task first seen a moment after its due time still gets its reminder (the check can lag the save)', () => {
    const { scheduler, tasks, fired, settings } = setup();
    settings.update({ reminderLeadMinutes: 0 });
    tasks.create({ title: 'Water the plants', dueAt: '2026-01-05T09:01:00.000Z' });
    // No check ran between the save and the due time: the first one comes as the clock reaches it.
    t.clock.advance(MINUTE);
    expect(scheduler.check()).toBe(1);
    expect(fired.map((reminder) => reminder.title)).toEqual(['Water the plants']);
    // Two minutes late is too late: that task was made overdue.
    tasks.create({ title: 'Long past', dueAt: '2026-01-05T08:59:00.000Z' });
    expect(scheduler.check()).toBe(0);
  });

  it('a new due time is a new reminder; done and deleted tasks have none', () => {
    const { fired, scheduler, tasks } = setup();
    const a = tasks.create({ title: 'A', dueAt: '2026-01-05T09:05:00.000Z' });
    const b = tasks.create({ title: 'B', dueAt: '2026-01-05T09:30:00.000Z' });
    const c = tasks.create({ title: 'C', dueAt: '2026-01-05T09:30:00.000Z' });
    expect(scheduler.check()).toBe(1);
    tasks.update(a.id, { dueAt: '2026-01-05T11:00:00.000Z' });
    tasks.complete(b.id);
    tasks.remove(c.id);
    t.clock.set('2026-01-05T10:45:00.000Z');
    expect(scheduler.check()).toBe(1);
    expect(fired.map((event) => event.title)).toEqual(['A', 'A']);
    expect(t.db.prepare('SELECT COUNT(*) AS n FROM task_reminders').get()).toEqual({ n: 1 });
  });

  it('a changed lead time or zone moves reminders not yet fired', () => {
    const { fired, scheduler, settings, tasks } = setup();
    tasks.create({ title: 'Standup', dueAt: '2026-01-05T11:00:00.000Z' });
    tasks.create({ title: 'All day', dueAt: '2026-01-05T23:00:00.000Z', dueAllDay: true });
    scheduler.check();
    settings.update({ reminderLeadMinutes: 60 });
    t.clock.set('2026-01-05T10:00:00.000Z');
    expect(scheduler.check()).toBe(1);
    expect(fired[0]!.title).toBe('Standup');
    // Moved to New York: the all-day task's stored instant (midnight in Paris) is 5 January there, and its
    // reminder 9:00 New York time.
    settings.update({ timeZone: 'America/New_York' });
    scheduler.check();
    t.clock.set('2026-01-05T13:59:00.000Z');
    expect(scheduler.check()).toBe(0);
    t.clock.set('2026-01-05T14:00:00.000Z');
    expect(scheduler.check()).toBe(1);
  });

  it('snoozing a task moves its reminder to the end of the snooze, even after it fired', () => {
    const { fired, scheduler, tasks, seen } = setup();
    const task = tasks.create({ title: 'Pay invoice', dueAt: '2026-01-05T09:10:00.000Z' });
    expect(scheduler.check()).toBe(1);
    tasks.snooze(task.id, '2026-01-05T09:40:00.000Z');
    expect(scheduler.check()).toBe(0);
    t.clock.set('2026-01-05T09:40:00.000Z');
    seen.length = 0;
    expect(scheduler.check()).toBe(1);
    expect(fired.map((event) => event.fireAt)).toEqual(['2026-01-05T08:55:00.000Z', '2026-01-05T09:40:00.000Z']);
    // The snooze ended: lists are told to refresh.
    expect(seen).toContain('tasks:changed');
  });

  it('turned off: reminders are spent silently and do not come back when turned on', () => {
    const { fired, notifications, scheduler, settings, tasks } = setup();
    settings.update({ remindersEnabled: false });
    tasks.create({ title: 'Quiet', dueAt: '2026-01-05T09:05:00.000Z' });
    expect(scheduler.check()).toBe(0);
    settings.update({ remindersEnabled: true });
    expect(scheduler.check()).toBe(0);
    expect([fired, notifications]).toEqual([[], []]);
  });

  it('notifications off: the event still reaches the app, no native notification', () => {
    const { fired, notifications, scheduler, settings, tasks } = setup();
    settings.update({ notificationsEnabled: false });
    tasks.create({ title: 'Quiet', dueAt: '2026-01-05T09:05:00.000Z' });
    expect(scheduler.check()).toBe(1);
    expect(fired).toHaveLength(1);
    expect(notifications).toEqual([]);
  });

  it('Done and Snooze on a notification reach the task', () => {
    const { actions, notifications, scheduler, tasks } = setup();
    const task = tasks.create({ title: 'Call Dana', dueAt: '2026-01-05T09:05:00.000Z' });
    scheduler.check();
    notifications[0]!.onAction!('done');
    notifications[0]!.onAction!('snooze');
    expect(actions).toEqual([
      [task.id, 'done'],
      [task.id, 'snooze'],
    ]);
  });

  it('counts open tasks due today in the person zone', () => {
    const { scheduler, tasks } = setup();
    tasks.create({ title: 'Morning', dueAt: '2026-01-04T23:30:00.000Z' }); // 00:30 today in Paris
    tasks.create({ title: 'Evening', dueAt: '2026-01-05T22:59:00.000Z' }); // 23:59 today
    tasks.create({ title: 'Tomorrow', dueAt: '2026-01-05T23:00:00.000Z' });
    const done = tasks.create({ title: 'Done', dueAt: '2026-01-05T12:00:00.000Z' });
    tasks.complete(done.id);
    expect(scheduler.dueToday()).toBe(2);
  });
});

describe('reminder wording', () => {
  const now = new Date('2026-01-05T09:00:00.000Z');
  const reminder = (title: string, dueAt: string, dueAllDay = false) => ({ taskId: 1, title, dueAt, dueAllDay });

  it('says when, in the person zone', () => {
    expect(dueLabel(reminder('x', '2026-01-05T10:00:00.000Z'), 'Europe/Paris', now)).toBe('11:00');
    expect(dueLabel(reminder('x', '2026-01-06T10:00:00.000Z'), 'Europe/Paris', now)).toBe('Tue 6 Jan 11:00');
    expect(reminderNotifications([reminder('Late', '2026-01-05T08:00:00.000Z')], 'Europe/Paris', now)[0]!.body).toBe('Was due 09:00.');
  });

  it('many at once become one summary', () => {
    const many = ['A', 'B', 'C', 'D', 'E'].map((title) => reminder(title, '2026-01-05T10:00:00.000Z'));
    expect(reminderNotifications(many, 'UTC', now)).toEqual([{ title: '5 tasks due', body: 'A; B; C and 2 more.', screen: 'tasks', taskId: null }]);
  });

  it('the tray says how many tasks are due today', () => {
    expect(trayTooltip(3, false, 2)).toBe('Provider Tasks: 3 suggestions waiting, 2 due today');
    expect(trayTooltip(0, true, 0)).toBe('Provider Tasks: nothing waiting (syncing paused)');
  });
});
