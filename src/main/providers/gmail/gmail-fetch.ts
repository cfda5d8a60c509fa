/**
 * Fetching one page of Gmail messages by ID as raw payloads for the content step. Measured by
 * `npm run bench` (gmail_initial_sync, both ways): every messages.get costs 5 units whatever its
 * format, so a metadata pass before the full get can only add units; the default fetches `full`
 * at once and leaves bulk mail to the screening of the read item. The metadata-first way stays
 * selectable so the bench can keep measuring the difference.
 */
import type { gmail_v1 } from '@googleapis/gmail';
import { bulkMailReason } from '../../items/prefilter';
import { headerValue, parseAddress } from '../../content/gmail-payload';
import type { RawItem } from '../../content/raw-item';
import type { GoogleCaller } from '../google/google-call';
import type { FilteredItem, ProviderSession, QuarantinedItem } from '../provider';
import { getMany, type GetManyOptions } from './gmail-get-many';

/** How messages are fetched: `full` at once, or `metadata` for all then `full` for the candidates. */
export type GmailFetchFormat = 'full' | 'metadata-first';

/** One fetched page. */
export interface FetchedMessages {
  raw: RawItem[];
  quarantined: QuarantinedItem[];
  filtered: FilteredItem[];
  /** The oldest internalDate (epoch ms) among the messages fetched, or null. */
  oldestMs: number | null;
}

/** Headers the metadata pass asks for (what the bulk-mail rules read). */
const METADATA_HEADERS = ['From', 'List-Unsubscribe', 'Precedence', 'Auto-Submitted', 'List-Post'];

function refused(id: string, status: number, reason: string | null): QuarantinedItem {
  return { itemId: id, itemType: 'email', reason: `Gmail would not return the message (HTTP ${status}${reason ? `, ${reason}` : ''}).` };
}

function dateOf(message: gmail_v1.Schema$Message): number | null {
  const value = Number(message.internalDate);
  return Number.isFinite(value) && value > 0 ? value : null;
}

/**
 * Fetches several pages of IDs as one stream of batches, so the quota is never idle between pages,
 * and yields each page (in order) as soon as all its messages are in. `full` format only (the
 * metadata-first way fetches page by page).
 */
export async function* fetchPagesStreamed(caller: GoogleCaller, session: ProviderSession, pages: readonly (readonly string[])[], options: Omit<GetManyOptions, 'format' | 'onAnswer' | 'metadataHeaders'>): AsyncGenerator<FetchedMessages> {
  const results = pages.map(() => ({ raw: new Map<string, RawItem>(), quarantined: [] as QuarantinedItem[], oldestMs: null as number | null, waiting: new Set<string>() }));
  const pageOf = new Map<string, number>();
  pages.forEach((ids, index) => {
    for (const id of ids) {
      if (session.isKnown(id) || pageOf.has(id)) continue;
      pageOf.set(id, index);
      results[index]!.waiting.add(id);
    }
  });
  let wake: (() => void) | null = null;
  let failure: unknown = null;
  let finished = false;
  const firstPage = results[0]?.waiting.size;
  const fetching = getMany(caller, session, [...pageOf.keys()], {
    ...options,
    format: 'full',
    firstBatchSize: firstPage && firstPage < options.batchSize ? firstPage : undefined,
    onAnswer: (id, answer) => {
      const result = results[pageOf.get(id)!]!;
      result.waiting.delete(id);
      if (!answer.ok) {
        if (answer.status !== 404) result.quarantined.push(refused(id, answer.status, answer.reason));
      } else {
        const at = dateOf(answer.message);
        if (at !== null) result.oldestMs = Math.min(result.oldestMs ?? at, at);
        result.raw.set(id, { kind: 'gmail-message', message: answer.message });
      }
      wake?.();
    },
  }).then(
    () => void (finished = true),
    (error: unknown) => void (failure = error),
  ).finally(() => wake?.());
  try {
    for (const [index, ids] of pages.entries()) {
      const result = results[index]!;
      while (result.waiting.size > 0 && failure === null && !finished) await new Promise<void>((resolve) => (wake = resolve));
      if (failure !== null) throw failure;
      // Listing order (newest first), whatever order the batches answered in.
      yield { raw: ids.flatMap((id) => result.raw.get(id) ?? []), quarantined: result.quarantined, filtered: [], oldestMs: result.oldestMs };
      // What was handed over is not kept twice.
      result.raw.clear();
    }
  } finally {
    // Stopped early (the run failed or was aborted): the fetch in flight ends on its own; nothing waits for it.
    void fetching;
  }
}

/** Fetches `ids` (already known ones skipped); a message gone since it was listed (404) is simply absent. */
export async function fetchMessages(caller: GoogleCaller, session: ProviderSession, ids: readonly string[], options: Omit<GetManyOptions, 'format' | 'onAnswer' | 'metadataHeaders'>, format: GmailFetchFormat): Promise<FetchedMessages> {
  const unseen = ids.filter((id) => !session.isKnown(id));
  const result: FetchedMessages = { raw: [], quarantined: [], filtered: [], oldestMs: null };
  const noteDate = (message: gmail_v1.Schema$Message) => {
    const at = dateOf(message);
    if (at !== null) result.oldestMs = Math.min(result.oldestMs ?? at, at);
  };
  let candidates = unseen;
  if (format === 'metadata-first') {
    candidates = [];
    await getMany(caller, session, unseen, {
      ...options,
      format: 'metadata',
      metadataHeaders: METADATA_HEADERS,
      onAnswer: (id, answer) => {
        if (!answer.ok) {
          if (answer.status !== 404) result.quarantined.push(refused(id, answer.status, answer.reason));
          return;
        }
        noteDate(answer.message);
        const payload = answer.message.payload ?? {};
        const fromAddress = parseAddress(headerValue(payload, 'From') ?? '')?.address ?? '';
        // The person's "always" rule on this sender wins over the bulk screen: the message is fetched and screened like any other.
        const reason = session.alwaysSuggestsFrom?.(fromAddress)
          ? null
          : bulkMailReason({
              fromAddress,
              labels: answer.message.labelIds ?? [],
              listUnsubscribe: headerValue(payload, 'List-Unsubscribe'),
              precedence: headerValue(payload, 'Precedence'),
              autoSubmitted: headerValue(payload, 'Auto-Submitted'),
              listPost: headerValue(payload, 'List-Post'),
            });
        if (reason) result.filtered.push({ itemId: id, itemType: 'email', threadKey: answer.message.threadId ?? null, reason });
        else candidates.push(id);
      },
    });
  }
  const read = new Map<string, RawItem>();
  await getMany(caller, session, candidates, {
    ...options,
    format: 'full',
    onAnswer: (id, answer) => {
      if (!answer.ok) {
        if (answer.status !== 404) result.quarantined.push(refused(id, answer.status, answer.reason));
        return;
      }
      noteDate(answer.message);
      read.set(id, { kind: 'gmail-message', message: answer.message });
    },
  });
  // Listing order (newest first), whatever order the batches answered in.
  result.raw = candidates.flatMap((id) => read.get(id) ?? []);
  return result;
}
