/**
 * The seed's ProviderSyncEngine: one sync of one integration at a time (in this process and across
 * app instances). The work itself goes page by page (sync-run.ts): each page read in the content
 * worker, screened, judged and saved in its own transaction, so suggestions appear while older
 * pages are still fetched and a crash resumes after the last saved page. Failures are recorded with
 * a sentence the person understands and the integration's status says what to do.
 */
import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { hostname } from 'node:os';
import type { SyncLogDto, TaskDto } from '../../shared/models';
import type { PersonalThreshold } from '../ai/auto-approve-policy';
import { createQualityLookup, type QualityLookup } from '../ai/quality';
import type { GenerationContext, SuggestionEngine } from '../ai/types';
import type { Clock } from '../clock';
import type { Repositories } from '../db/repositories';
import { AppError, AuthExpiredError, ConflictError, NotFoundError, ProviderError } from '../errors';
import type { EventBus } from '../events';
import type { Logger } from '../logging/logger';
import type { AppNotification } from '../platform-services';
import type { FetchMode } from '../providers/provider';
import type { SettingsStore } from '../settings/settings-store';
import { jitter } from '../lib/backoff';
import { retryDelayMs } from './backoff-policy';
import type { CheckCostLedger } from './check-costs';
import { reconnectNotification, syncNotification } from './notification-policy';
import { createJudge, MAX_MODEL_ATTEMPTS } from './judging';
import type { SessionFactory } from './provider-sessions';
import { calendarKeyOf, createRuleScreening } from './rule-screening';
import { createRun, type RunTotals } from './sync-run';
import { finishRun } from './sync-writer';
import type { TaskMirrorSync } from './task-mirror-sync';
import type { ContentPool } from './worker/content-pool';

/** Collaborators of the sync engine. */
export interface SyncEngineDeps {
  repos: Repositories;
  sessions: SessionFactory;
  settings: SettingsStore;
  /** The engine to use now (LLM or offline, per Settings). */
  engine: () => Promise<SuggestionEngine>;
  /** The offline engine (in the content worker), for items the model failed too often. */
  offline: SuggestionEngine;
  /** Reads untrusted payloads in the content worker. */
  pool: ContentPool;
  events: EventBus;
  logger: Logger;
  clock: Clock;
  notify(notification: AppNotification): void;
  /** The change checks' cost since the last sync, folded into the next log. */
  checkCosts: CheckCostLedger;
  /** What each engine measured on held-out data, for auto-approve (default: the bundled figures). */
  quality?: QualityLookup;
  /** The auto-approve threshold this person's outcomes call for (calibration from decisions); the gate applies at the higher. */
  personalThreshold?(settingThreshold: number): PersonalThreshold;
  /** The sync step of destinations (Google Tasks): pull their changes instead of reading items. */
  destinations?: Pick<TaskMirrorSync, 'sync'>;
  /** A task was auto-approved by the sync's one auto-approve decision (inside its transaction). */
  onAutoApproved?(task: TaskDto): void;
}

/**
 * Why a sync was started, shown in Activity (`older`: the person asked to load older items; `push`: a
 * realtime event; `catch-up`: after the push channel was away).
 */
export type SyncTrigger = 'manual' | 'schedule' | 'change' | 'connect' | 'resume' | 'older' | 'push' | 'catch-up';

/** Where a run reads its changes: the cursor (default), or events a realtime listener pushed. */
export interface SyncSource {
  pushed: readonly unknown[];
}

const LEASE_MS = 10 * 60 * 1000;
const LEASE_RENEW_MS = 60 * 1000;

/** A lease owner names its machine and process, so a crashed holder can be recognised. */
function leaseOwnerId(): string {
  return `${hostname()}:${process.pid}:${randomUUID()}`;
}

