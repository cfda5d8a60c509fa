/** Integrations as the dashboard sees them: list, provider catalogue, settings, connect, sync. */
import type { ChannelResult, ProviderInfoDto } from '../../shared/ipc-contract';
import type { IntegrationDto, IntegrationSettings, SyncLogDto } from '../../shared/models';
import type { TokenVault } from '../auth/token-vault';
import type { Repositories } from '../db/repositories';
import type { AccountFacts } from '../db/integration-repository';
import { AppError, ConflictError, NotFoundError } from '../errors';
import type { EventBus } from '../events';
import { missingCredentialsReason } from '../providers/credentials';
import type { RealtimeStatus } from '../providers/provider';
import type { ProviderRegistry } from '../providers/registry';
import type { SettingsStore } from '../settings/settings-store';
import type { SyncEngine } from '../sync/sync-engine';
import { createIntegrationViews } from './integration-views';

/** Collaborators of the integration service. */
export interface IntegrationServiceDeps {
  repos: Repositories;
  registry: ProviderRegistry;
  vault: TokenVault;
  settings: SettingsStore;
  events: EventBus;
  env: Readonly<Record<string, string | undefined>>;
  sync: SyncEngine;
  /** Whether an account's changes are pushed now (the realtime hub), for the card. */
  realtimeStatus(integrationId: number): RealtimeStatus;
}

/** Creates the integration service. */
export function createIntegrationService(deps: IntegrationServiceDeps) {
  const { repos, events } = deps;
  const views = createIntegrationViews(repos, deps.registry, deps.realtimeStatus);
  const dto = views.one;
  return {
    /** Every integration with its counts. */
    list: (): IntegrationDto[] => views.all(),
    /** Providers the dashboard offers, with a sentence when one cannot be connected yet. */
    providers(): ProviderInfoDto[] {
      // Services offered only through their account's sign-in (Google Tasks) have no card of their own.
      return deps.registry.list().filter((definition) => definition.standalone !== false).map((definition) => {
        const reason = missingCredentialsReason(definition, deps.settings.get(), deps.vault, deps.env);
        return { provider: definition.type, label: definition.label, kind: definition.kind, available: reason === null, unavailableReason: reason };
      });
    },
    /**
     * Merges settings over the current ones. A changed `path` goes through the same checks as connecting
     * (it exists, is a file of the right kind, is not a pipe or device) and becomes the account shown.
     */
    async updateSettings(id: number, patch: IntegrationSettings): Promise<IntegrationDto> {
      const record = repos.integrations.get(id);
      if (!record) throw new NotFoundError('Integration', id);
      let account: AccountFacts | null = null;
      // An unchanged path was checked when it was set; the form sends it back with every save.
      if (patch.path !== undefined && patch.path !== record.settings.path) {
        const definition = deps.registry.get(record.provider);
        if (definition?.kind !== 'file' || !definition.inspectPath) throw new AppError('invalid_input', `${definition?.label ?? record.provider} reads no local file, so it has no path to set.`);
        account = await definition.inspectPath(patch.path);
        const other = repos.integrations.findByAccount(record.provider, account.accountId);
        if (other && other.id !== id) throw new ConflictError(`${definition.label} already reads ${account.accountId} in another integration.`);
      }
      const frequencyChanged = patch.syncFrequencyMinutes !== undefined && patch.syncFrequencyMinutes !== record.syncFrequencyMinutes;
      const merged = { ...record.settings, syncFrequencyMinutes: record.syncFrequencyMinutes, autoGenerate: record.autoGenerate, ...patch };
      // Push needs both halves: where Gmail publishes, and where the app reads.
      if (Boolean(merged.pushTopic) !== Boolean(merged.pushSubscription)) {
        throw new AppError('invalid_input', 'Set both the Pub/Sub topic and the subscription, or clear both to turn push off.');
      }
      repos.db.transaction(() => {
        repos.integrations.setSettings(id, merged);
        if (account) repos.integrations.setAccount(id, account);
      })();
      if (frequencyChanged && record.status === 'connected' && record.lastSyncAt) {
        // A new frequency applies from the last sync, not from the old plan.
        const next = new Date(Date.parse(record.lastSyncAt) + patch.syncFrequencyMinutes! * 60_000);
        repos.integrations.setSchedule(id, null, next.toISOString());
      }
      events.emit('integrations:changed', { integrationId: id });
      return dto(id);
    },
    /** Activity's sync log rows, oldest first, for one integration or all. */
    syncLogs: (integrationId: number | undefined, limit: number): SyncLogDto[] => repos.syncLogs.list(integrationId, limit),
    /** "Sync now": runs (or joins) a sync and returns its log row. */
    syncNow: (id: number): Promise<ChannelResult<'integrations:sync'>> => deps.sync.syncIntegration(id, 'manual'),
    /** "Load older": reads further back than the first sync did, page by page; returns that run's log row. */
    loadOlder(id: number): Promise<ChannelResult<'integrations:load-older'>> {
      const record = repos.integrations.get(id);
      if (!record) throw new NotFoundError('Integration', id);
      if (deps.registry.get(record.provider)?.loadsOlder !== true) throw new ConflictError(`${deps.registry.get(record.provider)?.label ?? 'This account'} cannot load older items.`);
      return deps.sync.loadOlder(id);
    },
  };
}

/** The integration service's type. */
export type IntegrationService = ReturnType<typeof createIntegrationService>;
