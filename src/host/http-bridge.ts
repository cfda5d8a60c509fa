/**
 * The headless host's HTTP bridge (docs/ARCHITECTURE.md §6): the contract's channels as POST /api/{channel},
 * events as Server-Sent Events, and the built renderer as static files. Loopback only, bearer token on
 * every API request, Host header checked against DNS rebinding. `POST /session` trades a one-time
 * launch code (what `--open` puts in the address) for the token, once.
 */
import { timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import type { EventBus } from '../main/events';
import { dispatch, type HandlerMap } from '../main/ipc/dispatch';
import type { Logger } from '../main/logging/logger';
import { RENDERER_CSP } from '../main/security/window-policy';
import type { LaunchCodes } from './launch-codes';

const MAX_BODY_BYTES = 1024 * 1024;
const MAX_SESSION_BODY_BYTES = 1024;
const MAX_TEST_CLOCK_BODY_BYTES = 1024;
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

/** What the bridge serves. */
export interface BridgeOptions {
  handlers: HandlerMap;
  events: EventBus;
  logger: Logger;
  token: string;
  /** Folder of the built renderer (out/renderer), or null when there is none. */
  rendererDir: string | null;
  /** Launch codes `POST /session` redeems for the token (none: the route answers 404). */
  launchCodes?: LaunchCodes;
  /** Observes every API exchange (the secret-leak sweep reads them). */
  onExchange?: (channel: string, status: number, body: string) => void;
  /**
   * Tests only (host flag `--manual-clock`): `POST /test/clock` with `{advanceMs}` or `{set}` moves the
   * app's clock; absent otherwise, and then that path is a plain 404.
   */
  testClock?: TestClock;
}

/** The manual clock a test drives through the bridge. */
export interface TestClock {
  now(): Date;
  advance(ms: number): void;
  set(at: string): void;
  /** Runs after every move (the host re-checks reminders and snoozes). */
  moved(): void;
}

function sameToken(given: string | null, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function sendJson(response: ServerResponse, status: number, body: unknown): string {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  response.end(text);
  return text;
}

/** decodeURIComponent that answers null for malformed percent-encoding instead of throwing. */
function decodedPath(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

// Anyone's web page can make a browser send these, so they are answered without a log line.
function badEncoding(response: ServerResponse): void {
  sendJson(response, 400, { error: { code: 'invalid_input', message: 'The address is not validly percent-encoded.' } });
}

function readBody(request: IncomingMessage, maxBytes = MAX_BODY_BYTES): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        reject(new Error('too_large'));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function serveStatic(rendererDir: string | null, pathname: string, response: ServerResponse): void {
  const headers = { 'content-security-policy': RENDERER_CSP, 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer' };
  if (!rendererDir || !existsSync(join(rendererDir, 'index.html'))) {
    response.writeHead(503, { ...headers, 'content-type': 'text/plain; charset=utf-8' });
    response.end('The renderer is not built. Run `npm run build` first (or use `npm run web`).');
    return;
  }
  const decoded = decodedPath(pathname);
  if (decoded === null) {
    badEncoding(response);
    return;
  }
  const relative = pathname === '/' ? 'index.html' : decoded.replace(/^\/+/, '');
  const file = normalize(join(rendererDir, relative));
  if (!file.startsWith(rendererDir + sep) || !existsSync(file) || !statSync(file).isFile()) {
    response.writeHead(404, { ...headers, 'content-type': 'text/plain; charset=utf-8' });
    response.end('Not found');
    return;
  }
  response.writeHead(200, { ...headers, 'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream' });
  response.end(readFileSync(file));
}

/** Creates the bridge server (not yet listening). */
export function createBridgeServer(options: BridgeOptions): Server {
  const { handlers, events, logger, token } = options;
  const rendererDir = options.rendererDir ? normalize(options.rendererDir) : null;
  let allowedHosts: Set<string> = new Set();
  let allowedOrigins: Set<string> = new Set();

  const server = createServer((request, response) => {
    void handle(request, response).catch((error: unknown) => {
      logger.error('bridge request failed', { error });
      if (!response.headersSent) sendJson(response, 500, { error: { code: 'internal', message: 'Something went wrong inside the app.' } });
      else response.end();
    });
  });

  server.on('listening', () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
    allowedOrigins = new Set([...allowedHosts].map((host) => `http://${host}`));
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    // A page on another site can resolve its own name to 127.0.0.1; only our own Host is answered.
    if (!allowedHosts.has(request.headers.host ?? '')) {
      sendJson(response, 421, { error: { code: 'unauthorized', message: 'Unexpected Host header.' } });
      return;
    }
    let url: URL;
    try {
      url = new URL(request.url ?? '/', 'http://127.0.0.1');
    } catch {
      badEncoding(response);
      return;
    }
    if (url.pathname === '/session') {
      await redeemLaunchCode(request, response);
      return;
    }
    if (url.pathname === '/test/clock' && options.testClock && request.method === 'POST') {
      await moveTestClock(request, response, options.testClock);
      return;
    }
    if (!url.pathname.startsWith('/api/')) {
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        sendJson(response, 405, { error: { code: 'invalid_input', message: 'Method not allowed.' } });
        return;
      }
      serveStatic(rendererDir, url.pathname, response);
      return;
    }
    const header = request.headers.authorization;
    const bearer = header?.startsWith('Bearer ') ? header.slice(7) : null;
    const isEvents = url.pathname === '/api/events';
    if (!sameToken(bearer ?? (isEvents ? url.searchParams.get('token') : null), token)) {
      sendJson(response, 401, { error: { code: 'unauthorized', message: 'Missing or wrong bearer token.' } });
      return;
    }
    if (isEvents) {
      streamEvents(request, response);
      return;
    }
    if (request.method !== 'POST') {
      sendJson(response, 405, { error: { code: 'invalid_input', message: 'Use POST for API calls.' } });
      return;
    }
    // Decoded only now, after authentication: before it, nothing a request carries is looked into.
    const channel = decodedPath(url.pathname.slice('/api/'.length));
    if (channel === null) {
      badEncoding(response);
      return;
    }
    let raw: string;
    try {
      raw = await readBody(request);
    } catch {
      sendJson(response, 413, { error: { code: 'invalid_input', message: 'The request body is too large.' } });
      return;
    }
    let input: unknown;
    try {
      input = raw.trim() === '' ? undefined : JSON.parse(raw);
    } catch {
      const body = sendJson(response, 400, { error: { code: 'invalid_input', message: 'The body is not valid JSON.' } });
      options.onExchange?.(channel, 400, body);
      return;
    }
    const result = await dispatch(handlers, channel, input, logger);
    const body = sendJson(response, result.status, result.reply.ok ? result.reply.value : { error: result.reply.error });
    options.onExchange?.(channel, result.status, body);
  }

  async function moveTestClock(request: IncomingMessage, response: ServerResponse, clock: TestClock): Promise<void> {
    const header = request.headers.authorization;
    if (!sameToken(header?.startsWith('Bearer ') ? header.slice(7) : null, token)) {
      sendJson(response, 401, { error: { code: 'unauthorized', message: 'Missing or wrong bearer token.' } });
      return;
    }
    let move: { advanceMs?: unknown; set?: unknown };
    try {
      move = JSON.parse(await readBody(request, MAX_TEST_CLOCK_BODY_BYTES)) as typeof move;
    } catch {
      move = {};
    }
    if (typeof move.advanceMs === 'number' && Number.isFinite(move.advanceMs) && move.advanceMs >= 0) clock.advance(move.advanceMs);
    else if (typeof move.set === 'string' && !Number.isNaN(Date.parse(move.set))) clock.set(move.set);
    else {
      sendJson(response, 400, { error: { code: 'invalid_input', message: 'Send {"advanceMs": N} or {"set": "ISO date"}.' } });
      return;
    }
    clock.moved();
    // Tests wait on `eventStreams` so a renderer is listening before they move time past a reminder.
    sendJson(response, 200, { now: clock.now().toISOString(), eventStreams: openStreams });
  }

  /**
   * Trades a launch code for the token. Refusals are quiet (no log line: any page can knock) and say
   * nothing about why beyond "used or expired". Only our own page may ask: a JSON body (so another site
   * cannot send it without a CORS preflight, which is never granted) and, when the browser names the
   * origin, our own origin.
   */
  async function redeemLaunchCode(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const origin = request.headers.origin;
    if (request.method !== 'POST' || !options.launchCodes) {
      sendJson(response, 404, { error: { code: 'not_found', message: 'Not found.' } });
      return;
    }
    if ((origin !== undefined && !allowedOrigins.has(origin)) || !(request.headers['content-type'] ?? '').startsWith('application/json')) {
      sendJson(response, 403, { error: { code: 'unauthorized', message: 'Only the app page may exchange a launch code.' } });
      return;
    }
    let code: unknown = null;
    try {
      code = (JSON.parse(await readBody(request, MAX_SESSION_BODY_BYTES)) as { code?: unknown } | null)?.code;
    } catch {
      // Too large or not JSON: refused below like a wrong code.
    }
    if (typeof code !== 'string' || !options.launchCodes.redeem(code)) {
      sendJson(response, 401, { error: { code: 'unauthorized', message: 'This link was already used or has expired. Open the app again from the command that started it.' } });
      return;
    }
    sendJson(response, 200, { token });
  }

  let openStreams = 0;

  function streamEvents(request: IncomingMessage, response: ServerResponse): void {
    response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    response.write(': connected\n\n');
    openStreams += 1;
    const unsubscribe = events.subscribe((event, payload) => {
      const data = JSON.stringify(payload);
      options.onExchange?.(`event:${event}`, 200, data);
      response.write(`event: ${event}\ndata: ${data}\n\n`);
    });
    const keepAlive = setInterval(() => response.write(': keep-alive\n\n'), 15_000);
    keepAlive.unref();
    request.on('close', () => {
      openStreams -= 1;
      clearInterval(keepAlive);
      unsubscribe();
    });
  }

  return server;
}
