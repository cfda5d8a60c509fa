/**
 * A minimal browser for OAuth tests: follows redirects by hand with a per-origin cookie jar (the
 * provider keeps the interaction in cookies between hops) and stops once it has loaded a page on
 * the app's loopback origin, returning what the person would have seen there.
 */

interface StoredCookie {
  value: string;
  path: string;
}

/** What the walk ended on. */
export interface BrowseResult {
  /** The last URL loaded (on `stopOrigin` when the walk reached it). */
  url: URL;
  status: number;
  body: string;
  /** Every URL loaded, in order. */
  trail: string[];
}

/** Host-only cookies per origin; enough for oidc-provider's `_interaction*` and `_session` cookies. */
export class CookieJar {
  private readonly jars = new Map<string, Map<string, StoredCookie>>();

  store(url: URL, setCookies: string[]): void {
    const jar = this.jars.get(url.origin) ?? new Map<string, StoredCookie>();
    this.jars.set(url.origin, jar);
    for (const header of setCookies) {
      const [pair, ...attributes] = header.split(';').map((part) => part.trim());
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq);
      const attr = new Map(attributes.map((part) => [part.split('=')[0]!.toLowerCase(), part.slice(part.indexOf('=') + 1)]));
      const expires = attr.has('expires') ? Date.parse(attr.get('expires')!) : Number.NaN;
      const gone = attr.get('max-age') === '0' || expires <= Date.now();
      // The jar keys by name only: each of the provider's cookies lives on one path at a time.
      if (gone) jar.delete(name);
      else jar.set(name, { value: pair!.slice(eq + 1), path: attr.get('path') ?? '/' });
    }
  }

  header(url: URL): string {
    const jar = this.jars.get(url.origin);
    if (!jar) return '';
    return [...jar].filter(([, cookie]) => url.pathname.startsWith(cookie.path)).map(([name, cookie]) => `${name}=${cookie.value}`).join('; ');
  }
}

/**
 * Loads `start` and follows redirects until a page on `stopOrigin` (or any non-redirect) answers.
 * With `loadStop: false` it returns the first URL on `stopOrigin` unloaded (status 0), for tests
 * that deliver the callback themselves.
 */
export async function browse(start: string, stopOrigin: string, options: { loadStop?: boolean; jar?: CookieJar; maxHops?: number } = {}): Promise<BrowseResult> {
  const { loadStop = true, jar = new CookieJar(), maxHops = 12 } = options;
  let url = new URL(start);
  const trail: string[] = [];
  for (let hop = 0; hop < maxHops; hop += 1) {
    if (!loadStop && url.origin === stopOrigin) return { url, status: 0, body: '', trail };
    trail.push(url.toString());
    const cookie = jar.header(url);
    const response = await fetch(url, { redirect: 'manual', headers: cookie ? { cookie } : {} });
    jar.store(url, response.headers.getSetCookie());
    const location = response.headers.get('location');
    if (url.origin === stopOrigin || response.status < 300 || response.status >= 400 || !location) {
      return { url, status: response.status, body: await response.text(), trail };
    }
    await response.body?.cancel();
    url = new URL(location, url);
  }
  throw new Error(`more than ${maxHops} redirects: ${trail.join(' -> ')}`);
}
