/** The app window, created with the security policy of security/window-policy.ts and nothing looser. */
import { BrowserWindow, session, shell, type WebContents } from 'electron';
import { RENDERER_CSP, isAppUrl, isPermissionAllowed, openFromWindow } from '../security/window-policy';

/** Where the renderer is loaded from. */
export interface RendererLocation {
  /** Dev server URL in `npm run dev`, else null. */
  devServerUrl: string | null;
  /** Built index.html. */
  indexFile: string;
}

/** The URL the window loads, used to recognise our own page in navigation and IPC checks. */
export function appEntryUrl(location: RendererLocation): string {
  return location.devServerUrl ?? new URL(`file://${location.indexFile}`).toString();
}

/** Applies session-wide rules once: CSP header, no permissions, no downloads of surprises. */
export function hardenSession(): void {
  const defaultSession = session.defaultSession;
  defaultSession.setPermissionRequestHandler((_contents, permission, callback) => callback(isPermissionAllowed(permission)));
  defaultSession.setPermissionCheckHandler((_contents, permission) => isPermissionAllowed(permission));
  defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [RENDERER_CSP] } });
  });
}

/** Denies navigation away from the app and every new window; safe links go to the system browser. */
export function guardContents(contents: WebContents, entryUrl: string): void {
  contents.on('will-navigate', (event, target) => {
    if (!isAppUrl(target, entryUrl)) event.preventDefault();
  });
  contents.on('will-redirect', (event, target) => {
    if (!isAppUrl(target, entryUrl)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => openFromWindow(url, (safe) => shell.openExternal(safe)));
}

/** Creates the main window. */
export function createMainWindow(location: RendererLocation, preloadFile: string, iconFile: string): BrowserWindow {
  const window = new BrowserWindow({
    width: 1200,
    height: 800,
    minWidth: 900,
    minHeight: 600,
    show: false,
    icon: iconFile,
    title: 'Provider Tasks',
    // Written out literally so audits (electronegativity, test/unit/window-literal.test.ts) can read it;
    // REQUIRED_WEB_PREFERENCES in security/window-policy.ts is the policy it must match.
    webPreferences: {
      preload: preloadFile,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      disableBlinkFeatures: 'Auxclick',
      spellcheck: true,
    },
  });
  guardContents(window.webContents, appEntryUrl(location));
  window.once('ready-to-show', () => window.show());
  if (location.devServerUrl) void window.loadURL(location.devServerUrl);
  else void window.loadFile(location.indexFile);
  return window;
}
