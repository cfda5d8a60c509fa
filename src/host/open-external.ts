/**
 * How the headless host "opens the system browser". `system` launches the desktop's browser,
 * `follow` fetches the URL and follows redirects like a browser that consents at once (how tests
 * drive the OAuth flow against the fakes), `print` only writes the URL to stderr.
 */
import { spawn } from 'node:child_process';

/** The modes of {@link createOpenExternal}. */
export type OpenExternalMode = 'system' | 'follow' | 'print';

async function followRedirects(url: string, fetchImpl: typeof fetch): Promise<void> {
  let next = url;
  for (let hop = 0; hop < 10; hop += 1) {
    const response = await fetchImpl(next, { redirect: 'manual' });
    const location = response.headers.get('location');
    await response.arrayBuffer();
    if (response.status < 300 || response.status >= 400 || !location) return;
    next = new URL(location, next).toString();
  }
}

function launchSystemBrowser(url: string): boolean {
  const command = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  try {
    const child = spawn(command, [url], { stdio: 'ignore', detached: true });
    child.on('error', () => undefined);
    child.unref();
    return true;
  } catch {
    return false;
  }
}

/**
 * The parsed, re-serialised form of a link a browser may open (http, https, mailto), or null. Only
 * that form reaches a command line or the log: a raw string could start with "-" and read as an option.
 */
export function browserUrl(raw: string): string | null {
  try {
    const url = new URL(raw);
    return ['http:', 'https:', 'mailto:'].includes(url.protocol) ? url.href : null;
  } catch {
    return null;
  }
}

/** Creates the host's openExternal for a mode. */
export function createOpenExternal(mode: OpenExternalMode, log: (line: string) => void, fetchImpl: typeof fetch = fetch) {
  return async (raw: string): Promise<void> => {
    const url = browserUrl(raw);
    if (url === null) throw new Error('That link is not an http, https or mail address, so it was not opened.');
    if (mode === 'follow') {
      // Runs in the background like a real browser; the flow's outcome shows up in the integration's status.
      void followRedirects(url, fetchImpl).catch((error: unknown) => log(`open-external follow failed: ${String(error)}`));
      return;
    }
    log(`Open this address in your browser: ${url}`);
    if (mode === 'system') launchSystemBrowser(url);
  };
}
