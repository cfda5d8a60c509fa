/**
 * messages.get for many messages through Gmail's batch endpoint, as fast as the per-user quota
 * allows: each batch is cut to the units the rate limiter has free at that moment (so the window is
 * filled exactly, also right after the listing calls and between the metadata and full passes), a
 * few batches are in flight at once, and each batch's answers are handed over as soon as they arrive,
 * so reading them overlaps the wait for the next window. Inner "slow down" answers are retried.
 */
import type { GoogleCaller } from '../google/google-call';
import type { ProviderSession } from '../provider';
import { batchGetMessages, type BatchAnswer, type BatchGetRequest } from './gmail-batch';
import { exponentialMs } from '../../lib/backoff';

/** What a batch fetch needs besides the IDs. */
export interface GetManyOptions {
  fetch: typeof fetch;
  rootUrl: string;
  format: BatchGetRequest['format'];
  metadataHeaders?: readonly string[];
  /** Most messages per batch request (Google advises at most 50). */
  batchSize: number;
  /** A smaller first batch (the first page of a sync: its messages come back, and reach the feed, sooner). */
  firstBatchSize?: number;
  /** Quota units of one messages.get. */
  unitsEach: number;
  /** Receives every final answer (success or a failure that is not worth retrying), in arrival order. */
  onAnswer(id: string, answer: BatchAnswer): void | Promise<void>;
}

const PARALLEL_BATCHES = 3;
const MAX_BATCH_ROUNDS = 6;
/** Smallest batch worth a round trip while more messages wait (a window frees in large steps anyway). */
const MIN_BATCH = 10;

function isSlowDown(answer: BatchAnswer): boolean {
  return !answer.ok && (answer.status === 429 || answer.status >= 500 || answer.status === 0 || answer.reason === 'rateLimitExceeded' || answer.reason === 'userRateLimitExceeded');
}

/** Fetches `ids`; every ID reaches `onAnswer` exactly once (a failure after the last round included). */
export async function getMany(caller: GoogleCaller, session: ProviderSession, ids: readonly string[], options: GetManyOptions): Promise<void> {
  let pending = [...ids];
  let first = true;
  for (let round = 0; round < MAX_BATCH_ROUNDS && pending.length > 0; round += 1) {
    const queue = pending;
    const retry: string[] = [];
    let waitMs = 0;
    const worker = async () => {
      while (queue.length > 0) {
        const reserved = queue.splice(0, first && options.firstBatchSize ? Math.max(1, Math.min(options.batchSize, options.firstBatchSize)) : options.batchSize);
        first = false;
        let chunk = reserved;
        const sizing = {
          max: reserved.length,
          min: Math.min(reserved.length, MIN_BATCH),
          unitsEach: options.unitsEach,
          // Called before the request: what the window cannot take now goes back for the next batch.
          grant: (count: number) => {
            chunk = reserved.slice(0, count);
            queue.unshift(...reserved.slice(count));
          },
        };
        const answers = await caller.runSized(`messages.get (${options.format}, batch)`, sizing, (headers) =>
          batchGetMessages(options.fetch, options.rootUrl, headers, { ids: chunk, format: options.format, metadataHeaders: options.metadataHeaders }),
        );
        for (const [index, id] of chunk.entries()) {
          const answer = answers.get(index) ?? { ok: false as const, status: 0, retryAfterMs: null, reason: 'missing from the batch answer' };
          if (isSlowDown(answer)) {
            retry.push(id);
            waitMs = Math.max(waitMs, (answer.ok ? null : answer.retryAfterMs) ?? exponentialMs(round, 1000, 60_000));
          } else {
            await options.onAnswer(id, answer);
          }
        }
      }
    };
    await Promise.all(
      Array.from({ length: PARALLEL_BATCHES }, () =>
        worker().catch((error: unknown) => {
          // The fetch has failed as a whole: the other workers stop taking batches.
          queue.length = 0;
          throw error;
        }),
      ),
    );
    pending = retry;
    if (pending.length > 0) {
      session.note(`Gmail asked to slow down for ${pending.length} messages; retried after ${Math.round(waitMs / 1000)} s.`);
      await session.sleep(waitMs);
    }
  }
  for (const id of pending) await options.onAnswer(id, { ok: false, status: 429, retryAfterMs: null, reason: 'still rate limited after retries' });
}
