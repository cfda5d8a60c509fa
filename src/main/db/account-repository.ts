/**
 * SQL for `accounts`: one row per Google account with the token set its services share (sealed;
 * this module never sees plaintext), the scopes granted so far, and the colour and label the feed
 * shows for it.
 */
import type { AccountFamily } from '../../shared/models';
import type { Db } from './connection';
import { parseStringArray } from './json-columns';

/** An account row (everything except the sealed token set). */
export interface AccountRecord {
  id: number;
  family: AccountFamily;
  accountId: string;
  accountEmail: string | null;
  displayName: string | null;
  label: string;
  colour: string;
  grantedScopes: string[];
  createdAt: string;
}

interface AccountRow {
  id: number;
  family: string;
  account_id: string;
  account_email: string | null;
  display_name: string | null;
  label: string;
  colour: string;
  granted_scopes: string;
  created_at: string;
}

/** The colours accounts get, in order (distinct on light and dark themes; the label says the rest). */
export const ACCOUNT_COLOURS = ['#1a73e8', '#d93025', '#188038', '#e37400', '#9334e6', '#007b83', '#b06000', '#c5221f'] as const;

const COLUMNS = `id, family, account_id, account_email, display_name, label, colour, granted_scopes, created_at`;

function toRecord(row: AccountRow): AccountRecord {
  return {
    id: row.id,
    family: row.family as AccountFamily,
    accountId: row.account_id,
    accountEmail: row.account_email,
    displayName: row.display_name,
    label: row.label,
    colour: row.colour,
    grantedScopes: parseStringArray(row.granted_scopes),
    createdAt: row.created_at,
  };
}

/** Who the account is, as learned when a sign-in completes. */
export interface AccountIdentity {
  family: AccountFamily;
  accountId: string;
  accountEmail: string | null;
  displayName: string | null;
}

/** Repository over `accounts`. */
export function createAccountRepository(db: Db, now: () => Date) {
  const iso = () => now().toISOString();
  const statements = {
    insert: db.prepare(
      `INSERT INTO accounts (family, account_id, account_email, display_name, label, colour, created_at, updated_at)
       VALUES (@family, @accountId, @accountEmail, @displayName, @label, @colour, @at, @at)`,
    ),
    get: db.prepare(`SELECT ${COLUMNS} FROM accounts WHERE id = ?`),
    find: db.prepare(`SELECT ${COLUMNS} FROM accounts WHERE family = ? AND account_id = ?`),
    list: db.prepare(`SELECT ${COLUMNS} FROM accounts ORDER BY id`),
    colours: db.prepare(`SELECT colour FROM accounts`),
    identity: db.prepare(`UPDATE accounts SET account_email = ?, display_name = ?, updated_at = ? WHERE id = ?`),
    scopes: db.prepare(`UPDATE accounts SET granted_scopes = ?, updated_at = ? WHERE id = ?`),
    appearance: db.prepare(`UPDATE accounts SET label = ?, colour = ?, updated_at = ? WHERE id = ?`),
    setCredentials: db.prepare(`UPDATE accounts SET credentials_encrypted = ?, updated_at = ? WHERE id = ?`),
    getCredentials: db.prepare(`SELECT credentials_encrypted AS blob FROM accounts WHERE id = ?`),
    remove: db.prepare(`DELETE FROM accounts WHERE id = ?`),
  };
  const get = (id: number): AccountRecord | null => {
    const row = statements.get.get(id) as AccountRow | undefined;
    return row ? toRecord(row) : null;
  };
  return {
    get,
    /** Every account, oldest first. */
    list(): AccountRecord[] {
      return (statements.list.all() as AccountRow[]).map(toRecord);
    },
    /** The account with this provider identity, if known. */
    find(family: AccountFamily, accountId: string): AccountRecord | null {
      const row = statements.find.get(family, accountId) as AccountRow | undefined;
      return row ? toRecord(row) : null;
    },
    /** The account for an identity: found (its address refreshed) or created with the next free colour. */
    upsert(identity: AccountIdentity): AccountRecord {
      const existing = this.find(identity.family, identity.accountId);
      if (existing) {
        statements.identity.run(identity.accountEmail ?? existing.accountEmail, identity.displayName ?? existing.displayName, iso(), existing.id);
        return get(existing.id)!;
      }
      const used = new Set((statements.colours.all() as Array<{ colour: string }>).map((row) => row.colour));
      const colour = ACCOUNT_COLOURS.find((candidate) => !used.has(candidate)) ?? ACCOUNT_COLOURS[used.size % ACCOUNT_COLOURS.length]!;
      const label = (identity.accountEmail ?? identity.displayName ?? 'Google account').slice(0, 60);
      const result = statements.insert.run({ ...identity, label, colour, at: iso() });
      return get(Number(result.lastInsertRowid))!;
    },
    /** Records the scopes the account's token set carries. */
    setGrantedScopes(id: number, scopes: string[]): void {
      statements.scopes.run(JSON.stringify([...new Set(scopes)].sort()), iso(), id);
    },
    /** Sets the label and colour the feed shows. */
    setAppearance(id: number, label: string, colour: string): void {
      statements.appearance.run(label, colour, iso(), id);
    },
    /** Stores (or clears, with null) the sealed token set. */
    setSealedCredentials(id: number, blob: Buffer | null): void {
      statements.setCredentials.run(blob, iso(), id);
    },
    /** The sealed token set, or null. */
    getSealedCredentials(id: number): Buffer | null {
      return (statements.getCredentials.get(id) as { blob: Buffer | null } | undefined)?.blob ?? null;
    },
    /** Deletes an account (its integrations keep their rows, unlinked). */
    remove(id: number): void {
      statements.remove.run(id);
    },
  };
}

/** The account repository's type. */
export type AccountRepository = ReturnType<typeof createAccountRepository>;
