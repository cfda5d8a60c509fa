/**
 * "Try it with sample data": connects each file provider's bundled sample (a realistic mailbox and
 * calendar in the resources folder), waits for their first syncs, and marks the first run as done.
 */
import { join } from 'node:path';
import { ConflictError } from '../errors';
import type { ProviderRegistry } from '../providers/registry';
import type { SettingsStore } from '../settings/settings-store';
import type { SyncEngine } from '../sync/sync-engine';
import type { ConnectionService } from './connection-service';

/** Collaborators of the sample service. */
export interface SampleServiceDeps {
  registry: ProviderRegistry;
  connections: Pick<ConnectionService, 'connect'>;
  sync: Pick<SyncEngine, 'syncIntegration'>;
  settings: SettingsStore;
  resourcesDir: string;
}

/** Creates the sample service. */
export function createSampleService(deps: SampleServiceDeps) {
  return {
    /** Connects the samples (again: the same file maps to the same integration) and returns after their syncs. */
    async connectSamples(): Promise<{ integrationIds: number[]; suggestionsGenerated: number }> {
      const definitions = deps.registry.list().filter((definition) => definition.kind === 'file' && definition.sample);
      if (definitions.length === 0) throw new ConflictError('This version of the app has no sample data.');
      const integrationIds: number[] = [];
      for (const definition of definitions) {
        const { integrationId } = await deps.connections.connect({ provider: definition.type, options: { path: join(deps.resourcesDir, definition.sample!) } });
        integrationIds.push(integrationId);
      }
      // Connecting started each first sync; these calls join them rather than start new ones.
      const logs = await Promise.all(integrationIds.map((id) => deps.sync.syncIntegration(id, 'connect')));
      deps.settings.update({ firstRunDismissed: true });
      return { integrationIds, suggestionsGenerated: logs.reduce((sum, log) => sum + log.suggestionsGenerated, 0) };
    },
  };
}

/** The sample service's type. */
export type SampleService = ReturnType<typeof createSampleService>;
