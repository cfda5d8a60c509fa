/**
 * Plays the person's browser for an authorization URL: asks the (fake) consent page, reads its
 * 302, and optionally visits the loopback redirect as a browser would, so tests can finish an
 * OAuth flow that the app started without opening a real browser.
 */

/** What the browser saw. */
export interface ConsentResult {
  /** Where the consent page redirected (the app's loopback URI with code/state or error). */
  location: URL;
  /** Status of the loopback page when `follow` was set. */
  callbackStatus?: number;
  /** Body of the loopback page when `follow` was set. */
  callbackBody?: string;
}

/** Visits `authorizationUrl`; throws with the page text when Google refuses the request (its error page). */
export async function visitAuthorizationUrl(authorizationUrl: string, options: { follow?: boolean } = {}): Promise<ConsentResult> {
  const consent = await fetch(authorizationUrl, { redirect: 'manual' });
  const location = consent.headers.get('location');
  if (consent.status !== 302 || !location) throw new Error(`consent page answered ${consent.status}: ${(await consent.text()).slice(0, 300)}`);
  // A refused request lands on Google's own error page, not back at the app.
  if (new URL(location).pathname.startsWith('/signin/oauth/error')) throw new Error(`consent page refused: ${(await (await fetch(location)).text()).slice(0, 300)}`);
  const result: ConsentResult = { location: new URL(location) };
  if (options.follow) {
    const callback = await fetch(location, { redirect: 'manual' });
    result.callbackStatus = callback.status;
    result.callbackBody = await callback.text();
  }
  return result;
}
