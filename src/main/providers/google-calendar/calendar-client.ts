/**
 * Reading Google Calendar: upcoming events within look-ahead days (single events, recurring ones
 * expanded), nearest first, then incremental sync with the syncToken (410 -> full resync). Event
 * JSON goes raw to the content step. Cancelled events withdraw their pending suggestion. Read-only:
 * there is nothing to write back.
 */
import { calendar as createCalendar, type calendar_v3 } from '@googleapis/calendar';
import { ProviderError } from '../../errors';
import { createGoogleCaller, type GoogleCaller } from '../google/google-call';
import { apiRoot } from '../google/google-endpoints';
import type { RawItem } from '../../content/raw-item';
import type { FetchPage, ProviderClient, ProviderContext, ProviderSession, QuarantinedItem } from '../provider';

/** Calendar's cursor. */
export interface CalendarCursor {
  syncToken: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** Events per page: the nearest ones are judged and saved first. */
const PAGE_SIZE = 25;

function isCalendarCursor(value: unknown): value is CalendarCursor {
  return typeof value === 'object' && value !== null && typeof (value as CalendarCursor).syncToken === 'string';
}

/** Creates a Calendar client. */
export function createCalendarClient(context: ProviderContext): ProviderClient {
  const api = createCalendar({ version: 'v3', rootUrl: apiRoot(context.env, 'calendar'), retry: false });
  // Calendar's quota is per minute (about 10 requests per second per user is safe).
  const limiterFor = (session: ProviderSession) => context.quota(`calendar:${session.integration.id}`, 10);

  async function listAll(caller: GoogleCaller, params: calendar_v3.Params$Resource$Events$List): Promise<{ events: calendar_v3.Schema$Event[]; syncToken: string | null }> {
    const events: calendar_v3.Schema$Event[] = [];
    let pageToken: string | undefined;
    let syncToken: string | null = null;
    do {
      const page = await caller.run('events.list', 1, (headers) => api.events.list({ ...params, pageToken }, { headers }));
      events.push(...(page.data.items ?? []));
      pageToken = page.data.nextPageToken ?? undefined;
      syncToken = page.data.nextSyncToken ?? syncToken;
    } while (pageToken);
    return { events, syncToken };
  }

  /** When an event starts (epoch ms), from its JSON; NaN when it says nothing usable. */
  const startOf = (event: calendar_v3.Schema$Event): number => Date.parse(event.start?.dateTime ?? event.start?.date ?? '');

  /**
   * Pages of events, nearest first: the listing (which must be unordered to end in a sync token) is
   * sorted by start and handed over in pages; only the last page stores the new sync token, so a
   * crash lists again and skips the events already saved.
   */
  function* pagesOf(events: calendar_v3.Schema$Event[], session: ProviderSession, inWindow: (startMs: number) => boolean, cursor: CalendarCursor | null): Generator<FetchPage> {
    const withdrawn: string[] = [];
    const quarantined: QuarantinedItem[] = [];
    const upcoming: calendar_v3.Schema$Event[] = [];
    for (const event of events) {
      if (!event.id) {
        quarantined.push({ itemId: '(no id)', itemType: 'calendar_event', reason: 'The event has no ID.' });
        continue;
      }
      if (event.status === 'cancelled') withdrawn.push(event.id);
      else if (inWindow(startOf(event)) && !session.isKnown(event.id)) upcoming.push(event);
    }
    upcoming.sort((a, b) => startOf(a) - startOf(b));
    for (let start = 0; start === 0 || start < upcoming.length; start += PAGE_SIZE) {
      const last = start + PAGE_SIZE >= upcoming.length;
      const raw: RawItem[] = upcoming.slice(start, start + PAGE_SIZE).map((event) => ({ kind: 'google-calendar-event', event }));
      yield { raw, quarantined: start === 0 ? quarantined : [], filtered: [], withdrawn: start === 0 ? withdrawn : [], cursor: last ? cursor : undefined };
    }
  }

  async function* fullSync(caller: GoogleCaller, session: ProviderSession): AsyncGenerator<FetchPage> {
    const now = session.clock.now();
    const until = new Date(now.getTime() + (session.settings.lookAheadDays ?? 7) * DAY_MS);
    const { events, syncToken } = await listAll(caller, { calendarId: 'primary', singleEvents: true, timeMin: now.toISOString(), timeMax: until.toISOString(), maxResults: 250 });
    // A full listing's cancelled events are old news: nothing to withdraw.
    yield* pagesOf(events.filter((event) => event.status !== 'cancelled'), session, () => true, syncToken ? { syncToken } : null);
  }

  return {
    async *fetchPages(cursor, session) {
      const caller = createGoogleCaller(session, limiterFor(session));
      if (!isCalendarCursor(cursor)) return yield* fullSync(caller, session);
      let listed: { events: calendar_v3.Schema$Event[]; syncToken: string | null };
      try {
        listed = await listAll(caller, { calendarId: 'primary', singleEvents: true, syncToken: cursor.syncToken, maxResults: 250 });
      } catch (error) {
        if (!(error instanceof ProviderError && error.status === 410)) throw error;
        session.note('Google Calendar asked for a full resync (sync token expired); the upcoming events were read again.');
        return yield* fullSync(caller, session);
      }
      const now = session.clock.now().getTime();
      const until = now + (session.settings.lookAheadDays ?? 7) * DAY_MS;
      // Incremental answers cover all time; keep the look-ahead window the person chose.
      yield* pagesOf(listed.events, session, (startMs) => startMs >= now && startMs <= until, { syncToken: listed.syncToken ?? cursor.syncToken });
    },
    async *refetch(itemIds, session) {
      const caller = createGoogleCaller(session, limiterFor(session));
      const raw: RawItem[] = [];
      for (const eventId of itemIds) {
        try {
          const event = await caller.run('events.get', 1, (headers) => api.events.get({ calendarId: 'primary', eventId }, { headers }));
          if (event.data.status !== 'cancelled') raw.push({ kind: 'google-calendar-event', event: event.data });
        } catch (error) {
          // Gone since: absent from the page, and the sync says so.
          if (error instanceof ProviderError && (error.status === 404 || error.status === 410)) continue;
          throw error;
        }
      }
      yield { raw, quarantined: [], filtered: [], withdrawn: [] };
    },
    async hasChanges(cursor, session) {
      if (!isCalendarCursor(cursor)) return true;
      const caller = createGoogleCaller(session, limiterFor(session));
      try {
        const page = await caller.run('events.list (change check)', 1, (headers) => api.events.list({ calendarId: 'primary', singleEvents: true, syncToken: cursor.syncToken, maxResults: 1 }, { headers }));
        return (page.data.items ?? []).length > 0;
      } catch (error) {
        if (error instanceof ProviderError && error.status === 410) return true;
        throw error;
      }
    },
    async runAction(action) {
      throw new ProviderError('bad_request', `Google Calendar is read-only here; cannot ${action.kind}.`);
    },
  };
}
