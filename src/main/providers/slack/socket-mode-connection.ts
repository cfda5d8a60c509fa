/**
 * One Socket Mode connection for the app-level token, through the official `@slack/socket-mode`
 * client: it opens the socket (apps.connections.open), answers pings, and parses envelopes. We add
 * what a desktop app needs on top: every envelope is acknowledged at once (processing comes later,
 * so Slack never retries for slowness), retries and redeliveries are dropped by event_id, and
 * reconnecting is ours — immediately when Slack asks for a refresh, then with jittered exponential
 * backoff — because the client's own loop waits a fixed 5 s per failure and, in 3.1, can leave a
 * rejected promise unhandled when a reconnect fails (fixed upstream in 3.2).
 */
import { LogLevel, SocketModeClient, type Logger as SocketModeLogger } from '@slack/socket-mode';
import type { Logger } from '../../logging/logger';
import { slackApiUrl } from './slack-api';

/** Why the socket is not up, as a sentence for the Slack card. */
export type SocketDownReason = { note: string; retryInMs: number };

/** Collaborators and callbacks of a connection. */
export interface SocketModeConnectionOptions {
  appToken: string;
  env: Readonly<Record<string, string | undefined>>;
  logger: Logger;
  /** An `event_callback` payload, once per event_id, after its envelope was acknowledged. */
  onEvent(body: unknown): void;
  /** The socket said hello (first connect and every reconnect). */
  onConnected(): void;
  /** The socket is down; it tries again after `retryInMs`. */
  onDown(reason: SocketDownReason): void;
  /** Waits between attempts; rejects when the signal aborts. */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
  random?: () => number;
  /** Backoff bounds (defaults 1 s and 5 min). */
  backoff?: { initialMs: number; maxMs: number };
}

/** How many event ids are remembered for deduplication (Slack retries within about an hour). */
const SEEN_EVENTS = 20_000;
/** Errors of apps.connections.open that no retry fixes soon: the token is wrong or revoked. */
const TOKEN_ERRORS = new Set(['invalid_auth', 'not_authed', 'not_allowed_token_type', 'account_inactive', 'token_revoked', 'team_disabled']);

