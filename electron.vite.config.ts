/**
 * One build section per process (electron-vite's layout): main as ESM with its SQL migrations copied
 * beside it and the content worker as a second entry (out/main/content-worker.js, started by
 * platform/electron-platform.ts), the preload as a single CommonJS file (sandboxed preloads cannot
 * load ES modules or other files), the renderer as a React app.
 */
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Plugin } from 'vite';

const root = import.meta.dirname;

/** Emits src/main/db/migrations/*.sql into out/main/migrations, where the bundled main reads them. */
function copyMigrations(): Plugin {
  const folder = resolve(root, 'src/main/db/migrations');
  return {
    name: 'copy-migrations',
    generateBundle() {
      for (const fileName of readdirSync(folder).filter((name) => name.endsWith('.sql'))) {
        this.emitFile({ type: 'asset', fileName: `migrations/${fileName}`, source: readFileSync(resolve(folder, fileName), 'utf8') });
      }
    },
  };
}

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: resolve(root, 'src/main/index.ts'),
          // A worker thread's entry must be a file of its own: the packaged app starts it by path.
          'content-worker': resolve(root, 'src/main/sync/worker/content-worker.ts'),
        },
      },
    },
    plugins: [copyMigrations()],
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve(root, 'src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'src/renderer'),
    build: {
      outDir: resolve(root, 'out/renderer'),
      minify: true,
      rollupOptions: { input: { index: resolve(root, 'src/renderer/index.html') } },
    },
    plugins: [react()],
  },
});
