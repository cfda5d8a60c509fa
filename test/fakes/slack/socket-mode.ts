/**
 * Slack's Socket Mode, as the official client meets it: `apps.connections.open` with the app-level
 * token answers a single-use `wss` URL; the socket says `hello`; workspace changes arrive as
 * `events_api` envelopes that must be acknowledged by `envelope_id` (unacknowledged ones come again
 * with `retry_attempt`/`retry_reason`); `disconnect` messages (`warning`, `refresh_requested`,
 * `link_disabled`) ask the client to move to a new connection. The server pings like Slack does.
 * Test controls: force-close every socket, ask for a refresh, redeliver an event, delay delivery,
 * and drop (rather than queue) events while no socket is connected.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { type IncomingMessage } from 'node:http';
import { type Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { type SlackResponse, fail, ok } from './http';
import { eventForChange } from './socket-events';
import { type Workspace, type WorkspaceChange } from './workspace';

/** Socket Mode settings of the fake app. */
export interface SocketModeOptions {
  /** The app-level token (`xapp-...`) the app must present (default: a fixed fake one). */
  appToken?: string;
  /** Slack waits this long for an ack before sending the envelope again (default 3000 ms). */
  ackTimeoutMs?: number;
  /** Retries after the first delivery (default 3, as the Events API does). */
  maxRetries?: number;
  /** Delay before each envelope goes out (default 0). */
  deliveryDelayMs?: number;
  /** What happens to events while no socket is open: kept for the next one (default) or lost. */
  whileDisconnected?: 'queue' | 'drop';
  /** Server ping interval (default 10 s). */
  pingIntervalMs?: number;
  /** After a `disconnect` message, the server closes the socket itself if the client has not (default 10 s). */
  disconnectGraceMs?: number;
  /** Event types the app subscribed to on behalf of its users. */
  subscriptions?: string[];
}

/** One envelope as the fake sent it (for assertions). */
export interface DeliveryRecord {
  envelopeId: string;
  eventId: string;
  retryAttempt: number;
  acked: boolean;
  sentAt: number;
}

interface Pending {
  eventId: string;
  payload: Record<string, unknown>;
  attempt: number;
  retryReason: string;
}

interface InFlight extends Pending {
  envelopeId: string;
  socket: WebSocket;
  timer: NodeJS.Timeout;
}

/** The default subscriptions: DMs, group DMs, channels and private channels (for mentions), reactions. */
export const defaultSubscriptions = ['message.im', 'message.mpim', 'message.channels', 'message.groups', 'reaction_added'];
const TICKET_TTL_MS = 30_000;

/** The Socket Mode side of the fake Slack. */
export class SocketModeServer {
  readonly appToken: string;
  readonly deliveries: DeliveryRecord[] = [];
  /** Events lost because no socket was open and `whileDisconnected` is 'drop'. */
  droppedEvents = 0;
  /** Every connection ever opened, in order (its hello's num_connections included). */
  readonly connectionsOpened: Array<{ at: number }> = [];
  private readonly wss: WebSocketServer;
  private readonly sockets = new Set<WebSocket>();
  private readonly tickets = new Map<string, number>();
  private readonly queue: Pending[] = [];
  private readonly inFlight = new Map<string, InFlight>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly pinger: NodeJS.Timeout;
  private readonly sentPayloads = new Map<string, Record<string, unknown>>();
  private options: Required<Omit<SocketModeOptions, 'appToken' | 'subscriptions'>>;
  private subscriptions: Set<string>;
  private nextSocket = 0;
  private url = '';

