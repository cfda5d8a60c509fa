/**
 * The allow-list for opening links in the system browser: only https: and mailto:, parsed by the URL
 * standard, with no credentials and no look-alike (punycode) or raw-IP hosts. Anything else is refused.
 */

/** Why a URL was refused, or null when it may be opened. */
export function externalUrlProblem(raw: string): string | null {
  if (raw.length > 4096) return 'too long';
  // Control characters and whitespace are how scheme confusion slips past naive checks.
  // eslint-disable-next-line no-control-regex -- matching control characters is the point here
  if (/[\u0000-\u0020\u007f-\u009f]/.test(raw)) return 'contains control characters or spaces';
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'not a valid URL';
  }
  if (url.protocol === 'mailto:') {
    return /^[^@\s/\\]+@[a-z0-9.-]+\.[a-z]{2,}(\?.*)?$/i.test(decodeURIComponent(url.pathname + url.search)) ? null : 'not a valid mail address';
  }
  if (url.protocol !== 'https:') return `the ${url.protocol} scheme is not allowed`;
  if (url.username !== '' || url.password !== '') return 'contains credentials';
  const host = url.hostname;
  if (/^[\d.]+$/.test(host) || host.startsWith('[')) return 'points at an IP address';
  if (host === '' || !host.includes('.')) return 'has no public host name';
  if (host.split('.').some((label) => label.startsWith('xn--'))) return 'uses a look-alike (internationalised) host name';
  if (url.port !== '') return 'uses a non-standard port';
  return null;
}

/** True when the URL may be handed to the system browser. */
export function isSafeExternalUrl(raw: string): boolean {
  return externalUrlProblem(raw) === null;
}
