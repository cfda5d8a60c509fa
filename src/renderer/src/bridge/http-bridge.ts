/**
 * `window.api` for a browser tab served by the headless host: the same named functions, carried over
 * HTTP with the bearer token taken from the URL fragment (which browsers never send to servers), or
 * obtained once for a one-time launch code in the fragment (what `npm run web` opens).
 */
import { buildApi, type ApiTransport } from '../../../shared/api-builder';
import type { Api, IpcReply } from '../../../shared/ipc-contract';
import { EVENTS, type AppEvent } from '../../../shared/ipc-channels';

const TOKEN_KEY = 'bridge-token';

/** Reads the token from `#token=...` (then removes it from the address bar) or from this tab's session. */
export function takeBridgeToken(location: Location, history: History, storage: Storage): string | null {
  const match = /(?:^#|&)token=([^&]+)/.exec(location.hash);
  if (match) {
    const token = decodeURIComponent(match[1]!);
    storage.setItem(TOKEN_KEY, token);
    history.replaceState(null, '', location.pathname + location.search);
    return token;
  }
  return storage.getItem(TOKEN_KEY);
}

/**
 * Trades `#code=...` for the bridge token (kept for this tab's lifetime). The code leaves the address
 * bar and history before the exchange, so it never lingers even when the exchange fails. Returns a
 * sentence when the code was refused, null otherwise (also when there was no code).
 */
export async function redeemLaunchCode(location: Location, history: History, storage: Storage, fetchImpl: typeof fetch = fetch): Promise<string | null> {
  const match = /(?:^#|&)code=([^&]+)/.exec(location.hash);
  if (!match) return null;
  history.replaceState(null, '', location.pathname + location.search);
  try {
    const response = await fetchImpl(`${location.origin}/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: decodeURIComponent(match[1]!) }),
    });
    const body = (await response.json().catch(() => null)) as { token?: unknown; error?: { message?: unknown } } | null;
    if (response.ok && typeof body?.token === 'string') {
      storage.setItem(TOKEN_KEY, body.token);
      return null;
    }
    return typeof body?.error?.message === 'string' ? body.error.message : `The link was refused (${response.status}).`;
  } catch {
    return 'The app is not reachable. Is the host still running?';
  }
}

/** Builds the API over fetch and one shared EventSource. */
export function createHttpBridgeApi(token: string, origin: string): Api {
  const listeners = new Map<AppEvent, Set<(payload: unknown) => void>>();
  let source: EventSource | null = null;

  const ensureSource = () => {
    if (source) return;
    source = new EventSource(`${origin}/api/events?token=${encodeURIComponent(token)}`);
    for (const event of EVENTS) {
      source.addEventListener(event, (message) => {
        const payload: unknown = JSON.parse((message as MessageEvent<string>).data);
        listeners.get(event)?.forEach((listener) => listener(payload));
      });
    }
  };

  const transport: ApiTransport = {
    async invoke(channel, input): Promise<IpcReply<unknown>> {
      let response: Response;
      try {
        response = await fetch(`${origin}/api/${channel}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify(input ?? {}),
        });
      } catch {
        return { ok: false, error: { code: 'internal', message: 'The app is not reachable. Is the host still running?' } };
      }
      const body: unknown = await response.json().catch(() => null);
      if (response.ok) return { ok: true, value: body };
      const error = (body as { error?: { code?: string; message?: string } } | null)?.error;
      return {
        ok: false,
        error: { code: (error?.code as 'internal' | undefined) ?? 'internal', message: error?.message ?? `Request failed (${response.status}).` },
      };
    },
    subscribe(event, listener) {
      ensureSource();
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      return () => set.delete(listener);
    },
  };
  return buildApi(transport);
}
