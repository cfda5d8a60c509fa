/**
 * Runs the providers' push channels (Slack Socket Mode, Gmail through Pub/Sub) beside the
 * scheduler: keeps each listener in line with the connected accounts and the secrets in Settings,
 * hands what they push to the coalescer (and so to the sync engine), and remembers per account
 * whether changes arrive by push or by polling, for the account's card.
 */
import type { SecretName } from '../../../shared/models';
import type { TokenVault } from '../../auth/token-vault';
import type { IntegrationRecord } from '../../db/integration-repository';
import type { Repositories } from '../../db/repositories';
import type { EventBus } from '../../events';
import type { Logger } from '../../logging/logger';
import type { ProviderContext, RealtimeListener, RealtimeSink, RealtimeStatus } from '../../providers/provider';
import type { ProviderRegistry } from '../../providers/registry';
import type { SessionFactory } from '../provider-sessions';
import { abortableSleep } from '../sleep';
import { createPushCoalescer, type RealtimeSyncPort } from './push-coalescer';

/** Collaborators of the hub. */
export interface RealtimeHubDeps {
  registry: ProviderRegistry;
  repos: Repositories;
  sessions: SessionFactory;
  vault: TokenVault;
  events: EventBus;
  context: ProviderContext;
  logger: Logger;
  port: RealtimeSyncPort;
  /** How long the first event of a burst waits for others (default 150 ms). */
  gatherMs?: number;
}

function sameStatus(a: RealtimeStatus | undefined, b: RealtimeStatus): boolean {
  return a !== undefined && a.mode === b.mode && a.note === b.note && Boolean(a.needsReconnect) === Boolean(b.needsReconnect);
}

/** Creates the hub (started by the core, stopped before the sync engine). */
export function createRealtimeHub(deps: RealtimeHubDeps) {
  const statuses = new Map<number, RealtimeStatus>();
  const listeners = new Map<string, { listener: RealtimeListener; chain: Promise<void> }>();
  const coalescer = createPushCoalescer({ port: deps.port, logger: deps.logger, sleep: (ms) => abortableSleep(ms), gatherMs: deps.gatherMs });
  const controller = new AbortController();
  let unsubscribe: (() => void) | null = null;
  let pending: NodeJS.Timeout | null = null;
  let stopped = false;

  const sink: RealtimeSink = {
    changed: (id, events) => coalescer.add(id, events, 'push'),
    catchUp: (id) => coalescer.add(id, [], 'catch-up'),
    status(id, status) {
      if (stopped || sameStatus(statuses.get(id), status)) return;
      statuses.set(id, status);
      deps.events.emit('integrations:changed', { integrationId: id });
    },
  };

  const secret = async (name: SecretName, envName: string): Promise<string | null> => {
    const stored = await deps.vault.getSecret(name);
    const value = stored?.trim() || deps.context.env[envName]?.trim();
    return value || null;
  };

  function reconcile(): void {
    pending = null;
    if (stopped) return;
    const all = deps.repos.integrations.list();
    const connected = new Set(all.filter((integration) => integration.status === 'connected').map((integration) => integration.id));
    for (const id of [...statuses.keys()]) {
      if (connected.has(id)) continue;
      statuses.delete(id);
      coalescer.forget(id);
    }
    for (const [provider, entry] of listeners) {
      const mine: IntegrationRecord[] = all.filter((integration) => integration.provider === provider && integration.status === 'connected');
      // One reconcile at a time per listener, in order.
      entry.chain = entry.chain.then(() => entry.listener.reconcile(mine)).catch((error: unknown) => deps.logger.warn('realtime reconcile failed', { provider, error }));
    }
  }

  function scheduleReconcile(): void {
    if (stopped || pending) return;
    pending = setTimeout(reconcile, 50);
    pending.unref?.();
  }

  return {
    /** Starts every provider's listener and follows account and settings changes. */
    start(): void {
      if (listeners.size > 0 || stopped) return;
      for (const definition of deps.registry.list()) {
        if (!definition.realtime) continue;
        const listener = definition.realtime({
          context: deps.context,
          sink,
          secret,
          sleep: abortableSleep,
          openSession: async (integration, signal) => {
            const opened = await deps.sessions.open(integration, { signal: AbortSignal.any([signal, controller.signal]) });
            return { client: opened.client, session: opened.session };
          },
        });
        listeners.set(definition.type, { listener, chain: Promise.resolve() });
      }
      unsubscribe = deps.events.subscribe((event) => {
        if (event === 'integrations:changed') scheduleReconcile();
      });
      reconcile();
    },
    /** Re-reads accounts and secrets now (Settings changed a secret). */
    refresh: scheduleReconcile,
    /** How an account learns of changes now; polling when it has no push channel. */
    status(integrationId: number): RealtimeStatus {
      return statuses.get(integrationId) ?? { mode: 'polling', note: null };
    },
    /** Waits until every pushed event was handed to a finished sync (tests, soak). */
    idle: () => coalescer.idle(),
    /** Stops the listeners, then the queue (before the sync engine stops). */
    async stop(): Promise<void> {
      stopped = true;
      unsubscribe?.();
      if (pending) clearTimeout(pending);
      controller.abort();
      await Promise.all([...listeners.values()].map(async (entry) => {
        await entry.chain;
        await entry.listener.stop();
      }));
      await coalescer.stop();
    },
  };
}

/** The hub's type. */
export type RealtimeHub = ReturnType<typeof createRealtimeHub>;
