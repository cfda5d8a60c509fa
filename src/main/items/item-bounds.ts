/**
 * The size every item field may have. The content step bounds each item here before anything reads
 * its text (the screening rules, the engines' patterns, the prompt), so no regex after parsing ever
 * sees more than these, whatever a provider or a hostile sender hands over.
 */
import type { Attendee, ProviderItem, Person } from './provider-item';

/** Most characters (or entries, for lists) of each kind of field. */
export const ITEM_LIMITS = {
  id: 1_000,
  name: 200,
  address: 320,
  line: 1_000,
  body: 20_000,
  description: 4_000,
  chat: 4_000,
  contextText: 500,
  people: 500,
  contextMessages: 20,
  labels: 100,
  flags: 50,
} as const;

function cap(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function capOrNull(text: string | null, max: number): string | null {
  return text === null ? null : cap(text, max);
}

function person<T extends Person>(entry: T): T {
  return { ...entry, name: capOrNull(entry.name, ITEM_LIMITS.name), address: cap(entry.address, ITEM_LIMITS.address) };
}

function base<T extends ProviderItem>(item: T): T {
  return {
    ...item,
    id: cap(item.id, ITEM_LIMITS.id),
    threadKey: capOrNull(item.threadKey, ITEM_LIMITS.id),
    link: capOrNull(item.link, ITEM_LIMITS.line * 2),
    contentFlags: item.contentFlags.slice(0, ITEM_LIMITS.flags).map((flag) => cap(flag, 100)),
  };
}

/** The item with every string and list cut to `ITEM_LIMITS` (an item within them is returned equal). */
export function boundItem<T extends ProviderItem>(item: T): T {
  switch (item.type) {
    case 'email':
      return {
        ...base(item),
        from: person(item.from),
        to: item.to.slice(0, ITEM_LIMITS.people).map(person),
        cc: item.cc.slice(0, ITEM_LIMITS.people).map(person),
        subject: cap(item.subject, ITEM_LIMITS.line),
        snippet: cap(item.snippet, ITEM_LIMITS.line),
        bodyText: cap(item.bodyText, ITEM_LIMITS.body),
        labels: item.labels.slice(0, ITEM_LIMITS.labels).map((label) => cap(label, ITEM_LIMITS.name)),
        headers: {
          listUnsubscribe: capOrNull(item.headers.listUnsubscribe, ITEM_LIMITS.line),
          precedence: capOrNull(item.headers.precedence, ITEM_LIMITS.name),
          autoSubmitted: capOrNull(item.headers.autoSubmitted, ITEM_LIMITS.name),
          // Absent on items stored before they were read: left absent, so such an item stays equal.
          ...('listId' in item.headers ? { listId: capOrNull(item.headers.listId ?? null, ITEM_LIMITS.line) } : {}),
          ...('listPost' in item.headers ? { listPost: capOrNull(item.headers.listPost ?? null, ITEM_LIMITS.line) } : {}),
          ...('inReplyTo' in item.headers ? { inReplyTo: capOrNull(item.headers.inReplyTo ?? null, ITEM_LIMITS.line) } : {}),
        },
      };
    case 'calendar_event':
      return {
        ...base(item),
        title: cap(item.title, ITEM_LIMITS.line),
        description: cap(item.description, ITEM_LIMITS.description),
        location: capOrNull(item.location, ITEM_LIMITS.line),
        conferenceLink: capOrNull(item.conferenceLink, ITEM_LIMITS.line * 2),
        organizer: item.organizer ? person(item.organizer) : null,
        attendees: item.attendees.slice(0, ITEM_LIMITS.people).map((attendee: Attendee) => person(attendee)),
      };
    case 'slack_message':
      return {
        ...base(item),
        channelId: cap(item.channelId, ITEM_LIMITS.name),
        channelName: cap(item.channelName, ITEM_LIMITS.name),
        author: { id: cap(item.author.id, ITEM_LIMITS.name), name: cap(item.author.name, ITEM_LIMITS.name) },
        text: cap(item.text, ITEM_LIMITS.chat),
        ts: cap(item.ts, ITEM_LIMITS.name),
        threadTs: capOrNull(item.threadTs, ITEM_LIMITS.name),
        threadContext: item.threadContext
          .slice(-ITEM_LIMITS.contextMessages)
          .map((entry) => ({ author: cap(entry.author, ITEM_LIMITS.name), text: cap(entry.text, ITEM_LIMITS.contextText) })),
      };
  }
}
