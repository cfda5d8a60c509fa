/**
 * Worker threads from TypeScript source, for the headless host and the tests. The host runs under
 * tsx, whose loader does not reach worker threads on Node 20 (and would cost a second per worker if
 * it did), so the entry is bundled once per process with esbuild (packages stay external), written
 * under node_modules/.cache so Node resolves those packages, and started as plain JavaScript. The
 * packaged app starts the file electron-vite built instead.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';
import { buildSync } from 'esbuild';

/** Builds `entry` into one ES module under `cacheDir`; returns its path (the same content keeps one file). */
function bundle(entry: string, cacheDir: string): string {
  const result = buildSync({ entryPoints: [entry], bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', write: false, logLevel: 'silent' });
  const code = result.outputFiles[0]!.text;
  const file = join(cacheDir, `worker-${createHash('sha256').update(code).digest('hex').slice(0, 16)}.mjs`);
  if (!existsSync(file)) {
    mkdirSync(cacheDir, { recursive: true });
    // Written whole, then renamed: parallel test processes never start a half-written file.
    const partial = `${file}.${process.pid}.tmp`;
    writeFileSync(partial, code);
    renameSync(partial, file);
  }
  return file;
}

/** A starter of TypeScript worker entries; `prepare` bundles one ahead of its first start. */
export interface SourceWorkerStarter {
  (entry: URL, options?: WorkerOptions): Worker;
  /** Bundles an entry now (esbuild holds the thread for a few hundred ms: better before the app answers anything). */
  prepare(entry: URL): void;
}

/** Starts TypeScript worker entries from source; each entry is bundled once for the life of the starter. */
export function createSourceWorkerStarter(projectRoot: string): SourceWorkerStarter {
  const cacheDir = join(projectRoot, 'node_modules', '.cache', 'provider-tasks');
  const built = new Map<string, string>();
  const fileFor = (entry: URL): string => {
    const path = fileURLToPath(entry);
    let file = built.get(path);
    if (!file) {
      file = bundle(path, cacheDir);
      built.set(path, file);
    }
    return file;
  };
  return Object.assign((entry: URL, options: WorkerOptions = {}) => new Worker(fileFor(entry), options), {
    prepare: (entry: URL) => void fileFor(entry),
  });
}
