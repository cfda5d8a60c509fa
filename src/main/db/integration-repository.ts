/** SQL for the `integrations` table. Credentials are stored sealed; this module never sees plaintext. */
import type { ConnectionStatus, IntegrationDto, IntegrationSettings, ProviderType } from '../../shared/models';
import type { Db } from './connection';
import { parseJson, parseObject, parseStringArray } from './json-columns';

/** An integration row as main code uses it (everything except the sealed credentials). */
export interface IntegrationRecord {
  id: number;
  provider: ProviderType;
  status: ConnectionStatus;
  accountId: string | null;
  accountEmail: string | null;
  displayName: string | null;
  grantedScopes: string[];
  syncFrequencyMinutes: number;
  autoGenerate: boolean;
  settings: IntegrationSettings;
  cursor: unknown;
  lastSyncAt: string | null;
  nextSyncAt: string | null;
  lastError: string | null;
  createdAt: string;
  updatedAt: string;
  /** The account (shared sign-in, colour, label) this integration belongs to, or null. */
  accountRef: number | null;
  /** True when it holds a token set of its own (connections made one service at a time). */
  ownCredentials: boolean;
}

/** Where an integration's tokens live: its own row, or its account's. */
export type CredentialHome = { kind: 'own'; integrationId: number } | { kind: 'account'; accountId: number };

interface IntegrationRow {
  id: number;
  provider: string;
  status: string;
  account_id: string | null;
  account_email: string | null;
  display_name: string | null;
  granted_scopes: string;
  sync_frequency_minutes: number;
  auto_generate: number;
  settings: string;
  cursor: string | null;
  last_sync_at: string | null;
  next_sync_at: string | null;
  last_error: string | null;
  created_at: string;
  updated_at: string;
  account_ref: number | null;
  own_credentials: number;
}

interface StatsRow {
  integration_id: number;
  generated: number;
  auto_approved: number;
  pending: number;
}

const COLUMNS = `id, provider, status, account_id, account_email, display_name, granted_scopes,
  sync_frequency_minutes, auto_generate, settings, cursor, last_sync_at, next_sync_at, last_error, created_at, updated_at,
  account_ref, credentials_encrypted IS NOT NULL AS own_credentials`;

/** Connected integrations whose next sync is due (a connected integration always has next_sync_at). */
export const DUE_SQL = `SELECT ${COLUMNS} FROM integrations
  WHERE status = 'connected' AND next_sync_at <= ? ORDER BY next_sync_at`;

function toRecord(row: IntegrationRow): IntegrationRecord {
  return {
    id: row.id,
    provider: row.provider as ProviderType,
    status: row.status as ConnectionStatus,
    accountId: row.account_id,
    accountEmail: row.account_email,
    displayName: row.display_name,
    grantedScopes: parseStringArray(row.granted_scopes),
    syncFrequencyMinutes: row.sync_frequency_minutes,
    autoGenerate: row.auto_generate === 1,
    settings: parseObject(row.settings) as IntegrationSettings,
    cursor: parseJson(row.cursor),
    lastSyncAt: row.last_sync_at,
    nextSyncAt: row.next_sync_at,
    lastError: row.last_error,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    accountRef: row.account_ref,
    ownCredentials: row.own_credentials === 1,
  };
}

/** Fields of a new integration. */
export interface NewIntegration {
  provider: ProviderType;
  status: ConnectionStatus;
  settings?: IntegrationSettings;
  syncFrequencyMinutes?: number;
}

/** Account facts learned when a connection completes. */
export interface AccountFacts {
  accountId: string;
  accountEmail: string | null;
  displayName: string | null;
  grantedScopes: string[];
}

