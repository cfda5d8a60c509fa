/**
 * Reading Gmail efficiently and acting on it. First sync: the profile's historyId, then the unread
 * message IDs; incremental sync: history.list from the stored historyId (404 -> full resync).
 * Either way, unseen messages are fetched as metadata first (batched), bulk mail is dropped on its
 * headers, and only candidates are fetched in full.
 */
import { gmail as createGmail, type gmail_v1 } from '@googleapis/gmail';
import { bulkMailReason } from '../../items/prefilter';
import { emailItemFromGmail, headerValue, parseAddress } from '../../content/gmail-payload';
import { ProviderError } from '../../errors';
import { createGoogleCaller, type GoogleCaller } from '../google/google-call';
import { apiRoot } from '../google/google-endpoints';
import type { FetchResult, FilteredItem, ProviderAction, ProviderClient, ProviderContext, ProviderSession, QuarantinedItem } from '../provider';
import type { EmailItem } from '../../items/provider-item';
import type { BatchAnswer } from './gmail-batch';
import { createYielder, getMany } from './gmail-get-many';
import { listRecentSent, recipientsOfSent } from './gmail-sent';

/** Gmail's cursor: the mailbox history position after the last sync. */
export interface GmailCursor {
  historyId: string;
}

/** Quota units per call (Gmail API usage limits). */
const GMAIL_UNITS = { getProfile: 1, list: 5, get: 5, history: 2, modify: 5, batchModify: 50 } as const;

const METADATA_HEADERS = ['From', 'To', 'Cc', 'Subject', 'Date', 'List-Unsubscribe', 'Precedence', 'Auto-Submitted', 'List-Post'];
/** Google advises at most 50 calls per batch request. */
const MAX_BATCH_SIZE = 50;

function isGmailCursor(value: unknown): value is GmailCursor {
  return typeof value === 'object' && value !== null && typeof (value as GmailCursor).historyId === 'string';
}

