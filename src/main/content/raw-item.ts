/**
 * What providers hand to the content step: the untrusted payload exactly as the source gave it
 * (Gmail message JSON, raw MIME bytes, .ics text, Slack message JSON with its context, Calendar
 * event JSON). Every payload is structured-clone safe, so it can cross to the content worker, and
 * `readRawItem` is the one door from a payload to items (each conversion ends in `scanItem`).
 */
import type { calendar_v3 } from '@googleapis/calendar';
import type { gmail_v1 } from '@googleapis/gmail';
import type { ProviderItem } from '../items/provider-item';
import type { ProviderItemType } from '../../shared/models';
import { emailItemFromGmail } from './gmail-payload';
import { calendarItemFromGoogle } from './google-calendar-event';
import { slackMessageItem, type RawSlackMessage } from './slack-message';

/** One untrusted payload from a provider. */
export type RawItem =
  | { kind: 'gmail-message'; message: gmail_v1.Schema$Message }
  /** `ref` names the message when it cannot be read (e.g. `path#index`); the item ID comes from its Message-ID. */
  | { kind: 'rfc822'; ref: string; bytes: Uint8Array }
  /** A whole calendar file's bytes (decoded in the content worker); `window` is ISO start and end of the events wanted. */
  | { kind: 'ics'; ref: string; bytes: Uint8Array; window: { from: string; to: string } }
  | { kind: 'slack-message'; message: RawSlackMessage }
  | { kind: 'google-calendar-event'; event: calendar_v3.Schema$Event };

/** A payload, or part of one, that could not be turned into an item, and why. */
export interface UnreadableItem {
  itemId: string;
  itemType: ProviderItemType;
  reason: string;
}

/** What reading one payload gave. */
export interface ReadResult {
  items: ProviderItem[];
  unreadable: UnreadableItem[];
  /** Items the payload says are gone or cancelled at the source (their pending suggestions are withdrawn). */
  withdrawn: string[];
}

/** Context of a read. */
export interface ReadContext {
  selfAddresses: string[];
  /** Milliseconds a parser with its own clock (mailparser, the .ics expander) may spend. */
  budgetMs: number;
}

/** Largest payload of each kind handed to a parser; a larger one is set aside unread. */
export const RAW_LIMITS: Readonly<Record<RawItem['kind'], number>> = {
  'gmail-message': 40 * 1024 * 1024,
  rfc822: 25 * 1024 * 1024,
  ics: 20 * 1024 * 1024,
  'slack-message': 1024 * 1024,
  'google-calendar-event': 2 * 1024 * 1024,
};

const MAX_PARTS_MEASURED = 1000;

function gmailSize(message: gmail_v1.Schema$Message): number {
  let size = (message.snippet?.length ?? 0) + (message.raw?.length ?? 0);
  const stack: gmail_v1.Schema$MessagePart[] = message.payload ? [message.payload] : [];
  // A bounded walk: a tree with more parts than this is over any limit anyway.
  for (let seen = 0; stack.length > 0 && seen < MAX_PARTS_MEASURED; seen += 1) {
    const part = stack.pop()!;
    size += part.body?.data?.length ?? 0;
    for (const header of part.headers ?? []) size += (header.name?.length ?? 0) + (header.value?.length ?? 0);
    if (Array.isArray(part.parts)) stack.push(...part.parts);
  }
  return stack.length > 0 ? Number.POSITIVE_INFINITY : size;
}

/** About how many characters (or bytes) a payload holds, measured without reading its text. */
export function rawItemSize(raw: RawItem): number {
  switch (raw.kind) {
    case 'gmail-message':
      return gmailSize(raw.message);
    case 'rfc822':
      return raw.bytes.byteLength;
    case 'ics':
      return raw.bytes.byteLength;
    case 'slack-message':
      return raw.message.text.length + raw.message.threadContext.reduce((sum, entry) => sum + entry.text.length + entry.author.length, 0);
    case 'google-calendar-event':
      return (raw.event.description?.length ?? 0) + (raw.event.summary?.length ?? 0) + (raw.event.location?.length ?? 0) + (raw.event.attendees?.length ?? 0) * 200;
  }
}

/** The ID and type a payload is known by before it is read (for setting it aside). */
export function rawItemKey(raw: RawItem): { itemId: string; itemType: ProviderItemType } {
  switch (raw.kind) {
    case 'gmail-message':
      return { itemId: raw.message.id ?? '(no id)', itemType: 'email' };
    case 'rfc822':
      return { itemId: raw.ref, itemType: 'email' };
    case 'ics':
      return { itemId: raw.ref, itemType: 'calendar_event' };
    case 'slack-message':
      return { itemId: `${raw.message.channelId}:${raw.message.ts}`, itemType: 'slack_message' };
    case 'google-calendar-event':
      return { itemId: raw.event.id ?? '(no id)', itemType: 'calendar_event' };
  }
}

function errorText(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 300);
}

/** Reads one payload into items. Never throws: what cannot be read comes back with its reason. */
export async function readRawItem(raw: RawItem, context: ReadContext): Promise<ReadResult> {
  const single = (build: () => ProviderItem, what: string): ReadResult => {
    try {
      return { items: [build()], unreadable: [], withdrawn: [] };
    } catch (error) {
      return { items: [], unreadable: [{ ...rawItemKey(raw), reason: `The ${what} could not be read: ${errorText(error)}` }], withdrawn: [] };
    }
  };
  switch (raw.kind) {
    case 'gmail-message':
      return single(() => emailItemFromGmail(raw.message, { selfAddresses: context.selfAddresses }), 'message');
    case 'slack-message':
      return single(() => slackMessageItem(raw.message), 'Slack message');
    case 'google-calendar-event':
      return single(() => calendarItemFromGoogle(raw.event), 'event');
    case 'rfc822': {
      // mailparser and ical.js load on the first file payload: a mail or chat sync never pays for them.
      const { parseRfc822 } = await import('./rfc822');
      const bytes = Buffer.from(raw.bytes.buffer, raw.bytes.byteOffset, raw.bytes.byteLength);
      const parsed = await parseRfc822(bytes, { selfAddresses: context.selfAddresses, timeoutMs: context.budgetMs });
      return parsed.ok ? { items: [parsed.item], unreadable: [], withdrawn: [] } : { items: [], unreadable: [{ itemId: raw.ref, itemType: 'email', reason: parsed.reason }], withdrawn: [] };
    }
    case 'ics': {
      const { parseIcs } = await import('./ics');
      const window = { from: new Date(raw.window.from), to: new Date(raw.window.to) };
      const text = Buffer.from(raw.bytes.buffer, raw.bytes.byteOffset, raw.bytes.byteLength).toString('utf8');
      const { events, quarantined } = parseIcs(text, window, { selfAddresses: context.selfAddresses, timeBudgetMs: context.budgetMs });
      return {
        items: events.filter((event) => event.status !== 'cancelled'),
        unreadable: quarantined.map((entry) => ({ itemId: entry.id, itemType: 'calendar_event', reason: entry.reason })),
        withdrawn: events.filter((event) => event.status === 'cancelled').map((event) => event.id),
      };
    }
  }
}
