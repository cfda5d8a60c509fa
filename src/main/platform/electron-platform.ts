/** Platform services of the desktop app, built from Electron's modules. */
import { app, Notification, shell, type BrowserWindow } from 'electron';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { CONTENT_WORKER_OPTIONS } from '../sync/worker/protocol';
import { systemClock } from '../clock';
import { createFileSink } from '../logging/file-sink';
import type { AppNotification, PlatformServices } from '../platform-services';
import { createElectronStoreBackend } from './electron-store-backend';
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
  return {
    dataDir,
    migrationsDir: join(MAIN_DIR, 'migrations'),
    resourcesDir: resourcesDir(),
    // Its own build input (electron.vite.config.ts), emitted beside the main bundle.
    startContentWorker: () => new Worker(join(MAIN_DIR, 'content-worker.js'), CONTENT_WORKER_OPTIONS),
    cipher: createSafeStorageCipher(),
    settingsBackend: createElectronStoreBackend(),
    openExternal: (url) => shell.openExternal(url),
    notify: (notification) => {
      if (!Notification.isSupported()) return;
      const shown = new Notification({ title: notification.title, body: notification.body, silent: false });
      shown.on('click', () => onNotificationClick(notification.screen));
      shown.show();
    },
    focusApp: () => {
      const window = getWindow();
      if (!window) return;
      if (window.isMinimized()) window.restore();
      window.show();
      window.focus();
      app.focus({ steal: true });
    },
    env: process.env,
    clock: systemClock,
    logSink: createFileSink(join(dataDir, 'logs', 'app.log')),
    headless: false,
    version: app.getVersion(),
    platform: process.platform,
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
  };
}
