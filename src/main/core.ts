/**
 * Composition root: builds the database, vault, providers, engines, sync machinery, services and the
 * handler map from a host's platform services. Both the Electron app and the headless host call
 * this; nothing here imports electron.
 */
import { join } from 'node:path';
import { createEngineSelector, resolveLlmConfig } from './ai/engine-selector';
import { testLlmConnection } from './ai/llm/llm-check';
import { createZone } from './lib/time-zone';
import { warmTimeReader } from './merge/text-time';
import { createTokenManager } from './auth/token-manager';
import { createTokenVault, type TokenVault } from './auth/token-vault';
import { openAppDatabase, type DatabaseNotice } from './db/app-database';
import { loadMigrations } from './db/migrate';
import { createRepositories, type Repositories } from './db/repositories';
import { EventBus } from './events';
import { createHandlers } from './ipc/handlers';
import type { HandlerMap } from './ipc/dispatch';
import { AppError } from './errors';
import { createLogger, type Logger } from './logging/logger';
import { Redactor } from './logging/redactor';
import type { PlatformServices } from './platform-services';
import { effectiveEnvironment, registerEnvironmentSecrets } from './settings/environment';
import { allFamilies, allProviders } from './providers/all-providers';
import { createRateLimiter, type RateLimiter } from './providers/google/rate-limiter';
import type { ProviderContext } from './providers/provider';
import { createProviderRegistry, type ProviderRegistry } from './providers/registry';
import type { AppServices } from './services/app-services';
import { createDesktopModels } from './services/desktop-models';
import { createAccountConnectionService } from './services/account-connection-service';
import { createAccountService } from './services/account-service';
import { createClientCheckService } from './services/client-check-service';
import { createConnectionService } from './services/connection-service';
import { createOAuthFlows } from './services/oauth-flows';
import { createIntegrationService } from './services/integration-service';
import { createLearningService } from './services/learning-service';
import { createRuleService } from './services/rule-service';
import { createOutboxService } from './services/outbox-service';
import { createPathService } from './services/path-service';
import { createSampleService } from './services/sample-service';
import { createSettingsService } from './services/settings-service';
import { createExportService } from './services/export/export-service';
import { createSuggestionService } from './services/suggestion-service';
import { createTaskService } from './services/task-service';
import { createSettingsStore, type SettingsStore } from './settings/settings-store';
import { createOutboxWorker, UNDO_WINDOW_MS, type OutboxWorker } from './sync/outbox-worker';
import { createTaskMirror } from './sync/task-mirror';
import { createTaskMirrorSync } from './sync/task-mirror-sync';
import { createCheckCostLedger } from './sync/check-costs';
import { createSessionFactory } from './sync/provider-sessions';
import { createRealtimeHub, type RealtimeHub } from './sync/realtime/realtime-hub';
import { createReminderScheduler, type ReminderScheduler } from './sync/reminder-scheduler';
import { createScheduler, type Scheduler } from './sync/scheduler';
import { abortableSleep, type Sleep } from './sync/sleep';
import { createSyncEngine, type SyncEngine } from './sync/sync-engine';
import { createContentPool, type ContentPool } from './sync/worker/content-pool';
import { createWorkerOfflineEngine } from './sync/worker/worker-engine';
import { withPersonalModel } from './ai/learning/personal-engine';
import type { QualityLookup } from './ai/quality';

/** "Snooze" on a reminder notification puts the task off this long. */
const NOTIFICATION_SNOOZE_MS = 10 * 60_000;

/** Knobs tests and benchmarks turn; the app uses the defaults. */
export interface CoreOptions {
  fetch?: typeof fetch;
  sleep?: Sleep;
  registry?: ProviderRegistry;
  schedulerTickMs?: number;
  changeCheckMs?: number;
  undoWindowMs?: number;
  oauthTimeoutMs?: number;
  /** Longest one item may take to be read or judged offline in the content worker (default 5 s). */
  contentDeadlineMs?: number;
  /** Starts the content worker instead of the platform (tests put a stand-in around the real handler). */
  startContentWorker?: PlatformServices['startContentWorker'];
  /** What each engine measured on held-out data, for auto-approve (default: the bundled figures). */
  quality?: QualityLookup;
  /** How long the first pushed event of a burst waits for others before its sync (default 150 ms). */
  realtimeGatherMs?: number;
  /** Longest wait between reminder checks. */
  reminderMaxSleepMs?: number;
}