/** Repository over `integrations`; every statement is prepared once per connection. */
export function createIntegrationRepository(db: Db, now: () => Date) {
  const iso = () => now().toISOString();
  const statements = {
    insert: db.prepare(
      `INSERT INTO integrations (provider, status, settings, sync_frequency_minutes, created_at, updated_at)
       VALUES (@provider, @status, @settings, @frequency, @at, @at)`,
    ),
    get: db.prepare(`SELECT ${COLUMNS} FROM integrations WHERE id = ?`),
    list: db.prepare(`SELECT ${COLUMNS} FROM integrations ORDER BY id`),
    byAccount: db.prepare(`SELECT ${COLUMNS} FROM integrations WHERE provider = ? AND account_id = ?`),
    stats: db.prepare(
      `SELECT integration_id,
              COUNT(*) AS generated,
              SUM(status = 'auto_approved') AS auto_approved,
              SUM(status = 'pending_approval') AS pending
       FROM integration_tasks GROUP BY integration_id`,
    ),
    due: db.prepare(DUE_SQL),
    setStatus: db.prepare(`UPDATE integrations SET status = ?, last_error = ?, updated_at = ? WHERE id = ?`),
    setAccount: db.prepare(
      `UPDATE integrations SET account_id = @accountId, account_email = @accountEmail, display_name = @displayName,
       granted_scopes = @scopes, updated_at = @at WHERE id = @id`,
    ),
    setCredentials: db.prepare(`UPDATE integrations SET credentials_encrypted = ?, updated_at = ? WHERE id = ?`),
    getCredentials: db.prepare(`SELECT credentials_encrypted AS blob FROM integrations WHERE id = ?`),
    setSettings: db.prepare(
      `UPDATE integrations SET settings = @settings, sync_frequency_minutes = @frequency, auto_generate = @autoGenerate,
       updated_at = @at WHERE id = @id`,
    ),
    setCursor: db.prepare(`UPDATE integrations SET cursor = ?, updated_at = ? WHERE id = ?`),
    setSchedule: db.prepare(
      `UPDATE integrations SET last_sync_at = COALESCE(?, last_sync_at), next_sync_at = ?, updated_at = ? WHERE id = ?`,
    ),
    remove: db.prepare(`DELETE FROM integrations WHERE id = ?`),
    setAccountRef: db.prepare(`UPDATE integrations SET account_ref = ?, updated_at = ? WHERE id = ?`),
    byAccountRef: db.prepare(`SELECT ${COLUMNS} FROM integrations WHERE account_ref = ? ORDER BY id`),
    takeLease: db.prepare(
      `UPDATE integrations SET sync_lease_owner = @owner, sync_lease_until = @until
       WHERE id = @id AND (sync_lease_owner IS NULL OR sync_lease_owner = @owner OR sync_lease_until < @now)`,
    ),
    leaseOwner: db.prepare(`SELECT sync_lease_owner AS owner FROM integrations WHERE id = ? AND sync_lease_until >= ?`),
    stealLease: db.prepare(`UPDATE integrations SET sync_lease_owner = @owner, sync_lease_until = @until WHERE id = @id AND sync_lease_owner = @previous`),
    dropLease: db.prepare(`UPDATE integrations SET sync_lease_owner = NULL, sync_lease_until = NULL WHERE id = ? AND sync_lease_owner = ?`),
    failures: db.prepare(`SELECT consecutive_failures AS n FROM integrations WHERE id = ?`),
    setFailures: db.prepare(`UPDATE integrations SET consecutive_failures = ? WHERE id = ?`),
  };

  const get = (id: number): IntegrationRecord | null => {
    const row = statements.get.get(id) as IntegrationRow | undefined;
    return row ? toRecord(row) : null;
  };

  return {
    /** Creates an integration and returns it. */
    create(input: NewIntegration): IntegrationRecord {
      const result = statements.insert.run({
        provider: input.provider,
        status: input.status,
        settings: JSON.stringify(input.settings ?? {}),
        frequency: input.syncFrequencyMinutes ?? input.settings?.syncFrequencyMinutes ?? 15,
        at: iso(),
      });
      return get(Number(result.lastInsertRowid))!;
    },
    get,
    /** Every integration, oldest first. */
    list(): IntegrationRecord[] {
      return (statements.list.all() as IntegrationRow[]).map(toRecord);
    },
    /** The integration already holding this account, if any. */
    findByAccount(provider: ProviderType, accountId: string): IntegrationRecord | null {
      const row = statements.byAccount.get(provider, accountId) as IntegrationRow | undefined;
      return row ? toRecord(row) : null;
    },
    /** Connected integrations whose next sync time has come. */
    listDue(at: Date): IntegrationRecord[] {
      return (statements.due.all(at.toISOString()) as IntegrationRow[]).map(toRecord);
    },
    /** Suggestion counts per integration. */
    stats(): Map<number, Omit<IntegrationDto['stats'], 'waitingForModel'>> {
      const map = new Map<number, Omit<IntegrationDto['stats'], 'waitingForModel'>>();
      for (const row of statements.stats.all() as StatsRow[]) {
        map.set(row.integration_id, {
          suggestionsGenerated: row.generated,
          autoApproved: row.auto_approved ?? 0,
          pending: row.pending ?? 0,
        });
      }
      return map;
    },
    /** Sets the status and the error sentence shown to the person (null clears it). */
    setStatus(id: number, status: ConnectionStatus, lastError: string | null = null): void {
      statements.setStatus.run(status, lastError, iso(), id);
    },
    /** Records whose account this is and which scopes were granted. */
    setAccount(id: number, facts: AccountFacts): void {
      statements.setAccount.run({ ...facts, scopes: JSON.stringify(facts.grantedScopes), at: iso(), id });
    },
    /** Stores (or clears, with null) the sealed credential blob. */
    setSealedCredentials(id: number, blob: Buffer | null): void {
      statements.setCredentials.run(blob, iso(), id);
    },
    /** The sealed credential blob, or null. */
    getSealedCredentials(id: number): Buffer | null {
      const row = statements.getCredentials.get(id) as { blob: Buffer | null } | undefined;
      return row?.blob ?? null;
    },
    /** Replaces the settings (frequency and auto-generate also live in their own columns). */
    setSettings(id: number, settings: IntegrationSettings): void {
      statements.setSettings.run({
        id,
        settings: JSON.stringify(settings),
        frequency: settings.syncFrequencyMinutes ?? 15,
        autoGenerate: settings.autoGenerate === false ? 0 : 1,
        at: iso(),
      });
    },
    /** Stores the provider cursor (historyId, syncToken, Slack ts...). */
    setCursor(id: number, cursor: unknown): void {
      statements.setCursor.run(cursor === null || cursor === undefined ? null : JSON.stringify(cursor), iso(), id);
    },
    /** Records when the last sync finished (null keeps it) and when the next is due. */
    setSchedule(id: number, lastSyncAt: string | null, nextSyncAt: string | null): void {
      statements.setSchedule.run(lastSyncAt, nextSyncAt, iso(), id);
    },
    /**
     * Takes the sync lease for `ttlMs` unless another owner holds an unexpired one. Returns whether
     * we hold it. The UPDATE is atomic, so two processes cannot both win.
     */
    takeSyncLease(id: number, owner: string, ttlMs: number): boolean {
      const at = now();
      return statements.takeLease.run({ id, owner, now: at.toISOString(), until: new Date(at.getTime() + ttlMs).toISOString() }).changes === 1;
    },
    /** Who holds an unexpired lease, or null. */
    syncLeaseOwner(id: number): string | null {
      return (statements.leaseOwner.get(id, now().toISOString()) as { owner: string | null } | undefined)?.owner ?? null;
    },
    /** Takes over a lease from a holder known to be dead; false when the holder changed meanwhile. */
    stealSyncLease(id: number, previous: string, owner: string, ttlMs: number): boolean {
      return statements.stealLease.run({ id, previous, owner, until: new Date(now().getTime() + ttlMs).toISOString() }).changes === 1;
    },
    /** Releases our lease (a lease held by someone else is left alone). */
    releaseSyncLease(id: number, owner: string): void {
      statements.dropLease.run(id, owner);
    },
    /** Failures in a row since the last successful sync. */
    consecutiveFailures(id: number): number {
      return (statements.failures.get(id) as { n: number } | undefined)?.n ?? 0;
    },
    /** Sets the failure count (0 after a success). */
    setConsecutiveFailures(id: number, count: number): void {
      statements.setFailures.run(count, id);
    },
    /** Links an integration to its account (or unlinks it, with null). */
    setAccountRef(id: number, accountRef: number | null): void {
      statements.setAccountRef.run(accountRef, iso(), id);
    },
    /** The integrations of an account, oldest first. */
    listByAccount(accountRef: number): IntegrationRecord[] {
      return (statements.byAccountRef.all(accountRef) as IntegrationRow[]).map(toRecord);
    },
    /** Where the tokens of an integration live: its own token set wins; else its account's. */
    credentialHome(id: number): CredentialHome {
      const record = get(id);
      if (record && !record.ownCredentials && record.accountRef !== null) return { kind: 'account', accountId: record.accountRef };
      return { kind: 'own', integrationId: id };
    },
    /** Deletes an integration and (by cascade) its suggestions, logs and outbox rows. */
    remove(id: number): void {
      statements.remove.run(id);
    },
  };
}

/** The integration repository's type. */
export type IntegrationRepository = ReturnType<typeof createIntegrationRepository>;
