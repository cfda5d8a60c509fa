/**
 * Pushed Slack events as one page of payloads: a new DM or mention becomes a payload straight from the
 * event (no history or search call, which Socket Mode apps — never in the Marketplace — may make
 * only once a minute, and which the search index would not yet answer), an edit revises the item (read again by the content step),
 * a deletion withdraws it, and the person's own "done" reaction withdraws its pending suggestion.
 * The cursor does not move: a catch-up from it closes any gap the socket left.
 */
import { ProviderError } from '../../errors';
import type { RawSlackMessage as SlackPayload } from '../../content/slack-message';
import type { RawItem } from '../../content/raw-item';
import type { FetchPage, ProviderContext, ProviderSession } from '../provider';
import { createSlackCaller, type SlackCaller } from './slack-api';
import { isDirectChannelType, type RawSlackMessage, type SlackPushEvent } from './slack-events';
import { isPersonMessage, namesOf, toSlackPayload, type NameCache, type SlackCursor } from './slack-items';

function isPushEvent(value: unknown): value is SlackPushEvent {
  return typeof value === 'object' && value !== null && typeof (value as SlackPushEvent).kind === 'string' && typeof (value as SlackPushEvent).channel === 'string';
}

/** A channel's display name: DMs are "direct message"; others come from conversations.info (cached). */
async function channelName(caller: SlackCaller, names: NameCache, channel: string, channelType: string): Promise<string> {
  if (channelType === 'im') return 'direct message';
  const cached = names.get(`channel:${channel}`);
  if (cached) return cached;
  try {
    const info = await caller.call<{ channel?: { name?: string } }>('conversations.info', { channel });
    const name = info.channel?.name ?? channel;
    names.set(`channel:${channel}`, name);
    return name;
  } catch (error) {
    if (error instanceof ProviderError) return channel;
    throw error;
  }
}

/** True when a message asks something of the person: any DM, or a channel message that mentions them. */
function concernsPerson(message: RawSlackMessage, channelType: string, selfId: string): boolean {
  return isDirectChannelType(channelType) || (message.text ?? '').includes(`<@${selfId}>`);
}

/** Builds the page of a batch of pushed events for one account (no cursor: the stored one stays). */
export async function fetchPushedEvents(context: ProviderContext, rawEvents: readonly unknown[], cursor: SlackCursor, session: ProviderSession): Promise<FetchPage> {
  const caller = createSlackCaller(context, session);
  // Thread context only when it comes at once: a pushed message is not held for a rate limit.
  const impatient = createSlackCaller(context, session, { maxRateLimitWaits: 0 });
  const names = namesOf(context, session);
  const doneReaction = session.settings.reaction ?? 'white_check_mark';
  const events = rawEvents.filter(isPushEvent);
  const items = new Map<string, SlackPayload>();
  const revised = new Map<string, SlackPayload>();
  const withdrawn = new Set<string>();
  // Gone at the source before it was judged: history will not return it either, so it is never judged.
  const gone = new Set<string>();
  const quarantined: FetchPage['quarantined'] = [];
  const idOf = (payload: SlackPayload) => `${payload.channelId}:${payload.ts}`;

  const build = async (event: Extract<SlackPushEvent, { kind: 'message' | 'edited' }>): Promise<SlackPayload | null> => {
    const channel = { id: event.channel, name: await channelName(caller, names, event.channel, event.channelType), is_im: event.channelType === 'im', is_mpim: event.channelType === 'mpim' };
    try {
      return await toSlackPayload({ call: (method, args) => (method === 'conversations.replies' ? impatient : caller).call(method, args) }, { ...event.message, channel }, cursor, names, { contextBestEffort: true });
    } catch (error) {
      if (error instanceof ProviderError && error.kind !== 'bad_request') throw error;
      quarantined.push({ itemId: `${event.channel}:${event.message.ts}`, itemType: 'slack_message', reason: error instanceof Error ? error.message : String(error) });
      return null;
    }
  };

  for (const [index, event] of events.entries()) {
    session.progress(index, events.length);
    switch (event.kind) {
      case 'message': {
        if (!isPersonMessage(event.message, cursor.userId) || !concernsPerson(event.message, event.channelType, cursor.userId)) break;
        const item = await build(event);
        if (item) items.set(idOf(item), item);
        break;
      }
      case 'edited': {
        const itemId = `${event.channel}:${event.message.ts}`;
        if (!isPersonMessage(event.message, cursor.userId)) break;
        // An edit that drops the mention takes the request away.
        if (!concernsPerson(event.message, event.channelType, cursor.userId)) {
          withdrawn.add(itemId);
          gone.add(itemId);
          break;
        }
        const item = await build(event);
        if (!item) break;
        // Edited before its first judgement (same batch): judge the edited text once.
        if (items.has(itemId)) items.set(itemId, item);
        else revised.set(itemId, item);
        break;
      }
      case 'deleted':
        withdrawn.add(`${event.channel}:${event.ts}`);
        gone.add(`${event.channel}:${event.ts}`);
        break;
      case 'reaction':
        // The person marked the message done in Slack themselves (judged first in the same batch, then
        // withdrawn: a tombstone, so a later read from the cursor does not suggest it again).
        if (event.user === cursor.userId && event.reaction === doneReaction) withdrawn.add(`${event.channel}:${event.ts}`);
        break;
    }
  }
  for (const itemId of gone) {
    items.delete(itemId);
    revised.delete(itemId);
  }
  session.progress(events.length, events.length);
  const raw = (payloads: Map<string, SlackPayload>): RawItem[] => [...payloads.values()].map((message) => ({ kind: 'slack-message', message }));
  return { raw: raw(items), revised: raw(revised), quarantined, filtered: [], withdrawn: [...withdrawn] };
}
