/**
 * The exact evidence that two items are one commitment: keys they share. An invitation email and its
 * event share the event's iCalendar UID; a reply names its original by Message-ID; a Slack message that
 * links an email thread or a calendar event holds that item's key. Two items of different sources with
 * a key in common are merged without weighing anything else.
 */
import type { ProviderItem } from '../items/provider-item';
import { linkKey, linkKeysIn } from './link-keys';

/** Longest key stored (identifiers are far shorter; a longer one is hostile or broken). */
const MAX_KEY = 600;
/** Most keys kept per item. */
const MAX_KEYS = 40;

/** Why two items were linked, said the way the detail pane shows it. */
export function keyReason(key: string): string {
  if (key.startsWith('ical:')) return 'the same calendar invitation';
  if (key.startsWith('msg:')) return 'the same email conversation';
  if (key.startsWith('gmail:')) return 'a link to the email';
  if (key.startsWith('gcal:')) return 'a link to the calendar event';
  if (key.startsWith('slack:')) return 'a link to the Slack message';
  return 'a shared link';
}

/** Keys that name an item only within its own mailbox, calendar or workspace, by the kind of item they name. */
const LOCAL_KEY_TYPES: ReadonlyArray<[prefix: string, itemType: ProviderItem['type']]> = [
  ['gmail:', 'email'],
  ['gcal:', 'calendar_event'],
  ['slack:', 'slack_message'],
];

/**
 * True when a key two rows share shows they are one commitment. A Gmail message ID, a Calendar event ID
 * or a Slack ts is unique only within its own account (Gmail's IDs grow with time, so two mailboxes
 * receiving mail at the same moment can hold the same one): two items of that key's kind sharing it are
 * two items of two accounts, not a link. It links when one side names it in a link (a Slack message
 * pointing at an email). Message-IDs and iCalUIDs are global and always link.
 */
export function keyLinks(key: string, itemType: string, otherItemType: string): boolean {
  const local = LOCAL_KEY_TYPES.find(([prefix]) => key.startsWith(prefix));
  return !local || itemType !== local[1] || otherItemType !== local[1];
}

/** The text of an item that may hold links to other items. */
function linkText(item: ProviderItem): string {
  switch (item.type) {
    case 'email':
      return item.bodyText;
    case 'calendar_event':
      return `${item.location ?? ''}\n${item.description}`;
    case 'slack_message':
      return item.text;
  }
}

/** Every key of an item: what it is (its own link, Message-ID, iCalUID) and what it links to. */
export function itemKeys(item: ProviderItem): string[] {
  const keys = new Set<string>();
  const own = item.link ? linkKey(item.link) : null;
  if (own) keys.add(own);
  if (item.type === 'email') {
    // A message is also opened by its own ID in a Gmail link (the item's link names its thread).
    if (own?.startsWith('gmail:')) keys.add(`gmail:${item.id}`);
    // Only real msg-ids ("left@right"): a made-up one could be shared by unrelated messages.
    if (item.messageId?.includes('@')) keys.add(`msg:${item.messageId}`);
    for (const reference of item.references ?? []) if (reference.includes('@')) keys.add(`msg:${reference}`);
    if (item.icalUid) keys.add(`ical:${item.icalUid}`);
  }
  if (item.type === 'calendar_event' && item.icalUid) keys.add(`ical:${item.icalUid}`);
  for (const key of linkKeysIn(linkText(item))) keys.add(key);
  return [...keys].filter((key) => key.length <= MAX_KEY).slice(0, MAX_KEYS);
}
