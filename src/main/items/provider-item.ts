/**
 * The normalised items every layer shares (GmailMessage, CalendarEvent and SlackMessage in the
 * original description). They are also the snapshot stored with a suggestion, so the feed never re-fetches.
 */
import type { ItemPreview, ProviderItemType } from '../../shared/models';

/** A person named in an item. */
export interface Person {
  name: string | null;
  address: string;
}

interface ItemBase {
  /** Provider's ID of the item, unique within the integration. */
  id: string;
  /** Items sharing a thread key share one live suggestion. */
  threadKey: string | null;
  /** When the item was sent/created, ISO 8601, or null when unknown. */
  date: string | null;
  /** A link that opens the item at the provider (https only), or null. */
  link: string | null;
}

/** An email (Gmail message or a message from a local file). */
export interface EmailItem extends ItemBase {
  type: 'email';
  from: Person;
  to: Person[];
  cc: Person[];
  subject: string;
  snippet: string;
  /** Plain text of the body, hidden HTML removed, quoted replies and signature trimmed. */
  bodyText: string;
  labels: string[];
  /**
   * Headers the pre-filter and the engines read. `listId` / `listPost` (RFC 2369/2919) say the message
   * came through a mailing list, and whether people post to it (a discussion list) or not (a
   * newsletter); they (and `inReplyTo`) are absent from items stored before they were read.
   */
  headers: {
    listUnsubscribe: string | null;
    precedence: string | null;
    autoSubmitted: string | null;
    listId?: string | null;
    listPost?: string | null;
    /** The In-Reply-To header: the message answers an earlier one (its place in the thread). */
    inReplyTo?: string | null;
  };
  /** Signs of hostile content found while converting the body (hidden text, fake delimiters...). */
  contentFlags: string[];
  /** The Message-ID header without angle brackets (absent on snapshots stored before merging existed). */
  messageId?: string | null;
  /** Message-IDs this message answers or follows (References and In-Reply-To), oldest first, bounded. */
  references?: string[];
  /** UID of the calendar invitation the message carries in a text/calendar part (an invitation email). */
  icalUid?: string | null;
  /** When that invitation's event starts (ISO), read from the same part. */
  icalStart?: string | null;
}

/** A person invited to an event. */
export interface Attendee extends Person {
  responseStatus: 'needsAction' | 'declined' | 'tentative' | 'accepted' | null;
  self: boolean;
  organizer: boolean;
}

/** A calendar event. */
export interface CalendarEventItem extends ItemBase {
  type: 'calendar_event';
  title: string;
  description: string;
  start: string | null;
  end: string | null;
  allDay: boolean;
  location: string | null;
  conferenceLink: string | null;
  organizer: Person | null;
  attendees: Attendee[];
  status: 'confirmed' | 'tentative' | 'cancelled';
  /** The person's own response, when they are an attendee. */
  selfResponse: Attendee['responseStatus'];
  contentFlags: string[];
  /** The event's iCalendar UID (Google's `iCalUID`, an .ics UID), shared by its invitation emails; absent on old snapshots. */
  icalUid?: string | null;
}

/** A Slack message that mentions the person or was sent to them. */
export interface SlackMessageItem extends ItemBase {
  type: 'slack_message';
  channelId: string;
  channelName: string;
  isDirect: boolean;
  author: { id: string; name: string };
  text: string;
  ts: string;
  threadTs: string | null;
  /** Earlier messages of the thread, oldest first, for context. */
  threadContext: Array<{ author: string; text: string }>;
  contentFlags: string[];
}

/** Any item a provider returns. */
export type ProviderItem = EmailItem | CalendarEventItem | SlackMessageItem;

/** Item type of an item, as stored. */
export function itemTypeOf(item: ProviderItem): ProviderItemType {
  return item.type;
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function personLabel(person: Person): string {
  return person.name ? `${person.name} <${person.address}>` : person.address;
}

/** The feed's preview of an item. */
export function toPreview(item: ProviderItem): ItemPreview {
  switch (item.type) {
    case 'email':
      return {
        kind: 'email',
        from: item.from.address,
        fromName: item.from.name,
        subject: item.subject,
        date: item.date,
        snippet: truncate(item.snippet || item.bodyText, 240),
        link: item.link,
      };
    case 'calendar_event':
      return {
        kind: 'calendar_event',
        title: item.title,
        start: item.start,
        end: item.end,
        attendees: item.attendees.slice(0, 20).map(personLabel),
        location: item.location,
        link: item.link,
      };
    case 'slack_message':
      return {
        kind: 'slack_message',
        channel: item.isDirect ? `DM` : `#${item.channelName}`,
        author: item.author.name,
        text: truncate(item.text, 240),
        date: item.date,
        link: item.link,
      };
  }
}

/** A short label naming the item, for task sources and outbox rows. */
export function itemLabel(item: ProviderItem): string {
  switch (item.type) {
    case 'email':
      return truncate(item.subject || '(no subject)', 120);
    case 'calendar_event':
      return truncate(item.title || '(untitled event)', 120);
    case 'slack_message':
      return truncate(`${item.isDirect ? 'DM' : `#${item.channelName}`} from ${item.author.name}`, 120);
  }
}
