/**
 * .ics calendars to CalendarEventItems inside a time window, with ical.js: recurrences expanded
 * (RRULE, RDATE, EXDATE, RECURRENCE-ID exceptions) under step, occurrence and time caps, time zones
 * converted to UTC, and every VEVENT that cannot be read quarantined with a reason while the rest
 * of the file still loads.
 */
import ICAL from 'ical.js';
import type { CalendarEventItem } from '../items/provider-item';
import { eventItem } from './ics-event';
import { RecurrenceBudgetExceeded, ruleProblem, withRecurrenceBudget } from './ics-guard';
import { message, parseBlocks, parseRoots, type Component } from './ics-blocks';
import { isoOf, stampOf, timeToEpoch } from './ics-time';

type Time = InstanceType<typeof ICAL.Time>;

/** Options for `parseIcs`. */
export interface IcsOptions {
  /** The person's addresses: marks `self` attendees and gives `selfResponse`. */
  selfAddresses?: string[];
  /** Most occurrences of one event returned (default 500). */
  maxOccurrences?: number;
  /** Most recurrence steps walked for one event before it is quarantined (default 20,000: daily since 1970). */
  maxSteps?: number;
  /** Most events returned in all (default 10,000). */
  maxEvents?: number;
  /** IANA zone for floating times and unknown TZIDs (default UTC). */
  timeZone?: string;
  /** Time budget for the whole file in ms (default 5,000); events left when it runs out are quarantined. */
  timeBudgetMs?: number;
}

/** Events inside the window, and events that could not be read. */
export interface IcsResult {
  events: CalendarEventItem[];
  quarantined: Array<{ id: string; reason: string }>;
}

/** Largest calendar text read (20 MB); a larger file is quarantined whole. */
export const MAX_ICS_BYTES = 20 * 1024 * 1024;
const MAX_TEXT = MAX_ICS_BYTES;
// Passes of ical.js's inner matching loop allowed per event (a few per occurrence for real rules).
const RULE_CHECKS = 100_000;
// Time one recurring event may take to expand: a rule that never matches, checked through a
// VTIMEZONE, costs about 50 µs a pass, so the pass budget alone let one event take the whole file's.
const EVENT_BUDGET_MS = 500;

class Skip extends Error {}

function tzidOf(component: Component, name: string): string | null {
  const value = component.getFirstProperty(name)?.getParameter('tzid');
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first : null;
}

class Expander {
  readonly events: CalendarEventItem[] = [];
  private readonly self: ReadonlySet<string>;
  private readonly deadline: number;
  /** The deadline of the event being expanded: its own budget, within the file's. */
  private eventDeadline = 0;
  private readonly templates = new Map<Component, CalendarEventItem>();

  constructor(
    private readonly from: number,
    private readonly to: number,
    private readonly options: Required<Omit<IcsOptions, 'maxEvents' | 'timeBudgetMs'>>,
    deadline: number,
  ) {
    this.self = new Set(options.selfAddresses.map((address) => address.trim().toLowerCase()));
    this.deadline = deadline;
  }

  private epoch(time: Time, component: Component, property: string): number {
    return timeToEpoch(time, tzidOf(component, property), this.options.timeZone);
  }

  private overlaps(start: number, end: number): boolean {
    return start < this.to && (end > this.from || (end === start && start >= this.from));
  }

  /** Start and end of a component as written (non-recurring events and moved exceptions). */
  private span(component: Component): { start: number; end: number; allDay: boolean } {
    const startTime = component.getFirstPropertyValue('dtstart');
    if (!(startTime instanceof ICAL.Time)) throw new Skip('it has no valid start (DTSTART)');
    const start = this.epoch(startTime, component, 'dtstart');
    const endTime = component.getFirstPropertyValue('dtend');
    const duration = component.getFirstPropertyValue('duration');
    let end: number;
    if (endTime instanceof ICAL.Time) end = this.epoch(endTime, component, 'dtend');
    else if (duration instanceof ICAL.Duration) end = start + duration.toSeconds() * 1000;
    // RFC 5545: no end means a one-day event for a date, an instant for a date-time.
    else end = startTime.isDate ? start + 86_400_000 : start;
    if (!Number.isFinite(start) || !Number.isFinite(end)) throw new Skip('its start or end is not a valid date');
    if (end - start > 10 * 366 * 86_400_000) throw new Skip('it lasts longer than ten years');
    return { start, end: Math.max(start, end), allDay: startTime.isDate };
  }

