/**
 * A faithful fake of the Slack Web API and OAuth v2 the app uses, on 127.0.0.1, so the real
 * `@slack/web-api` WebClient (with `slackApiUrl: fake.apiUrl`) and the app's OAuth code run
 * against localhost. Pipeline per call: count -> armed fault -> token -> rate limit -> handler -> log.
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { type AddressInfo } from 'node:net';
import { type MethodContext } from './context';
import { type SlackRequest, type SlackResponse, json, parseRequest, redactParams, requestToken, send } from './http';
import { FaultBoard, RateLimiter, methodTiers } from './limits';
import { methodHandlers } from './methods';
import { OAuthState } from './oauth';
import { SocketModeServer } from './socket-mode';
import {
  type FakeChannelInput, type FakeMessageInput, type FakeMessageView, type FakeSlackOptions, type FakeUserInput,
  type FaultSpec, type IssuedUserTokens, type ReactionRecord, type RequestLogEntry, type SlackMethod,
} from './types';
import { Workspace } from './workspace';

export type * from './types';
export type { DeliveryRecord, SocketModeOptions } from './socket-mode';
export { visitSlackAuthorize, type SlackConsentResult } from './browser';

/** The user scopes the app asks for (issue 7): DMs, mentions, names and reactions (read for reaction events). */
export const slackUserScopes = [
  'channels:history', 'groups:history', 'im:history', 'mpim:history', 'channels:read', 'groups:read', 'im:read', 'mpim:read',
  'search:read', 'users:read', 'reactions:read', 'reactions:write',
];

/** The fixed loopback redirects a person registers in their Slack app (exact match, so a short list). */
export const defaultSlackRedirectUris = [53682, 53683, 53684].map((port) => `http://localhost:${port}/slack/callback`);

/** The override variables the app reads, pointing at this fake. */
export interface FakeSlackEnv {
  SLACK_OAUTH_AUTH_URL: string;
  /** Ends with `/api/`, as WebClient's `slackApiUrl` must. */
  SLACK_API_URL: string;
  SLACK_CLIENT_ID: string;
  SLACK_CLIENT_SECRET: string;
  /** The app-level token for Socket Mode. */
  SLACK_APP_TOKEN: string;
}

/** A running fake and its control surface. */
export interface FakeSlack {
  /** Origin, e.g. `http://127.0.0.1:41234`. */
  readonly url: string;
  /** `${url}/api/` for WebClient's `slackApiUrl`. */
  readonly apiUrl: string;
  /** The authorize page, `${url}/oauth/v2/authorize`. */
  readonly authorizeUrl: string;
  readonly env: FakeSlackEnv;
  readonly team: { id: string; name: string; domain: string };
  /** User id of the person who signs in. */
  readonly selfId: string;
  /** Every API request answered so far, oldest first, secrets redacted. */
  readonly requestLog: readonly RequestLogEntry[];
  close(): Promise<void>;
  addUser(input: FakeUserInput): string;
  addChannel(input: FakeChannelInput): string;
  postMessage(input: FakeMessageInput): string;
  messages(channel: string): FakeMessageView[];
  /** Every successful reactions.add, oldest first. */
  reactions(): ReactionRecord[];
  /** What the authorize page answers: consent (default) or `error=access_denied`. */
  setConsent(consent: 'allow' | 'deny'): void;
  /** Tokens for the signed-in person without the browser dance (default: the app's scopes). */
  issueTokens(scopes?: string[]): IssuedUserTokens;
  issuedTokens(): { accessTokens: string[]; refreshTokens: string[] };
  expireAccessTokens(): void;
  revokeAllTokens(): void;
  /** Moves the fake clock (token expiry, message ts defaults, rate windows, search dates). */
  advanceClock(ms: number): void;
  now(): number;
  injectFault(method: SlackMethod | '*', spec: FaultSpec): void;
  clearFaults(method?: SlackMethod | '*'): void;
  resetRateLimits(): void;
  /** Requests received for a method (refused ones included). */
  callCount(method: SlackMethod): number;
  callCounts(): Partial<Record<SlackMethod, number>>;
  resetCounters(): void;
  /** Edits a message as its author (sends message_changed over Socket Mode); returns the edit's ts. */
  editMessage(channel: string, ts: string, text: string): string;
  /** Deletes a message (sends message_deleted over Socket Mode). */
  deleteMessage(channel: string, ts: string): void;
  /** Adds a reaction as `user` (sends reaction_added over Socket Mode). */
  addReaction(channel: string, ts: string, name: string, user: string): void;
  /** The Socket Mode server: deliveries, forced disconnects, refresh requests, redelivery, latency. */
  readonly socketMode: SocketModeServer;
}

