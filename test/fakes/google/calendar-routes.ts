/**
 * Calendar API v3 routes: events.list with full and incremental (syncToken) sync, paging,
 * time windows, ordering, and Google's refusals (410 fullSyncRequired, 400 for parameters that
 * cannot go with a sync token, orderBy=startTime without singleEvents); events.get.
 */
import { type StoredEvent, timeMs } from './calendar-store';
import { type ApiRequest, type ApiResponse, decodeToken, encodeToken, json, simpleApiError } from './http-util';
import { type FakeState, type RouteDef } from './router';

const auth = 'https://www.googleapis.com/auth/';
const readScopes = [`${auth}calendar.readonly`, `${auth}calendar`, `${auth}calendar.events`, `${auth}calendar.events.readonly`];
const rfc3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i;
// Google's documented list of parameters that cannot be combined with syncToken.
const notWithSyncToken = ['iCalUID', 'orderBy', 'privateExtendedProperty', 'q', 'sharedExtendedProperty', 'timeMin', 'timeMax', 'updatedMin'];

// Calendar still answers in the older error shape: no `status` field.
function calendarError(code: number, reason: string, message: string, domain = 'global'): ApiResponse {
  return simpleApiError(code, reason, message, domain, false);
}

const badRequest = (): ApiResponse => calendarError(400, 'badRequest', 'Bad Request');
const gone = (): ApiResponse => calendarError(410, 'fullSyncRequired', 'Sync token is no longer valid, a full sync is required.', 'calendar');

interface SyncToken {
  c: string;
  e: number;
  s: number;
}

interface PageToken {
  s: number;
  a: [number, number];
}

function sortKey(event: StoredEvent, orderBy: string | null): [number, number] {
  if (orderBy === 'startTime') return [timeMs(event.input.start), event.order];
  if (orderBy === 'updated') return [event.updated, event.order];
  return [0, event.order];
}

function after(key: [number, number], than: [number, number]): boolean {
  return key[0] > than[0] || (key[0] === than[0] && key[1] > than[1]);
}

function matchesText(event: StoredEvent, q: string): boolean {
  const input = event.input;
  const text = [input.summary, input.description, input.location, ...(input.attendees ?? []).flatMap((a) => [a.email, a.displayName])].join(' ').toLowerCase();
  return q.toLowerCase().split(/\s+/).filter(Boolean).every((word) => text.includes(word));
}

function listEvents(req: ApiRequest, calendarParam: string, state: FakeState): ApiResponse {
  const store = state.calendars;
  if (!store.hasCalendar(calendarParam)) return calendarError(404, 'notFound', 'Not Found');
  const calendarId = store.resolveCalendar(calendarParam);
  const p = req.query;
  const syncParam = p.get('syncToken');
  const orderBy = p.get('orderBy');
  if (syncParam !== null && notWithSyncToken.some((name) => p.has(name))) return badRequest();
  if (orderBy !== null && !['startTime', 'updated'].includes(orderBy)) return badRequest();
  if (orderBy === 'startTime' && p.get('singleEvents') !== 'true') return calendarError(400, 'badRequest', 'The requested ordering is not available for the particular query.');
  const timeMin = p.get('timeMin');
  const timeMax = p.get('timeMax');
  if ((timeMin !== null && !rfc3339.test(timeMin)) || (timeMax !== null && !rfc3339.test(timeMax))) return badRequest();
  const min = timeMin === null ? -Infinity : Date.parse(timeMin);
  const max = timeMax === null ? Infinity : Date.parse(timeMax);
  if (min > max) return calendarError(400, 'timeRangeEmpty', 'The specified time range is empty.');
  const rawMax = p.get('maxResults');
  const size = rawMax === null ? 250 : Math.min(Number(rawMax), 2500);
  if (!Number.isInteger(size) || size < 1) return badRequest();

  let fromSeq: number | undefined;
  if (syncParam !== null) {
    const sync = decodeToken<SyncToken>(syncParam);
    if (!sync || sync.c !== calendarId || sync.e !== store.epoch || typeof sync.s !== 'number') return gone();
    fromSeq = sync.s;
  }
  const pageParam = p.get('pageToken');
  const page = pageParam === null ? undefined : decodeToken<PageToken>(pageParam);
  if (pageParam !== null && (!page || !Array.isArray(page.a))) return badRequest();
  // The snapshot is taken on the first page; the sync token handed out at the end points there,
  // so changes made while a client pages through are delivered again by its next sync.
  const snapshot = page?.s ?? store.seq;

  const showDeleted = fromSeq !== undefined || p.get('showDeleted') === 'true';
  const q = p.get('q');
  const updatedMin = p.get('updatedMin');
  const candidates = store
    .ofCalendar(calendarId)
    .filter((event) => {
      if (fromSeq !== undefined) return event.seq > fromSeq;
      if (!showDeleted && event.input.status === 'cancelled') return false;
      if (timeMs(event.input.end) <= min || timeMs(event.input.start) >= max) return false;
      if (updatedMin !== null && event.updated < Date.parse(updatedMin)) return false;
      return q === null || matchesText(event, q);
    })
    .map((event) => ({ event, key: sortKey(event, orderBy) }))
    .sort((a, b) => a.key[0] - b.key[0] || a.key[1] - b.key[1])
    .filter((item) => !page || after(item.key, page.a));
  const slice = candidates.slice(0, size);
  const latest = Math.max(0, ...store.ofCalendar(calendarId).map((event) => event.updated));
  const body: Record<string, unknown> = {
    kind: 'calendar#events',
    etag: `"p${snapshot}"`,
    summary: calendarId,
    description: '',
    updated: new Date(latest || state.now()).toISOString(),
    timeZone: 'UTC',
    accessRole: 'owner',
    defaultReminders: [{ method: 'popup', minutes: 10 }],
  };
  const last = slice[slice.length - 1];
  if (last && candidates.length > size) body.nextPageToken = encodeToken({ s: snapshot, a: last.key } satisfies PageToken);
  // Google is reported to omit nextSyncToken for ordered or searched listings; being strict here is safe.
  else if (fromSeq !== undefined || (orderBy === null && q === null && updatedMin === null)) {
    body.nextSyncToken = encodeToken({ c: calendarId, e: store.epoch, s: snapshot } satisfies SyncToken);
  }
  body.items = slice.map((item) => store.resource(item.event));
  return json(200, body);
}

/** The Calendar route table. */
export const calendarRoutes: RouteDef[] = [
  {
    name: 'calendar.events.list', method: 'GET', pattern: /^\/calendar\/v3\/calendars\/([^/]+)\/events$/, family: 'calendar', scopes: () => readScopes,
    handle: (req, [calendarId = ''], state) => listEvents(req, calendarId, state),
  },
  {
    name: 'calendar.events.get', method: 'GET', pattern: /^\/calendar\/v3\/calendars\/([^/]+)\/events\/([^/]+)$/, family: 'calendar', scopes: () => readScopes,
    handle: (_req, [calendarId = '', eventId = ''], state) => {
      const event = state.calendars.find(eventId, calendarId);
      return event ? json(200, state.calendars.resource(event)) : calendarError(404, 'notFound', 'Not Found');
    },
  },
];
