/**
 * Turns a stream of realtime events into few sync runs: events of one account wait a moment for
 * their neighbours, then go to the sync engine as one batch; events arriving while a run is in
 * flight form the next batch (a run joined half-way would miss them). A read from the cursor
 * (a notification without content, or a catch-up) is one flag, however often it is asked for.
 * A failed batch is tried again with backoff, then handed to a read from the cursor.
 */
import type { SyncLogDto } from '../../../shared/models';
import type { Logger } from '../../logging/logger';
import type { SyncSource, SyncTrigger } from '../sync-engine';

/** The part of the sync engine the realtime path uses (kept small so engine internals may change). */
export interface RealtimeSyncPort {
  isSyncing(integrationId: number): boolean;
  whenIdle(integrationId: number): Promise<void>;
  sync(integrationId: number, trigger: SyncTrigger, source: SyncSource | null): Promise<SyncLogDto>;
}

/** Collaborators and knobs of the coalescer. */
export interface PushCoalescerDeps {
  port: RealtimeSyncPort;
  logger: Logger;
  sleep(ms: number): Promise<void>;
  /** How long the first event of a burst waits for others (default 150 ms). */
  gatherMs?: number;
  /** Most events per run (default 200). */
  maxBatch?: number;
}

interface Queue {
  events: unknown[];
  /** Why the cursor must be read, or null. */
  cursor: SyncTrigger | null;
  draining: Promise<void> | null;
  failures: number;
}

/** Events waiting beyond this are dropped in favour of one read from the cursor. */
const MAX_WAITING = 5000;
const MAX_ATTEMPTS = 4;

/** Creates the coalescer. */
export function createPushCoalescer(deps: PushCoalescerDeps) {
  const gatherMs = deps.gatherMs ?? 150;
  const maxBatch = deps.maxBatch ?? 200;
  const queues = new Map<number, Queue>();
  let stopped = false;

  async function runOnce(id: number, queue: Queue): Promise<void> {
    // A run already in flight read the source before these events: wait for it, then run ours.
    await deps.port.whenIdle(id);
    if (deps.port.isSyncing(id) || stopped) return;
    if (queue.cursor) {
      const trigger = queue.cursor;
      queue.cursor = null;
      const log = await deps.port.sync(id, trigger, null).catch((error: unknown) => deps.logger.info('realtime read from the cursor refused', { id, error }));
      if (!log || log.status === 'failed') queue.failures += 1;
      return;
    }
    const batch = queue.events.splice(0, maxBatch);
    const log = await deps.port.sync(id, 'push', { pushed: batch }).catch((error: unknown) => {
      deps.logger.info('realtime batch refused', { id, error });
      return null;
    });
    if (log && log.status !== 'failed') {
      queue.failures = 0;
      return;
    }
    queue.failures += 1;
    if (queue.failures < MAX_ATTEMPTS) queue.events.unshift(...batch);
    // Given up on the events: what is new at the source is still found from the cursor.
    else queue.cursor ??= 'catch-up';
  }

  async function drain(id: number, queue: Queue): Promise<void> {
    await deps.sleep(gatherMs);
    while (!stopped && (queue.cursor !== null || queue.events.length > 0)) {
      if (queue.failures > 0) await deps.sleep(Math.min(60_000, 1000 * 2 ** queue.failures));
      if (stopped) return;
      await runOnce(id, queue);
    }
  }

  function kick(id: number, queue: Queue): void {
    if (queue.draining || stopped) return;
    queue.draining = drain(id, queue)
      .catch((error: unknown) => deps.logger.error('realtime queue failed', { id, error }))
      .finally(() => {
        queue.draining = null;
        if (!stopped && (queue.cursor !== null || queue.events.length > 0)) kick(id, queue);
      });
  }

  return {
    /** Queues pushed events (or, with none, a read from the cursor for `trigger`). */
    add(integrationId: number, events: readonly unknown[], trigger: SyncTrigger): void {
      if (stopped) return;
      let queue = queues.get(integrationId);
      if (!queue) {
        queue = { events: [], cursor: null, draining: null, failures: 0 };
        queues.set(integrationId, queue);
      }
      if (events.length === 0) queue.cursor = queue.cursor === 'catch-up' ? 'catch-up' : trigger;
      else if (queue.events.length + events.length > MAX_WAITING) {
        queue.events.length = 0;
        queue.cursor = 'catch-up';
      } else queue.events.push(...events);
      kick(integrationId, queue);
    },
    /** Forgets an account's waiting events (it went away). */
    forget(integrationId: number): void {
      const queue = queues.get(integrationId);
      if (!queue) return;
      queue.events.length = 0;
      queue.cursor = null;
    },
    /** Waits until every queue is empty and no run of ours is in flight (tests, soak). */
    async idle(): Promise<void> {
      for (;;) {
        const busy = [...queues.values()].filter((queue) => queue.draining);
        if (busy.length === 0) return;
        await Promise.all(busy.map((queue) => queue.draining));
      }
    },
    /** Stops starting runs and waits for the ones in flight. */
    async stop(): Promise<void> {
      stopped = true;
      await Promise.all([...queues.values()].map((queue) => queue.draining));
    },
  };
}

/** The coalescer's type. */
export type PushCoalescer = ReturnType<typeof createPushCoalescer>;
