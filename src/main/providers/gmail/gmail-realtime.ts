/**
 * Gmail push without a server: for each account that has a topic and a subscription in its
 * settings (and the Pub/Sub scope), the app calls users.watch (renewed daily), then long-polls its
 * subscription with the person's token. Every notification for the account starts a history read
 * (coalesced by the app), plus one trailing read shortly after, because Gmail drops notifications
 * beyond one a second. Failures fall back to the 1-minute change check and say why on the card.
 */
import type { IntegrationRecord } from '../../db/integration-repository';
import { AuthExpiredError, ProviderError } from '../../errors';
import type { RealtimeDeps, RealtimeListener, RealtimeStatus } from '../provider';
import { canPull, createGmailPush } from './gmail-push';

const DAY_MS = 86_400_000;
/** Gmail drops notifications above one a second: read once more this long after the last one. */
const TRAILING_READ_MS = 1500;
const PULL_TIMEOUT_MS = 90_000;
const BACKOFF = { initialMs: 2000, maxMs: 10 * 60_000 };

const OFF_NOTE = 'New mail is checked for every minute. Add a Pub/Sub topic and subscription in this account’s settings to get it within seconds (see the README).';
const SCOPE_NOTE = 'Reconnect this account to let the app read your Pub/Sub subscription (Google asks for the Pub/Sub permission once).';

interface Watcher {
  key: string;
  controller: AbortController;
  done: Promise<void>;
}

function pushKey(integration: IntegrationRecord): string | null {
  const { pushTopic, pushSubscription, filterLabels } = integration.settings;
  return pushTopic && pushSubscription ? JSON.stringify([pushTopic, pushSubscription, filterLabels ?? ['INBOX']]) : null;
}

function failureNote(error: unknown): { note: string; needsReconnect?: boolean } {
  if (error instanceof AuthExpiredError) return { note: 'Google needs you to sign in again before push can resume.', needsReconnect: true };
  if (error instanceof ProviderError && error.status === 403) {
    return { note: 'Google refused: check that gmail-api-push@system.gserviceaccount.com may publish to the topic and that your account may read the subscription (README, Gmail push).' };
  }
  if (error instanceof ProviderError && error.status === 404) return { note: 'Google did not find the topic or subscription in Settings.' };
  if (error instanceof ProviderError && error.status === 400) return { note: `Google rejected the push settings (${error.message})` };
  return { note: 'Google Pub/Sub could not be reached.' };
}

/** Creates Gmail's realtime listener. */
export function createGmailRealtime(deps: RealtimeDeps, unitsPerSecond: number): RealtimeListener {
  const watchers = new Map<number, Watcher>();
  const random = Math.random;
  const now = () => deps.context.clock.now().getTime();

  async function watchLoop(integration: IntegrationRecord, signal: AbortSignal): Promise<void> {
    const { pushTopic = '', pushSubscription = '' } = integration.settings;
    const labels = integration.settings.filterLabels ?? ['INBOX'];
    let failures = 0;
    let trailing: NodeJS.Timeout | null = null;
    const nudge = () => {
      deps.sink.changed(integration.id, []);
      if (trailing) clearTimeout(trailing);
      trailing = setTimeout(() => deps.sink.changed(integration.id, []), TRAILING_READ_MS);
      trailing.unref?.();
    };
    signal.addEventListener('abort', () => trailing && clearTimeout(trailing), { once: true });
    while (!signal.aborted) {
      try {
        const { session } = await deps.openSession(integration, signal);
        const push = createGmailPush(deps.context, session, unitsPerSecond);
        const { expiresAt } = await push.watch(pushTopic, labels);
        // Renew daily (Google's advice), and well before the end of a shorter watch.
        const renewAt = now() + Math.min(DAY_MS, Math.max(1000, (expiresAt - now()) / 2));
        deps.sink.status(integration.id, { mode: 'push', note: `Live: Gmail announces new mail through Pub/Sub (${pushSubscription}).` });
        // Mail that arrived while nothing was listening is read from the cursor.
        deps.sink.catchUp(integration.id);
        failures = 0;
        while (!signal.aborted && now() < renewAt) {
          const received = await push.pull(pushSubscription, PULL_TIMEOUT_MS);
          const mine = received.some(({ notification }) => notification?.emailAddress.toLowerCase() === (integration.accountEmail ?? '').toLowerCase());
          if (mine) nudge();
          // Everything is acknowledged, also messages for other accounts or malformed ones: they would only come back.
          await push.ack(pushSubscription, received.map((entry) => entry.ackId));
        }
      } catch (error) {
        if (signal.aborted) break;
        failures += 1;
        const { note, needsReconnect } = failureNote(error);
        const waitMs = Math.round(Math.min(BACKOFF.maxMs, BACKOFF.initialMs * 2 ** (failures - 1)) * (0.5 + random() * 0.5));
        const status: RealtimeStatus = { mode: 'polling', note: `${note} Checking every minute meanwhile; trying again in ${Math.max(1, Math.round(waitMs / 1000))} s.`, needsReconnect };
        deps.sink.status(integration.id, status);
        deps.context.logger.info('gmail push failed', { integrationId: integration.id, error });
        await deps.sleep(error instanceof AuthExpiredError ? BACKOFF.maxMs : waitMs, signal).catch(() => undefined);
      }
    }
  }

  async function stopWatcher(id: number): Promise<void> {
    const watcher = watchers.get(id);
    if (!watcher) return;
    watchers.delete(id);
    watcher.controller.abort();
    await watcher.done;
  }

  /** Ends Gmail's watch when push was turned off but the account stays (best effort). */
  async function unwatch(integration: IntegrationRecord): Promise<void> {
    const controller = new AbortController();
    try {
      const { session } = await deps.openSession(integration, controller.signal);
      await createGmailPush(deps.context, session, unitsPerSecond).stop();
    } catch (error) {
      deps.context.logger.info('gmail users.stop failed', { integrationId: integration.id, error });
    }
  }

  return {
    async reconcile(integrations) {
      const connected = integrations.filter((integration) => integration.status === 'connected');
      for (const [id] of watchers) {
        if (!connected.some((integration) => integration.id === id)) await stopWatcher(id);
      }
      for (const integration of connected) {
        const key = pushKey(integration);
        const current = watchers.get(integration.id);
        if (!key || !canPull(integration.grantedScopes)) {
          if (current) {
            await stopWatcher(integration.id);
            if (!key) await unwatch(integration);
          }
          deps.sink.status(integration.id, key ? { mode: 'polling', note: SCOPE_NOTE, needsReconnect: true } : { mode: 'polling', note: OFF_NOTE });
          continue;
        }
        if (current?.key === key) continue;
        if (current) await stopWatcher(integration.id);
        const controller = new AbortController();
        deps.sink.status(integration.id, { mode: 'polling', note: 'Starting Gmail push…' });
        watchers.set(integration.id, { key, controller, done: watchLoop(integration, controller.signal) });
      }
    },
    async stop() {
      await Promise.all([...watchers.keys()].map((id) => stopWatcher(id)));
    },
  };
}