function socketLogger(logger: Logger): SocketModeLogger {
  let level = LogLevel.WARN;
  // Debug and info lines carry payloads and the socket URL's ticket: never logged.
  return {
    debug: () => undefined,
    info: () => undefined,
    warn: (...messages: unknown[]) => logger.info(`socket mode: ${messages.map(String).join(' ')}`),
    error: (...messages: unknown[]) => logger.info(`socket mode: ${messages.map(String).join(' ')}`),
    setLevel: (next: LogLevel) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}

/** A set that forgets its oldest entries past `limit`. */
export function createRecentIds(limit: number) {
  const ids = new Set<string>();
  return {
    /** True the first time an id is seen. */
    add(value: string): boolean {
      if (ids.has(value)) return false;
      ids.add(value);
      if (ids.size > limit) ids.delete(ids.values().next().value!);
      return true;
    },
  };
}

/** Delay before attempt `failures` (0 = right after a healthy socket dropped). */
export function reconnectDelayMs(failures: number, backoff: { initialMs: number; maxMs: number }, random: () => number): number {
  if (failures === 0) return Math.round(random() * 250);
  const ceiling = Math.min(backoff.maxMs, backoff.initialMs * 2 ** (failures - 1));
  return Math.round(ceiling * (0.5 + random() * 0.5));
}

function platformError(error: unknown): string | null {
  const data = (error as { data?: { error?: unknown } } | null)?.data;
  return typeof data?.error === 'string' ? data.error : null;
}

/** Opens and keeps one Socket Mode connection until stop(). */
export function createSocketModeConnection(options: SocketModeConnectionOptions) {
  const random = options.random ?? Math.random;
  const backoff = options.backoff ?? { initialMs: 1000, maxMs: 5 * 60_000 };
  const seen = createRecentIds(SEEN_EVENTS);
  const controller = new AbortController();
  let client: SocketModeClient | null = null;
  let failures = 0;
  let duplicates = 0;
  let lastDisconnectReason: string | null = null;
  let loop: Promise<void> | null = null;

  function newClient(): SocketModeClient {
    const next = new SocketModeClient({
      appToken: options.appToken,
      autoReconnectEnabled: false,
      logger: socketLogger(options.logger),
      clientOptions: { slackApiUrl: slackApiUrl(options.env), retryConfig: { retries: 0 } },
    });
    next.on('slack_event', (args: { ack: () => Promise<void>; type: string; body: unknown; envelope_id?: string }) => {
      // Acknowledge first: Slack only needs to know the envelope arrived; judging it happens later.
      if (args.envelope_id) void args.ack().catch((error: unknown) => options.logger.info('socket mode ack failed', { error }));
      if (args.type !== 'events_api') return;
      const eventId = (args.body as { event_id?: unknown } | null)?.event_id;
      if (typeof eventId !== 'string' || !seen.add(eventId)) {
        duplicates += 1;
        return;
      }
      options.onEvent(args.body);
    });
    // The client handles `disconnect` messages itself; we read the reason to choose the delay.
    next.on('ws_message', (data: unknown) => {
      const raw = typeof data === 'string' ? data : data instanceof ArrayBuffer ? new TextDecoder().decode(data) : '';
      if (raw.length > 2000 || !raw.includes('"disconnect"')) return;
      try {
        const message = JSON.parse(raw) as { type?: unknown; reason?: unknown };
        if (message.type === 'disconnect' && typeof message.reason === 'string') lastDisconnectReason = message.reason.slice(0, 40);
      } catch {
        // Not ours to judge: the client ignores malformed frames too.
      }
    });
    return next;
  }

  /** Resolves when the current socket closes or the connection is stopped. */
  function untilClosed(current: SocketModeClient, signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      current.once('disconnected', () => resolve());
      signal.addEventListener('abort', () => resolve(), { once: true });
    });
  }

  /** Slack may never finish the close handshake: give it a second, not the client's 30. */
  async function closeQuietly(current: SocketModeClient): Promise<void> {
    await Promise.race([current.disconnect().catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 1000).unref())]);
  }

  async function run(): Promise<void> {
    const signal = controller.signal;
    while (!signal.aborted) {
      const current = newClient();
      client = current;
      const closed = untilClosed(current, signal);
      lastDisconnectReason = null;
      let note: string;
      try {
        await current.start();
        // A stop during start() can leave the socket opening afterwards (client 3.1): close it here.
        if (signal.aborted) {
          await closeQuietly(current);
          break;
        }
        failures = 0;
        options.onConnected();
        await closed;
        if (signal.aborted) break;
        note = lastDisconnectReason === 'link_disabled' ? 'Socket Mode was turned off in the Slack app’s settings.' : 'The connection to Slack dropped; reconnecting.';
        if (lastDisconnectReason === 'link_disabled') failures = 6;
      } catch (error) {
        if (signal.aborted) {
          await closeQuietly(current);
          break;
        }
        const code = platformError(error);
        failures += 1;
        if (code && TOKEN_ERRORS.has(code)) {
          note = `Slack refused the app-level token (${code}). Check the token in Settings (it starts with xapp- and needs connections:write).`;
          failures = Math.max(failures, 8);
        } else note = code ? `Slack refused to open a Socket Mode connection (${code}).` : 'Slack could not be reached for a Socket Mode connection.';
        await closeQuietly(current);
      }
      const retryInMs = reconnectDelayMs(lastDisconnectReason === 'refresh_requested' || lastDisconnectReason === 'warning' ? 0 : failures, backoff, random);
      options.onDown({ note, retryInMs });
      await options.sleep(retryInMs, signal).catch(() => undefined);
    }
  }

  return {
    /** Starts connecting (once). */
    start(): void {
      loop ??= run().catch((error: unknown) => options.logger.error('socket mode loop failed', { error }));
    },
    /** Closes the socket and stops reconnecting. */
    async stop(): Promise<void> {
      controller.abort();
      const current = client;
      client = null;
      if (current) await closeQuietly(current);
      await loop;
    },
    /** Retries and redeliveries dropped so far. */
    get duplicates(): number {
      return duplicates;
    },
  };
}

/** A running connection. */
export type SocketModeConnection = ReturnType<typeof createSocketModeConnection>;
