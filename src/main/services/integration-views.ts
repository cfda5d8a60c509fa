/** Maps integration records to the DTO the renderer sees (no cursor, no credentials). */
import type { IntegrationDto } from '../../shared/models';
import type { IntegrationRecord } from '../db/integration-repository';
import type { RealtimeStatus } from '../providers/provider';

const EMPTY_STATS: IntegrationDto['stats'] = { suggestionsGenerated: 0, autoApproved: 0, pending: 0 };

/** The renderer's view of an integration. */
export function toIntegrationDto(record: IntegrationRecord, stats: IntegrationDto['stats'] = EMPTY_STATS, realtime: RealtimeStatus = { mode: 'polling', note: null }): IntegrationDto {
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
    createdAt: record.createdAt,
    realtime: record.status === 'connected' ? realtime.mode : 'polling',
    realtimeNote: record.status === 'connected' ? realtime.note : null,
    realtimeNeedsReconnect: record.status === 'connected' && realtime.needsReconnect === true,
  };
}
