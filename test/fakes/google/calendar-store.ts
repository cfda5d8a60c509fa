/**
 * Calendars of the fake account. Every change takes the next calendar-wide sequence number, so a
 * sync token is simply "changes after seq N in epoch E"; bumping the epoch makes every issued
 * token answer 410, the way Google occasionally invalidates them.
 */
import { randomBytes } from 'node:crypto';
import { type FakeEventInput, type FakeEventTime } from './types';

/** An event as stored. */
export interface StoredEvent {
  calendarId: string;
  id: string;
  input: FakeEventInput;
  created: number;
  updated: number;
  /** Change sequence number (what sync tokens compare). */
  seq: number;
  /** Creation order, a stable key for unordered listings. */
  order: number;
  /** Event revision (`sequence` in the resource). */
  sequence: number;
}

/** Start/end as epoch ms; all-day dates are read in UTC (the fake calendars' time zone). */
export function timeMs(time: FakeEventTime): number {
  if (time.dateTime) return Date.parse(time.dateTime);
  if (time.date) return Date.parse(`${time.date}T00:00:00Z`);
  return Number.NaN;
}

// Event ids are base32hex (a-v, 0-9) as Google's are.
function eventId(): string {
  return [...randomBytes(26)].map((byte) => '0123456789abcdefghijklmnopqrstuv'[byte % 32]).join('');
}

/** All calendars and their change log state. */
export class CalendarStore {
  readonly events = new Map<string, StoredEvent>();
  seq = 0;
  epoch = 1;
  private order = 0;

  constructor(
    private readonly ownerEmail: string,
    private readonly now: () => number,
  ) {}

  /** `primary` is the owner's address, as Google treats it. */
  resolveCalendar(calendarId: string): string {
    return calendarId === 'primary' ? this.ownerEmail : calendarId;
  }

  /** True when a calendar exists (primary always does; others once an event was added to them). */
  hasCalendar(calendarId: string): boolean {
    const id = this.resolveCalendar(calendarId);
    return id === this.ownerEmail || [...this.events.values()].some((event) => event.calendarId === id);
  }

  /** Adds an event; returns its id. */
  add(input: FakeEventInput): string {
    const id = input.id ?? eventId();
    const calendarId = this.resolveCalendar(input.calendarId ?? 'primary');
    if (this.find(id, calendarId)) throw new Error(`event ${id} already exists`);
    const now = this.now();
    this.events.set(`${calendarId}/${id}`, { calendarId, id, input: { ...input, id }, created: now, updated: now, seq: ++this.seq, order: ++this.order, sequence: 0 });
    return id;
  }

  /** Applies a patch to an event (a new revision and a new change). */
  update(id: string, patch: Partial<FakeEventInput>, calendarId = 'primary'): void {
    const event = this.require(id, calendarId);
    event.input = { ...event.input, ...patch, id };
    event.updated = Math.max(this.now(), event.updated + 1);
    event.seq = ++this.seq;
    event.sequence += 1;
  }

  /** Cancels (deletes) an event: incremental syncs then report it with status "cancelled". */
  cancel(id: string, calendarId = 'primary'): void {
    this.update(id, { status: 'cancelled' }, calendarId);
  }

  /** Makes every sync token issued so far answer 410. */
  invalidateSyncTokens(): void {
    this.epoch += 1;
  }

  /** The event or undefined. */
  find(id: string, calendarId = 'primary'): StoredEvent | undefined {
    return this.events.get(`${this.resolveCalendar(calendarId)}/${id}`);
  }

  /** Events of one calendar. */
  ofCalendar(calendarId: string): StoredEvent[] {
    const id = this.resolveCalendar(calendarId);
    return [...this.events.values()].filter((event) => event.calendarId === id);
  }

  /** Calendar's event resource; cancelled events shrink to what Google keeps of a deleted event. */
  resource(event: StoredEvent): Record<string, unknown> {
    const input = event.input;
    const etag = `"${event.updated}${String(event.seq).padStart(3, '0')}"`;
    const status = input.status ?? 'confirmed';
    const instance = input.recurringEventId ? { recurringEventId: input.recurringEventId, originalStartTime: input.originalStartTime ?? input.start } : {};
    if (status === 'cancelled') return { kind: 'calendar#event', etag, id: event.id, status, ...instance };
    const owner = this.ownerEmail.toLowerCase();
    const organizer = input.organizer ?? { email: event.calendarId };
    const attendees = input.attendees?.map((attendee) => ({
      ...attendee,
      ...(attendee.email.toLowerCase() === organizer.email.toLowerCase() ? { organizer: true } : {}),
      ...(attendee.email.toLowerCase() === owner ? { self: true } : {}),
      responseStatus: attendee.responseStatus ?? 'needsAction',
    }));
    const resource: Record<string, unknown> = {
      kind: 'calendar#event',
      etag,
      id: event.id,
      status,
      htmlLink: `https://www.google.com/calendar/event?eid=${Buffer.from(`${event.id} ${event.calendarId}`).toString('base64url')}`,
      created: new Date(event.created).toISOString(),
      updated: new Date(event.updated).toISOString(),
      summary: input.summary,
      description: input.description,
      location: input.location,
      creator: { email: organizer.email, ...(organizer.email.toLowerCase() === owner ? { self: true } : {}) },
      organizer: { ...organizer, ...(organizer.email.toLowerCase() === owner ? { self: true } : {}) },
      start: input.start,
      end: input.end,
      ...instance,
      iCalUID: `${event.id}@google.com`,
      sequence: event.sequence,
      attendees,
      hangoutLink: input.hangoutLink,
      conferenceData: input.conferenceData,
      reminders: { useDefault: true },
      eventType: input.eventType ?? 'default',
    };
    // JSON omits absent fields, as the API does; undefined values vanish in JSON.stringify.
    return resource;
  }

  private require(id: string, calendarId: string): StoredEvent {
    const event = this.find(id, calendarId);
    if (!event) throw new Error(`no event ${id} in calendar ${calendarId}`);
    return event;
  }
}
