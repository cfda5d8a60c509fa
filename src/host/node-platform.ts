/** Platform services for the headless host: plain Node stand-ins for what Electron provides. */
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAesGcmCipher, loadOrCreateKey } from '../main/auth/aes-gcm-cipher';
import { systemClock, type Clock } from '../main/clock';
import { createFileSink } from '../main/logging/file-sink';
import type { AppNotification, PlatformServices } from '../main/platform-services';
import { secureDataDir } from '../main/security/private-files';
import { createJsonFileBackend } from '../main/settings/json-file-backend';
import { CONTENT_WORKER_OPTIONS } from '../main/sync/worker/protocol';
import { createOpenExternal, type OpenExternalMode } from './open-external';
import { createSourceWorkerStarter } from './source-worker';

/** Where the project's own folders are, seen from this file. */
export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** One starter per process: the worker entry is bundled once, however many cores a test makes. */
const startSourceWorker = createSourceWorkerStarter(PROJECT_ROOT);
const CONTENT_WORKER_ENTRY = new URL('../main/sync/worker/content-worker.ts', import.meta.url);

/** Options of {@link createNodePlatform}. */
export interface NodePlatformOptions {
  dataDir: string;
  env?: Readonly<Record<string, string | undefined>>;
  openExternalMode?: OpenExternalMode;
  clock?: Clock;
  /** Receives notifications (the host forwards them to the log and to tests). */
  onNotify?: (notification: AppNotification) => void;
  log?: (line: string) => void;
  /** Folders the app's own file picker may list (default: the home folder). */
  browseRoots?: string[];
}

/** Builds the host's platform services. */
export function createNodePlatform(options: NodePlatformOptions): PlatformServices {
  const env = options.env ?? process.env;
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  // First of all: the folder and what an earlier run left in it become private (0700 / 0600).
  secureDataDir(options.dataDir);
  const { key, source } = loadOrCreateKey(env.INTEGRATION_ENCRYPTION_KEY, join(options.dataDir, 'vault.key'));
  // Bundled now, while the host starts, not when the first sync needs a reader and requests wait.
  startSourceWorker.prepare(CONTENT_WORKER_ENTRY);
  return {
    dataDir: options.dataDir,
    migrationsDir: join(PROJECT_ROOT, 'src/main/db/migrations'),
    resourcesDir: join(PROJECT_ROOT, 'resources'),
    startContentWorker: () => startSourceWorker(CONTENT_WORKER_ENTRY, CONTENT_WORKER_OPTIONS),
    cipher: createAesGcmCipher(key, source),
    settingsBackend: createJsonFileBackend(join(options.dataDir, 'settings.json')),
    openExternal: createOpenExternal(options.openExternalMode ?? 'system', log),
    notify: (notification) => {
      log(`Notification: ${notification.title}: ${notification.body}`);
      options.onNotify?.(notification);
    },
    focusApp: () => undefined,
    // A browser page cannot hand over a chosen file's path, so the app lists folders itself.
    pathPicker: { mode: 'browse', roots: options.browseRoots ?? [homedir()] },
    env,
    clock: options.clock ?? systemClock,
    logSink: createFileSink(join(options.dataDir, 'logs', 'app.log')),
    headless: true,
    packaged: false,
    version: '0.1.0',
    platform: `${process.platform} (headless)`,
    timeZone: env.TZ_OVERRIDE ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
  };
}
