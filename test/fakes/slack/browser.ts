/**
 * Plays the person's browser on Slack's authorize page: reads its 302 and, with `follow`, visits
 * the loopback redirect the way a browser would, so a test can finish a sign-in the app started.
 */

/** What the browser saw. */
export interface SlackConsentResult {
  /** Where the authorize page redirected (the app's redirect URI with `code`/`state` or `error`). */
  location: URL;
  /** Status of the loopback page when `follow` was set. */
  callbackStatus?: number;
  callbackBody?: string;
}

/** Visits an authorize URL; throws with the page text when Slack's page refuses to redirect. */
export async function visitSlackAuthorize(authorizeUrl: string, options: { follow?: boolean } = {}): Promise<SlackConsentResult> {
  const page = await fetch(authorizeUrl, { redirect: 'manual' });
  const location = page.headers.get('location');
  if (page.status !== 302 || !location) throw new Error(`authorize page answered ${page.status}: ${(await page.text()).slice(0, 300)}`);
  const result: SlackConsentResult = { location: new URL(location) };
  if (options.follow) {
    const callback = await fetch(location, { redirect: 'manual' });
    result.callbackStatus = callback.status;
    result.callbackBody = await callback.text();
  }
  return result;
}
