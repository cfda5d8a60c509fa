/**
 * Opens the app's database the safe way: refuse a newer schema before touching the file, set a
 * corrupt file aside instead of failing forever (tasks are never silently lost: the file is kept),
 * then WAL and migrations.
 */
import { existsSync, renameSync } from 'node:fs';
import { ensurePrivateFile, makeFilesPrivate } from '../security/private-files';
import { enableWriteAheadLog, openDatabase, type Db } from './connection';
import { DatabaseTooNewError, migrate, schemaVersion, type Migration } from './migrate';

/** Something the person should be told about the database at start. */
export interface DatabaseNotice {
  kind: 'corrupt_set_aside';
  message: string;
  movedTo: string;
}

/** An open, migrated database and what happened on the way. */
export interface OpenedDatabase {
  db: Db;
  notices: DatabaseNotice[];
}

function isHealthy(db: Db): boolean {
  try {
    const rows = db.pragma('quick_check') as Array<{ quick_check: string }>;
    return rows.length === 1 && rows[0]!.quick_check === 'ok';
  } catch {
    return false;
  }
}

function openChecked(file: string, migrations: readonly Migration[]): Db | 'corrupt' {
  let db: Db;
  try {
    // Created 0600 before SQLite opens it; SQLite gives the -wal and -shm it creates the same mode.
    ensurePrivateFile(file);
    makeFilesPrivate([`${file}-wal`, `${file}-shm`]);
    db = openDatabase(file);
  } catch {
    return 'corrupt';
  }
  try {
    const version = schemaVersion(db);
    const latest = migrations.at(-1)?.version ?? 0;
    if (version > latest) throw new DatabaseTooNewError(version, latest);
  } catch (error) {
    db.close();
    if (error instanceof DatabaseTooNewError) throw error;
    return 'corrupt';
  }
  if (!isHealthy(db)) {
    db.close();
    return 'corrupt';
  }
  return db;
}

/** Opens `file`, setting aside a corrupt one (renamed with a timestamp) and starting fresh. */
export function openAppDatabase(file: string, migrations: readonly Migration[], now: () => Date = () => new Date()): OpenedDatabase {
  const notices: DatabaseNotice[] = [];
  let db = openChecked(file, migrations);
  if (db === 'corrupt') {
    const movedTo = `${file}.corrupt-${now().toISOString().replace(/[:.]/g, '-')}`;
    renameSync(file, movedTo);
    for (const suffix of ['-wal', '-shm']) {
      if (existsSync(file + suffix)) renameSync(file + suffix, movedTo + suffix);
    }
    notices.push({
      kind: 'corrupt_set_aside',
      movedTo,
      message: `The database could not be read, so it was set aside at ${movedTo} and a new one was started. Your old data is still in that file.`,
    });
    db = openChecked(file, migrations);
    if (db === 'corrupt') throw new Error(`Could not create a new database at ${file}`);
  }
  enableWriteAheadLog(db);
  migrate(db, migrations);
  return { db, notices };
}
