/** A real core over a temp data dir (Node platform services), for integration tests. */
import { createCore, type Core, type CoreOptions } from '../../src/main/core';
import type { AppNotification, PathPicker } from '../../src/main/platform-services';
import { createProviderRegistry } from '../../src/main/providers/registry';
import type { ProviderDefinition } from '../../src/main/providers/provider';
import { createNodePlatform } from '../../src/host/node-platform';
import type { Clock } from '../../src/main/clock';
import { tempDir } from './temp-db';

/** A core and what the test observes of it. */
export interface TestCore {
  core: Core;
  dir: string;
  notifications: AppNotification[];
  opened: string[];
  /** Stops the core (idempotent) and removes the data dir. */
  cleanup(): Promise<void>;
}

/** Waits until an integration's first sync (started by connecting) has finished; returns its log. */
export async function firstSync(core: Core, integrationId: number, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const log = core.repos.syncLogs.list(integrationId).at(-1);
    if (log && log.status !== 'running' && !core.services.sync.isSyncing(integrationId)) return log;
    if (Date.now() > deadline) throw new Error(`no finished sync for integration ${integrationId}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Options of {@link createTestCore}. */
export interface TestCoreOptions {
  providers?: ProviderDefinition[];
  env?: Record<string, string | undefined>;
  clock?: Clock;
  options?: CoreOptions;
  dataDir?: string;
  /** The host's way of choosing files (default: the Node host's folder listing under the home folder). */
  pathPicker?: PathPicker;
  /** Builds the core as a packaged release would run (platform fact `packaged`). */
  packaged?: boolean;
}

/** Builds a core; with `providers`, only those are registered. */
export function createTestCore(options: TestCoreOptions = {}): TestCore {
  const temp = options.dataDir ? { dir: options.dataDir, cleanup: () => undefined } : tempDir('pt-core-');
  const notifications: AppNotification[] = [];
  const opened: string[] = [];
  const platform = createNodePlatform({
    dataDir: temp.dir,
    env: { ...options.env },
    openExternalMode: 'print',
    clock: options.clock,
    onNotify: (notification) => notifications.push(notification),
    log: () => undefined,
  });
  if (options.pathPicker) platform.pathPicker = options.pathPicker;
  platform.openExternal = async (url) => {
    opened.push(url);
  };
  platform.packaged = options.packaged ?? false;
  const core = createCore(platform, {
    sleep: async () => undefined,
    ...options.options,
    registry: options.providers ? createProviderRegistry(options.providers) : options.options?.registry,
  });
  return {
    core,
    dir: temp.dir,
    notifications,
    opened,
    cleanup: async () => {
      await core.stop();
      temp.cleanup();
    },
  };
}