/** Everything the core built: the services the outside reaches, and the machinery behind them. */
export interface CoreServices extends AppServices {
  registry: ProviderRegistry;
  sync: SyncEngine;
  scheduler: Scheduler;
  outboxWorker: OutboxWorker;
  contentPool: ContentPool;
  realtime: RealtimeHub;
  reminders: ReminderScheduler;
}

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
  services: CoreServices;
  handlers: HandlerMap;
  /** What the tray and the system watchers of the desktop app see and do. */
  desktop: ReturnType<typeof createDesktopModels>;
  /** Starts background work (scheduler, outbox worker) after warming the content worker. */
  start(): void;
  /** Starts the content worker and warms the offline engine in it (start() does this; benchmarks call it alone). */
  warmUp(): Promise<void>;
  /** Stops sign-ins, the scheduler and the worker, waits for syncs in flight, closes the database. */
  stop(): Promise<void>;
}

function buildServices(platform: PlatformServices, repos: Repositories, vault: TokenVault, settings: SettingsStore, events: EventBus, logger: Logger, options: CoreOptions): CoreServices {
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const registry = options.registry ?? createProviderRegistry(allProviders, allFamilies);
  const limiters = new Map<string, RateLimiter>();
  const quota = (key: string, unitsPerSecond: number): RateLimiter => {
    let limiter = limiters.get(key);
    if (!limiter) {
      limiter = createRateLimiter(unitsPerSecond);
      limiters.set(key, limiter);
    }
    return limiter;
  };
  const sharedObjects = new Map<string, unknown>();
  const shared = <T>(key: string, create: () => T): T => {
    if (!sharedObjects.has(key)) sharedObjects.set(key, create());
    return sharedObjects.get(key) as T;
  };
  const context: ProviderContext = { env: platform.env, fetch: fetchImpl, clock: platform.clock, logger: logger.child('provider'), resourcesDir: platform.resourcesDir, quota, shared };
  const sessions = createSessionFactory({ repos, registry, tokens: createTokenManager(vault, platform.clock), vault, settings, context, sleep: options.sleep ?? abortableSleep });
  const mirror = createTaskMirror({ repos, registry, settings, clock: platform.clock, events, kick: () => outboxWorker.kick(), undoWindowMs: options.undoWindowMs ?? UNDO_WINDOW_MS });
  const outboxWorker = createOutboxWorker({ repos, sessions, events, logger: logger.child('outbox'), clock: platform.clock, undoWindowMs: options.undoWindowMs, preparer: mirror });
  const mirrorSync = createTaskMirrorSync({
    repos,
    mirror,
    settings,
    events,
    onRemoteCompleted: (task) => void outboxWorker.enqueueFor('done', task),
    onRemoteReopened: (taskId) => void outboxWorker.withdrawFor(taskId),
    afterRemoteDeleted: (task) => learning.afterTaskDeleted(task.suggestionId),
    kick: () => outboxWorker.kick(),
  });
  const checkCosts = createCheckCostLedger();
  const learning = createLearningService({ repos, settings, dataDir: platform.dataDir, clock: platform.clock, logger: logger.child('learning') });
  const rules = createRuleService(repos, events);
  const contentPool = createContentPool({ spawn: options.startContentWorker ?? (() => platform.startContentWorker()), deadlineMs: options.contentDeadlineMs ?? 5000, logger: logger.child('content') });
  // The person's model is blended in once here, so the judge's offline fallback is the very engine Settings picks.
  const offline = withPersonalModel(createWorkerOfflineEngine(contentPool), learning.personalModel);
  const sync = createSyncEngine({
    repos,
    sessions,
    settings,
    engine: createEngineSelector({ settings, vault, env: platform.env, logger, fetch: fetchImpl, offline, guidance: learning.guidance }),
    offline,
    pool: contentPool,
    personalThreshold: learning.personalThreshold,
    events,
    logger: logger.child('sync'),
    clock: platform.clock,
    notify: (notification) => platform.notify(notification),
    checkCosts,
    quality: options.quality,
    destinations: mirrorSync,
    onAutoApproved: (task) => void mirror.onApproved(task),
  });
  const scheduler = createScheduler({ repos, engine: sync, sessions, settings, checkCosts, clock: platform.clock, logger: logger.child('scheduler'), tickMs: options.schedulerTickMs, changeCheckMs: options.changeCheckMs });
  const realtime = createRealtimeHub({
    registry,
    repos,
    sessions,
    vault,
    events,
    context,
    logger: logger.child('realtime'),
    gatherMs: options.realtimeGatherMs,
    port: { isSyncing: sync.isSyncing, whenIdle: sync.whenIdle, sync: (id, trigger, source) => sync.syncIntegration(id, trigger, source) },
  });
  const flows = createOAuthFlows();
  const onConnected = (id: number) => void sync.syncIntegration(id, 'connect').catch((error: unknown) => logger.warn('first sync refused', { id, error }));
  const connectDeps = { repos, registry, vault, settings, events, logger: logger.child('connect'), platform, context, flows, onConnected, oauthTimeoutMs: options.oauthTimeoutMs };
  const connections = createConnectionService({ ...connectDeps, accounts: createAccountConnectionService(connectDeps) });
  const afterWriteBack = () => outboxWorker.kick();
  const time = { now: () => platform.clock.now(), zone: () => createZone(settings.get().timeZone) };
  // Before any sync can run: the merge step's time reader costs its start-up here, not inside a page's transaction.
  warmTimeReader(time.zone());
  const tasks = createTaskService(
    repos,
    events,
    {
      onCompleted: (task) => void (outboxWorker.enqueueFor('done', task) > 0 && afterWriteBack()),
      onWithdrawn: (taskId) => void outboxWorker.withdrawFor(taskId),
      onChanged: (task) => mirror.onChanged(task),
      onDeleting: (taskId) => mirror.onDeleting(taskId),
      afterDeleted: (task) => learning.afterTaskDeleted(task.suggestionId),
    },
    time,
  );
  const reminders = createReminderScheduler({
    repos,
    events,
    clock: platform.clock,
    settings,
    logger: logger.child('reminders'),
    maxSleepMs: options.reminderMaxSleepMs,
    notify: (notification) => platform.notify(notification),
    onAction: (taskId, action) => {
      try {
        if (action === 'done') tasks.complete(taskId);
        else tasks.snooze(taskId, new Date(platform.clock.now().getTime() + NOTIFICATION_SNOOZE_MS).toISOString());
      } catch (error) {
        // Already done or deleted in the app meanwhile: nothing left to do.
        logger.info('reminder action not applied', { taskId, action, error });
      }
    },
  });
  return {
    registry,
    sync,
    scheduler,
    realtime,
    outboxWorker,
    contentPool,
    connections,
    reminders,
    accounts: createAccountService({ repos, registry, vault, settings, events, sessions, env: platform.env }),
    tasks,
    suggestions: createSuggestionService(
      repos,
      events,
      {
        onApproved: (_suggestion, task) => {
          if (outboxWorker.enqueueFor('approved', task) > 0) afterWriteBack();
          mirror.onApproved(task);
        },
        onRestored: (_suggestion, taskId) => {
          if (taskId === null) return;
          outboxWorker.withdrawFor(taskId);
          mirror.onDeleting(taskId);
        },
        onSplit: (taskId, suggestionId) => void outboxWorker.withdrawSourceFor(taskId, suggestionId),
        afterReview: (reviews) => {
          learning.afterReview(reviews);
          rules.proposeAfterDismissals(reviews.filter((review) => review.kind === 'dismissed').map((review) => review.id));
        },
      },
      time,
    ),
    exports: createExportService(tasks, time, platform),
    integrations: createIntegrationService({ repos, registry, vault, settings, events, env: platform.env, sync, realtimeStatus: (id) => realtime.status(id) }),
    settings: createSettingsService(settings, vault, platform.dataDir, events, options.quality, platform.env.LLM_MODEL?.trim() || undefined, learning.personalThreshold),
    outbox: createOutboxService(repos, outboxWorker, events),
    paths: createPathService(platform.pathPicker),
    samples: createSampleService({ registry, connections, sync, settings, resourcesDir: platform.resourcesDir }),
    clientCheck: createClientCheckService({ registry, settings, vault, env: platform.env, context }),
    rules,
    learning,
    llmCheck: async () => {
      let config: Awaited<ReturnType<typeof resolveLlmConfig>>;
      try {
        config = await resolveLlmConfig(settings.get(), vault, platform.env);
      } catch (error) {
        if (error instanceof AppError) return { ok: false, model: '', message: error.message };
        throw error;
      }
      if (!config) return { ok: false, model: '', message: 'No LLM is configured: enter a base URL and/or an API key first.' };
      return testLlmConnection(config, { fetch: fetchImpl, logger });
    },
  };
}

