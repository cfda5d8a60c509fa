/**
 * `npm run host`: the core in plain Node behind the HTTP bridge. Prints one JSON line
 * ({url, token, ui}) on stdout when ready; everything else goes to stderr.
 *
 * `--open` (what `npm run web` uses) opens the UI with a one-time launch code in the fragment, never
 * the token: a browser's command line and history are readable by others; the code is spent once
 * the page has exchanged it. The browser is launched the way `--open-external` says.
 *
 *   npm run host -- [--data-dir DIR] [--port N] [--open] [--open-external system|follow|print]
 *                   [--undo-window-ms N]   (how long write-back waits for Undo; default 10000)
 *                   [--renderer-dir DIR]   (built renderer to serve; default out/renderer)
 *                   [--browse-root DIR]... (folders the app's own file picker may list; default: home)
 *                   [--manual-clock ISO]   (tests: the app's clock stands at ISO and moves only through
 *                                           POST /test/clock {advanceMs} or {set}, with the bearer token)
 */
import { randomBytes } from 'node:crypto';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ManualClock } from '../main/clock';
import { createCore } from '../main/core';
import { createBridgeServer } from './http-bridge';
import { createLaunchCodes } from './launch-codes';
import { createNodePlatform, PROJECT_ROOT } from './node-platform';
import { createOpenExternal, type OpenExternalMode } from './open-external';

const { values } = parseArgs({
  options: {
    'data-dir': { type: 'string' },
    port: { type: 'string', default: '0' },
    open: { type: 'boolean', default: false },
    'open-external': { type: 'string', default: 'system' },
    'undo-window-ms': { type: 'string' },
    'renderer-dir': { type: 'string' },
    'browse-root': { type: 'string', multiple: true },
    'manual-clock': { type: 'string' },
  },
});

const mode = values['open-external'] as OpenExternalMode;
if (!['system', 'follow', 'print'].includes(mode)) {
  process.stderr.write('--open-external must be system, follow or print\n');
  process.exit(2);
}
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  process.stderr.write('--port must be a whole number from 0 to 65535\n');
  process.exit(2);
}
const dataDir = resolve(values['data-dir'] ?? join(homedir(), '.provider-tasks-headless'));
const browseRoots = values['browse-root']?.map((root) => resolve(root));
const manualStart = values['manual-clock'];
if (manualStart !== undefined && Number.isNaN(Date.parse(manualStart))) {
  process.stderr.write('--manual-clock must be an ISO 8601 date-time\n');
  process.exit(2);
}
const manualClock = manualStart === undefined ? null : new ManualClock(manualStart);
const platform = createNodePlatform({ dataDir, openExternalMode: mode, browseRoots, clock: manualClock ?? undefined });
const undoWindowMs = values['undo-window-ms'] === undefined ? undefined : Number(values['undo-window-ms']);
if (undoWindowMs !== undefined && (!Number.isInteger(undoWindowMs) || undoWindowMs < 0)) {
  process.stderr.write('--undo-window-ms must be a whole number of milliseconds\n');
  process.exit(2);
}
const core = createCore(platform, { undoWindowMs });
const token = randomBytes(32).toString('base64url');
const launchCodes = createLaunchCodes();
const server = createBridgeServer({
  launchCodes,
  handlers: core.handlers,
  events: core.events,
  logger: core.logger.child('bridge'),
  token,
  rendererDir: values['renderer-dir'] ? resolve(values['renderer-dir']) : join(PROJECT_ROOT, 'out/renderer'),
  testClock: manualClock
    ? {
        now: () => manualClock.now(),
        advance: (ms) => manualClock.advance(ms),
        set: (at) => manualClock.set(at),
        moved: () => {
          core.services.reminders.check();
          core.services.reminders.wake();
        },
      }
    : undefined,
});

server.listen(port, '127.0.0.1', () => {
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  const url = `http://127.0.0.1:${actualPort}`;
  const ui = `${url}/#token=${token}`;
  process.stdout.write(`${JSON.stringify({ url, token, ui })}\n`);
  core.start();
  if (values.open) {
    void createOpenExternal(mode, (line) => process.stderr.write(`${line}\n`))(`${url}/#code=${launchCodes.issue()}`).catch((error: unknown) => {
      process.stderr.write(`The browser could not be opened: ${String(error)}\n`);
    });
  }
});

let stopping = false;
async function shutdown(): Promise<void> {
  if (stopping) return;
  stopping = true;
  server.close();
  server.closeAllConnections();
  await core.stop();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());
