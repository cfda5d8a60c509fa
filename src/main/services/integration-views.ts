/** Maps integration records to the DTO the renderer sees (no cursor, no credentials), with their counts. */
import type { IntegrationDto } from '../../shared/models';
import type { AccountRecord } from '../db/account-repository';
import type { IntegrationRecord } from '../db/integration-repository';
import type { Repositories } from '../db/repositories';
import { NotFoundError } from '../errors';
import type { ProviderRegistry } from '../providers/registry';
import type { RealtimeStatus } from '../providers/provider';

const EMPTY_STATS: IntegrationDto['stats'] = { suggestionsGenerated: 0, autoApproved: 0, pending: 0, waitingForModel: 0 };
const POLLING: RealtimeStatus = { mode: 'polling', note: null };

/** Whether an account's changes are pushed now (the realtime hub); polling when nobody says. */
export type RealtimeStatusOf = (integrationId: number) => RealtimeStatus;

/** What a DTO shows besides its record: its sign-in's account, push status, and whether "Load older" is offered. */
export interface IntegrationViewExtras {
  account?: AccountRecord | null;
  realtime?: RealtimeStatus;
  /** True when its provider can reach further back than the first sync. */
  canLoadOlder?: boolean;
}

/** The renderer's view of an integration. */
export function toIntegrationDto(record: IntegrationRecord, stats: IntegrationDto['stats'] = EMPTY_STATS, extras: IntegrationViewExtras = {}): IntegrationDto {
  const account = extras.account ?? null;
  const realtime = extras.realtime ?? POLLING;
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
    canLoadOlder: extras.canLoadOlder === true && record.status === 'connected',
    createdAt: record.createdAt,
    realtime: record.status === 'connected' ? realtime.mode : 'polling',
    realtimeNote: record.status === 'connected' ? realtime.note : null,
    realtimeNeedsReconnect: record.status === 'connected' && realtime.needsReconnect === true,
  };
}

/**
 * Builds DTOs with their suggestion counts, items waiting for the model, account chips, push status
 * and "Load older" availability.
 */
export function createIntegrationViews(
  repos: Pick<Repositories, 'integrations' | 'accounts' | 'waits'>,
  registry: ProviderRegistry,
  // A connection in progress has no push channel yet: it polls until the realtime hub says otherwise.
  realtimeStatus: RealtimeStatusOf = () => POLLING,
) {
  const view = (record: IntegrationRecord, stats: ReturnType<typeof repos.integrations.stats>, waiting: Map<number, number>, account: AccountRecord | null): IntegrationDto => {
    const counts = stats.get(record.id) ?? EMPTY_STATS;
    return toIntegrationDto(record, { ...counts, waitingForModel: waiting.get(record.id) ?? 0 }, {
      account,
      realtime: realtimeStatus(record.id),
      canLoadOlder: registry.get(record.provider)?.loadsOlder === true,
    });
  };
  return {
    /** One integration, or NotFoundError. */
    one(id: number): IntegrationDto {
      const record = repos.integrations.get(id);
      if (!record) throw new NotFoundError('Integration', id);
      return view(record, repos.integrations.stats(), repos.waits.counts(), record.accountRef === null ? null : repos.accounts.get(record.accountRef));
    },
    /** Every integration. */
    all(): IntegrationDto[] {
      const stats = repos.integrations.stats();
      const waiting = repos.waits.counts();
      const accounts = new Map(repos.accounts.list().map((account) => [account.id, account]));
      return repos.integrations.list().map((record) => view(record, stats, waiting, record.accountRef === null ? null : (accounts.get(record.accountRef) ?? null)));
    },
  };
}