/** Builds the core over a host's platform services. */
export function createCore(host: PlatformServices, options: CoreOptions = {}): Core {
  // A packaged build talks to the real services whatever the environment says; every part of the core sees only this environment.
  const { env, ignoredOverrides } = effectiveEnvironment(host.env, host.packaged);
  const platform: PlatformServices = { ...host, env };
  const now = () => platform.clock.now();
  const redactor = new Redactor();
  // Secrets given through the environment are known to the redactor before the first log line.
  registerEnvironmentSecrets(redactor, host.env);
  const logger = createLogger(platform.logSink, redactor, now);
  if (ignoredOverrides.length > 0) logger.warn(`This packaged build ignores the endpoint overrides ${ignoredOverrides.join(', ')}: it only talks to the real services.`);
  const { db, notices } = openAppDatabase(join(platform.dataDir, 'app.db'), loadMigrations(platform.migrationsDir), now);
  const repos = createRepositories(db, now);
  repos.syncLogs.abandonRunning();
  const settings = createSettingsStore(platform.settingsBackend, platform.timeZone);
  const vault = createTokenVault({ cipher: platform.cipher, integrations: repos.integrations, accounts: repos.accounts, secrets: repos.secrets, redactor, allowWeakStorage: () => settings.get().allowWeakSecretStorage });
  const events = new EventBus();
  for (const notice of notices) logger.warn(notice.message);
  const services = buildServices(platform, repos, vault, settings, events, logger, options);
  let stopping: Promise<void> | null = null;
  return {
    platform,
    repos,
    vault,
    settings,
    events,
    logger,
    redactor,
    notices,
    services,
    handlers: createHandlers(services, platform, notices.map((notice) => notice.message)),
    desktop: createDesktopModels({ repos, settings, settingsService: services.settings, scheduler: services.scheduler, reminders: services.reminders, events }),
    start() {
      // Tasks are never lost silently: a damaged database that was set aside is said out loud.
      for (const notice of notices) platform.notify({ title: 'Your data could not be read', body: notice.message, screen: 'settings' });
      services.outboxWorker.start();
      // The offline engine warms up in its worker thread; a sync starting meanwhile queues behind it.
      void services.contentPool.warm();
      services.scheduler.start();
      services.realtime.start();
      services.reminders.start();
    },
    warmUp: () => services.contentPool.warm(),
    stop() {
      stopping ??= (async () => {
        services.connections.cancelAll();
        await services.realtime.stop();
        services.reminders.stop();
        await services.scheduler.stop();
        await services.sync.stop();
        await services.outboxWorker.stop();
        services.learning.flush();
        await services.contentPool.close();
        db.close();
        await platform.logSink.close?.();
      })();
      return stopping;
    },
  };
}