  /** Walks the series of a recurring master (with its exceptions) and returns the occurrences in the window. */
  private occurrences(uid: string, master: Component, exceptions: Component[]): Array<[Component, string, number, number, boolean]> {
    const masterSpan = this.span(master); // also validates DTSTART before expanding
    const duration = masterSpan.end - masterSpan.start;
    // Exceptions are matched by their RECURRENCE-ID here rather than through ical.js's
    // getOccurrenceDetails, which adds the duration day by day (seconds per call for long events).
    const byRecurrence = new Map<number, Component>();
    for (const exception of exceptions) {
      const id = exception.getFirstPropertyValue('recurrence-id');
      if (id instanceof ICAL.Time) byRecurrence.set(this.epoch(id, exception, 'recurrence-id'), exception);
    }
    // Exceptions are matched above; without them ical.js would scan every VEVENT of the file for each
    // recurring event (quadratic in a calendar of many).
    const iterator = new ICAL.Event(master, { exceptions: [] }).iterator();
    const found: Array<[Component, string, number, number, boolean]> = [];
    const seen = new Set<string>();
    let steps = 0;
    for (let next = iterator.next(); next; next = iterator.next()) {
      if (++steps > this.options.maxSteps) throw new Skip(`it repeats too often to expand (more than ${this.options.maxSteps} occurrences before the window ends)`);
      if (steps % 1000 === 0 && Date.now() > this.eventDeadline) {
        throw new Skip(Date.now() > this.deadline ? 'the calendar took too long to read, so this event was skipped' : 'its repeat rule took too long to expand');
      }
      const recurrence = this.epoch(next, master, 'dtstart');
      const exception = byRecurrence.get(recurrence);
      // Occurrences that end before the window need no more work, unless an exception moved them.
      if (!exception && recurrence + duration < this.from) continue;
      const component = exception ?? master;
      const span = exception ? this.span(exception) : { start: recurrence, end: recurrence + duration, allDay: masterSpan.allDay };
      const [start, end] = [span.start, span.end];
      const id = `${uid}_${stampOf(recurrence, next.isDate)}`;
      seen.add(id);
      if (this.overlaps(start, end)) found.push([component, id, start, end, span.allDay]);
      if (found.length >= this.options.maxOccurrences) break;
      // Past the window (an exception may move an occurrence earlier: those are checked below).
      if (recurrence >= this.to && start >= this.to) break;
    }
    for (const exception of exceptions) {
      const recurrenceId = exception.getFirstPropertyValue('recurrence-id');
      if (!(recurrenceId instanceof ICAL.Time)) continue;
      const id = `${uid}_${stampOf(this.epoch(recurrenceId, exception, 'recurrence-id'), recurrenceId.isDate)}`;
      if (seen.has(id)) continue;
      const span = this.span(exception);
      if (this.overlaps(span.start, span.end)) found.push([exception, id, span.start, span.end, span.allDay]);
    }
    return found;
  }

  private push(component: Component, uid: string, id: string, start: number, end: number, allDay: boolean): void {
    const occurrence = { id, uid, start: isoOf(start), end: isoOf(end), allDay };
    // The component's text is cleaned and scanned once, not once per occurrence (up to 500 of them).
    const template = this.templates.get(component);
    if (template) this.events.push({ ...template, id: occurrence.id, start: occurrence.start, end: occurrence.end, allDay });
    else {
      const item = eventItem(component, occurrence, this.self);
      this.templates.set(component, item);
      this.events.push(item);
    }
  }

