/**
 * Forward-only schema migrations: numbered SQL files, one transaction each, `PRAGMA user_version`
 * as the record of what ran. A database written by a newer app is refused untouched.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from './connection';

/** One numbered migration. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Thrown when the database was written by a newer version of the app. */
export class DatabaseTooNewError extends Error {
  constructor(
    readonly databaseVersion: number,
    readonly appVersion: number,
  ) {
    super(
      `This data was saved by a newer version of the app (schema ${databaseVersion}; this version knows up to ${appVersion}). ` +
        'Update the app to open it; nothing was changed.',
    );
    this.name = 'DatabaseTooNewError';
  }
}

const FILE_PATTERN = /^(\d{4})-([a-z0-9-]+)\.sql$/;

/** Parses migration files named `NNNN-name.sql` from their names and contents. */
export function parseMigrations(files: ReadonlyArray<{ fileName: string; sql: string }>): Migration[] {
  const migrations = files.map(({ fileName, sql }) => {
    const match = FILE_PATTERN.exec(fileName);
    if (!match) throw new Error(`Migration file name ${fileName} is not NNNN-name.sql`);
    return { version: Number(match[1]), name: match[2]!, sql };
  });
  migrations.sort((a, b) => a.version - b.version);
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(`Migrations must be numbered 1..n without gaps; found ${migration.version} at position ${index + 1}`);
    }
  });
  return migrations;
}

/** Reads every migration file from a folder. */
export function loadMigrations(folder: string): Migration[] {
  const fileNames = readdirSync(folder).filter((name) => name.endsWith('.sql'));
  return parseMigrations(fileNames.map((fileName) => ({ fileName, sql: readFileSync(join(folder, fileName), 'utf8') })));
}

/** Current schema version of a database. */
export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Runs the migrations the database has not seen yet, each in its own transaction together with its
 * user_version bump, so a crash leaves the schema at a whole version. Returns the versions applied.
 */
export function migrate(db: Db, migrations: readonly Migration[]): number[] {
  const latest = migrations.length === 0 ? 0 : migrations[migrations.length - 1]!.version;
  const current = schemaVersion(db);
  if (current > latest) throw new DatabaseTooNewError(current, latest);
  const applied: number[] = [];
  for (const migration of migrations) {
    if (migration.version <= current) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    }).immediate();
    applied.push(migration.version);
  }
  return applied;
}
