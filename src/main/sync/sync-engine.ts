/**
 * The seed's ProviderSyncEngine: one sync of one integration at a time (in this process and across
 * app instances), fetch from the cursor, pre-filter, generate, then one transaction. Failures are
 * recorded with a sentence the person understands and the integration's status says what to do.
 */
import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { hostname } from 'node:os';
import type { SyncLogDto, TaskDto } from '../../shared/models';
import type { PersonalThreshold } from '../ai/auto-approve-policy';
import { createQualityLookup, type QualityLookup } from '../ai/quality';
import { isFailure, type GeneratedSuggestion, type SuggestionEngine } from '../ai/types';
import type { Clock } from '../clock';
import type { Repositories } from '../db/repositories';
import { AppError, AuthExpiredError, ConflictError, NotFoundError, ProviderError } from '../errors';
import type { EventBus } from '../events';
import type { Logger } from '../logging/logger';
import type { AppNotification } from '../platform-services';
import type { FilteredItem, QuarantinedItem } from '../providers/provider';
import type { ProviderItem } from '../items/provider-item';
import type { SettingsStore } from '../settings/settings-store';
import { jitter } from '../lib/backoff';
import { retryDelayMs } from './backoff-policy';
import type { CheckCostLedger } from './check-costs';
import { reconnectNotification, syncNotification } from './notification-policy';
import type { SessionFactory } from './provider-sessions';
import { calendarKeyOf, createRuleScreening } from './rule-screening';
import { writeSyncOutcome } from './sync-writer';
import type { TaskMirrorSync } from './task-mirror-sync';

