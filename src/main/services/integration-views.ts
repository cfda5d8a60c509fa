/** Maps integration records to the DTO the renderer sees (no cursor, no credentials). */
import type { IntegrationDto } from '../../shared/models';
import type { AccountRecord } from '../db/account-repository';
import type { IntegrationRecord } from '../db/integration-repository';
import type { Repositories } from '../db/repositories';

const EMPTY_STATS: IntegrationDto['stats'] = { suggestionsGenerated: 0, autoApproved: 0, pending: 0 };

/** The renderer's view of an integration. */
export function toIntegrationDto(record: IntegrationRecord, stats: IntegrationDto['stats'] = EMPTY_STATS, account: AccountRecord | null = null): IntegrationDto {
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
  };
}

/** Every integration's DTO, with counts and account chips. */
export function listIntegrationDtos(repos: Pick<Repositories, 'integrations' | 'accounts'>): IntegrationDto[] {
  const stats = repos.integrations.stats();
  const accounts = new Map(repos.accounts.list().map((account) => [account.id, account]));
  return repos.integrations.list().map((record) => toIntegrationDto(record, stats.get(record.id), record.accountRef === null ? null : (accounts.get(record.accountRef) ?? null)));
}

/** One integration's DTO, or null when it does not exist. */
export function integrationDto(repos: Pick<Repositories, 'integrations' | 'accounts'>, id: number): IntegrationDto | null {
  const record = repos.integrations.get(id);
  if (!record) return null;
  return toIntegrationDto(record, repos.integrations.stats().get(id), record.accountRef === null ? null : repos.accounts.get(record.accountRef));
}
