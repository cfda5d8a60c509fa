/**
 * The allow-list for opening links in the system browser: only https: and mailto:, parsed by the URL
 * standard, with no credentials and no look-alike (punycode) or raw-IP hosts. Mail links carry one
 * address and at most a subject and a body. Anything else is refused with a reason; nothing here
 * throws, and what may be opened is the re-serialised parsed link, never the raw string.
 */

/** The outcome of checking a link: the link to open, or why it is refused. */
export type ExternalUrlCheck = { ok: true; url: string } | { ok: false; problem: string };

const MAIL_FIELDS = new Set(['subject', 'body']);
// What may stand in the local part of an address once decoded: no separators, quotes or spaces.
// eslint-disable-next-line no-control-regex -- refusing control characters is the point here
const LOCAL_PART = /^[^\s@/\\,;:<>"()[\]\u0000-\u001f\u007f]+$/;
const DOMAIN_LABEL = /^[a-z0-9-]+$/;
const TOP_LEVEL = /^[a-z]{2,}$/;

function refuse(problem: string): ExternalUrlCheck {
  return { ok: false, problem };
}

/** decodeURIComponent that answers null for malformed percent-encoding instead of throwing. */
function decoded(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

function checkMailto(url: URL): ExternalUrlCheck {
  if (url.hash !== '') return refuse('is a mail link with a fragment');
  const address = decoded(url.pathname);
  if (address === null) return refuse('is not validly percent-encoded');
  if (address.includes(',')) return refuse('names more than one mail address (a mail link may carry one address)');
  const at = address.lastIndexOf('@');
  const local = address.slice(0, at);
  const domain = address.slice(at + 1).toLowerCase();
  const labels = domain.split('.');
  if (at <= 0 || !LOCAL_PART.test(local) || labels.length < 2 || !labels.every((label) => DOMAIN_LABEL.test(label)) || !TOP_LEVEL.test(labels.at(-1)!)) {
    return refuse('is not a valid mail address');
  }
  if (labels.some((label) => label.startsWith('xn--'))) return refuse('uses a look-alike (internationalised) mail domain');
  const fields = new Map<string, string>();
  for (const pair of url.search.slice(1).split('&')) {
    if (pair === '') continue;
    const equals = pair.indexOf('=');
    const name = decoded(equals === -1 ? pair : pair.slice(0, equals));
    const value = decoded(equals === -1 ? '' : pair.slice(equals + 1));
    if (name === null || value === null) return refuse('is not validly percent-encoded');
    const field = name.toLowerCase();
    if (!MAIL_FIELDS.has(field)) {
      const shown = /^[a-z0-9_-]{1,20}$/i.test(name) ? `"${name}"` : 'another field';
      return refuse(`fills in ${shown}: a mail link may only fill in the subject and the body`);
    }
    if (fields.has(field)) return refuse(`fills in the ${field} more than once`);
    fields.set(field, value);
  }
  const query = [...fields].map(([field, value]) => `${field}=${encodeURIComponent(value)}`).join('&');
  return { ok: true, url: `mailto:${encodeURIComponent(local)}@${domain}${query ? `?${query}` : ''}` };
}

function checkHttps(url: URL): ExternalUrlCheck {
  if (url.username !== '' || url.password !== '') return refuse('contains credentials');
  const host = url.hostname;
  if (/^[\d.]+$/.test(host) || host.startsWith('[')) return refuse('points at an IP address');
  if (host === '' || !host.includes('.')) return refuse('has no public host name');
  if (host.split('.').some((label) => label.startsWith('xn--'))) return refuse('uses a look-alike (internationalised) host name');
  if (url.port !== '') return refuse('uses a non-standard port');
  return { ok: true, url: url.href };
}

/** Checks a link for the system browser; never throws. */
export function checkExternalUrl(raw: string): ExternalUrlCheck {
  if (raw.length > 4096) return refuse('is too long');
  // Control characters and whitespace are how scheme confusion slips past naive checks.
  // eslint-disable-next-line no-control-regex -- matching control characters is the point here
  if (/[\u0000-\u0020\u007f-\u009f]/.test(raw)) return refuse('contains control characters or spaces');
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return refuse('is not a valid URL');
  }
  if (url.protocol === 'mailto:') return checkMailto(url);
  if (url.protocol !== 'https:') return refuse(`uses the ${url.protocol} scheme, which is not allowed`);
  return checkHttps(url);
}

/** Why a URL was refused, or null when it may be opened. */
export function externalUrlProblem(raw: string): string | null {
  const result = checkExternalUrl(raw);
  return result.ok ? null : result.problem;
}

/** True when the URL may be handed to the system browser. */
export function isSafeExternalUrl(raw: string): boolean {
  return checkExternalUrl(raw).ok;
}
