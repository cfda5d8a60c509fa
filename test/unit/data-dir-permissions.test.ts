import { chmodSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestCore, type TestCore } from '../helpers/test-core';
import { tempDir } from '../helpers/temp-db';

// Modes are read with fs.stat, so the test means the same when it runs as root (CI does).
const mode = (path: string) => statSync(path).mode & 0o777;
const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function started(dataDir: string): TestCore {
  const test = createTestCore({ dataDir });
  cleanups.push(() => test.core.stop());
  return test;
}

describe('the data folder is private whatever existed before', () => {
  it.skipIf(process.platform === 'win32')('makes an existing 0755 folder 0700 and its 0644 database, WAL, SHM, log, key and settings files 0600', async () => {
    const temp = tempDir('pt-perm-');
    cleanups.push(() => temp.cleanup());
    const dir = join(temp.dir, 'data');
    // A first run leaves a database, a key file, settings and a log behind.
    const first = createTestCore({ dataDir: dir });
    first.core.settings.update({ llmModel: 'm' });
    first.core.logger.warn('a line');
    await first.core.stop();
    writeFileSync(join(dir, 'app.db-wal'), '');
    writeFileSync(join(dir, 'app.db-shm'), '');
    const files = ['app.db', 'app.db-wal', 'app.db-shm', 'vault.key', 'settings.json', join('logs', 'app.log')];
    for (const file of files) chmodSync(join(dir, file), 0o644);
    chmodSync(join(dir, 'logs'), 0o755);
    chmodSync(dir, 0o755);

    const test = started(dir);
    test.core.logger.warn('another line');
    await test.core.stop();
    expect(mode(dir)).toBe(0o700);
    expect(mode(join(dir, 'logs'))).toBe(0o700);
    for (const file of files.filter((name) => !name.endsWith('-wal') && !name.endsWith('-shm'))) expect({ file, mode: mode(join(dir, file)) }).toEqual({ file, mode: 0o600 });
  });

  it.skipIf(process.platform === 'win32')('an open database keeps its WAL and SHM at 0600 even when they existed world-readable', () => {
    const temp = tempDir('pt-perm-');
    cleanups.push(() => temp.cleanup());
    const dir = join(temp.dir, 'data');
    mkdirSync(dir, { mode: 0o755 });
    for (const file of ['app.db-wal', 'app.db-shm']) {
      writeFileSync(join(dir, file), '');
      chmodSync(join(dir, file), 0o644);
    }
    const test = started(dir);
    test.core.services.tasks.create({ title: 'Written through the WAL' });
    for (const file of ['app.db', 'app.db-wal', 'app.db-shm']) expect({ file, mode: mode(join(dir, file)) }).toEqual({ file, mode: 0o600 });
  });

  it.skipIf(process.platform === 'win32')('creates a new folder and files with private modes even under a permissive umask', async () => {
    const temp = tempDir('pt-perm-');
    cleanups.push(() => temp.cleanup());
    const dir = join(temp.dir, 'fresh', 'data');
    const previous = process.umask(0o000);
    try {
      const test = started(dir);
      test.core.settings.update({ llmModel: 'm' });
      test.core.logger.warn('a line');
      test.core.services.tasks.create({ title: 'A task' });
      await test.core.stop();
    } finally {
      process.umask(previous);
    }
    expect(mode(dir)).toBe(0o700);
    expect(mode(join(dir, 'logs'))).toBe(0o700);
    for (const file of ['app.db', 'vault.key', 'settings.json', join('logs', 'app.log')]) expect({ file, mode: mode(join(dir, file)) }).toEqual({ file, mode: 0o600 });
  });
});
