/**
 * Who an item comes from, as one comparable key: the sender's address for mail, the organizer's for
 * an event, `slack:<user id>` for a chat message; lower-cased. Known correspondents are stored under
 * the same keys (db/correspondent-repository.ts builds them in SQL the same way; a test holds the
 * two together).
 */
import type { EmailItem, ProviderItem } from './provider-item';

/** The key of whoever sent the item, or null when the item names nobody. */
export function senderKeyOf(item: ProviderItem): string | null {
  const key =
    item.type === 'email' ? item.from.address : item.type === 'calendar_event' ? (item.organizer?.address ?? '') : item.author.id ? `slack:${item.author.id}` : '';
  const normalised = normaliseAddress(key);
  return normalised === '' ? null : normalised;
}

/** An address (or key) as stored: trimmed and lower-cased. */
export function normaliseAddress(address: string): string {
  return address.trim().toLowerCase();
}

/** The To and Cc addresses of a message the person sent (one of `selfAddresses` is its sender), else none. */
export function recipientsIfSentBy(item: EmailItem, selfAddresses: readonly string[]): string[] {
  const self = new Set(selfAddresses.map(normaliseAddress));
  if (!self.has(normaliseAddress(item.from.address))) return [];
  return [...item.to, ...item.cc].map((person) => normaliseAddress(person.address)).filter((address) => address !== '' && !self.has(address));
}
