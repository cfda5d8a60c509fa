/**
 * The work of one sync run, page by page: items waiting for the model are tried again, items whose
 * content the app lost are fetched again, then the provider's pages arrive newest first (the next
 * page is fetched while this one is read and judged). Each page is read in the content worker,
 * screened, judged and saved in its own transaction, and the feed hears about it at once.
 */
import type { TaskDto } from '../../shared/models';
import type { ProviderItem } from '../items/provider-item';
import type { SyncProgressFigures } from '../db/sync-log-repository';
import type { Repositories } from '../db/repositories';
import { AppError } from '../errors';
import type { EventBus } from '../events';
import type { RawItem } from '../content/raw-item';
import { recipientsIfSentBy } from '../items/sender-key';
import { threadMessagesOf, type ThreadMessage } from '../items/thread-messages';
import type { FetchMode, FetchPage, FilteredItem, ProviderClient, ProviderSession, QuarantinedItem } from '../providers/provider';
import type { Candidate, createJudge } from './judging';
import type { createRuleScreening } from './rule-screening';
import type { AutoApproveContext } from './auto-approve';
import { writePage } from './sync-writer';
import type { ContentPool } from './worker/content-pool';

/** Items judged and saved per transaction within a page (a provider page may be large). */
const SAVE_EVERY = 50;
/** Waiting items tried again per run. */
const RETRY_PER_RUN = 500;

/** What a run needs. */
export interface RunDeps {
  repos: Repositories;
  events: EventBus;
  pool: ContentPool;
  judge: ReturnType<typeof createJudge>;
  client: ProviderClient;
  session: ProviderSession;
  providerLabel: string;
  logId: number;
  /** What the one auto-approve decision weighs (sync/auto-approve.ts), for every new suggestion of the run. */
  autoApprove: AutoApproveContext;
  /** The person's IANA time zone (the engine's), for the merge of new suggestions. */
  timeZone: string;
  /** The person's rules for this run (screening next to the prefilter, then always/priority on verdicts). */
  rules: ReturnType<typeof createRuleScreening>;
  now: Date;
  /** Called after each saved page (the engine renews its lease there). */
  afterPage(): void;
  /** A task was auto-approved (inside its page's transaction): its Google Tasks copy is queued there. */
  onTaskCreated?: (task: TaskDto) => void;
}

/** The run's running figures. */
export interface RunTotals extends SyncProgressFigures {
  /** Items handed to an engine. */
  judged: number;
  duplicates: number;
  judgedOffline: number;
  threadUpdates: number;
  withdrawn: number;
  /** Pending suggestions updated because their message was edited at the source. */
  revised: number;
}

/** A page as read: items, what was set aside, and items changed at the source. */
interface ReadPage extends Omit<FetchPage, 'raw' | 'revised'> {
  revised?: ProviderItem[];
}

/** Starts the next page's fetch as soon as a page is handed over, so fetching never waits for judging. */
export async function* readAhead<T>(source: AsyncIterable<T>): AsyncGenerator<T> {
  const iterator = source[Symbol.asyncIterator]();
  let next = iterator.next();
  try {
    for (;;) {
      const result = await next;
      if (result.done) return;
      next = iterator.next();
      // Settled later or never looked at (the run failed): no unhandled rejection either way.
      next.catch(() => undefined);
      yield result.value;
    }
  } finally {
    void next.then(() => iterator.return?.(), () => undefined);
  }
}

/** Calendar events nearest first, everything else newest first. */
function byUrgency(a: Candidate, b: Candidate): number {
  const key = (item: ProviderItem) => (item.type === 'calendar_event' ? -Date.parse(item.start ?? '') : Date.parse(item.date ?? ''));
  const ka = key(a.item);
  const kb = key(b.item);
  return (Number.isNaN(kb) ? -Infinity : kb) - (Number.isNaN(ka) ? -Infinity : ka);
}

