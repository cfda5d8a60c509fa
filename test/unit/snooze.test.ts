// Snooze: presets resolved on the person's clock and zone, rows leave their default view and come back
// at `until` by themselves, the Snoozed view lists them, and bad input is refused clearly.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createZone } from '../../src/main/lib/time-zone';
import { AppError } from '../../src/main/errors';
import { EventBus } from '../../src/main/events';
import { resolveSnoozeUntil } from '../../src/main/services/snooze-time';
import { createSuggestionService } from '../../src/main/services/suggestion-service';
import { createTaskService } from '../../src/main/services/task-service';
import { clockOf, makeSuggestion } from '../helpers/factories';
import { createTestDatabase, type TestDatabase } from '../helpers/temp-db';

describe('snooze presets', () => {
  const paris = createZone('Europe/Paris');
  it('later today is three hours on at the top of the hour', () => {
    expect(resolveSnoozeUntil('later_today', new Date('2026-01-05T09:20:00Z'), paris)).toBe('2026-01-05T13:00:00.000Z');
  });
  it('tomorrow morning is 9:00 tomorrow where the person lives, across a DST change', () => {
    expect(resolveSnoozeUntil('tomorrow_morning', new Date('2026-01-05T23:30:00Z'), paris)).toBe('2026-01-07T08:00:00.000Z');
    // 29 March 2026: Paris moves to summer time overnight; 9:00 is then 07:00 UTC.
    expect(resolveSnoozeUntil('tomorrow_morning', new Date('2026-03-28T12:00:00Z'), paris)).toBe('2026-03-29T07:00:00.000Z');
    expect(resolveSnoozeUntil('tomorrow_morning', new Date('2026-01-05T12:00:00Z'), createZone('America/New_York'))).toBe('2026-01-06T14:00:00.000Z');
  });
  it('next week is Monday 9:00, a full week from a Monday', () => {
    // 2026-01-07 is a Wednesday.
    expect(resolveSnoozeUntil('next_week', new Date('2026-01-07T10:00:00Z'), paris)).toBe('2026-01-12T08:00:00.000Z');
    expect(resolveSnoozeUntil('next_week', new Date('2026-01-12T10:00:00Z'), paris)).toBe('2026-01-19T08:00:00.000Z');
    expect(resolveSnoozeUntil('next_week', new Date('2026-01-11T10:00:00Z'), paris)).toBe('2026-01-12T08:00:00.000Z');
  });
  it('a picked moment must lie ahead; null ends the snooze', () => {
    const now = new Date('2026-01-05T09:00:00Z');
    expect(resolveSnoozeUntil('2026-01-06T10:00:00+01:00', now, paris)).toBe('2026-01-06T09:00:00.000Z');
    expect(resolveSnoozeUntil(null, now, paris)).toBeNull();
    expect(() => resolveSnoozeUntil('2026-01-05T08:00:00Z', now, paris)).toThrow(AppError);
    expect(() => resolveSnoozeUntil('2026-01-05T08:00:00Z', now, paris)).toThrow(/future/);
  });
});

describe('snoozed rows', () => {
  let t: TestDatabase;
  beforeEach(() => {
    t = createTestDatabase();
  });
  afterEach(() => t.close());

  it('a task leaves the list, shows in the Snoozed view, and comes back at until', () => {
    const tasks = createTaskService(t.repos, new EventBus(), {}, clockOf(t));
    const task = tasks.create({ title: 'Call the bank' });
    tasks.create({ title: 'Other' });
    const snoozed = tasks.snooze(task.id, 'later_today');
    expect(snoozed.snoozedUntil).toBe('2026-01-05T12:00:00.000Z');
    expect(tasks.list().map((row) => row.title)).toEqual(['Other']);
    expect(tasks.list({ snoozed: 'only' }).map((row) => row.title)).toEqual(['Call the bank']);
    // Search still finds it (and says it is snoozed).
    expect(tasks.list({ query: 'bank' })[0]!.snoozedUntil).toBe('2026-01-05T12:00:00.000Z');
    t.clock.set('2026-01-05T11:59:59.000Z');
    expect(tasks.list().map((row) => row.title)).toEqual(['Other']);
    t.clock.set('2026-01-05T12:00:00.000Z');
    expect(tasks.list().map((row) => row.title).sort()).toEqual(['Call the bank', 'Other']);
    expect(tasks.list({ snoozed: 'only' })).toEqual([]);
  });

  it('snoozing again or with null moves or ends it; a done task cannot be snoozed', () => {
    const tasks = createTaskService(t.repos, new EventBus(), {}, clockOf(t));
    const task = tasks.create({ title: 'Call the bank' });
    tasks.snooze(task.id, 'next_week');
    expect(tasks.snooze(task.id, null).snoozedUntil).toBeNull();
    expect(tasks.list()).toHaveLength(1);
    tasks.complete(task.id);
    expect(() => tasks.snooze(task.id, 'tomorrow_morning')).toThrow(/open task/);
    expect(() => tasks.snooze(999, 'tomorrow_morning')).toThrow(/not found/);
  });

  it('a pending suggestion leaves the feed and its counts, and comes back at until', () => {
    const suggestions = createSuggestionService(t.repos, new EventBus(), {}, clockOf(t));
    const integration = t.repos.integrations.create({ provider: 'gmail', status: 'connected' }).id;
    const a = t.repos.suggestions.insert(makeSuggestion(integration, 'm1'));
    t.repos.suggestions.insert(makeSuggestion(integration, 'm2'));
    suggestions.snooze(a, '2026-01-06T09:00:00Z');
    let feed = suggestions.list();
    expect(feed.items.map((item) => item.itemId)).toEqual(['m2']);
    expect(feed.counts.pending_approval).toBe(1);
    expect(feed.snoozed).toBe(1);
    expect(suggestions.list({ snoozed: 'only' }).items.map((item) => item.itemId)).toEqual(['m1']);
    expect(suggestions.list({ query: 'm1' }).items).toEqual([]);
    expect(suggestions.list({ query: 'm1', snoozed: 'include' }).items.map((item) => item.itemId)).toEqual(['m1']);
    expect(suggestions.list({ query: 'reply', snoozed: 'only' }).snoozed).toBe(1);
    t.clock.set('2026-01-06T09:00:00Z');
    feed = suggestions.list();
    expect(feed.items.map((item) => item.itemId).sort()).toEqual(['m1', 'm2']);
    expect(feed.snoozed).toBe(0);
  });

  it('only a pending suggestion can be snoozed, and reviewing one ends its snooze', () => {
    const suggestions = createSuggestionService(t.repos, new EventBus(), {}, clockOf(t));
    const integration = t.repos.integrations.create({ provider: 'gmail', status: 'connected' }).id;
    const a = t.repos.suggestions.insert(makeSuggestion(integration, 'm1'));
    const b = t.repos.suggestions.insert(makeSuggestion(integration, 'm2'));
    suggestions.dismiss(b);
    expect(() => suggestions.snooze(b, 'tomorrow_morning')).toThrow(/waiting for review/);
    suggestions.snooze(a, 'tomorrow_morning');
    suggestions.approve(a);
    expect(t.repos.suggestions.get(a)!.snoozedUntil).toBeNull();
  });
});