/** Collaborators of the sync engine. */
export interface SyncEngineDeps {
  repos: Repositories;
  sessions: SessionFactory;
  settings: SettingsStore;
  /** The engine to use now (LLM or offline, per Settings). */
  engine: () => Promise<SuggestionEngine>;
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

/** Why a sync was started, shown in Activity ('push': a realtime event; 'catch-up': after the push channel was away). */
export type SyncTrigger = 'manual' | 'schedule' | 'change' | 'connect' | 'resume' | 'push' | 'catch-up';

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
const GENERATE_CHUNK = 25;


/** Creates the sync engine. */
export function createSyncEngine(deps: SyncEngineDeps) {
  const { repos, events, clock } = deps;
  const owner = leaseOwnerId();
  const running = new Map<number, Promise<SyncLogDto>>();
  const controller = new AbortController();
  const quality = deps.quality ?? createQualityLookup();

  async function generate(items: ProviderItem[], integrationId: number, prepTaskHours: number, selfAddresses: string[], signal: AbortSignal) {
    const engine = await deps.engine();
    const verdicts: Array<{ item: ProviderItem; verdict: GeneratedSuggestion }> = [];
    const failures: QuarantinedItem[] = [];
    let tokens = 0;
    for (let start = 0; start < items.length; start += GENERATE_CHUNK) {
      const chunk = items.slice(start, start + GENERATE_CHUNK);
      const context = { now: clock.now(), timeZone: deps.settings.get().timeZone, prepTaskHours, selfAddresses, signal };
      const { results, usage } = await engine.generate(chunk, context);
      tokens += usage.promptTokens + usage.completionTokens;
      for (const item of chunk) {
        const entry = results.get(item.id);
        if (!entry || isFailure(entry)) failures.push({ itemId: item.id, itemType: item.type, reason: `No usable suggestion: ${entry ? entry.error : 'the engine skipped it'}` });
        else verdicts.push({ item, verdict: entry });
      }
      events.emit('sync:progress', { integrationId, phase: 'generating', done: Math.min(items.length, start + chunk.length), total: items.length, message: null });
      // Give the event loop (IPC, timers) a turn between chunks.
      await new Promise((resolve) => setImmediate(resolve));
    }
    return { verdicts, failures, tokens, model: engine.name };
  }

  function recordFailure(integrationId: number, logId: number, error: unknown, notes: string[], meter: { apiCalls: number; quotaUnits: number }): SyncLogDto {
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
    return repos.syncLogs.finish(logId, { status: 'failed', itemsFetched: 0, itemsQuarantined: 0, suggestionsGenerated: 0, autoApproved: 0, apiCalls: meter.apiCalls, quotaUnits: meter.quotaUnits, llmTokens: 0, error: message, notes });
  }

  async function run(integrationId: number, trigger: SyncTrigger, source: SyncSource | null): Promise<SyncLogDto> {
    const integration = repos.integrations.get(integrationId);
    if (!integration) throw new NotFoundError('Integration', integrationId);
    if (integration.status === 'disconnected' || integration.status === 'connecting') {
      throw new ConflictError('This account is not connected, so it cannot sync.');
    }
    if (!repos.integrations.takeSyncLease(integrationId, owner, LEASE_MS)) {
      const holder = repos.integrations.syncLeaseOwner(integrationId);
      // A holder that crashed mid-sync wrote nothing (its transaction never committed): take over.
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
    const notes: string[] = [];
    const progress = (phase: 'fetching' | 'saving' | 'done' | 'failed', done: number, total: number | null, message: string | null = null) => {
      renewLease();
      events.emit('sync:progress', { integrationId, phase, done, total, message });
    };
    try {
      progress('fetching', 0, null);
      const opened = await deps.sessions.open(integration, { signal: runAbort.signal, progress: (done, total) => progress('fetching', done, total) });
      meter = opened.meter;
      if (opened.client.destination && deps.destinations) {
        const now = clock.now();
        const nextSyncAt = new Date(now.getTime() + jitter(integration.syncFrequencyMinutes * 60_000, 0.1));
        const log = await deps.destinations.sync(integration, opened, { logId, notes, now, nextSyncAt });
        progress('done', 1, 1);
        return log;
      }
      const fetched = source && opened.client.fetchPushed
        ? await opened.client.fetchPushed(source.pushed, integration.cursor, opened.session)
        : await opened.client.fetchChanges(integration.cursor, opened.session);
      notes.push(...opened.notes);
      const filtered: FilteredItem[] = [...fetched.filtered];
      const candidates: ProviderItem[] = [];
      const seenInRun = new Set<string>();
      // The person's rules screen next to the prefilter: a "never" rule costs no engine work.
      const rules = createRuleScreening(repos.rules.active(), opened.session.selfAddresses, calendarKeyOf(integration));
      const screen = (item: ProviderItem) => (opened.session.settings.autoGenerate === false ? 'suggestions are turned off for this account' : rules.reason(item));
      for (const item of fetched.items) {
        if (seenInRun.has(item.id) || repos.providerItems.isKnown(integrationId, item.id)) continue;
        seenInRun.add(item.id);
        const reason = screen(item);
        if (reason) filtered.push({ itemId: item.id, itemType: item.type, threadKey: item.threadKey, reason });
        else candidates.push(item);
      }
      // Changed items are judged again while their suggestion is pending (or was never made).
      const revisedIds = new Set<string>();
      const withdrawn = [...fetched.withdrawn];
      for (const item of fetched.revised ?? []) {
        const pending = repos.suggestions.pendingIdFor(integrationId, item.id) !== null;
        if (seenInRun.has(item.id) || (!pending && repos.suggestions.hasSuggestionFor(integrationId, item.id))) continue;
        seenInRun.add(item.id);
        revisedIds.add(item.id);
        if (screen(item)) withdrawn.push(item.id);
        else candidates.push(item);
      }
      const generated = await generate(candidates, integrationId, opened.session.settings.prepTaskHours ?? 24, opened.session.selfAddresses, runAbort.signal);
      const check = deps.checkCosts.take(integrationId);
      if (check && check.checks > 0) notes.push(`${check.checks} change check(s) since the last sync cost ${check.apiCalls} call(s) and ${check.quotaUnits} quota unit(s).`);
      progress('saving', 0, null);
      const settings = deps.settings.get();
      const now = clock.now();
      const autoApproveSettings = { enabled: settings.autoApproveEnabled, threshold: settings.autoApproveThreshold };
      const personal = deps.personalThreshold?.(settings.autoApproveThreshold) ?? null;
      const { result, log } = writeSyncOutcome(repos, {
        integration,
        logId,
        fetched: { ...fetched, withdrawn },
        filtered,
        verdicts: rules.apply(generated.verdicts),
        revisedIds,
        failures: generated.failures,
        ruleHits: rules.hits(),
        autoApprove: { settings: autoApproveSettings, engine: generated.model, quality: quality(generated.model), personal, selfAddresses: opened.session.selfAddresses },
        figures: {
          itemsFetched: fetched.items.length + fetched.filtered.length + fetched.quarantined.length,
          apiCalls: meter.apiCalls + (check?.apiCalls ?? 0),
          quotaUnits: meter.quotaUnits + (check?.quotaUnits ?? 0),
          llmTokens: generated.tokens,
          error: null,
          notes: candidates.length > 0 ? [...notes, `Suggestions by ${generated.model}.`] : notes,
        },
        nextSyncAt: new Date(now.getTime() + jitter(integration.syncFrequencyMinutes * 60_000, 0.1)),
        now,
        onTaskCreated: deps.onAutoApproved,
      });
      progress('done', 1, 1);
      events.emit('suggestions:changed', { integrationId });
      if (result.autoApproved > 0) events.emit('tasks:changed', { taskId: null });
      const notification = syncNotification({ enabled: settings.notificationsEnabled, providerLabel: opened.definition.label, account: integration.accountEmail, added: result.suggestionsGenerated, autoApproved: result.autoApproved });
      if (notification) deps.notify(notification);
      return log;
    } catch (error) {
      progress('failed', 0, null, error instanceof AppError ? error.message : null);
      if (controller.signal.aborted) {
        // Stopped by quit: nothing was written, the next start simply syncs again. Not a failure of the account.
        return repos.syncLogs.finish(logId, { status: 'failed', itemsFetched: 0, itemsQuarantined: 0, suggestionsGenerated: 0, autoApproved: 0, apiCalls: meter.apiCalls, quotaUnits: meter.quotaUnits, llmTokens: 0, error: 'Stopped because the app was closing; it will sync again on the next start.', notes });
      }
      return recordFailure(integrationId, logId, error, notes, meter);
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