/** Starts the fake on 127.0.0.1 with a free port. */
export async function startFakeSlack(options: FakeSlackOptions = {}): Promise<FakeSlack> {
  let offset = 0;
  const now = () => Date.now() + offset;
  const team = { id: options.team?.id ?? 'T0FAKE0001', name: options.team?.name ?? 'Fake Workspace', domain: options.team?.domain ?? 'fake-workspace' };
  const selfInput = options.self ?? { id: 'U0SELF0001', name: 'pat', realName: 'Pat Example', displayName: 'Pat' };
  const ws = new Workspace(team, selfInput.id ?? 'U0SELF0001', now);
  ws.addUser({ ...selfInput, id: ws.selfId });
  const clientId = options.clientId ?? '1111111111.2222222222';
  const clientSecret = options.clientSecret ?? 'fake-slack-client-secret';
  const oauth = new OAuthState({
    clientId, clientSecret, redirectUris: options.redirectUris ?? defaultSlackRedirectUris, requirePkce: options.requirePkce ?? true,
    marker: options.tokenMarker ?? 'FAKETOKEN', accessTtlSeconds: options.accessTokenTtlSeconds ?? 43_200,
    refreshTtlSeconds: options.refreshTokenTtlSeconds ?? 30 * 86_400, appId: 'A0FAKEAPP1', team: { id: team.id, name: team.name }, selfId: ws.selfId,
  }, now);
  const limiter = new RateLimiter(options.rateLimits !== false, typeof options.rateLimits === 'object' ? options.rateLimits : {},
    options.nonMarketplaceApp ?? false, options.timeScale ?? 1, options.retryAfterSeconds, now);
  const faults = new FaultBoard();
  // The app-level token carries the marker too, so leak sweeps cover it.
  const appToken = options.socketMode?.appToken ?? `xapp-1-A0FAKEAPP1-1234567890-${options.tokenMarker ?? 'FAKETOKEN'}-${randomBytes(16).toString('hex')}`;
  const socketMode = new SocketModeServer(ws, 'A0FAKEAPP1', { ...options.socketMode, appToken });
  const counts = new Map<SlackMethod, number>();
  const log: RequestLogEntry[] = [];

  function answerApi(method: SlackMethod, req: SlackRequest): SlackResponse {
    const fault = faults.take(method);
    if (fault) return fault;
    if (method === 'oauth.v2.access') return limiter.admit(method) ?? oauth.exchange(req);
    const check = oauth.check(requestToken(req));
    if (!check.ok) return json(200, { ok: false, error: check.error });
    const limited = limiter.admit(method);
    if (limited) return limited;
    const ctx: MethodContext = {
      req, params: req.params, ws, oauth, userId: check.userId, scopes: check.scopes, token: check.token,
      nonMarketplace: options.nonMarketplaceApp ?? false, searchLagMs: options.searchLagMs ?? 0, now,
    };
    const response = methodHandlers[method]!(ctx);
    // Slack reports the token's scopes on every authenticated answer.
    response.headers['x-oauth-scopes'] = check.scopes.join(',');
    return response;
  }

  // The app-level token, and only from the Authorization header (Slack refuses it as a POST argument).
  function answerConnectionsOpen(req: SlackRequest): SlackResponse {
    const fault = faults.take('apps.connections.open');
    if (fault) return fault;
    const limited = limiter.admit('apps.connections.open');
    if (limited) return limited;
    return socketMode.openConnection(/^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '')?.[1]);
  }

  function answer(req: SlackRequest): SlackResponse {
    if (req.path === '/oauth/v2/authorize' && req.httpMethod === 'GET') return oauth.authorize(req);
    const method = /^\/api\/([a-zA-Z0-9.]+)$/.exec(req.path)?.[1];
    if (!method) return json(404, { ok: false, error: 'not_found' });
    if (!(method in methodTiers)) return json(404, { ok: false, error: 'unknown_method', req_method: method });
    const known = method as SlackMethod;
    counts.set(known, (counts.get(known) ?? 0) + 1);
    const response = known === 'apps.connections.open' ? answerConnectionsOpen(req) : answerApi(known, req);
    const body = JSON.parse(response.body) as { ok?: boolean; error?: string };
    log.push({ method, status: response.status, error: body.ok === false ? body.error : undefined, params: redactParams(req.params), at: now() });
    return response;
  }

  const server = createServer((req, res) => {
    void parseRequest(req)
      .then((parsed) => send(res, answer(parsed)))
      .catch((error: unknown) => send(res, json(500, { ok: false, error: 'fatal_error', detail: (error as Error).message })));
  });
  server.on('upgrade', (req, socket, head) => socketMode.handleUpgrade(req, socket, head));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  socketMode.setOrigin(url);
  const apiUrl = `${url}/api/`;
  const authorizeUrl = `${url}/oauth/v2/authorize`;

  return {
    url, apiUrl, authorizeUrl, team, selfId: ws.selfId,
    env: { SLACK_OAUTH_AUTH_URL: authorizeUrl, SLACK_API_URL: apiUrl, SLACK_CLIENT_ID: clientId, SLACK_CLIENT_SECRET: clientSecret, SLACK_APP_TOKEN: socketMode.appToken },
    socketMode,
    editMessage: (channel, ts, text) => ws.editMessage(channel, ts, text),
    deleteMessage: (channel, ts) => ws.deleteMessage(channel, ts),
    addReaction(channel, ts, name, user) {
      const error = ws.react(channel, ts, name, user);
      if (error) throw new Error(`reaction refused: ${error}`);
    },
    get requestLog() {
      return log;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        socketMode.close();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
    addUser: (input) => ws.addUser(input),
    addChannel: (input) => ws.addChannel(input),
    postMessage: (input) => ws.postMessage(input),
    messages: (channel) => (ws.channels.get(channel)?.messages ?? []).map((message) => ws.view(message)),
    reactions: () => [...ws.reactionLog],
    setConsent: (consent) => {
      oauth.consent = consent;
    },
    issueTokens(scopes = slackUserScopes) {
      const issued = oauth.issue(ws.selfId, scopes, true);
      return { id: ws.selfId, scope: scopes.join(','), access_token: issued.accessToken, token_type: 'user', refresh_token: issued.refreshToken, expires_in: options.accessTokenTtlSeconds ?? 43_200 };
    },
    issuedTokens: () => oauth.issuedTokens(),
    expireAccessTokens: () => oauth.expireAccessTokens(),
    revokeAllTokens: () => oauth.revokeAll(),
    advanceClock: (ms) => {
      offset += ms;
    },
    now,
    injectFault: (method, spec) => faults.inject(method, spec),
    clearFaults: (method) => faults.clear(method),
    resetRateLimits: () => limiter.reset(),
    callCount: (method) => counts.get(method) ?? 0,
    callCounts: () => Object.fromEntries(counts),
    resetCounters: () => {
      counts.clear();
      log.length = 0;
    },
  };
}
