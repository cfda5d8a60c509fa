/**
 * Reading Google Calendar: upcoming events within look-ahead days (single events, recurring ones
 * expanded), then incremental sync with the syncToken (410 -> full resync). Cancelled events withdraw
 * their pending suggestion. Read-only: there is nothing to write back.
 */
import { calendar as createCalendar, type calendar_v3 } from '@googleapis/calendar';
import { ProviderError } from '../../errors';
import { createGoogleCaller, type GoogleCaller } from '../google/google-call';
import { apiRoot } from '../google/google-endpoints';
import type { FetchResult, ProviderClient, ProviderContext, ProviderSession, QuarantinedItem } from '../provider';
import type { CalendarEventItem } from '../../items/provider-item';
import { calendarItemFromGoogle } from '../../content/google-calendar-event';

/** Calendar's cursor. */
export interface CalendarCursor {
  syncToken: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

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

  function convert(events: calendar_v3.Schema$Event[], session: ProviderSession, inWindow: (item: CalendarEventItem) => boolean): Omit<FetchResult, 'nextCursor'> {
    const items: CalendarEventItem[] = [];
    const quarantined: QuarantinedItem[] = [];
    const withdrawn: string[] = [];
    for (const event of events) {
      if (event.status === 'cancelled') {
        if (event.id) withdrawn.push(event.id);
        continue;
      }
      try {
        const item = calendarItemFromGoogle(event);
        if (inWindow(item) && !session.isKnown(item.id)) items.push(item);
      } catch (error) {
        quarantined.push({ itemId: event.id ?? '(no id)', itemType: 'calendar_event', reason: error instanceof Error ? error.message : String(error) });
      }
    }
    return { items, quarantined, filtered: [], withdrawn };
  }

  async function fullSync(caller: GoogleCaller, session: ProviderSession): Promise<FetchResult> {
    const now = session.clock.now();
    const until = new Date(now.getTime() + (session.settings.lookAheadDays ?? 7) * DAY_MS);
    const { events, syncToken } = await listAll(caller, { calendarId: 'primary', singleEvents: true, timeMin: now.toISOString(), timeMax: until.toISOString(), maxResults: 250 });
    const result = convert(events, session, () => true);
    return { ...result, withdrawn: [], nextCursor: syncToken ? ({ syncToken } satisfies CalendarCursor) : null };
  }

  return {
    async fetchChanges(cursor, session) {
      const caller = createGoogleCaller(session, limiterFor(session));
      if (!isCalendarCursor(cursor)) return fullSync(caller, session);
      try {
        const { events, syncToken } = await listAll(caller, { calendarId: 'primary', singleEvents: true, syncToken: cursor.syncToken, maxResults: 250 });
        const now = session.clock.now().getTime();
        const until = now + (session.settings.lookAheadDays ?? 7) * DAY_MS;
        // Incremental answers cover all time; keep the look-ahead window the person chose.
        const result = convert(events, session, (item) => item.start !== null && Date.parse(item.start) >= now && Date.parse(item.start) <= until);
        return { ...result, nextCursor: { syncToken: syncToken ?? cursor.syncToken } satisfies CalendarCursor };
      } catch (error) {
        if (!(error instanceof ProviderError && error.status === 410)) throw error;
        session.note('Google Calendar asked for a full resync (sync token expired); the upcoming events were read again.');
        return fullSync(caller, session);
      }
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
