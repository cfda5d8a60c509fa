/**
 * Renders one item's fields compactly ("key: value" lines, long text last) with every untrusted
 * string neutralised and bounded. Provider IDs, links and thread keys are never rendered.
 */
import type { Attendee, CalendarEventItem, EmailItem, Person, ProviderItem, SlackMessageItem } from '../../items/provider-item';
import { capText } from './schema';
import { formatLocal } from '../../lib/time-zone';

/** How much of each item the prompt may carry. */
export interface PromptLimits {
  /** Characters of an email body (the cleaned text providers hand over). */
  bodyChars: number;
  /** Characters of a calendar event's description. */
  eventDescriptionChars: number;
  /** Characters of a Slack message. */
  slackTextChars: number;
  /** Earlier thread messages shown for context, and characters of each. */
  threadMessages: number;
  threadMessageChars: number;
  /** Recipients or attendees listed by name before "+N more". */
  people: number;
}

/** What rendering needs besides the item. */
export interface RenderOptions {
  limits: PromptLimits;
  timeZone: string;
  /** The person's own addresses, lowercase. */
  self: ReadonlySet<string>;
  /** Neutralises untrusted text (boundary spoofing, template tokens). */
  clean: (text: string) => string;
}

type Line = string | null;

function line(key: string, value: string | null | undefined): Line {
  return value ? `${key}: ${value}` : null;
}

/** Bounded multi-line text: cut at a word boundary, marked so the model knows it is partial. */
function block(key: string, text: string, max: number, options: RenderOptions): Line {
  // Cleaning works on a bounded prefix so a megabyte body costs no more than a long one.
  const raw = text.length > max * 4 ? text.slice(0, max * 4) : text;
  const clean = capText(options.clean(raw), Number.MAX_SAFE_INTEGER, false);
  if (!clean) return null;
  if (clean.length <= max && raw.length === text.length) return `${key}:\n${clean}`;
  const cut = clean.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${key}:\n${space > max * 0.8 ? cut.slice(0, space) : cut} [...truncated]`;
}

function one(text: string | null | undefined, max: number, options: RenderOptions): string {
  return text ? capText(options.clean(text.slice(0, max * 4)), max, true) : '';
}

function person(p: Person, options: RenderOptions): string {
  const address = one(p.address, 100, options);
  const name = one(p.name, 60, options);
  const you = options.self.has(p.address.trim().toLowerCase()) ? ' (you)' : '';
  return `${name && name !== address ? `${name} <${address}>` : address}${you}`;
}

function people(list: readonly Person[], options: RenderOptions): string | null {
  if (list.length === 0) return null;
  // The person first: whether they are addressed directly matters more than who else is.
  const sorted = [...list].sort((a, b) => Number(options.self.has(b.address.toLowerCase())) - Number(options.self.has(a.address.toLowerCase())));
  const shown = sorted.slice(0, options.limits.people).map((p) => person(p, options));
  const more = list.length - shown.length;
  return more > 0 ? `${shown.join('; ')} (+${more} more)` : shown.join('; ');
}

function when(iso: string | null, options: RenderOptions): string | null {
  return formatLocal(iso, options.timeZone);
}

function renderEmail(item: EmailItem, options: RenderOptions): Line[] {
  return [
    'type: email',
    line('from', person(item.from, options)),
    line('to', people(item.to, options)),
    line('cc', people(item.cc, options)),
    line('date', when(item.date, options)),
    line('subject', one(item.subject, 200, options) || '(no subject)'),
    block('body', item.bodyText || item.snippet, options.limits.bodyChars, options),
  ];
}

function attendeeLabel(attendee: Attendee, options: RenderOptions): string {
  const status = attendee.responseStatus && attendee.responseStatus !== 'accepted' ? ` [${attendee.responseStatus}]` : '';
  return `${person(attendee, options)}${attendee.organizer ? ' [organizer]' : ''}${status}`;
}

function renderEvent(item: CalendarEventItem, options: RenderOptions): Line[] {
  const attendees = item.attendees.slice(0, options.limits.people).map((a) => attendeeLabel(a, options));
  const more = item.attendees.length - attendees.length;
  return [
    'type: calendar_event',
    line('title', one(item.title, 200, options) || '(untitled)'),
    item.allDay ? line('all day', item.start?.slice(0, 10)) : line('start', when(item.start, options)),
    item.allDay ? null : line('end', when(item.end, options)),
    item.status === 'confirmed' ? null : line('status', item.status),
    line('organizer', item.organizer ? person(item.organizer, options) : null),
    line('your response', item.selfResponse),
    attendees.length > 0 ? `attendees (${item.attendees.length}): ${attendees.join('; ')}${more > 0 ? ` (+${more} more)` : ''}` : null,
    line('location', one(item.location, 200, options)),
    item.conferenceLink ? 'video call: yes' : null,
    line('created', when(item.date, options)),
    block('description', item.description, options.limits.eventDescriptionChars, options),
  ];
}

function renderSlack(item: SlackMessageItem, options: RenderOptions): Line[] {
  const context = item.threadContext.slice(-options.limits.threadMessages);
  const thread = context.map((m) => `- ${one(m.author, 60, options)}: ${one(m.text, options.limits.threadMessageChars, options)}`);
  return [
    'type: slack_message',
    line('channel', item.isDirect ? 'direct message' : `#${one(item.channelName, 80, options)}`),
    line('author', one(item.author.name, 60, options)),
    line('date', when(item.date, options)),
    thread.length > 0 ? `earlier in the thread:\n${thread.join('\n')}` : null,
    block('message', item.text, options.limits.slackTextChars, options),
  ];
}

/** The item's fields as prompt lines (without boundaries). */
export function renderItemFields(item: ProviderItem, options: RenderOptions): string {
  let lines: Line[];
  switch (item.type) {
    case 'email':
      lines = renderEmail(item, options);
      break;
    case 'calendar_event':
      lines = renderEvent(item, options);
      break;
    case 'slack_message':
      lines = renderSlack(item, options);
      break;
  }
  return lines.filter((entry): entry is string => entry !== null).join('\n');
}
