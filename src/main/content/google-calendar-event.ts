/** Google Calendar event resource -> CalendarEventItem. */
import type { calendar_v3 } from '@googleapis/calendar';
import { cleanHeaderText } from './header-text';
import { cleanCalendarDescription } from './ics-event';
import { scanItem } from './item-scan';
import type { Attendee, CalendarEventItem } from '../items/provider-item';

const RESPONSES = new Set(['needsAction', 'declined', 'tentative', 'accepted']);

function toIso(time: calendar_v3.Schema$EventDateTime | undefined): { iso: string | null; allDay: boolean } {
  if (!time) return { iso: null, allDay: false };
  if (time.dateTime) {
    const parsed = new Date(time.dateTime);
    return { iso: Number.isNaN(parsed.getTime()) ? null : parsed.toISOString(), allDay: false };
  }
  if (time.date) {
    const parsed = new Date(`${time.date}T00:00:00Z`);
    return { iso: Number.isNaN(parsed.getTime()) ? null : parsed.toISOString(), allDay: true };
  }
  return { iso: null, allDay: false };
}

function conferenceLink(event: calendar_v3.Schema$Event): string | null {
  const entry = event.conferenceData?.entryPoints?.find((point) => point.entryPointType === 'video' && point.uri?.startsWith('https://'));
  if (entry?.uri) return entry.uri;
  return event.hangoutLink?.startsWith('https://') ? event.hangoutLink : null;
}

function httpsOrNull(link: string | null | undefined): string | null {
  return link && link.startsWith('https://') ? link : null;
}

/** Converts an event; throws on an event without an ID (the caller quarantines it). */
export function calendarItemFromGoogle(event: calendar_v3.Schema$Event): CalendarEventItem {
  if (!event.id) throw new Error('The event has no ID.');
  const start = toIso(event.start ?? undefined);
  const end = toIso(event.end ?? undefined);
  const attendees: Attendee[] = (event.attendees ?? [])
    .filter((attendee) => attendee.email && !attendee.resource)
    .slice(0, 200)
    .map((attendee) => ({
      name: attendee.displayName ?? null,
      address: attendee.email!,
      responseStatus: RESPONSES.has(attendee.responseStatus ?? '') ? (attendee.responseStatus as Attendee['responseStatus']) : null,
      self: attendee.self === true,
      organizer: attendee.organizer === true,
    }));
  // Google Calendar descriptions are HTML written by whoever created the event.
  const description = cleanCalendarDescription(event.description ?? '', 4000);
  return scanItem({
    type: 'calendar_event',
    id: event.id,
    threadKey: event.recurringEventId ?? event.id,
    date: event.updated ?? event.created ?? null,
    link: httpsOrNull(event.htmlLink),
    title: cleanHeaderText(event.summary ?? '', 500),
    description: description.text,
    start: start.iso,
    end: end.iso,
    allDay: start.allDay,
    location: event.location ? cleanHeaderText(event.location, 500) || null : null,
    conferenceLink: conferenceLink(event),
    organizer: event.organizer?.email ? { name: event.organizer.displayName ?? null, address: event.organizer.email } : null,
    attendees,
    status: event.status === 'cancelled' ? 'cancelled' : event.status === 'tentative' ? 'tentative' : 'confirmed',
    selfResponse: attendees.find((attendee) => attendee.self)?.responseStatus ?? (event.organizer?.self ? 'accepted' : null),
    contentFlags: description.flags,
    icalUid: event.iCalUID ? event.iCalUID.trim().slice(0, 500) || null : null,
  });
}
