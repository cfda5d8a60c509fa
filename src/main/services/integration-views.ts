/** Maps integration records to the DTO the renderer sees (no cursor, no credentials). */
import type { IntegrationDto } from '../../shared/models';
import type { AccountRecord } from '../db/account-repository';
import type { IntegrationRecord } from '../db/integration-repository';
import type { Repositories } from '../db/repositories';
import type { RealtimeStatus } from '../providers/provider';

const EMPTY_STATS: IntegrationDto['stats'] = { suggestionsGenerated: 0, autoApproved: 0, pending: 0 };
const POLLING: RealtimeStatus = { mode: 'polling', note: null };

/** Whether an account's changes are pushed now (the realtime hub); polling when nobody says. */
export type RealtimeStatusOf = (integrationId: number) => RealtimeStatus;

/** The renderer's view of an integration. */
export function toIntegrationDto(record: IntegrationRecord, stats: IntegrationDto['stats'] = EMPTY_STATS, account: AccountRecord | null = null, realtime: RealtimeStatus = POLLING): IntegrationDto {
  return {
    id: record.id,
    provider: record.provider,
    account: account ? { id: account.id, label: account.label, colour: account.colour } : null,
    sharedSignIn: account !== null && !record.ownCredentials,
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

/** Every integration's DTO, with counts, account chips and how its changes arrive. */
export function listIntegrationDtos(repos: Pick<Repositories, 'integrations' | 'accounts'>, realtimeStatus: RealtimeStatusOf = () => POLLING): IntegrationDto[] {
  const stats = repos.integrations.stats();
  const accounts = new Map(repos.accounts.list().map((account) => [account.id, account]));
  return repos.integrations.list().map((record) => toIntegrationDto(record, stats.get(record.id), record.accountRef === null ? null : (accounts.get(record.accountRef) ?? null), realtimeStatus(record.id)));
}

/** One integration's DTO, or null when it does not exist. */
export function integrationDto(repos: Pick<Repositories, 'integrations' | 'accounts'>, id: number, realtimeStatus: RealtimeStatusOf = () => POLLING): IntegrationDto | null {
  const record = repos.integrations.get(id);
  if (!record) return null;
  return toIntegrationDto(record, repos.integrations.stats().get(id), record.accountRef === null ? null : repos.accounts.get(record.accountRef), realtimeStatus(id));
}
