/** A migrated database in a fresh temp folder, plus repositories over it. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ManualClock } from '../../src/main/clock';
import { openAppDatabase } from '../../src/main/db/app-database';
import type { Db } from '../../src/main/db/connection';
import { loadMigrations } from '../../src/main/db/migrate';
import { createRepositories, type Repositories } from '../../src/main/db/repositories';

/** The project's migrations folder. */
export const MIGRATIONS_DIR = fileURLToPath(new URL('../../src/main/db/migrations', import.meta.url));

/** A temp folder removed by `cleanup`. */
export function tempDir(prefix = 'pt-test-'): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A database with every migration applied. */
export interface TestDatabase {
  dir: string;
  file: string;
  db: Db;
  repos: Repositories;
  clock: ManualClock;
  close(): void;
}

/** Opens a fresh migrated database in a temp folder. */
export function createTestDatabase(): TestDatabase {
  const { dir, cleanup } = tempDir();
  const file = join(dir, 'app.db');
  const clock = new ManualClock();
  const { db } = openAppDatabase(file, loadMigrations(MIGRATIONS_DIR), () => clock.now());
  return {
    dir,
    file,
    db,
    clock,
    repos: createRepositories(db, () => clock.now()),
    close: () => {
      if (db.open) db.close();
      cleanup();
    },
  };
}
