/**
 * Tasks as iCalendar (RFC 5545): one VTODO per task with DUE, PRIORITY, CATEGORIES and STATUS, built with
 * ical.js (which folds lines and escapes text) and parsed back before it is handed out, so a file
 * that would not read is never produced.
 */
import ICAL from 'ical.js';
import type { Priority, TaskDto } from '../../../shared/models';
import type { Zone } from '../../lib/time-zone';
import { localDate } from './local-dates';

/** RFC 5545 §3.8.1.9: 1 is the highest, 9 the lowest, 5 medium. */
export const ICS_PRIORITY: Record<Priority, number> = { urgent: 1, high: 3, medium: 5, low: 9 };

const utc = (iso: string) => ICAL.Time.fromJSDate(new Date(iso), true);

function todo(task: TaskDto, zone: Zone, now: Date): ICAL.Component {
  const component = new ICAL.Component('vtodo');
  component.addPropertyWithValue('uid', `task-${task.id}@provider-tasks.local`);
  component.addPropertyWithValue('dtstamp', ICAL.Time.fromJSDate(now, true));
  component.addPropertyWithValue('created', utc(task.createdAt));
  component.addPropertyWithValue('last-modified', utc(task.updatedAt));
  component.addPropertyWithValue('summary', task.title);
  if (task.description) component.addPropertyWithValue('description', task.description);
  if (task.dueAt) {
    // An all-day task is due on a date (VALUE=DATE), the day it falls on where the person lives.
    component.addPropertyWithValue('due', task.dueAllDay ? ICAL.Time.fromDateString(localDate(task.dueAt, zone)) : utc(task.dueAt));
  }
  component.addPropertyWithValue('priority', ICS_PRIORITY[task.priority]);
  if (task.tags.length > 0) {
    const categories = new ICAL.Property('categories');
    categories.setValues(task.tags);
    component.addProperty(categories);
  }
  component.addPropertyWithValue('status', task.status === 'done' ? 'COMPLETED' : 'NEEDS-ACTION');
  if (task.status === 'done' && task.completedAt) component.addPropertyWithValue('completed', utc(task.completedAt));
  if (task.source?.link) component.addPropertyWithValue('url', task.source.link);
  return component;
}

/** The calendar document; throws if what was built does not parse back to the same number of to-dos. */
export function tasksToIcs(tasks: readonly TaskDto[], zone: Zone, now: Date): string {
  const calendar = new ICAL.Component(['vcalendar', [], []]);
  calendar.addPropertyWithValue('prodid', '-//Provider Tasks//Task export//EN');
  calendar.addPropertyWithValue('version', '2.0');
  calendar.addPropertyWithValue('calscale', 'GREGORIAN');
  for (const task of tasks) calendar.addSubcomponent(todo(task, zone, now));
  const text = calendar.toString();
  const parsed = new ICAL.Component(ICAL.parse(text) as unknown[]);
  if (parsed.getAllSubcomponents('vtodo').length !== tasks.length) throw new Error('The calendar export did not read back whole.');
  return `${text.replace(/\r?\n/g, '\r\n')}\r\n`;
}
