/**
 * The security policy of every app window as plain data, so it is unit-tested in Node and applied
 * verbatim by platform/ (docs/ARCHITECTURE.md §2).
 */
import { checkExternalUrl } from './external-url';

/** Content-Security-Policy of the renderer: only our own code, no eval, no remote content. */
export const RENDERER_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

/**
 * What every BrowserWindow's web preferences must say. platform/window.ts writes them as a literal
 * (so static audits can read them); tests check that literal and the live window against this table.
 */
export const REQUIRED_WEB_PREFERENCES: Readonly<Record<string, unknown>> = {
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
  // Middle-click opens links in new windows without will-navigate; the feature is not needed.
  disableBlinkFeatures: 'Auxclick',
};

/** Lists every way a set of web preferences departs from the policy (empty when it complies). */
export function webPreferenceViolations(prefs: Record<string, unknown>): string[] {
  return Object.entries(REQUIRED_WEB_PREFERENCES)
    .filter(([key, value]) => prefs[key] !== value)
    .map(([key, value]) => `${key} must be ${String(value)} (is ${String(prefs[key])})`);
}

/**
 * Whether a navigation target is our own renderer page. The app only ever loads its own page (the
 * packaged file, or the dev server in development); every other navigation is denied, and links go
 * through the external-URL allow-list instead.
 */
export function isAppUrl(target: string, appEntryUrl: string): boolean {
  try {
    const url = new URL(target);
    const entry = new URL(appEntryUrl);
    if (entry.protocol === 'file:') return url.protocol === 'file:' && url.pathname === entry.pathname;
    return url.origin === entry.origin;
  } catch {
    return false;
  }
}

/** Permission requests the renderer may make: none. */
export function isPermissionAllowed(_permission: string): boolean {
  return false;
}

/**
 * The window-open handler's decision: every new window is denied; a link that passes the external
 * allow-list goes to the system browser as its re-serialised parsed form. Never throws, and a failing
 * browser launch is reported to `onFailure` instead of becoming an unhandled rejection.
 */
export function openFromWindow(url: string, open: (url: string) => Promise<void>, onFailure: (problem: string) => void = () => undefined): { action: 'deny' } {
  const checked = checkExternalUrl(url);
  if (checked.ok) {
    try {
      open(checked.url).catch((error: unknown) => onFailure(error instanceof Error ? error.message : String(error)));
    } catch (error) {
      onFailure(error instanceof Error ? error.message : String(error));
    }
  }
  return { action: 'deny' };
}