/** True when `owner` is a process of this machine that no longer runs (it crashed or was killed). */
function isDeadLocalOwner(owner: string): boolean {
  const [host, pid] = owner.split(':');
  if (host !== hostname() || !pid || Number(pid) === process.pid) return false;
  try {
    process.kill(Number(pid), 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/** Creates the sync engine. */
export function createSyncEngine(deps: SyncEngineDeps) {
  const { repos, events, clock } = deps;
  const owner = leaseOwnerId();
  const running = new Map<number, Promise<SyncLogDto>>();
  const controller = new AbortController();
  const quality = deps.quality ?? createQualityLookup();

  /** The figures of a run that ended early: what its saved pages did stays counted. */
  function partialFigures(totals: RunTotals | null, meter: { apiCalls: number; quotaUnits: number }) {
    return {
      itemsFetched: totals?.itemsFetched ?? 0,
      itemsQuarantined: totals?.itemsQuarantined ?? 0,
      suggestionsGenerated: totals?.suggestionsGenerated ?? 0,
      autoApproved: totals?.autoApproved ?? 0,
      pagesCommitted: totals?.pagesCommitted ?? 0,
      itemsWaiting: totals?.itemsWaiting ?? 0,
      apiCalls: meter.apiCalls,
      quotaUnits: meter.quotaUnits,
      llmTokens: totals?.llmTokens ?? 0,
    };
  }

  const savedPages = (totals: RunTotals | null) => (totals && totals.pagesCommitted > 0 ? ` ${totals.pagesCommitted} page(s) were saved; the next sync continues after them.` : '');

  function recordFailure(integrationId: number, logId: number, error: unknown, notes: string[], meter: { apiCalls: number; quotaUnits: number }, totals: RunTotals | null): SyncLogDto {
    const integration = repos.integrations.get(integrationId)!;
    const message = error instanceof AppError ? error.message : 'The sync failed unexpectedly. The details are in the log.';
    if (!(error instanceof AppError)) deps.logger.error('sync failed', { integrationId, error });
    const failures = repos.integrations.consecutiveFailures(integrationId) + 1;
    const retryAfter = error instanceof ProviderError ? error.retryAfterMs : null;
    const nextAttempt = new Date(clock.now().getTime() + retryDelayMs(failures, integration.syncFrequencyMinutes, retryAfter));
    repos.db.transaction(() => {
      repos.integrations.setConsecutiveFailures(integrationId, failures);
      repos.integrations.setSchedule(integrationId, null, nextAttempt.toISOString());
      if (error instanceof AuthExpiredError) repos.integrations.setStatus(integrationId, 'needs_reconnect', message);
      else if (error instanceof ProviderError && (error.kind === 'forbidden' || error.kind === 'bad_request')) repos.integrations.setStatus(integrationId, 'error', message);
      else repos.integrations.setStatus(integrationId, integration.status === 'connecting' ? 'error' : integration.status, message);
    })();
    if (error instanceof AuthExpiredError && integration.status !== 'needs_reconnect') {
      deps.notify(reconnectNotification(deps.sessions.definitionOf(integration).label, integration.accountEmail));
    }
    return repos.syncLogs.finish(logId, { ...partialFigures(totals, meter), status: 'failed', error: `${message}${savedPages(totals)}`, notes });
  }

  async function run(integrationId: number, trigger: SyncTrigger, source: SyncSource | null): Promise<SyncLogDto> {
    const integration = repos.integrations.get(integrationId);
    if (!integration) throw new NotFoundError('Integration', integrationId);
    if (integration.status === 'disconnected' || integration.status === 'connecting') {
      throw new ConflictError('This account is not connected, so it cannot sync.');
    }
    if (!repos.integrations.takeSyncLease(integrationId, owner, LEASE_MS)) {
      const holder = repos.integrations.syncLeaseOwner(integrationId);
      // A holder that crashed mid-sync wrote whole pages only: take over and continue after them.
      if (!holder || !isDeadLocalOwner(holder) || !repos.integrations.stealSyncLease(integrationId, holder, owner, LEASE_MS)) {
        throw new ConflictError('This account is already syncing in another window of the app.');
      }
    }
    let leaseRenewedAt = Date.now();
    const renewLease = () => {
      if (Date.now() - leaseRenewedAt < LEASE_RENEW_MS) return;
      leaseRenewedAt = Date.now();
      repos.integrations.takeSyncLease(integrationId, owner, LEASE_MS);
    };
    const logId = repos.syncLogs.start(integrationId, trigger);
    // One signal per run, aborted by stop(): the openai SDK leaves a listener on every signal it is
    // handed (one per request), so the engine-wide signal would collect them for the app's lifetime.
    const runAbort = new AbortController();
    // They are expected, and freed with the run: no leak warning for them.
    setMaxListeners(0, runAbort.signal);
    const forwardStop = () => runAbort.abort(controller.signal.reason);
    if (controller.signal.aborted) forwardStop();
    else controller.signal.addEventListener('abort', forwardStop, { once: true });
    let meter = { apiCalls: 0, quotaUnits: 0 };
    let totals: RunTotals | null = null;
    const notes: string[] = [];
    const progress = (phase: 'fetching' | 'saving' | 'done' | 'failed', done: number, total: number | null, message: string | null = null) => {
      renewLease();
      events.emit('sync:progress', { integrationId, phase, done, total, message });
    };
    const mode: FetchMode = trigger === 'older' ? 'older' : 'sync';
    try {
      progress('fetching', 0, null);
      const opened = await deps.sessions.open(integration, { signal: runAbort.signal, progress: (done, total) => progress('fetching', done, total) });
      meter = opened.meter;
      if (opened.client.destination && deps.destinations) {
        // A destination (Google Tasks) has no items to page through: its changes are pulled back.
        const now = clock.now();
        const nextSyncAt = new Date(now.getTime() + jitter(integration.syncFrequencyMinutes * 60_000, 0.1));
        const log = await deps.destinations.sync(integration, opened, { logId, notes, now, nextSyncAt });
        progress('done', 1, 1);
        return log;
      }
      const engine = await deps.engine();
      const settings = deps.settings.get();
      const now = clock.now();
      const context: GenerationContext = { now, timeZone: settings.timeZone, prepTaskHours: opened.session.settings.prepTaskHours ?? 24, selfAddresses: opened.session.selfAddresses, signal: runAbort.signal };
      const judge = createJudge({ engine, offline: deps.offline, context });
      const autoApproveSettings = { enabled: settings.autoApproveEnabled, threshold: settings.autoApproveThreshold };
      const personal = deps.personalThreshold?.(settings.autoApproveThreshold) ?? null;
      const work = createRun({
        repos,
        events,
        pool: deps.pool,
        judge,
        client: opened.client,
        session: opened.session,
        providerLabel: opened.definition.label,
        logId,
        autoApprove: { settings: autoApproveSettings, engine: engine.name, quality: quality(engine.name), personal, selfAddresses: opened.session.selfAddresses },
        timeZone: settings.timeZone,
        // The person's rules screen next to the prefilter: a "never" rule costs no engine work.
        rules: createRuleScreening(repos.rules.active(), opened.session.selfAddresses, calendarKeyOf(integration)),
        now,
        afterPage: renewLease,
        onTaskCreated: deps.onAutoApproved,
      });
      totals = work.totals;
      await work.run(integration.cursor, mode, source?.pushed ?? null);
      notes.push(...opened.notes, ...totals.notes);
      const check = deps.checkCosts.take(integrationId);
      if (check && check.checks > 0) notes.push(`${check.checks} change check(s) since the last sync cost ${check.apiCalls} call(s) and ${check.quotaUnits} quota unit(s).`);
      if (totals.judged > 0) notes.push(`Suggestions by ${engine.name}.`);
      if (totals.itemsWaiting > 0) notes.push(`${totals.itemsWaiting} item(s) wait for the model (${judge.modelDown() ?? 'it gave no usable answer'}); they are tried again on the next syncs.`);
      if (totals.judgedOffline > 0) notes.push(`${totals.judgedOffline} item(s) were judged offline after the model failed ${MAX_MODEL_ATTEMPTS} times.`);
      if (totals.threadUpdates > 0) notes.push(`${totals.threadUpdates} suggestion(s) updated by newer messages in their thread.`);
      if (totals.revised > 0) notes.push(`${totals.revised} pending suggestion(s) updated because their message was edited.`);
      if (totals.withdrawn > 0) notes.push(`${totals.withdrawn} pending suggestion(s) withdrawn because the source was cancelled, deleted or handled there.`);
      if (totals.pagesCommitted > 1) notes.push(`Saved in ${totals.pagesCommitted} pages, newest first.`);
      const log = finishRun(repos, {
        integrationId,
        logId,
        figures: { ...partialFigures(totals, meter), apiCalls: meter.apiCalls + (check?.apiCalls ?? 0), quotaUnits: meter.quotaUnits + (check?.quotaUnits ?? 0), error: null, notes },
        // "Load older" leaves the regular schedule as it was.
        nextSyncAt: mode === 'older' && integration.nextSyncAt ? new Date(integration.nextSyncAt) : new Date(now.getTime() + jitter(integration.syncFrequencyMinutes * 60_000, 0.1)),
        now,
      });
      progress('done', 1, 1);
      events.emit('suggestions:changed', { integrationId });
      const notification = syncNotification({ enabled: settings.notificationsEnabled, providerLabel: opened.definition.label, account: integration.accountEmail, added: totals.suggestionsGenerated, autoApproved: totals.autoApproved });
      if (notification) deps.notify(notification);
      return log;
    } catch (error) {
      progress('failed', 0, null, error instanceof AppError ? error.message : null);
      if (controller.signal.aborted) {
        // Stopped by quit: whole pages are saved, the next start continues after them. Not a failure of the account.
        return repos.syncLogs.finish(logId, { ...partialFigures(totals, meter), status: 'failed', error: `Stopped because the app was closing.${savedPages(totals) || ' It will sync again on the next start.'}`, notes });
      }
      return recordFailure(integrationId, logId, error, notes, meter, totals);
    } finally {
      controller.signal.removeEventListener('abort', forwardStop);
      repos.integrations.releaseSyncLease(integrationId, owner);
      events.emit('integrations:changed', { integrationId });
    }
  }

  return {
    /**
     * Syncs one integration; a second call while one runs joins the first (one run, one log row), so
     * callers with a `source` of their own check `isSyncing` first (the realtime coalescer does).
     */
    syncIntegration(integrationId: number, trigger: SyncTrigger = 'manual', source: SyncSource | null = null): Promise<SyncLogDto> {
      const existing = running.get(integrationId);
      if (existing) return existing;
      const promise = run(integrationId, trigger, source).finally(() => running.delete(integrationId));
      running.set(integrationId, promise);
      return promise;
    },
    /** "Load older": after any sync in flight, a run that reaches further back than the first sync did. */
    async loadOlder(integrationId: number): Promise<SyncLogDto> {
      await running.get(integrationId)?.catch(() => undefined);
      return this.syncIntegration(integrationId, 'older');
    },
    /** True while a sync of this integration runs in this process. */
    isSyncing: (integrationId: number) => running.has(integrationId),
    /** Resolves when no sync of this integration runs in this process (at once when none does). */
    async whenIdle(integrationId: number): Promise<void> {
      for (let current = running.get(integrationId); current; current = running.get(integrationId)) await current.catch(() => undefined);
    },
    /** Aborts fetches in flight and waits for every running sync to settle (their transactions are whole). */
    async stop(): Promise<void> {
      controller.abort(new ConflictError('The app is closing.'));
      await Promise.allSettled([...running.values()]);
    },
  };
}

/** The sync engine's type. */
export type SyncEngine = ReturnType<typeof createSyncEngine>;
