/**
 * One occurrence of an iCalendar VEVENT to a CalendarEventItem: people, response status,
 * conference link, cleaned description and flags.
 */
import ICAL from 'ical.js';
import type { Attendee, CalendarEventItem, Person } from '../items/provider-item';
import { isSafeExternalUrl } from '../security/external-url';
import { cleanEmailText } from './email-text';
import { cleanHeaderText } from './header-text';
import { htmlToText } from './html-to-text';
import { scanItem } from './item-scan';

type Component = InstanceType<typeof ICAL.Component>;
type Property = InstanceType<typeof ICAL.Property>;

const RESPONSES: Record<string, Attendee['responseStatus']> = {
  'NEEDS-ACTION': 'needsAction', ACCEPTED: 'accepted', DECLINED: 'declined', TENTATIVE: 'tentative',
};
const CONFERENCE_HOSTS = /^(?:[\w-]+\.)*(?:meet\.google\.com|zoom\.us|zoom\.com|zoomgov\.com|teams\.microsoft\.com|teams\.live\.com|webex\.com|whereby\.com|gotomeeting\.com|meet\.jit\.si|chime\.aws|bluejeans\.com|around\.co)$/i;

/** What the mapper needs to know about an occurrence. */
export interface Occurrence {
  id: string;
  uid: string;
  start: string | null;
  end: string | null;
  allDay: boolean;
}

function text(component: Component, name: string): string {
  const value = component.getFirstPropertyValue(name);
  return typeof value === 'string' ? value : value === null ? '' : String(value);
}

function param(property: Property, name: string): string | null {
  const value = property.getParameter(name);
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' && first !== '' ? first : null;
}

function addressOf(property: Property): string {
  const value = property.getFirstValue();
  const raw = typeof value === 'string' ? value : '';
  return raw.replace(/^mailto:/i, '').trim().slice(0, 320);
}

function personOf(property: Property): Person | null {
  const address = addressOf(property);
  if (!address) return null;
  const name = cleanHeaderText(param(property, 'cn'), 200);
  return { name: name && name !== address ? name : null, address };
}

function isConferenceUrl(raw: string): boolean {
  if (!isSafeExternalUrl(raw)) return false;
  return CONFERENCE_HOSTS.test(new URL(raw).hostname);
}

/** The video-call link: URL if it is one, Google/Microsoft extension properties, or one found in the text. */
function conferenceLink(component: Component, description: string, location: string): string | null {
  const candidates = [
    text(component, 'x-google-conference'),
    text(component, 'x-microsoft-skypeteamsmeetingurl'),
    text(component, 'x-microsoft-onlinemeetingconflink'),
    text(component, 'url'),
  ];
  for (const candidate of candidates) if (candidate && isConferenceUrl(candidate.trim())) return candidate.trim();
  for (const match of `${location}\n${description}`.slice(0, 50_000).matchAll(/https:\/\/[^\s<>"')\]]{4,2000}/g)) {
    const url = match[0].replace(/(?<![.,;:!?])[.,;:!?]+$/, '');
    if (isConferenceUrl(url)) return url;
  }
  return null;
}

/**
 * Cleans an event description that may be HTML (Google Calendar, Outlook's X-ALT-DESC) or plain
 * text: hidden HTML removed and flagged, quotes and signatures trimmed, bounded.
 */
export function cleanCalendarDescription(raw: string, maxChars = 4000): { text: string; flags: string[] } {
  if (/<(?:br|p|div|a|span|b|i|ul|ol|li|table|font|html|body)\b[^>]{0,2000}>/i.test(raw.slice(0, 20_000))) {
    const html = htmlToText(raw, { maxChars: maxChars * 4 });
    const cleaned = cleanEmailText(html.text, { maxChars });
    return { text: cleaned.text, flags: [...new Set([...html.flags, ...cleaned.flags])].sort() };
  }
  const cleaned = cleanEmailText(raw, { maxChars });
  return { text: cleaned.text, flags: cleaned.flags };
}

function descriptionOf(component: Component): { text: string; flags: string[] } {
  const plain = text(component, 'description');
  const alt = component.getFirstProperty('x-alt-desc');
  // Outlook puts the HTML version in X-ALT-DESC; the plain one is then usually a stripped copy.
  if (!plain.trim() && alt && /html/i.test(param(alt, 'fmttype') ?? '')) return cleanCalendarDescription(text(component, 'x-alt-desc'));
  return cleanCalendarDescription(plain);
}

function dateOf(component: Component): string | null {
  for (const name of ['last-modified', 'dtstamp', 'created']) {
    const value = component.getFirstPropertyValue(name);
    if (value instanceof ICAL.Time) {
      const ms = value.toUnixTime() * 1000;
      if (Number.isFinite(ms)) return new Date(ms).toISOString();
    }
  }
  return null;
}

/** Builds the item for one occurrence from the component that describes it (master or exception). */
export function eventItem(component: Component, occurrence: Occurrence, selfAddresses: ReadonlySet<string>): CalendarEventItem {
  const organizerProperty = component.getFirstProperty('organizer');
  const organizer = organizerProperty ? personOf(organizerProperty) : null;
  const organizerAddress = organizer?.address.toLowerCase() ?? null;
  const attendees: Attendee[] = [];
  for (const property of component.getAllProperties('attendee')) {
    if (attendees.length >= 200) break;
    const cutype = (param(property, 'cutype') ?? '').toUpperCase();
    if (cutype === 'RESOURCE' || cutype === 'ROOM') continue;
    const person = personOf(property);
    if (!person) continue;
    const address = person.address.toLowerCase();
    attendees.push({
      ...person,
      responseStatus: RESPONSES[(param(property, 'partstat') ?? 'NEEDS-ACTION').toUpperCase()] ?? null,
      self: selfAddresses.has(address),
      organizer: address === organizerAddress,
    });
  }
  const description = descriptionOf(component);
  const title = cleanHeaderText(text(component, 'summary'), 500);
  const location = cleanHeaderText(text(component, 'location'), 500);
  const status = text(component, 'status').toUpperCase();
  const url = text(component, 'url').trim();
  const self = attendees.find((attendee) => attendee.self);
  const organizerIsSelf = organizerAddress !== null && selfAddresses.has(organizerAddress);
  return scanItem({
    type: 'calendar_event',
    id: occurrence.id,
    threadKey: occurrence.uid,
    date: dateOf(component),
    link: url && isSafeExternalUrl(url) && !isConferenceUrl(url) ? url : null,
    title,
    description: description.text,
    start: occurrence.start,
    end: occurrence.end,
    allDay: occurrence.allDay,
    location: location || null,
    conferenceLink: conferenceLink(component, text(component, 'description'), location),
    organizer,
    attendees,
    status: status === 'CANCELLED' ? 'cancelled' : status === 'TENTATIVE' ? 'tentative' : 'confirmed',
    selfResponse: self?.responseStatus ?? (organizerIsSelf ? 'accepted' : null),
    contentFlags: description.flags,
    icalUid: occurrence.uid,
  });
}
