/** Maps integration records to the DTO the renderer sees (no cursor, no credentials). */
import type { IntegrationDto } from '../../shared/models';
import type { IntegrationRecord } from '../db/integration-repository';

const EMPTY_STATS: IntegrationDto['stats'] = { suggestionsGenerated: 0, autoApproved: 0, pending: 0 };

/** The renderer's view of an integration. */
export function toIntegrationDto(record: IntegrationRecord, stats: IntegrationDto['stats'] = EMPTY_STATS): IntegrationDto {
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
  };
}
