/** Platform services of the desktop app, built from Electron's modules. */
import { app, shell, type BrowserWindow } from 'electron';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { CONTENT_WORKER_OPTIONS } from '../sync/worker/protocol';
import { systemClock } from '../clock';
import { createFileSink } from '../logging/file-sink';
import type { AppNotification, PlatformServices } from '../platform-services';
import { secureDataDir } from '../security/private-files';
import { createElectronStoreBackend } from './electron-store-backend';
import { showNotification } from './notifications';
import { pickPathWithDialog } from './path-dialog';
import { saveThroughDialog } from './save-dialog';
import { createSafeStorageCipher } from './safe-storage-cipher';

/** Folder of the built main bundle (migrations are copied next to it). */
const MAIN_DIR = fileURLToPath(new URL('.', import.meta.url));

/** Where bundled resources live: inside the package when packaged, the project folder in development. */
export function resourcesDir(): string {
  return app.isPackaged ? join(process.resourcesPath, 'resources') : join(app.getAppPath(), 'resources');
}

/** Builds the platform services; `getWindow` and `onNotificationClick` connect them to the UI. */
export function createElectronPlatform(getWindow: () => BrowserWindow | null, onNotificationClick: (screen: AppNotification['screen']) => void): PlatformServices {
  const dataDir = app.getPath('userData');
  // First of all: the folder and what an earlier run left in it become private (0700 / 0600).
  secureDataDir(dataDir);
  return {
    dataDir,
    migrationsDir: join(MAIN_DIR, 'migrations'),
    resourcesDir: resourcesDir(),
    // Its own build input (electron.vite.config.ts), emitted beside the main bundle.
    startContentWorker: () => new Worker(join(MAIN_DIR, 'content-worker.js'), CONTENT_WORKER_OPTIONS),
    cipher: createSafeStorageCipher(),
    settingsBackend: createElectronStoreBackend(),
    openExternal: (url) => shell.openExternal(url),
    notify: (notification) => showNotification(notification, onNotificationClick),
    saveFile: (suggestedName, content) => saveThroughDialog(getWindow(), suggestedName, content),
    focusApp: () => {
      const window = getWindow();
      if (!window) return;
      if (window.isMinimized()) window.restore();
      window.show();
      window.focus();
      app.focus({ steal: true });
    },
    pathPicker: { mode: 'dialog', pick: (kind) => pickPathWithDialog(getWindow(), kind) },
    env: process.env,
    clock: systemClock,
    logSink: createFileSink(join(dataDir, 'logs', 'app.log')),
    headless: false,
    packaged: app.isPackaged,
    version: app.getVersion(),
    platform: process.platform,
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
  };
}