  constructor(
    private readonly ws: Workspace,
    private readonly appId: string,
    options: SocketModeOptions = {},
  ) {
    this.appToken = options.appToken ?? `xapp-1-${appId}-1234567890-${randomBytes(24).toString('hex')}`;
    this.options = {
      ackTimeoutMs: options.ackTimeoutMs ?? 3000,
      maxRetries: options.maxRetries ?? 3,
      deliveryDelayMs: options.deliveryDelayMs ?? 0,
      whileDisconnected: options.whileDisconnected ?? 'queue',
      pingIntervalMs: options.pingIntervalMs ?? 10_000,
      disconnectGraceMs: options.disconnectGraceMs ?? 10_000,
    };
    this.subscriptions = new Set(options.subscriptions ?? defaultSubscriptions);
    this.wss = new WebSocketServer({ noServer: true, maxPayload: 1 << 20 });
    ws.listeners.push((change) => this.onChange(change));
    this.pinger = setInterval(() => {
      for (const socket of this.sockets) socket.ping(`ping-${Date.now()}`);
    }, this.options.pingIntervalMs);
    this.pinger.unref();
  }

  /** The origin the fake serves on (set once it listens). */
  setOrigin(origin: string): void {
    this.url = origin.replace(/^http/, 'ws');
  }

  /** `apps.connections.open`: only the app-level token, only in the Authorization header. */
  openConnection(token: string | undefined): SlackResponse {
    if (!token) return fail('not_authed');
    if (!token.startsWith('xapp-')) return fail('not_allowed_token_type');
    if (token !== this.appToken) return fail('invalid_auth');
    const ticket = randomUUID();
    this.tickets.set(ticket, Date.now() + TICKET_TTL_MS);
    return ok({ url: `${this.url}/link/?ticket=${ticket}&app_id=${this.appId}` });
  }

  /** HTTP upgrade on `/link/`: a valid, unused ticket becomes a socket. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const ticket = url.searchParams.get('ticket') ?? '';
    const expires = this.tickets.get(ticket);
    this.tickets.delete(ticket);
    if (url.pathname !== '/link/' || expires === undefined || expires < Date.now()) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (client) => this.accept(client));
  }

  private accept(client: WebSocket): void {
    this.sockets.add(client);
    this.connectionsOpened.push({ at: Date.now() });
    client.on('message', (data) => this.onClientMessage(data.toString()));
    client.on('close', () => this.onClose(client));
    client.on('error', () => client.terminate());
    client.send(JSON.stringify({ type: 'hello', num_connections: this.sockets.size, debug_info: { host: 'applink-fake-1', build_number: 1, approximate_connection_time: 18060 }, connection_info: { app_id: this.appId } }));
    // Events that waited for a connection go out now, oldest first.
    for (const pending of this.queue.splice(0)) this.send(pending);
  }

  private onClientMessage(text: string): void {
    let message: { envelope_id?: unknown };
    try {
      message = JSON.parse(text) as { envelope_id?: unknown };
    } catch {
      return;
    }
    if (typeof message.envelope_id !== 'string') return;
    const flight = this.inFlight.get(message.envelope_id);
    if (!flight) return;
    clearTimeout(flight.timer);
    this.inFlight.delete(message.envelope_id);
    const record = this.deliveries.find((entry) => entry.envelopeId === message.envelope_id);
    if (record) record.acked = true;
  }

  private onClose(client: WebSocket): void {
    this.sockets.delete(client);
    // Envelopes the client never acknowledged on that socket come again on the next one.
    for (const [envelopeId, flight] of this.inFlight) {
      if (flight.socket !== client) continue;
      clearTimeout(flight.timer);
      this.inFlight.delete(envelopeId);
      this.retry(flight, 'timeout');
    }
  }

  private onChange(change: WorkspaceChange): void {
    const event = eventForChange(this.ws, change, this.subscriptions);
    if (!event) return;
    const eventId = `Ev${randomBytes(5).toString('hex').toUpperCase()}`;
    const payload = {
      token: 'fake-verification-token',
      team_id: this.ws.team.id,
      context_team_id: this.ws.team.id,
      api_app_id: this.appId,
      event,
      type: 'event_callback',
      event_id: eventId,
      event_time: Math.floor(Date.now() / 1000),
      authorizations: [{ enterprise_id: null, team_id: this.ws.team.id, user_id: this.ws.selfId, is_bot: false, is_enterprise_install: false }],
      is_ext_shared_channel: false,
      event_context: `4-${randomBytes(8).toString('hex')}`,
    };
    this.dispatch({ eventId, payload, attempt: 0, retryReason: '' });
  }

  private dispatch(pending: Pending): void {
    if (this.sockets.size === 0) return this.park(pending);
    if (this.options.deliveryDelayMs <= 0) return this.send(pending);
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.send(pending);
    }, this.options.deliveryDelayMs);
    this.timers.add(timer);
  }

  private send(pending: Pending): void {
    const open = [...this.sockets].filter((socket) => socket.readyState === socket.OPEN);
    if (open.length === 0) return this.park(pending);
    // Slack spreads envelopes over the app's open connections.
    const socket = open[this.nextSocket++ % open.length]!;
    const envelopeId = randomUUID();
    const envelope = { envelope_id: envelopeId, payload: pending.payload, type: 'events_api', accepts_response_payload: false, retry_attempt: pending.attempt, retry_reason: pending.retryReason };
    const timer = setTimeout(() => {
      this.inFlight.delete(envelopeId);
      this.retry(pending, 'timeout');
    }, this.options.ackTimeoutMs);
    timer.unref();
    this.inFlight.set(envelopeId, { ...pending, envelopeId, socket, timer });
    this.sentPayloads.set(pending.eventId, pending.payload);
    this.deliveries.push({ envelopeId, eventId: pending.eventId, retryAttempt: pending.attempt, acked: false, sentAt: Date.now() });
    socket.send(JSON.stringify(envelope));
  }

  private park(pending: Pending): void {
    if (this.options.whileDisconnected === 'queue') this.queue.push(pending);
    else this.droppedEvents += 1;
  }

  private retry(pending: Pending, reason: string): void {
    if (pending.attempt >= this.options.maxRetries) return;
    this.dispatch({ ...pending, attempt: pending.attempt + 1, retryReason: reason });
  }

  /** Control: closes every socket without a close frame (a network drop). */
  forceDisconnect(): void {
    for (const socket of this.sockets) socket.terminate();
  }

