// Quick add: one line -> title, due date (chrono-node, person's zone, looking forward), tags, priority.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createZone } from '../../src/main/lib/time-zone';
import { EventBus } from '../../src/main/events';
import { parseQuickAdd } from '../../src/main/services/quick-add-parser';
import { createTaskService } from '../../src/main/services/task-service';
import { clockOf } from '../helpers/factories';
import { createTestDatabase, type TestDatabase } from '../helpers/temp-db';

// Monday 5 January 2026, 10:00 in Paris.
const now = new Date('2026-01-05T09:00:00Z');
const paris = createZone('Europe/Paris');

describe('quick add parser', () => {
  it('reads the issue example: "Pay rent on the 1st #home !high"', () => {
    expect(parseQuickAdd('Pay rent on the 1st #home !high', paris, now)).toEqual({
      title: 'Pay rent',
      dueAt: '2026-01-31T23:00:00.000Z', // 1 February, 00:00 in Paris: an all-day task
      dueAllDay: true,
      priority: 'high',
      tags: ['home'],
      dateText: 'the 1st',
    });
  });

  it('reads the contract example with a weekday and time in the person zone', () => {
    expect(parseQuickAdd('Send Q3 deck to Dana fri 3pm #finance !high', paris, now)).toMatchObject({
      title: 'Send Q3 deck to Dana',
      dueAt: '2026-01-09T14:00:00.000Z',
      dueAllDay: false,
      tags: ['finance'],
      priority: 'high',
    });
    // The same words in New York mean 15:00 there.
    expect(parseQuickAdd('Send Q3 deck to Dana fri 3pm', createZone('America/New_York'), now)!.dueAt).toBe('2026-01-09T20:00:00.000Z');
  });

  it('looks forward, takes "the 5th" as today and "the 31st" as the next month that has one', () => {
    expect(parseQuickAdd('Water plants the 5th', paris, now)).toMatchObject({ title: 'Water plants', dueAt: '2026-01-04T23:00:00.000Z', dueAllDay: true });
    expect(parseQuickAdd('Report the 31st', paris, new Date('2026-02-10T09:00:00Z'))!.dueAt).toBe('2026-03-30T22:00:00.000Z');
    expect(parseQuickAdd('Call mom tomorrow at 18:30', paris, now)).toMatchObject({ title: 'Call mom', dueAt: '2026-01-06T17:30:00.000Z', dueAllDay: false });
    expect(parseQuickAdd('Dentist next tuesday', paris, now)).toMatchObject({ title: 'Dentist', dueAllDay: true, dueAt: '2026-01-12T23:00:00.000Z' });
  });

  it('priorities, several tags, and text without a date', () => {
    expect(parseQuickAdd('Fix the leak !urgent #house #plumbing #house', paris, now)).toEqual({ title: 'Fix the leak', dueAt: null, dueAllDay: false, priority: 'urgent', tags: ['house', 'plumbing'], dateText: null });
    expect(parseQuickAdd('Read a book !low', paris, now)!.priority).toBe('low');
    // Not markers: a lone "#", "!" or "!!" stay in the title.
    expect(parseQuickAdd('Buy 2 apples # ! C#', paris, now)!.title).toBe('Buy 2 apples # ! C#');
  });

  it('a zone written in the text wins over the person zone', () => {
    expect(parseQuickAdd('Standup call tomorrow 9am EST', paris, now)!.dueAt).toBe('2026-01-06T14:00:00.000Z');
  });

  it('nothing to do (only tags or a date) is null', () => {
    expect(parseQuickAdd('#home !high', paris, now)).toBeNull();
    expect(parseQuickAdd('tomorrow', paris, now)).toBeNull();
    expect(parseQuickAdd('   ', paris, now)).toBeNull();
  });
});

describe('tasks:quick-add service', () => {
  let t: TestDatabase;
  beforeEach(() => {
    t = createTestDatabase();
    t.clock.set(now);
  });
  afterEach(() => t.close());

  it('creates the task the line describes, in the zone from Settings', () => {
    const seen: string[] = [];
    const events = new EventBus();
    events.subscribe((event) => seen.push(event));
    const tasks = createTaskService(t.repos, events, {}, clockOf(t, 'Europe/Paris'));
    expect(tasks.quickAddPreview('Pay rent on the 1st #home !high')).toMatchObject({ title: 'Pay rent', dueAllDay: true });
    const task = tasks.quickAdd('Pay rent on the 1st #home !high');
    expect(task).toMatchObject({ title: 'Pay rent', dueAt: '2026-01-31T23:00:00.000Z', dueAllDay: true, priority: 'high', tags: ['home'], status: 'open' });
    expect(seen).toEqual(['tasks:changed']);
    expect(() => tasks.quickAdd('#home')).toThrow(/nothing to do/);
  });
});
