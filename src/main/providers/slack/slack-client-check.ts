/**
 * "Test" on the guided set-up, for Slack: the authorize request a browser would make, not followed.
 * Slack does not redirect when it cannot trust the request: it shows a page saying "Invalid client_id
 * parameter" for an unknown app, or "redirect_uri did not match any configured URIs" for a redirect URL
 * the app did not register (Slack matches them exactly). Anything else (the sign-in page, a redirect
 * back with a code) means Slack accepts the app.
 */
import type { ClientCheckDto } from '../../../shared/models';
import { readBoundedText } from '../../lib/bounded-text';

const UNKNOWN_CLIENT = 'Invalid client_id parameter';
const REDIRECT_MISMATCH = 'redirect_uri did not match any configured URIs';

/** Classifies Slack's answer; `redirectUris` are the URLs the person must register. */
export function classifySlackAuthorizeAnswer(status: number, location: string | null, body: string, redirectUri: string, redirectUris: readonly string[]): ClientCheckDto {
  if (body.includes(UNKNOWN_CLIENT)) {
    return {
      ok: false,
      reason: 'unknown_client',
      message: `Slack does not know this client ID (“${UNKNOWN_CLIENT}”). Copy it from your Slack app’s Basic Information → App Credentials: it looks like 123456789012.1234567890123 (not the App ID, which starts with A).`,
    };
  }
  if (body.includes(REDIRECT_MISMATCH) || body.includes('bad_redirect_uri')) {
    return {
      ok: false,
      reason: 'redirect_mismatch',
      message: `Slack refused the app’s redirect URL (“${REDIRECT_MISMATCH}”). Under OAuth & Permissions → Redirect URLs add exactly ${redirectUris.join(', ')} and press Save URLs.`,
    };
  }
  if (location) {
    let target: URL | null = null;
    try {
      target = new URL(location);
    } catch {
      target = null;
    }
    const back = new URL(redirectUri);
    const error = target && target.origin === back.origin && target.pathname === back.pathname ? target.searchParams.get('error') : null;
    if (error) {
      const detail = target?.searchParams.get('error_description');
      return { ok: false, reason: 'refused', message: `Slack refused the sign-in request (${error.slice(0, 64)}${detail ? `: ${detail.slice(0, 200)}` : ''}). Check that PKCE is on and that only user scopes are requested.` };
    }
    return { ok: true, reason: 'accepted', message: 'Slack accepts this client ID and the app’s redirect URL. Connect to sign in.' };
  }
  if (status >= 200 && status < 300) return { ok: true, reason: 'accepted', message: 'Slack did not refuse this client ID or the redirect URL. Connect to sign in.' };
  return { ok: false, reason: 'unexpected', message: `Slack answered the sign-in request with HTTP ${status}, which the app does not recognise.` };
}

/** Runs the probe. */
export async function checkSlackClient(deps: { fetch: typeof fetch; authorizationUrl: string; redirectUri: string; redirectUris: readonly string[] }): Promise<ClientCheckDto> {
  try {
    const response = await deps.fetch(deps.authorizationUrl, { redirect: 'manual', signal: AbortSignal.timeout(15_000) });
    const location = response.headers.get('location');
    const body = location ? '' : await readBoundedText(response, 256 * 1024);
    return classifySlackAuthorizeAnswer(response.status, location, body, deps.redirectUri, deps.redirectUris);
  } catch {
    return { ok: false, reason: 'unreachable', message: 'Slack’s sign-in page could not be reached; check the connection and try again.' };
  }
}
