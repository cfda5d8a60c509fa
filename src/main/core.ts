/**
 * Composition root: builds the database, vault, services and handler map from the platform's
 * services. Both the Electron app and the headless host call this; nothing here imports electron.
 */
import { join } from 'node:path';
import { openAppDatabase, type DatabaseNotice } from './db/app-database';
import { loadMigrations } from './db/migrate';
import { createRepositories, type Repositories } from './db/repositories';
import { createTokenVault, type TokenVault } from './auth/token-vault';
import { EventBus } from './events';
import { createHandlers } from './ipc/handlers';
import type { HandlerMap } from './ipc/dispatch';
import { createLogger, type Logger } from './logging/logger';
import { Redactor } from './logging/redactor';
import type { PlatformServices } from './platform-services';
import { createIntegrationService } from './services/integration-service';
import { createSettingsService } from './services/settings-service';
import { createSuggestionService } from './services/suggestion-service';
import { createTaskService } from './services/task-service';
import { createSettingsStore, type SettingsStore } from './settings/settings-store';

/** The running core. */
export interface Core {
  platform: PlatformServices;
  repos: Repositories;
  vault: TokenVault;
  settings: SettingsStore;
  events: EventBus;
  logger: Logger;
  redactor: Redactor;
  notices: DatabaseNotice[];
  services: ReturnType<typeof createServices>;
  handlers: HandlerMap;
  /** Starts background work (scheduler, outbox worker). */
  start(): void;
  /** Stops background work and waits for any sync in flight, then closes the database. */
  stop(): Promise<void>;
}

function createServices(platform: PlatformServices, repos: Repositories, vault: TokenVault, settings: SettingsStore, events: EventBus, logger: Logger) {
  return {
    tasks: createTaskService(repos, events),
    suggestions: createSuggestionService(repos, events),
    integrations: createIntegrationService({ repos, vault, settings, events, logger, platform }),
    settings: createSettingsService(settings, vault, platform.dataDir, events),
    outbox: {
      list: (_limit: number) => [],
      retry: (_id: number): never => {
        throw new Error('not yet');
      },
    },
    llmCheck: async () => ({ ok: false, model: '', message: 'not yet' }),
  };
}

/** Builds the core over a host's platform services. */
export function createCore(platform: PlatformServices): Core {
  const now = () => platform.clock.now();
  const redactor = new Redactor();
  const logger = createLogger(platform.logSink, redactor, now);
  const { db, notices } = openAppDatabase(join(platform.dataDir, 'app.db'), loadMigrations(platform.migrationsDir), now);
  const repos = createRepositories(db, now);
  repos.syncLogs.abandonRunning();
  const settings = createSettingsStore(platform.settingsBackend, platform.timeZone);
  const vault = createTokenVault({ cipher: platform.cipher, integrations: repos.integrations, secrets: repos.secrets, redactor, allowWeakStorage: () => settings.get().allowWeakSecretStorage });
  const events = new EventBus();
  for (const notice of notices) logger.warn(notice.message);
  const services = createServices(platform, repos, vault, settings, events, logger);
  const core: Core = {
    platform,
    repos,
    vault,
    settings,
    events,
    logger,
    redactor,
    notices,
    services,
    handlers: undefined as unknown as HandlerMap,
    start() {},
    async stop() {
      db.close();
    },
  };
  core.handlers = createHandlers(core);
  return core;
}
