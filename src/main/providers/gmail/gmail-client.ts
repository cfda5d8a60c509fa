/**
 * Reading Gmail efficiently and acting on it. First sync: the profile's historyId, then the unread
 * inbox newest first, bounded (30 days or 2,000 messages by default), in pages (gmail-pages.ts);
 * incremental sync: history.list from the stored historyId (404 -> a bounded resync), then any fill
 * left unfinished. Messages are fetched `full` through the batch endpoint at the quota's pace and
 * handed over raw: the content step reads them in the content worker.
 */
import { gmail as createGmail, type gmail_v1 } from '@googleapis/gmail';
import { ProviderError } from '../../errors';
import { createGoogleCaller, type GoogleCaller } from '../google/google-call';
import { apiRoot } from '../google/google-endpoints';
import type { FetchMode, FetchPage, ProviderAction, ProviderClient, ProviderContext, ProviderSession } from '../provider';
import { fetchMessages, fetchPagesStreamed, type FetchedMessages, type GmailFetchFormat } from './gmail-fetch';
import { fillPages, firstFill, historyPages, isGmailCursor, olderFill, type GmailCursor, type GmailPageSource, type PageSizes } from './gmail-pages';
import { listRecentSent, recipientsOfSent } from './gmail-sent';

export type { GmailCursor } from './gmail-pages';

/** Quota units per call (Gmail API usage limits). */
const GMAIL_UNITS = { getProfile: 1, list: 5, get: 5, history: 2, modify: 5, batchModify: 50 } as const;

/** Google advises at most 50 calls per batch request. */
const MAX_BATCH_SIZE = 50;
/** Labels of bulk mail Gmail sorts into tabs: never fetched (the pre-filter would drop them anyway). */
const SKIPPED_CATEGORIES = ['CATEGORY_PROMOTIONS', 'CATEGORY_SOCIAL'];

/** Knobs of the Gmail client (the bench and tests turn them; the app uses the defaults). */
export interface GmailClientOptions {
  /** Client-side pacing of the per-user quota (default 245 of Google's 250 units/s). */
  unitsPerSecond?: number;
  format?: GmailFetchFormat;
  pageSizes?: PageSizes;
}

const DEFAULT_PAGES: PageSizes = { first: 25, rest: 100 };

/** Fetches pages one after the other (the metadata-first way, two passes per page). */
async function* pageByPage(pages: readonly (readonly string[])[], fetch: (ids: readonly string[]) => Promise<FetchedMessages>): AsyncGenerator<FetchedMessages> {
  for (const ids of pages) yield ids.length > 0 ? await fetch(ids) : { raw: [], quarantined: [], filtered: [], oldestMs: null };
}

/** The pages, the first carrying the addresses the person wrote to (recorded before any verdict of the sync). */
async function* withCorrespondents(pages: AsyncIterable<FetchPage>, correspondents: string[]): AsyncGenerator<FetchPage> {
  let first = true;
  for await (const page of pages) {
    yield first && correspondents.length > 0 ? { ...page, correspondents } : page;
    first = false;
  }
}

