import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openAppDatabase } from '../../src/main/db/app-database';
import { openDatabase } from '../../src/main/db/connection';
import { DatabaseTooNewError, loadMigrations, migrate, parseMigrations, schemaVersion } from '../../src/main/db/migrate';
import { MIGRATIONS_DIR, tempDir } from '../helpers/temp-db';

const migrations = loadMigrations(MIGRATIONS_DIR);
const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

function temp(): string {
  const { dir, cleanup } = tempDir();
  cleanups.push(cleanup);
  return dir;
}

describe('migrations', () => {
  it('creates the five tables with WAL, foreign keys and a busy timeout', () => {
    const file = join(temp(), 'app.db');
    const { db } = openAppDatabase(file, migrations);
    const tables = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as Array<{ name: string }>).map((row) => row.name);
    expect(tables).toEqual(expect.arrayContaining(['integrations', 'integration_tasks', 'integration_sync_logs', 'tasks', 'outbox']));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(schemaVersion(db)).toBe(migrations.at(-1)!.version);
    db.close();
  });

  it('is idempotent: a second run applies nothing', () => {
    const db = openDatabase(join(temp(), 'app.db'));
    expect(migrate(db, migrations).length).toBe(migrations.length);
    expect(migrate(db, migrations)).toEqual([]);
    db.close();
  });

  it('refuses a database written by a newer app and leaves the file byte-for-byte unchanged', () => {
    const file = join(temp(), 'app.db');
    const seed = new Database(file);
    seed.exec('CREATE TABLE future (x)');
    seed.pragma(`user_version = ${migrations.length + 5}`);
    seed.close();
    const before = readFileSync(file);
    expect(() => openAppDatabase(file, migrations)).toThrow(DatabaseTooNewError);
    expect(() => openAppDatabase(file, migrations)).toThrow(/newer version of the app/);
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('rolls back a failing migration as a whole and keeps the previous version', () => {
    const db = openDatabase(join(temp(), 'app.db'));
    const broken = parseMigrations([
      { fileName: '0001-good.sql', sql: 'CREATE TABLE a (x);' },
      { fileName: '0002-bad.sql', sql: 'CREATE TABLE b (x); INSERT INTO missing VALUES (1);' },
    ]);
    expect(() => migrate(db, broken)).toThrow(/missing/);
    expect(schemaVersion(db)).toBe(1);
    const tables = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as Array<{ name: string }>).map((row) => row.name);
    expect(tables).toEqual(['a']);
    db.close();
  });

  it('rejects misnamed or gapped migration files', () => {
    expect(() => parseMigrations([{ fileName: 'init.sql', sql: '' }])).toThrow(/NNNN-name/);
    expect(() => parseMigrations([{ fileName: '0002-late.sql', sql: '' }])).toThrow(/without gaps/);
  });

  it('sets a corrupt database aside, starts fresh and says where the old file went', () => {
    const file = join(temp(), 'app.db');
    writeFileSync(file, Buffer.alloc(8192, 0x5a));
    const { db, notices } = openAppDatabase(file, migrations, () => new Date('2026-02-03T04:05:06Z'));
    expect(notices).toHaveLength(1);
    expect(notices[0]!.movedTo).toContain('app.db.corrupt-2026-02-03');
    expect(readFileSync(notices[0]!.movedTo).equals(Buffer.alloc(8192, 0x5a))).toBe(true);
    expect(schemaVersion(db)).toBe(migrations.length);
    db.close();
  });
});
