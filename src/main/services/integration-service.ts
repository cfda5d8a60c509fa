/** Integrations as the dashboard sees them: list, provider catalogue, settings, connect, sync. */
import type { ChannelResult, ProviderInfoDto } from '../../shared/ipc-contract';
import type { IntegrationDto, IntegrationSettings, SyncLogDto } from '../../shared/models';
import type { TokenVault } from '../auth/token-vault';
import type { Repositories } from '../db/repositories';
import { ConflictError, NotFoundError } from '../errors';
import type { EventBus } from '../events';
import { missingCredentialsReason } from '../providers/credentials';
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
}

/** Creates the integration service. */
export function createIntegrationService(deps: IntegrationServiceDeps) {
  const { repos, events } = deps;
  const views = createIntegrationViews(repos, deps.registry);
  const dto = views.one;
  return {
    /** Every integration with its counts. */
    list: (): IntegrationDto[] => views.all(),
    /** Providers the dashboard offers, with a sentence when one cannot be connected yet. */
    providers(): ProviderInfoDto[] {
      return deps.registry.list().map((definition) => {
        const reason = missingCredentialsReason(definition, deps.settings.get(), deps.vault, deps.env);
        return { provider: definition.type, label: definition.label, kind: definition.kind, available: reason === null, unavailableReason: reason };
      });
    },
    /** Merges settings over the current ones. */
    updateSettings(id: number, patch: IntegrationSettings): IntegrationDto {
      const record = repos.integrations.get(id);
      if (!record) throw new NotFoundError('Integration', id);
      const frequencyChanged = patch.syncFrequencyMinutes !== undefined && patch.syncFrequencyMinutes !== record.syncFrequencyMinutes;
      repos.integrations.setSettings(id, { ...record.settings, syncFrequencyMinutes: record.syncFrequencyMinutes, autoGenerate: record.autoGenerate, ...patch });
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
