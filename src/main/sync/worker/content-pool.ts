/**
 * The main thread's side of the content worker: every untrusted payload is read, and every item
 * judged offline, in a worker thread, one request at a time, each held to a deadline. An item over
 * its deadline is set aside with that reason, the worker is terminated and replaced, and the
 * requests queued behind it go to the new worker. Nothing here ever waits synchronously: a stuck
 * parser costs one deadline of waiting for that item, never a frozen app.
 */
import type { Worker } from 'node:worker_threads';
import { RAW_LIMITS, rawItemKey, rawItemSize, type RawItem, type ReadResult } from '../../content/raw-item';
import type { ProviderItem } from '../../items/provider-item';
import type { Logger } from '../../logging/logger';
import { isWorkerReply, type JudgeContext, type JudgeOutcome, type WorkerReply, type WorkerRequest } from './protocol';

/** Why the pool could not give an answer for a request. */
export type PoolFailureKind = 'timeout' | 'crashed' | 'failed' | 'too-large' | 'unavailable';

/** An answer, or why there is none (`reason` is a sentence for the quarantine list). */
export type PoolOutcome<T> = { ok: true; value: T } | { ok: false; kind: PoolFailureKind; reason: string };

/** Collaborators and limits of the pool. */
export interface ContentPoolOptions {
  /** Starts a worker thread running content-worker.ts (the host decides how). */
  spawn(): Worker;
  /** Longest time one item may take to be read or judged. */
  deadlineMs: number;
  logger: Logger;
  /** Requests posted ahead of the answer (default 4): the worker never idles between items. */
  depth?: number;
  /** Longest a new worker may take to load (default 30 s). */
  startupMs?: number;
}

type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;
type Request = WithoutId<WorkerRequest>;

interface Job {
  request: Request;
  verb: string;
  settle(outcome: PoolOutcome<WorkerReply>): void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  inFlight: Array<Job & { id: number }>;
  timer: NodeJS.Timeout | null;
}

/** Startup failures in a row after which the reader counts as unavailable (a missing or broken worker file). */
const MAX_STARTUP_FAILURES = 3;