  /** Control: sends `disconnect` with a reason; the server closes the socket itself after the grace period. */
  requestDisconnect(reason: 'refresh_requested' | 'warning' | 'link_disabled' = 'refresh_requested'): void {
    for (const socket of this.sockets) {
      socket.send(JSON.stringify({ type: 'disconnect', reason, debug_info: { host: 'applink-fake-1' } }));
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        socket.terminate();
      }, this.options.disconnectGraceMs);
      this.timers.add(timer);
    }
  }

  /** Control: sends an already delivered event again as Slack's retry would (same event_id, next attempt). */
  redeliver(eventId: string, reason = 'timeout'): void {
    const last = [...this.deliveries].reverse().find((entry) => entry.eventId === eventId);
    if (!last) throw new Error(`event ${eventId} was never delivered`);
    this.send({ eventId, payload: this.sentPayloads.get(eventId)!, attempt: last.retryAttempt + 1, retryReason: reason });
  }

  /** Control: changes delivery behaviour at run time. */
  configure(patch: Partial<Pick<SocketModeOptions, 'deliveryDelayMs' | 'whileDisconnected' | 'ackTimeoutMs'>>): void {
    this.options = { ...this.options, ...patch };
  }

  /** Number of open sockets. */
  get openSockets(): number {
    return this.sockets.size;
  }

  /** Closes every socket and timer. */
  close(): void {
    clearInterval(this.pinger);
    for (const timer of this.timers) clearTimeout(timer);
    for (const flight of this.inFlight.values()) clearTimeout(flight.timer);
    this.inFlight.clear();
    for (const socket of this.sockets) socket.terminate();
    this.wss.close();
  }
}