  /** Expands one UID: its master (if any) and its RECURRENCE-ID exceptions. */
  expand(uid: string, master: Component | null, exceptions: Component[]): void {
    if (Date.now() > this.deadline) throw new Skip('the calendar took too long to read, so this event was skipped');
    const recurs = master !== null && (master.hasProperty('rrule') || master.hasProperty('rdate'));
    if (!master || !recurs) {
      for (const component of master ? [master, ...exceptions] : exceptions) {
        const span = this.span(component);
        const recurrenceId = component.getFirstPropertyValue('recurrence-id');
        const id = recurrenceId instanceof ICAL.Time ? `${uid}_${stampOf(this.epoch(recurrenceId, component, 'recurrence-id'), recurrenceId.isDate)}` : uid;
        if (this.overlaps(span.start, span.end)) this.push(component, uid, id, span.start, span.end, span.allDay);
      }
      return;
    }
    const problem = ruleProblem(master);
    if (problem) throw new Skip(problem);
    this.eventDeadline = Math.min(this.deadline, Date.now() + EVENT_BUDGET_MS);
    const found = withRecurrenceBudget(RULE_CHECKS, this.eventDeadline, () => this.occurrences(uid, master, exceptions));
    for (const [component, id, start, end, allDay] of found) this.push(component, uid, id, start, end, allDay);
  }
}

/** Parses .ics text and returns the event occurrences that overlap the window, plus quarantined events. */
export function parseIcs(text: string, window: { from: Date; to: Date }, options: IcsOptions = {}): IcsResult {
  // The budget covers the whole file, reading included.
  const deadline = Date.now() + (options.timeBudgetMs ?? 5_000);
  const quarantined: IcsResult['quarantined'] = [];
  if (text.length > MAX_TEXT) return { events: [], quarantined: [{ id: 'calendar', reason: 'The calendar file is larger than 20 MB, so it was not read.' }] };
  if (!/BEGIN:VCALENDAR/i.test(text.slice(0, 100_000))) {
    return { events: [], quarantined: [{ id: 'calendar', reason: 'The file is not an iCalendar file: it has no BEGIN:VCALENDAR line.' }] };
  }
  const from = window.from.getTime();
  const to = window.to.getTime();
  if (!Number.isFinite(from) || !Number.isFinite(to) || from >= to) return { events: [], quarantined };
  let roots: Component[];
  try {
    roots = parseRoots(text);
  } catch {
    roots = parseBlocks(text, quarantined, deadline);
  }
  const groups = new Map<string, { master: Component | null; exceptions: Component[] }>();
  let anonymous = 0;
  for (const root of roots) {
    for (const component of root.getAllSubcomponents('vevent')) {
      const uid = String(component.getFirstPropertyValue('uid') ?? '').trim().slice(0, 500);
      if (!uid) {
        quarantined.push({ id: `event-without-uid-${++anonymous}`, reason: 'The event has no UID.' });
        continue;
      }
      const group = groups.get(uid) ?? { master: null, exceptions: [] };
      if (component.hasProperty('recurrence-id')) group.exceptions.push(component);
      else if (!group.master) group.master = component;
      groups.set(uid, group);
    }
  }
  const expander = new Expander(from, to, {
    selfAddresses: options.selfAddresses ?? [],
    maxOccurrences: options.maxOccurrences ?? 500,
    maxSteps: options.maxSteps ?? 20_000,
    timeZone: options.timeZone ?? 'UTC',
  }, deadline);
  const maxEvents = options.maxEvents ?? 10_000;
  let skipped = 0;
  for (const [uid, group] of groups) {
    if (expander.events.length >= maxEvents) {
      skipped++;
      continue;
    }
    const before = expander.events.length;
    try {
      expander.expand(uid, group.master, group.exceptions);
    } catch (error) {
      expander.events.length = before; // all or nothing per event
      const skipped = error instanceof Skip || error instanceof RecurrenceBudgetExceeded;
      quarantined.push({ id: uid, reason: skipped ? `The event was skipped: ${error.message}.` : `The event could not be read: ${message(error)}` });
    }
  }
  if (skipped > 0) quarantined.push({ id: 'calendar', reason: `The calendar has more than ${maxEvents} events in the window; ${skipped} were skipped.` });
  const events = expander.events.slice(0, maxEvents).sort((a, b) => (a.start ?? '').localeCompare(b.start ?? ''));
  return { events, quarantined };
}
