/** Maps integration records to the DTO the renderer sees (no cursor, no credentials), with their counts. */
import type { IntegrationDto } from '../../shared/models';
import type { IntegrationRecord } from '../db/integration-repository';
import type { Repositories } from '../db/repositories';
import { NotFoundError } from '../errors';
import type { ProviderRegistry } from '../providers/registry';
import type { RealtimeStatus } from '../providers/provider';

const EMPTY_STATS: IntegrationDto['stats'] = { suggestionsGenerated: 0, autoApproved: 0, pending: 0, waitingForModel: 0 };

/** The renderer's view of an integration; `canLoadOlder` when its provider can reach further back. */
export function toIntegrationDto(
  record: IntegrationRecord,
  stats: IntegrationDto['stats'] = EMPTY_STATS,
  realtime: RealtimeStatus = { mode: 'polling', note: null },
  canLoadOlder = false,
): IntegrationDto {
  return {
    id: record.id,
    provider: record.provider,
    status: record.status,
    accountEmail: record.accountEmail,
    displayName: record.displayName,
    grantedScopes: record.grantedScopes,
    lastSyncAt: record.lastSyncAt,
    nextSyncAt: record.nextSyncAt,
    lastError: record.lastError,
    settings: { ...record.settings, syncFrequencyMinutes: record.syncFrequencyMinutes, autoGenerate: record.autoGenerate },
    stats,
    canLoadOlder: canLoadOlder && record.status === 'connected',
    createdAt: record.createdAt,
    realtime: record.status === 'connected' ? realtime.mode : 'polling',
    realtimeNote: record.status === 'connected' ? realtime.note : null,
    realtimeNeedsReconnect: record.status === 'connected' && realtime.needsReconnect === true,
  };
}

/** Builds DTOs with their suggestion counts, items waiting for the model, push status and "Load older" availability. */
export function createIntegrationViews(
  repos: Repositories,
  registry: ProviderRegistry,
  // A connection in progress has no push channel yet: it polls until the realtime hub says otherwise.
  realtimeStatus: (integrationId: number) => RealtimeStatus = () => ({ mode: 'polling', note: null }),
) {
  const view = (record: IntegrationRecord, stats: ReturnType<typeof repos.integrations.stats>, waiting: Map<number, number>): IntegrationDto => {
    const counts = stats.get(record.id) ?? EMPTY_STATS;
    return toIntegrationDto(record, { ...counts, waitingForModel: waiting.get(record.id) ?? 0 }, realtimeStatus(record.id), registry.get(record.provider)?.loadsOlder === true);
  };
  return {
    /** One integration, or NotFoundError. */
    one(id: number): IntegrationDto {
      const record = repos.integrations.get(id);
      if (!record) throw new NotFoundError('Integration', id);
      return view(record, repos.integrations.stats(), repos.waits.counts());
    },
    /** Every integration. */
    all(): IntegrationDto[] {
      const stats = repos.integrations.stats();
      const waiting = repos.waits.counts();
      return repos.integrations.list().map((record) => view(record, stats, waiting));
    },
  };
}