/** Creates a run. */
export function createRun(deps: RunDeps) {
  const { repos, session } = deps;
  const integrationId = session.integration.id;
  const seenInRun = new Set<string>();
  const totals: RunTotals = {
    itemsFetched: 0, itemsQuarantined: 0, suggestionsGenerated: 0, autoApproved: 0, apiCalls: 0, quotaUnits: 0, llmTokens: 0,
    pagesCommitted: 0, itemsWaiting: 0, notes: [], judged: 0, duplicates: 0, judgedOffline: 0, threadUpdates: 0, withdrawn: 0, revised: 0,
  };
  // Who wrote in each thread and when, from every item the run read (the person's own included):
  // pages come newest first, so a reply is known before the older message it answers is judged.
  const threads = new Map<string, ThreadMessage[]>();
  const noteThreads = (items: readonly ProviderItem[]) => {
    for (const [key, messages] of threadMessagesOf(items)) {
      const known = threads.get(key);
      if (known) known.push(...messages);
      else threads.set(key, messages);
    }
  };

  /** Reads payloads in the content worker. */
  async function readAll(raws: readonly RawItem[]): Promise<{ items: ProviderItem[]; quarantined: QuarantinedItem[]; withdrawn: string[] }> {
    const outcomes = await Promise.all(raws.map((raw) => deps.pool.read(raw, session.selfAddresses)));
    session.signal.throwIfAborted();
    const read = { items: [] as ProviderItem[], quarantined: [] as QuarantinedItem[], withdrawn: [] as string[] };
    outcomes.forEach((outcome, index) => {
      if (outcome.ok) {
        read.items.push(...outcome.value.items);
        read.quarantined.push(...outcome.value.unreadable);
        read.withdrawn.push(...outcome.value.withdrawn);
      } else if (outcome.kind === 'unavailable') {
        throw new AppError('internal', outcome.reason);
      } else {
        read.quarantined.push({ ...deps.pool.keyOf(raws[index]!), reason: outcome.reason });
      }
    });
    return read;
  }

  /** Reads a page's payloads (new and revised) in the content worker. */
  async function read(page: FetchPage): Promise<{ items: ProviderItem[]; page: ReadPage }> {
    const fresh = await readAll(page.raw);
    const changed = page.revised && page.revised.length > 0 ? await readAll(page.revised) : null;
    // Whom the person wrote to, from every message of theirs the page holds (seen before or not).
    const correspondents = new Set(page.correspondents ?? []);
    for (const item of fresh.items) if (item.type === 'email') for (const address of recipientsIfSentBy(item, session.selfAddresses)) correspondents.add(address);
    return {
      items: fresh.items,
      page: {
        ...page,
        correspondents: [...correspondents],
        quarantined: [...page.quarantined, ...fresh.quarantined, ...(changed?.quarantined ?? [])],
        withdrawn: [...page.withdrawn, ...fresh.withdrawn, ...(changed?.withdrawn ?? [])],
        revised: changed?.items,
      },
    };
  }

  /** Why an item goes to no engine (suggestions off, a "never" rule or the prefilter), or null. */
  const screen = (item: ProviderItem) => (session.settings.autoGenerate === false ? 'suggestions are turned off for this account' : deps.rules.reason(item));

  /** Screens items (once per run, unknown or asked for again), then judges and saves them in slices. */
  async function settle(items: ProviderItem[], page: ReadPage, again: Map<string, number>, fetched = true): Promise<void> {
    const fresh = (id: string) => again.has(id) || !repos.providerItems.isKnown(integrationId, id);
    const filtered: FilteredItem[] = [...page.filtered];
    const candidates: Candidate[] = [];
    noteThreads(items);
    for (const item of items) {
      if (seenInRun.has(item.id)) {
        totals.duplicates += again.has(item.id) ? 0 : 1;
        continue;
      }
      if (!fresh(item.id)) continue;
      seenInRun.add(item.id);
      const reason = screen(item);
      if (reason) filtered.push({ itemId: item.id, itemType: item.type, threadKey: item.threadKey, reason });
      else candidates.push({ item, attempts: again.get(item.id) ?? 0 });
    }
    // Changed items are judged again while their suggestion is pending (or was never made).
    const revisedIds = new Set<string>();
    const withdrawn = [...page.withdrawn];
    for (const item of page.revised ?? []) {
      const pending = repos.suggestions.pendingIdFor(integrationId, item.id) !== null;
      if (seenInRun.has(item.id) || (!pending && repos.suggestions.hasSuggestionFor(integrationId, item.id))) continue;
      seenInRun.add(item.id);
      revisedIds.add(item.id);
      if (screen(item)) withdrawn.push(item.id);
      else candidates.push({ item, attempts: 0 });
    }
    const quarantined = page.quarantined.filter((entry) => fresh(entry.itemId));
    // New items only: a file read again or a listing page resumed hands over what is already saved.
    if (fetched) totals.itemsFetched += candidates.length + filtered.length + quarantined.length;
    candidates.sort(byUrgency);
    const slices = candidates.length === 0 ? [[]] : Array.from({ length: Math.ceil(candidates.length / SAVE_EVERY) }, (_, i) => candidates.slice(i * SAVE_EVERY, (i + 1) * SAVE_EVERY));
    for (const [index, slice] of slices.entries()) {
      const judged = await deps.judge.judge(slice, threads);
      session.signal.throwIfAborted();
      totals.judged += slice.length;
      if (slice.length > 0) deps.events.emit('sync:progress', { integrationId, phase: 'generating', done: totals.judged, total: null, message: null });
      const first = index === 0;
      const last = index === slices.length - 1;
      const setAside = [...(first ? quarantined : []), ...judged.quarantined];
      totals.itemsQuarantined += setAside.length;
      totals.itemsWaiting += judged.waiting.length;
      totals.llmTokens += judged.tokens;
      totals.judgedOffline += judged.judgedOffline;
      totals.apiCalls = session.meter.apiCalls;
      totals.quotaUnits = session.meter.quotaUnits;
      if (last) totals.pagesCommitted += 1;
      const verdicts = deps.rules.apply(judged.verdicts);
      const written = writePage(repos, {
        integrationId,
        logId: deps.logId,
        filtered: first ? filtered : [],
        quarantined: setAside,
        verdicts,
        revisedIds,
        waiting: judged.waiting,
        // Last: an item judged in this page and withdrawn by it (marked done at the source) ends withdrawn.
        withdrawn: last ? withdrawn : [],
        cursor: last ? page.cursor : undefined,
        // Whom the person wrote to, read with this page: known before any of its verdicts is decided.
        correspondents: first ? page.correspondents : undefined,
        autoApprove: deps.autoApprove,
        timeZone: deps.timeZone,
        ruleHits: deps.rules.takeHits(),
        progress: totals,
        onTaskCreated: deps.onTaskCreated,
      });
      totals.suggestionsGenerated += written.suggestionsGenerated;
      totals.autoApproved += written.autoApproved;
      totals.threadUpdates += written.threadUpdates;
      totals.withdrawn += written.withdrawn;
      totals.revised += written.revised;
      if (written.suggestionsGenerated + written.threadUpdates + written.withdrawn + written.revised > 0) deps.events.emit('suggestions:changed', { integrationId });
      if (written.autoApproved > 0) deps.events.emit('tasks:changed', { taskId: null });
    }
    deps.events.emit('sync:progress', { integrationId, phase: 'saving', done: totals.itemsFetched, total: null, message: `Saved page ${totals.pagesCommitted}: ${totals.suggestionsGenerated} suggestion(s) so far.` });
    deps.events.emit('integrations:changed', { integrationId });
    deps.afterPage();
  }

  async function page(fetched: FetchPage, again = new Map<string, number>()): Promise<void> {
    const got = await read(fetched);
    await settle(got.items, got.page, again);
  }

  /** Tries again the items that wait for the model and are due. */
  async function retryWaiting(): Promise<void> {
    const due = repos.waits.due(integrationId, deps.now, RETRY_PER_RUN);
    if (due.length === 0) return;
    const again = new Map(due.map((wait) => [wait.itemId, wait.attempts]));
    await settle(due.map((wait) => wait.snapshot as ProviderItem), { quarantined: [], filtered: [], withdrawn: [] }, again, false);
  }

  /** Fetches again the waiting items whose content was never kept (judged again after an upgrade). */
  async function refetchLost(): Promise<void> {
    const lost = repos.waits.needingRefetch(integrationId, RETRY_PER_RUN);
    if (lost.length === 0) return;
    const ids = lost.map((entry) => entry.itemId);
    const again = new Map(ids.map((id) => [id, 1]));
    if (deps.client.refetch) {
      for await (const fetched of deps.client.refetch(ids, session)) await page(fetched, again);
    }
    const gone = lost.filter((entry) => !seenInRun.has(entry.itemId));
    if (gone.length === 0) return;
    const reason = deps.client.refetch ? `It could not be found at ${deps.providerLabel} again to be judged.` : `Its content was not kept and ${deps.providerLabel} cannot fetch it again.`;
    await settle([], { quarantined: gone.map((entry) => ({ ...entry, reason })), filtered: [], withdrawn: [] }, again, false);
  }

  return {
    totals,
    /**
     * Runs the whole sync: waiting items, lost items, then the provider's pages; or, for events a
     * realtime listener pushed, the pages made of them (the cursor stays where it is).
     */
    async run(cursor: unknown, mode: FetchMode, pushed: readonly unknown[] | null = null): Promise<RunTotals> {
      // A provider without pushed content (Gmail's notification is a nudge) reads from the cursor as usual.
      const fromPush = pushed !== null && deps.client.fetchPushed !== undefined;
      const pages = pushed !== null && deps.client.fetchPushed ? deps.client.fetchPushed(pushed, cursor, session) : deps.client.fetchPages(cursor, session, mode);
      if (mode === 'sync' && !fromPush) {
        await retryWaiting();
        await refetchLost();
      }
      for await (const fetched of readAhead(pages)) await page(fetched);
      if (totals.duplicates > 0) totals.notes.push(`${totals.duplicates} item(s) repeat the ID of another item and were read once.`);
      return totals;
    },
  };
}
