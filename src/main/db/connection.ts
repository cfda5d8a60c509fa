/** Opens the app's SQLite database with the settings every connection must have. */
import Database from 'better-sqlite3';

/** The better-sqlite3 connection type used across repositories. */
export type Db = Database.Database;

/** Options for {@link openDatabase}. */
export interface OpenDatabaseOptions {
  /** Milliseconds a writer waits for another process's lock before failing. */
  busyTimeoutMs?: number;
  readonly?: boolean;
}

/**
 * Opens (or creates) a database file with foreign keys on (SQLite leaves them off per connection)
 * and a busy timeout so a second app instance waits instead of failing at once.
 */
export function openDatabase(file: string, options: OpenDatabaseOptions = {}): Db {
  const db = new Database(file, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
  db.pragma(`busy_timeout = ${Math.max(0, Math.trunc(options.busyTimeoutMs ?? 5000))}`);
  db.pragma('foreign_keys = ON');
  return db;
}

/**
 * Switches a connection to WAL so readers never block the writer. Kept apart from opening because
 * it rewrites the file header, and a database we refuse to open must stay byte-for-byte untouched.
 */
export function enableWriteAheadLog(db: Db): void {
  db.pragma('journal_mode = WAL');
  // NORMAL is durable across application crashes in WAL mode; only an OS crash can lose the last commit.
  db.pragma('synchronous = NORMAL');
}
