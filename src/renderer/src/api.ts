/**
 * The only module that touches `window.api`. In Electron the preload provides it; in a browser tab
 * served by the headless host the HTTP bridge stands in with the same functions.
 */
import type { Api } from '../../shared/ipc-contract';
import { createHttpBridgeApi, takeBridgeToken } from './bridge/http-bridge';

export { ApiError } from '../../shared/api-builder';
export { errorMessage } from './lib/error-message';

let cached: Api | null = null;

/** The app's API, or null when this page has neither the preload nor a bridge token. */
export function getApi(): Api | null {
  if (cached) return cached;
  if (window.api) {
    cached = window.api;
    return cached;
  }
  const token = takeBridgeToken(window.location, window.history, window.sessionStorage);
  if (token) cached = createHttpBridgeApi(token, window.location.origin);
  return cached;
}

/** The API; throws when the page was opened without one (the shell shows that case first). */
export function api(): Api {
  const value = getApi();
  if (!value) throw new Error('The app API is not available in this page.');
  return value;
}
