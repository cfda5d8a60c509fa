/** Electron lifecycle and wiring only: single instance, window, IPC, core start and clean stop. */
import { app, type BrowserWindow } from 'electron';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Screen } from '../shared/models';
import { createCore, type Core } from './core';
import { createElectronPlatform, resourcesDir } from './platform/electron-platform';
import { forwardEvents, registerIpc } from './platform/ipc';
import { watchSystemState } from './platform/system-state';
import { createAppTray } from './platform/tray';
import { appEntryUrl, createMainWindow, guardContents, hardenSession, type RendererLocation } from './platform/window';

const here = fileURLToPath(new URL('.', import.meta.url));
const location: RendererLocation = {
  devServerUrl: !app.isPackaged && process.env.ELECTRON_RENDERER_URL ? process.env.ELECTRON_RENDERER_URL : null,
  indexFile: join(here, '../renderer/index.html'),
};

let window: BrowserWindow | null = null;
let core: Core | null = null;
let quitting = false;

function showWindow(screen?: Screen): void {
  if (!window || window.isDestroyed()) window = createMainWindow(location, join(here, '../preload/index.cjs'), join(resourcesDir(), 'icon.png'));
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
  if (screen) core?.events.emit('app:navigate', { screen });
}

if (!app.requestSingleInstanceLock()) {
  // A second instance would open the same database and run the same syncs: hand over and leave.
  app.quit();
} else {
  app.on('second-instance', () => showWindow());
  app.on('web-contents-created', (_event, contents) => guardContents(contents, appEntryUrl(location)));

  void app.whenReady().then(() => {
    hardenSession();
    core = createCore(createElectronPlatform(() => window, (screen) => showWindow(screen)));
    registerIpc(core.handlers, appEntryUrl(location), core.logger.child('ipc'));
    showWindow();
    forwardEvents(core.events, () => window);
    createAppTray(core.desktop.tray, resourcesDir(), { open: () => showWindow(), quit: () => app.quit() });
    watchSystemState(core.desktop.system);
    core.start();
  });

  app.on('activate', () => showWindow());
  // The tray keeps the app (and its background sync) alive when the window closes.
  app.on('window-all-closed', () => undefined);
  app.on('before-quit', (event) => {
    if (quitting || !core) return;
    event.preventDefault();
    quitting = true;
    // Let a sync in flight finish its transaction before the process ends.
    void core.stop().finally(() => app.quit());
  });
}
