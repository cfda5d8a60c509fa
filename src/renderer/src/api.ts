/**
 * The only module that touches `window.api`. In Electron the preload provides it; in a browser tab
 * served by the headless host the HTTP bridge stands in with the same functions.
 */
import type { Api } from '../../shared/ipc-contract';
import { createHttpBridgeApi, redeemLaunchCode, takeBridgeToken } from './bridge/http-bridge';

export { ApiError } from '../../shared/api-builder';
export { errorMessage } from './lib/error-message';

let cached: Api | null = null;
let launchProblem: string | null = null;

/** Runs before the first render: a browser tab opened with a one-time launch code trades it for the bridge token. */
export async function prepareApi(): Promise<void> {
  if (window.api) return;
  launchProblem = await redeemLaunchCode(window.location, window.history, window.sessionStorage);
}

/** Why this page has no connection to the app when its launch link was refused, else null. */
export function launchLinkProblem(): string | null {
  return launchProblem;
}

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