/** Creates the pool (one worker, started on first use). */
export function createContentPool(options: ContentPoolOptions) {
  const depth = options.depth ?? 4;
  const startupMs = options.startupMs ?? 30_000;
  const queue: Job[] = [];
  let slot: Slot | null = null;
  let nextId = 1;
  let startupFailures = 0;
  let closed = false;
  const counts = { started: 0, timeouts: 0, crashes: 0 };

  const failAll = (kind: PoolFailureKind, reason: string) => {
    for (const job of queue.splice(0)) job.settle({ ok: false, kind, reason });
  };

  /** Ends the current worker; the requests it had not answered go back to the front of the queue. */
  function retire(current: Slot, requeue: Array<Job & { id: number }>): void {
    if (current.timer) clearTimeout(current.timer);
    current.timer = null;
    slot = null;
    queue.unshift(...requeue);
    void current.worker.terminate().catch(() => undefined);
  }

  function arm(current: Slot): void {
    if (current.timer) clearTimeout(current.timer);
    current.timer = null;
    // A busy worker keeps the process alive (its answers are awaited); an idle one never does.
    if (current.inFlight.length > 0) current.worker.ref();
    else current.worker.unref();
    const head = current.inFlight[0];
    if (!current.ready || !head) return;
    current.timer = setTimeout(() => {
      current.inFlight.shift();
      counts.timeouts += 1;
      options.logger.warn('content worker over its deadline; replaced', { verb: head.verb, deadlineMs: options.deadlineMs });
      head.settle({ ok: false, kind: 'timeout', reason: `It took longer than ${options.deadlineMs} ms to ${head.verb}, so it was set aside.` });
      retire(current, current.inFlight.splice(0));
      pump();
    }, options.deadlineMs);
  }

  function onExit(current: Slot, error: unknown): void {
    if (slot !== current) return;
    counts.crashes += 1;
    const detail = (error instanceof Error ? error.message : String(error)).slice(0, 200);
    if (!current.ready) {
      // It never loaded: no item is to blame. Try again a few times, then give up on every request.
      startupFailures += 1;
      options.logger.error('content worker did not start', { detail, attempt: startupFailures });
      retire(current, current.inFlight.splice(0));
      if (startupFailures >= MAX_STARTUP_FAILURES) failAll('unavailable', `The content reader could not start (${detail}).`);
      else pump();
      return;
    }
    const head = current.inFlight.shift();
    options.logger.warn('content worker stopped while working; replaced', { detail, verb: head?.verb });
    head?.settle({ ok: false, kind: 'crashed', reason: `The reader stopped while trying to ${head.verb} (${detail}), so it was set aside.` });
    retire(current, current.inFlight.splice(0));
    pump();
  }

  function onMessage(current: Slot, message: unknown): void {
    if (slot !== current) return;
    if (!isWorkerReply(message)) return onExit(current, new Error('the worker answered something that is not a reply'));
    if (message.op === 'ready') {
      current.ready = true;
      startupFailures = 0;
      arm(current);
      return;
    }
    const index = current.inFlight.findIndex((job) => job.id === message.id);
    if (index < 0) return;
    const [job] = current.inFlight.splice(index, 1);
    job!.settle({ ok: true, value: message });
    // The next item's deadline starts now: it is the one the worker is on.
    arm(current);
    pump();
  }

  function start(): Slot {
    const worker = options.spawn();
    counts.started += 1;
    const current: Slot = { worker, ready: false, inFlight: [], timer: null };
    worker.on('message', (message: unknown) => onMessage(current, message));
    worker.on('error', (error) => onExit(current, error));
    worker.on('messageerror', (error) => onExit(current, error));
    worker.on('exit', (code) => onExit(current, new Error(`the worker exited with code ${code}`)));
    const startTimer = setTimeout(() => {
      if (slot === current && !current.ready) onExit(current, new Error(`the worker did not load within ${startupMs} ms`));
    }, startupMs);
    startTimer.unref();
    return current;
  }

  function pump(): void {
    if (closed || queue.length === 0) return;
    slot ??= start();
    const current = slot;
    while (current.inFlight.length < depth && queue.length > 0) {
      const job = queue.shift()!;
      const id = nextId++;
      try {
        current.worker.postMessage({ ...job.request, id } as WorkerRequest);
      } catch (error) {
        job.settle({ ok: false, kind: 'failed', reason: `It could not be handed to the reader: ${(error as Error).message.slice(0, 200)}` });
        continue;
      }
      current.inFlight.push({ ...job, id });
      if (current.inFlight.length === 1) arm(current);
    }
  }

  function submit(request: Request, verb: string): Promise<PoolOutcome<WorkerReply>> {
    if (closed) return Promise.resolve({ ok: false, kind: 'unavailable', reason: 'The app is closing.' });
    return new Promise((resolve) => {
      queue.push({ request, verb, settle: resolve });
      pump();
    });
  }

  const failed = (reply: WorkerReply): PoolOutcome<never> | null =>
    reply.op === 'failed' ? { ok: false, kind: 'failed', reason: `It could not be read: ${reply.error}` } : null;

  return {
    /** Reads one payload into items, or says why it was set aside. */
    async read(raw: RawItem, selfAddresses: string[]): Promise<PoolOutcome<ReadResult>> {
      const size = rawItemSize(raw);
      const limit = RAW_LIMITS[raw.kind];
      if (size > limit) return { ok: false, kind: 'too-large', reason: `It is larger than ${Math.round(limit / 1024 / 1024)} MB, so it was not read.` };
      // Parsers with a clock of their own stop a little before the deadline, with their own reason.
      const outcome = await submit({ op: 'read', raw, context: { selfAddresses, budgetMs: Math.max(1, Math.floor(options.deadlineMs * 0.8)) } }, 'read');
      if (!outcome.ok) return outcome;
      return failed(outcome.value) ?? (outcome.value.op === 'read' ? { ok: true, value: outcome.value.result } : { ok: false, kind: 'failed', reason: 'The reader answered out of turn.' });
    },
    /** Judges one item with the offline engine. */
    async judge(item: ProviderItem, context: JudgeContext): Promise<PoolOutcome<JudgeOutcome>> {
      const outcome = await submit({ op: 'judge', item, context }, 'judge');
      if (!outcome.ok) return outcome;
      return failed(outcome.value) ?? (outcome.value.op === 'judge' ? { ok: true, value: outcome.value.outcome } : { ok: false, kind: 'failed', reason: 'The reader answered out of turn.' });
    },
    /** Starts the worker and warms the offline engine, so the first sync's first item pays no start-up. */
    async warm(): Promise<void> {
      const outcome = await submit({ op: 'warm' }, 'warm up');
      if (!outcome.ok) options.logger.warn('content worker warm-up failed', { reason: outcome.reason });
    },
    /** The key a payload is set aside under. */
    keyOf: rawItemKey,
    /** Workers started, and items that ran out of time or crashed one. */
    stats: () => ({ ...counts }),
    /** Stops the worker; requests still waiting are answered "unavailable". */
    async close(): Promise<void> {
      closed = true;
      failAll('unavailable', 'The app is closing.');
      const current = slot;
      if (!current) return;
      for (const job of current.inFlight.splice(0)) job.settle({ ok: false, kind: 'unavailable', reason: 'The app is closing.' });
      retire(current, []);
    },
  };
}

/** The pool's type. */
export type ContentPool = ReturnType<typeof createContentPool>;
