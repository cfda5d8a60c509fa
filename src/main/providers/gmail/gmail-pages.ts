/**
 * Gmail's pages, newest first. The cursor holds the mailbox history position and, while a first
 * sync or a "Load older" is under way, the listing being worked through (a fill). Each page is
 * saved with the cursor that resumes after it: a crash re-lists at most one listing page (its saved
 * messages are skipped without a get), so nothing is fetched twice and nothing is skipped.
 */
import { fillBounds } from '../first-sync';
import type { FetchMode, FetchPage, ProviderSession } from '../provider';
import type { FetchedMessages } from './gmail-fetch';

/** A listing being worked through. */
export interface GmailFill {
  /** The messages.list query, fixed when the fill starts so a resumed listing is the same list. */
  query: string;
  /** Token of the listing page being worked through (null: the first page). */
  pageToken: string | null;
  /** Messages listed before that page. */
  listed: number;
  /** Most messages this fill lists. */
  limit: number;
  /** Lower date bound of the query (epoch ms). */
  sinceMs: number;
  /** Oldest message date read so far by this fill (epoch ms). */
  oldestMs: number | null;
}

/** Gmail's cursor. */
export interface GmailCursor {
  /** Mailbox history position: incremental syncs read history.list from here. */
  historyId: string;
  /** A first sync or "Load older" not finished yet. */
  fill?: GmailFill | null;
  /** How far back the fills have read (epoch ms): "Load older" continues below it. */
  reachedMs?: number | null;
  /** True once "Load older" found nothing older. */
  exhausted?: boolean;
}

/** What the page generators need from the client (the Gmail calls). */
export interface GmailPageSource {
  list(query: string, pageToken: string | null, max: number): Promise<{ ids: string[]; nextPageToken: string | null }>;
  /** Fetches pages of IDs, handing each over (in order) once all its messages are in; the next keep coming meanwhile. */
  fetch(pages: readonly (readonly string[])[]): AsyncIterable<FetchedMessages>;
}

/** Messages per page: a small first page so the first suggestions come in a second or two. */
export interface PageSizes {
  first: number;
  rest: number;
}

/** True when a stored value is Gmail's cursor. */
export function isGmailCursor(value: unknown): value is GmailCursor {
  return typeof value === 'object' && value !== null && typeof (value as GmailCursor).historyId === 'string';
}

const seconds = (ms: number) => Math.floor(ms / 1000);

/** The search every fill starts from: unread, without the Promotions and Social tabs (bulk mail, left out by Gmail itself). */
export function baseQuery(session: ProviderSession): string {
  return ['is:unread', '-category:promotions', '-category:social', session.settings.query ?? ''].join(' ').trim();
}

/** The fill of a first sync (or a resync after the history expired). */
export function firstFill(session: ProviderSession): GmailFill {
  const bounds = fillBounds(session.settings, session.clock.now());
  return { query: `${baseQuery(session)} after:${seconds(bounds.sinceMs)}`, pageToken: null, listed: 0, limit: bounds.maxItems, sinceMs: bounds.sinceMs, oldestMs: null };
}

/** The fill of a "Load older" below `reachedMs` (its boundary second included: what was read twice is skipped). */
export function olderFill(session: ProviderSession, reachedMs: number): GmailFill {
  const bounds = fillBounds(session.settings, session.clock.now(), reachedMs);
  return { query: `${baseQuery(session)} after:${seconds(bounds.sinceMs)} before:${seconds(reachedMs) + 1}`, pageToken: null, listed: 0, limit: bounds.maxItems, sinceMs: bounds.sinceMs, oldestMs: null };
}

/** Cuts `ids` into pages, the very first page of the fetch smaller. */
function* pagesOf(ids: readonly string[], sizes: PageSizes, first: { value: boolean }): Generator<string[]> {
  for (let start = 0; start < ids.length; ) {
    const size = first.value ? sizes.first : sizes.rest;
    first.value = false;
    yield ids.slice(start, start + size);
    start += size;
  }
}

function page(fetched: FetchedMessages, cursor: unknown): FetchPage {
  return { raw: fetched.raw, quarantined: fetched.quarantined, filtered: fetched.filtered, withdrawn: [], cursor };
}

/** Works through a fill page by page; the last page's cursor ends it (or keeps it when the limit was reached mid-listing). */
export async function* fillPages(state: GmailCursor, fill: GmailFill, source: GmailPageSource, sizes: PageSizes, first: { value: boolean }, mode: FetchMode): AsyncGenerator<FetchPage> {
  let current = fill;
  for (;;) {
    const room = current.limit - current.listed;
    const listing = room > 0 ? await source.list(current.query, current.pageToken, Math.min(500, room)) : { ids: [], nextPageToken: null };
    const ids = listing.ids.slice(0, Math.max(0, room));
    const listed = current.listed + ids.length;
    const more = listing.nextPageToken !== null && listed < current.limit;
    const pages = [...pagesOf(ids, sizes, first)];
    if (pages.length === 0) pages.push([]);
    let index = -1;
    for await (const fetched of source.fetch(pages)) {
      index += 1;
      if (fetched.oldestMs != null) current = { ...current, oldestMs: Math.min(current.oldestMs ?? fetched.oldestMs, fetched.oldestMs) };
      const last = index === pages.length - 1;
      if (!last) {
        // Mid-listing-page: a resume lists this page again and skips what is saved.
        yield page(fetched, { ...state, fill: current });
        continue;
      }
      if (more) {
        current = { ...current, pageToken: listing.nextPageToken, listed };
        yield page(fetched, { ...state, fill: current });
        continue;
      }
      // The fill is done. A listing that ran out has read down to its lower bound.
      const ranOut = room > 0 && listing.nextPageToken === null;
      const reached = ranOut ? current.sinceMs : (current.oldestMs ?? state.reachedMs ?? current.sinceMs);
      const nothingOlder = mode === 'older' && listed === 0 && ranOut;
      yield page(fetched, { historyId: state.historyId, fill: null, reachedMs: Math.min(reached, state.reachedMs ?? reached), exhausted: nothingOlder || state.exhausted === true } satisfies GmailCursor);
    }
    if (!more) return;
  }
}

/** Pages of message IDs found by history (new mail): the last one moves the history position. */
export async function* historyPages(state: GmailCursor, found: { ids: string[]; historyId: string }, source: GmailPageSource, sizes: PageSizes, first: { value: boolean }): AsyncGenerator<FetchPage> {
  const pages = [...pagesOf(found.ids, sizes, first)];
  if (pages.length === 0) pages.push([]);
  let index = -1;
  for await (const fetched of source.fetch(pages)) {
    index += 1;
    // Until the last page is saved the old position stays: a resume reads the same history again and skips what is saved.
    yield page(fetched, index === pages.length - 1 ? { ...state, historyId: found.historyId } : undefined);
  }
}