/** Creates a Gmail client. `unitsPerSecond` paces calls to the per-user quota. */
export function createGmailClient(context: ProviderContext, unitsPerSecond = 245): ProviderClient {
  const rootUrl = apiRoot(context.env, 'gmail');
  const api = createGmail({ version: 'v1', rootUrl, retry: false });
  const limiterFor = (session: ProviderSession) => context.quota(`gmail:${session.integration.id}`, unitsPerSecond);
  // No batch can use more than one window's budget (245 units/s: 49 gets); each batch is then cut to
  // what the window has free when it goes (gmail-get-many.ts).
  const batchSize = Math.max(1, Math.min(MAX_BATCH_SIZE, Math.floor(unitsPerSecond / GMAIL_UNITS.get)));

  /** The unread inbox message IDs the settings ask for. */
  async function listInitial(caller: GoogleCaller, session: ProviderSession): Promise<string[]> {
    const max = session.settings.maxResults ?? 50;
    const q = ['is:unread', session.settings.query ?? ''].join(' ').trim();
    const ids: string[] = [];
    let pageToken: string | undefined;
    do {
      const page = await caller.run('messages.list', GMAIL_UNITS.list, (headers) =>
        api.users.messages.list({ userId: 'me', q, labelIds: session.settings.filterLabels ?? ['INBOX'], maxResults: Math.min(500, max - ids.length), pageToken }, { headers }),
      );
      for (const message of page.data.messages ?? []) if (message.id) ids.push(message.id);
      pageToken = page.data.nextPageToken ?? undefined;
    } while (pageToken && ids.length < max);
    return ids;
  }

  /** IDs of messages added since the cursor that match the label filter, those the person sent, and the new position. */
  async function listSince(caller: GoogleCaller, session: ProviderSession, cursor: GmailCursor): Promise<{ ids: string[]; sentIds: string[]; historyId: string }> {
    const labels = session.settings.filterLabels ?? ['INBOX'];
    const ids = new Set<string>();
    const sentIds = new Set<string>();
    let historyId = cursor.historyId;
    let pageToken: string | undefined;
    do {
      const page = await caller.run('history.list', GMAIL_UNITS.history, (headers) =>
        api.users.history.list({ userId: 'me', startHistoryId: cursor.historyId, historyTypes: ['messageAdded'], maxResults: 500, pageToken }, { headers }),
      );
      for (const record of page.data.history ?? []) {
        for (const added of record.messagesAdded ?? []) {
          const message = added.message;
          const labelIds = message?.labelIds ?? [];
          // history.list cannot take the search query: apply the label filter and "unread" here.
          if (message?.id && labels.every((label) => labelIds.includes(label)) && labelIds.includes('UNREAD')) ids.add(message.id);
          if (message?.id && labelIds.includes('SENT')) sentIds.add(message.id);
        }
      }
      historyId = page.data.historyId ?? historyId;
      pageToken = page.data.nextPageToken ?? undefined;
    } while (pageToken);
    return { ids: [...ids], sentIds: [...sentIds], historyId };
  }

  const getOptions = { fetch: context.fetch, rootUrl, batchSize, unitsEach: GMAIL_UNITS.get };

  async function fetchMessages(caller: GoogleCaller, session: ProviderSession, ids: string[]): Promise<Omit<FetchResult, 'nextCursor' | 'withdrawn'>> {
    const unseen = ids.filter((id) => !session.isKnown(id));
    const quarantined = new Map<string, QuarantinedItem>();
    const filtered: FilteredItem[] = [];
    session.progress(0, unseen.length);
    const metadata = new Map<string, BatchAnswer>();
    await getMany(caller, session, unseen, { ...getOptions, format: 'metadata', metadataHeaders: METADATA_HEADERS, onAnswer: (id, answer) => void metadata.set(id, answer) });
    const candidates: string[] = [];
    for (const id of unseen) {
      const answer = metadata.get(id)!;
      if (!answer.ok) {
        if (answer.status !== 404) quarantined.set(id, { itemId: id, itemType: 'email', reason: `Gmail would not return the message (HTTP ${answer.status}${answer.reason ? `, ${answer.reason}` : ''}).` });
        continue;
      }
      const payload = answer.message.payload ?? {};
      const fromAddress = parseAddress(headerValue(payload, 'From') ?? '')?.address ?? '';
      // The person's "always" rule on this sender wins over the bulk screen: the message is fetched and screened like any other.
      const reason = session.alwaysSuggestsFrom?.(fromAddress) ? null : bulkMailReason({
        fromAddress,
        labels: answer.message.labelIds ?? [],
        listUnsubscribe: headerValue(payload, 'List-Unsubscribe'),
        precedence: headerValue(payload, 'Precedence'),
        autoSubmitted: headerValue(payload, 'Auto-Submitted'),
        listPost: headerValue(payload, 'List-Post'),
      });
      if (reason) filtered.push({ itemId: id, itemType: 'email', threadKey: answer.message.threadId ?? null, reason });
      else candidates.push(id);
    }
    metadata.clear();
    let done = unseen.length - candidates.length;
    session.progress(done, unseen.length);
    // Messages are read as their batch arrives (while the quota window refills), in slices that
    // leave the event loop free; the result keeps the listing order.
    const read = new Map<string, EmailItem>();
    const pause = createYielder();
    await getMany(caller, session, candidates, {
      ...getOptions,
      format: 'full',
      onAnswer: async (id, answer) => {
        done += 1;
        if (!answer.ok) {
          if (answer.status !== 404) quarantined.set(id, { itemId: id, itemType: 'email', reason: `Gmail would not return the message (HTTP ${answer.status}).` });
          return;
        }
        try {
          read.set(id, emailItemFromGmail(answer.message, { selfAddresses: session.selfAddresses }));
        } catch (error) {
          quarantined.set(id, { itemId: id, itemType: 'email', reason: `The message could not be read: ${error instanceof Error ? error.message : String(error)}` });
        }
        if (done % 50 === 0) session.progress(done, unseen.length);
        await pause();
      },
    });
    const items = candidates.flatMap((id) => read.get(id) ?? []);
    session.progress(unseen.length, unseen.length);
    return { items, quarantined: unseen.flatMap((id) => quarantined.get(id) ?? []), filtered };
  }

  async function fullSync(caller: GoogleCaller, session: ProviderSession): Promise<FetchResult> {
    // Take the position before listing, so nothing arriving during the sync falls in a gap.
    const profile = await caller.run('getProfile', GMAIL_UNITS.getProfile, (headers) => api.users.getProfile({ userId: 'me' }, { headers }));
    const ids = await listInitial(caller, session);
    const fetched = await fetchMessages(caller, session, ids);
    const correspondents = await recipientsOfSent(caller, session, await listRecentSent(caller, api, GMAIL_UNITS.list), getOptions);
    return { ...fetched, withdrawn: [], correspondents, nextCursor: { historyId: profile.data.historyId ?? '0' } satisfies GmailCursor };
  }

  const isExpiredHistory = (error: unknown) => error instanceof ProviderError && error.status === 404;

  return {
    async fetchChanges(cursor, session) {
      const caller = createGoogleCaller(session, limiterFor(session));
      if (!isGmailCursor(cursor)) return fullSync(caller, session);
      try {
        const { ids, sentIds, historyId } = await listSince(caller, session, cursor);
        const fetched = await fetchMessages(caller, session, ids);
        const correspondents = await recipientsOfSent(caller, session, sentIds, getOptions);
        return { ...fetched, withdrawn: [], correspondents, nextCursor: { historyId } satisfies GmailCursor };
      } catch (error) {
        if (!isExpiredHistory(error)) throw error;
        session.note('Gmail no longer had the history since the last sync, so the inbox was read again from the start.');
        return fullSync(caller, session);
      }
    },
    async hasChanges(cursor, session) {
      if (!isGmailCursor(cursor)) return true;
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
