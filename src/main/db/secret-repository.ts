/** SQL for `app_secrets`: sealed blobs by name. Sealing and opening happen in the vault, not here. */
import type { Db } from './connection';

/** Repository over `app_secrets`. */
export function createSecretRepository(db: Db, now: () => Date) {
  const statements = {
    put: db.prepare(
      `INSERT INTO app_secrets (name, ciphertext, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (name) DO UPDATE SET ciphertext = excluded.ciphertext, updated_at = excluded.updated_at`,
    ),
    get: db.prepare(`SELECT ciphertext FROM app_secrets WHERE name = ?`),
    remove: db.prepare(`DELETE FROM app_secrets WHERE name = ?`),
    names: db.prepare(`SELECT name FROM app_secrets`),
  };
  return {
    /** Stores a sealed blob under a name. */
    put(name: string, blob: Buffer): void {
      statements.put.run(name, blob, now().toISOString());
    },
    /** The sealed blob, or null. */
    get(name: string): Buffer | null {
      const row = statements.get.get(name) as { ciphertext: Buffer } | undefined;
      return row?.ciphertext ?? null;
    },
    /** Deletes a blob; true when one existed. */
    remove(name: string): boolean {
      return statements.remove.run(name).changes === 1;
    },
    /** Names of the stored secrets. */
    names(): string[] {
      return (statements.names.all() as Array<{ name: string }>).map((row) => row.name);
    },
  };
}

/** The secret repository's type. */
export type SecretRepository = ReturnType<typeof createSecretRepository>;
