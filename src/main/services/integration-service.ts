/** Integrations as the dashboard sees them: list, provider catalogue, settings; connect and sync delegate. */
import type { ChannelInput, ChannelResult, ProviderInfoDto } from '../../shared/ipc-contract';
import type { IntegrationDto, IntegrationSettings } from '../../shared/models';
import type { Repositories } from '../db/repositories';
import type { TokenVault } from '../auth/token-vault';
import { NotConfiguredError, NotFoundError } from '../errors';
import type { EventBus } from '../events';
import type { Logger } from '../logging/logger';
import type { PlatformServices } from '../platform-services';
import type { SettingsStore } from '../settings/settings-store';
import { toIntegrationDto } from './integration-views';

/** Collaborators of the integration service. */
export interface IntegrationServiceDeps {
  repos: Repositories;
  vault: TokenVault;
  settings: SettingsStore;
  events: EventBus;
  logger: Logger;
  platform: PlatformServices;
}

/** Creates the integration service. */
export function createIntegrationService(deps: IntegrationServiceDeps) {
  const { repos, events } = deps;
  const dto = (id: number): IntegrationDto => {
    const record = repos.integrations.get(id);
    if (!record) throw new NotFoundError('Integration', id);
    return toIntegrationDto(record, repos.integrations.stats().get(id));
  };
  return {
    /** Every integration with its counts. */
    list(): IntegrationDto[] {
      const stats = repos.integrations.stats();
      return repos.integrations.list().map((record) => toIntegrationDto(record, stats.get(record.id)));
    },
    /** Providers the dashboard offers. */
    providers(): ProviderInfoDto[] {
      return [];
    },
    /** Replaces an integration's settings (merged over the current ones). */
    updateSettings(id: number, patch: IntegrationSettings): IntegrationDto {
      const record = repos.integrations.get(id);
      if (!record) throw new NotFoundError('Integration', id);
      repos.integrations.setSettings(id, { ...record.settings, syncFrequencyMinutes: record.syncFrequencyMinutes, autoGenerate: record.autoGenerate, ...patch });
      events.emit('integrations:changed', { integrationId: id });
      return dto(id);
    },
    async connect(_input: ChannelInput<'integrations:connect'>): Promise<ChannelResult<'integrations:connect'>> {
      throw new NotConfiguredError('Connecting accounts is not available yet.');
    },
    cancelConnect(id: number): IntegrationDto {
      return dto(id);
    },
    async disconnect(id: number): Promise<IntegrationDto> {
      return dto(id);
    },
    async syncNow(_id: number): Promise<ChannelResult<'integrations:sync'>> {
      throw new NotConfiguredError('Sync is not available yet.');
    },
  };
}

/** The integration service's type. */
export type IntegrationService = ReturnType<typeof createIntegrationService>;