/** Creates a Gmail client. */
export function createGmailClient(context: ProviderContext, options: GmailClientOptions = {}): ProviderClient {
  const unitsPerSecond = options.unitsPerSecond ?? 245;
  const format = options.format ?? 'full';
  const sizes = options.pageSizes ?? DEFAULT_PAGES;
  const rootUrl = apiRoot(context.env, 'gmail');
  const api = createGmail({ version: 'v1', rootUrl, retry: false });
  const limiterFor = (session: ProviderSession) => context.quota(`gmail:${session.integration.id}`, unitsPerSecond);
  // No batch can use more than one window's budget (245 units/s: 49 gets); each batch is then cut to
  // what the window has free when it goes (gmail-get-many.ts).
  const batchSize = Math.max(1, Math.min(MAX_BATCH_SIZE, Math.floor(unitsPerSecond / GMAIL_UNITS.get)));
  const getOptions = { fetch: context.fetch, rootUrl, batchSize, unitsEach: GMAIL_UNITS.get };

  function source(caller: GoogleCaller, session: ProviderSession): GmailPageSource {
    return {
      async list(q, pageToken, max) {
        const answer = await caller.run('messages.list', GMAIL_UNITS.list, (headers) =>
          api.users.messages.list({ userId: 'me', q, labelIds: session.settings.filterLabels ?? ['INBOX'], maxResults: max, pageToken: pageToken ?? undefined }, { headers }),
        );
        return { ids: (answer.data.messages ?? []).flatMap((message) => (message.id ? [message.id] : [])), nextPageToken: answer.data.nextPageToken ?? null };
      },
      fetch: (pages) => (format === 'full' ? fetchPagesStreamed(caller, session, pages, getOptions) : pageByPage(pages, (ids) => fetchMessages(caller, session, ids, getOptions, format))),
    };
  }

  async function historyId(caller: GoogleCaller): Promise<string> {
    const profile = await caller.run('getProfile', GMAIL_UNITS.getProfile, (headers) => api.users.getProfile({ userId: 'me' }, { headers }));
    return profile.data.historyId ?? '0';
  }

  /** IDs of messages added since the cursor that match the label filter, those the person sent, and the new position. */
  async function listSince(caller: GoogleCaller, session: ProviderSession, cursor: GmailCursor): Promise<{ ids: string[]; sentIds: string[]; historyId: string }> {
    const labels = session.settings.filterLabels ?? ['INBOX'];
    const ids = new Set<string>();
    const sentIds = new Set<string>();
    let position = cursor.historyId;
    let pageToken: string | undefined;
    do {
      const page = await caller.run('history.list', GMAIL_UNITS.history, (headers) =>
        api.users.history.list({ userId: 'me', startHistoryId: cursor.historyId, historyTypes: ['messageAdded'], maxResults: 500, pageToken }, { headers }),
      );
      for (const record of page.data.history ?? []) {
        for (const added of record.messagesAdded ?? []) {
          const message = added.message;
          const labelIds = message?.labelIds ?? [];
          // history.list cannot take the search query: apply the label filter, "unread" and the skipped tabs here.
          if (message?.id && labelIds.includes('SENT')) sentIds.add(message.id);
          if (!message?.id || !labelIds.includes('UNREAD') || !labels.every((label) => labelIds.includes(label))) continue;
          if (labelIds.some((label) => SKIPPED_CATEGORIES.includes(label))) continue;
          ids.add(message.id);
        }
      }
      position = page.data.historyId ?? position;
      pageToken = page.data.nextPageToken ?? undefined;
    } while (pageToken);
    // history.list is oldest first; pages go newest first.
    return { ids: [...ids].reverse(), sentIds: [...sentIds], historyId: position };
  }

  /** Whom the person writes to, from their latest sent mail (a first sync: known correspondents for auto-approve). */
  async function recentCorrespondents(caller: GoogleCaller, session: ProviderSession): Promise<string[]> {
    return recipientsOfSent(caller, session, await listRecentSent(caller, api, GMAIL_UNITS.list), getOptions);
  }

  const isExpiredHistory = (error: unknown) => error instanceof ProviderError && error.status === 404;

  async function* pages(cursor: unknown, session: ProviderSession, mode: FetchMode): AsyncGenerator<FetchPage> {
    const caller = createGoogleCaller(session, limiterFor(session));
    const from = source(caller, session);
    const first = { value: true };
    if (!isGmailCursor(cursor)) {
      // Take the position before listing, so nothing arriving during the fill falls in a gap.
      const state: GmailCursor = { historyId: await historyId(caller), fill: null, reachedMs: null };
      yield* withCorrespondents(fillPages(state, firstFill(session), from, sizes, first, 'sync'), await recentCorrespondents(caller, session));
      return;
    }
    if (mode === 'older') {
      if (cursor.fill) return yield* fillPages(cursor, cursor.fill, from, sizes, first, 'older');
      if (cursor.exhausted) {
        session.note('Gmail has no older unread mail in this inbox.');
        yield { raw: [], quarantined: [], filtered: [], withdrawn: [], cursor };
        return;
      }
      yield* fillPages(cursor, olderFill(session, cursor.reachedMs ?? session.clock.now().getTime()), from, sizes, first, 'older');
      return;
    }
    let found: { ids: string[]; sentIds: string[]; historyId: string };
    try {
      found = await listSince(caller, session, cursor);
    } catch (error) {
      if (!isExpiredHistory(error)) throw error;
      session.note('Gmail no longer had the history since the last sync, so the newest mail was read again (what was already read is skipped).');
      const state: GmailCursor = { historyId: await historyId(caller), fill: null, reachedMs: cursor.reachedMs ?? null };
      yield* withCorrespondents(fillPages(state, firstFill(session), from, sizes, first, 'sync'), await recentCorrespondents(caller, session));
      return;
    }
    // A reply the person sent since the cursor makes its recipients known before this sync's verdicts.
    yield* withCorrespondents(historyPages(cursor, found, from, sizes, first), await recipientsOfSent(caller, session, found.sentIds, getOptions));
    const state: GmailCursor = { ...cursor, historyId: found.historyId };
    if (state.fill) yield* fillPages(state, state.fill, from, sizes, first, 'sync');
  }

  return {
    fetchPages: pages,
    async *refetch(itemIds, session) {
      const caller = createGoogleCaller(session, limiterFor(session));
      // These IDs are known (they wait for judgement), so they are fetched without the "already seen" skip.
      const unseen = { ...session, isKnown: () => false };
      for (let start = 0; start < itemIds.length; start += sizes.rest) {
        const fetched = await fetchMessages(caller, unseen, itemIds.slice(start, start + sizes.rest), getOptions, 'full');
        yield { raw: fetched.raw, quarantined: fetched.quarantined, filtered: [], withdrawn: [] };
      }
    },
    async hasChanges(cursor, session) {
      if (!isGmailCursor(cursor) || cursor.fill) return true;
      const caller = createGoogleCaller(session, limiterFor(session));
      try {
        const page = await caller.run('history.list (change check)', GMAIL_UNITS.history, (headers) =>
          api.users.history.list({ userId: 'me', startHistoryId: cursor.historyId, historyTypes: ['messageAdded'], maxResults: 1 }, { headers }),
        );
        return (page.data.history ?? []).length > 0;
      } catch (error) {
        if (isExpiredHistory(error)) return true;
        throw error;
      }
    },
    async runAction(action: ProviderAction, session) {
      const caller = createGoogleCaller(session, limiterFor(session));
      const id = action.target.messageId;
      if (!id) throw new ProviderError('bad_request', 'The action has no Gmail message to act on.');
      const removeLabelIds = action.kind === 'archive' ? ['INBOX'] : action.kind === 'mark_read' ? ['UNREAD'] : null;
      if (!removeLabelIds) throw new ProviderError('bad_request', `Gmail cannot ${action.kind}.`);
      // Removing a label twice is harmless, so a retried modify cannot do damage.
      await caller.run(`messages.modify (${action.kind})`, GMAIL_UNITS.modify, (headers) =>
        api.users.messages.modify({ userId: 'me', id, requestBody: { removeLabelIds } }, { headers }),
      );
    },
    async runBatch(kind, actions, session) {
      const caller = createGoogleCaller(session, limiterFor(session));
      const ids = actions.map((action) => action.target.messageId).filter((id): id is string => Boolean(id));
      const removeLabelIds = kind === 'archive' ? ['INBOX'] : ['UNREAD'];
      // batchModify takes up to 1,000 IDs for a flat 50 units; used when several actions wait.
      for (let start = 0; start < ids.length; start += 1000) {
        const chunk = ids.slice(start, start + 1000);
        await caller.run(`messages.batchModify (${kind}, ${chunk.length})`, GMAIL_UNITS.batchModify, (headers) =>
          api.users.messages.batchModify({ userId: 'me', requestBody: { ids: chunk, removeLabelIds } }, { headers }),
        );
      }
    },
    async isApplied(action, session) {
      const caller = createGoogleCaller(session, limiterFor(session));
      const id = action.target.messageId;
      if (!id) return false;
      const message = await caller.run('messages.get (minimal, verify)', GMAIL_UNITS.get, (headers) => api.users.messages.get({ userId: 'me', id, format: 'minimal' }, { headers }));
      const labels = message.data.labelIds ?? [];
      return action.kind === 'archive' ? !labels.includes('INBOX') : action.kind === 'mark_read' ? !labels.includes('UNREAD') : false;
    },
  };
}

/** Gmail's message type, re-exported for tests. */
export type GmailMessage = gmail_v1.Schema$Message;
