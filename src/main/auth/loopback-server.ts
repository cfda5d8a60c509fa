/**
 * The OAuth redirect listener of a native app (RFC 8252 §7.3): loopback only, exact path, GET only,
 * Host header checked, state compared in constant time and used once, a static page that escapes
 * everything it echoes, closed after the first valid callback, the timeout or a cancel.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { OAuthAbortedError, OAuthDeniedError } from './oauth-errors';
import { safeEqual } from './pkce';

/** What the redirect carried. */
export interface CallbackResult {
  code: string;
  /** Scopes the provider says it granted (Google adds `scope`), or null. */
  grantedScope: string | null;
  /** The authorization server's `iss` (RFC 9207), when it sends one, for callers that check mix-ups. */
  issuer: string | null;
}

/** Options of {@link startLoopbackListener}. */
export interface LoopbackOptions {
  /** Exact callback path, e.g. `/oauth2/callback`. */
  path: string;
  /** The state value sent in the authorization request. */
  state: string;
  timeoutMs?: number;
  /** Ports to try in order; 0 = any free port (Google). Slack needs fixed, registered ports. */
  ports?: number[];
  /** Also listen on ::1 (Slack's `localhost` redirect may resolve to IPv6). */
  dualStack?: boolean;
  /** Host name used in the redirect URI: `127.0.0.1` (RFC 8252's advice) or `localhost` (Slack). */
  redirectHost?: '127.0.0.1' | 'localhost';
  /** Shown on the page after the redirect. */
  appName?: string;
}

/** A running listener. */
export interface LoopbackListener {
  redirectUri: string;
  /** Resolves with the code, or rejects with OAuthDeniedError / OAuthAbortedError. */
  result: Promise<CallbackResult>;
  /** Stops waiting (the person pressed Cancel). */
  cancel(): void;
}

const DEFAULT_TIMEOUT_MS = 5 * 60 * 1000;

/** Escapes text for HTML so a hostile `error_description` cannot inject markup. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`=/]/g, (char) => `&#${char.charCodeAt(0)};`);
}

function page(response: ServerResponse, status: number, title: string, message: string): void {
  const body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>` +
    `<body style="font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto"><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p></body></html>`;
  response.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    // The page runs no script and loads nothing; inline style only for its own layout.
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  });
  response.end(body);
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => {
      server.off('listening', onListening);
      reject(error);
    };
    const onListening = () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}

/**
 * Binds 127.0.0.1 on `port` (0 = any) and, with `dualStack`, ::1 on the same port. When ::1 is taken
 * by another process the port is refused as a whole (a browser trying ::1 first would hand our code
 * to that process); when IPv6 is simply unavailable, IPv4 alone is kept.
 */
async function bindPort(port: number, dualStack: boolean, handler: (request: IncomingMessage, response: ServerResponse) => void): Promise<{ port: number; servers: Server[] }> {
  const primary = createServer(handler);
  const actual = await listen(primary, port, '127.0.0.1');
  if (!dualStack) return { port: actual, servers: [primary] };
  const secondary = createServer(handler);
  try {
    await listen(secondary, actual, '::1');
    return { port: actual, servers: [primary, secondary] };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRNOTAVAIL' || code === 'EAFNOSUPPORT' || code === 'EINVAL') return { port: actual, servers: [primary] };
    primary.close();
    throw error;
  }
}

/** Starts listening for the redirect; the caller then opens the authorization URL. */
export async function startLoopbackListener(options: LoopbackOptions): Promise<LoopbackListener> {
  const servers: Server[] = [];
  const handler = (request: IncomingMessage, response: ServerResponse) => onRequest(request, response);
  let port = 0;
  let lastError: unknown = null;
  for (const candidate of options.ports ?? [0]) {
    const bound = await bindPort(candidate, options.dualStack === true, handler).catch((error: unknown) => {
      lastError = error;
      return null;
    });
    if (bound) {
      port = bound.port;
      servers.push(...bound.servers);
      break;
    }
  }
  if (port === 0) throw new Error(`No free port for the sign-in redirect (${String(lastError)}). Close other apps using ports ${(options.ports ?? []).join(', ')}.`);

  const allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]);
  const redirectUri = `http://${options.redirectHost ?? '127.0.0.1'}:${port}${options.path}`;
  let settled = false;
  let resolveResult!: (value: CallbackResult) => void;
  let rejectResult!: (error: Error) => void;
  const result = new Promise<CallbackResult>((resolve, reject) => {
    resolveResult = resolve;
    rejectResult = reject;
  });
  // Callers may never await a cancelled flow; an unobserved rejection must not crash the process.
  result.catch(() => undefined);

  const close = () => {
    clearTimeout(timer);
    for (const server of servers) {
      server.close();
      server.closeIdleConnections();
    }
    // A browser holding a keep-alive socket open must not keep the port: cut what is left shortly after.
    setTimeout(() => servers.forEach((server) => server.closeAllConnections()), 1000).unref();
  };
  const finish = (outcome: { ok: true; value: CallbackResult } | { ok: false; error: Error }, response?: ServerResponse) => {
    if (settled) return;
    settled = true;
    // Let the page reach the browser before the sockets go.
    if (response && !response.writableFinished) response.once('finish', close);
    else setImmediate(close);
    if (outcome.ok) resolveResult(outcome.value);
    else rejectResult(outcome.error);
  };
  const timer = setTimeout(() => finish({ ok: false, error: new OAuthAbortedError('timeout') }), options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  timer.unref();

  function onRequest(request: IncomingMessage, response: ServerResponse): void {
    const appName = options.appName ?? 'Provider Tasks';
    if (!allowedHosts.has(request.headers.host ?? '')) return page(response, 400, 'Wrong address', 'This page only answers on the loopback address.');
    if (request.method !== 'GET') return page(response, 405, 'Not allowed', 'Only the sign-in redirect is answered here.');
    const url = new URL(request.url ?? '/', `http://127.0.0.1:${port}`);
    if (url.pathname !== options.path) return page(response, 404, 'Not found', 'Nothing here.');
    if (settled) return page(response, 410, 'Already used', 'This sign-in link was already used. Start again from the app.');
    const state = url.searchParams.get('state') ?? '';
    if (!safeEqual(state, options.state)) {
      return page(response, 400, 'Sign-in not recognised', 'This response does not belong to a sign-in started by the app. Nothing was changed.');
    }
    const error = url.searchParams.get('error');
    if (error) {
      page(response, 200, 'Not connected', `${appName} was not connected: ${url.searchParams.get('error_description') ?? error}. You can close this tab.`);
      return finish({ ok: false, error: new OAuthDeniedError(error) }, response);
    }
    const code = url.searchParams.get('code');
    if (!code) return page(response, 400, 'Sign-in incomplete', 'The response carried no authorization code.');
    page(response, 200, 'Connected', `You can close this tab and return to ${appName}.`);
    finish({ ok: true, value: { code, grantedScope: url.searchParams.get('scope'), issuer: url.searchParams.get('iss') } }, response);
  }

  return {
    redirectUri,
    result,
    cancel: () => finish({ ok: false, error: new OAuthAbortedError('cancelled') }),
  };
}
