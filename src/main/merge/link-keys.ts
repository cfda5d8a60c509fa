/**
 * Links that name one provider item, turned into keys two items can share: a Gmail thread or message,
 * a Google Calendar event, a Slack message. An item's own link gives its own key; links found in another
 * item's text give the keys of what that item points to. Recognised by the link's shape (host and path),
 * never by a provider name. Untrusted text: bounded scan, one simple pattern that cannot backtrack.
 */

/** Most links read from one item's text. */
const MAX_LINKS = 20;
/** Most characters of text searched for links. */
const MAX_TEXT = 50_000;
const URL_PATTERN = /https:\/\/[^\s<>|"'()[\]]{4,2000}/g;
const GMAIL_ID = /^[A-Za-z0-9_-]{6,200}$/;
const CALENDAR_EID = /^[A-Za-z0-9_+/-]{8,400}={0,2}$/;
const SLACK_CHANNEL = /^[A-Z0-9]{5,20}$/;
const SLACK_PERMALINK_TS = /^p(\d{10})(\d{6})$/;

function parse(raw: string): URL | null {
  try {
    const url = new URL(raw);
    return url.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

/** `#inbox/FMfcg…`, `#label/Work/1890…`, `#search/q/1890…`: the last segment names the thread or message. */
function gmailKey(url: URL): string | null {
  if (url.hostname !== 'mail.google.com') return null;
  const segments = url.hash.replace(/^#/, '').split('/').filter(Boolean);
  const id = segments.length >= 2 ? decodeURIComponent(segments[segments.length - 1]!) : null;
  return id && GMAIL_ID.test(id) ? `gmail:${id}` : null;
}

/** `…/calendar/event?eid=BASE64("eventId calendarId")`, as Calendar's `htmlLink` and shared links read. */
function calendarKey(url: URL): string | null {
  const host = url.hostname;
  if (host !== 'calendar.google.com' && host !== 'www.google.com') return null;
  if (!/\/calendar(?:\/u\/\d+)?\/(?:r\/)?event$/.test(url.pathname)) return null;
  // A '+' of standard base64 reads as a space in a query string.
  const eid = url.searchParams.get('eid')?.replaceAll(' ', '+');
  if (!eid || !CALENDAR_EID.test(eid)) return null;
  const decoded = Buffer.from(eid, 'base64url').toString('utf8');
  const eventId = decoded.split(' ')[0] ?? '';
  return /^[a-zA-Z0-9_-]{3,300}$/.test(eventId) ? `gcal:${eventId}` : null;
}

/** `https://team.slack.com/archives/C123/p1700000000123456`: channel and message ts. */
function slackKey(url: URL): string | null {
  if (!url.hostname.endsWith('.slack.com')) return null;
  const [, archives, channel, message] = url.pathname.split('/');
  if (archives !== 'archives' || !channel || !message || !SLACK_CHANNEL.test(channel)) return null;
  const ts = SLACK_PERMALINK_TS.exec(message);
  return ts ? `slack:${channel}/${ts[1]}.${ts[2]}` : null;
}

/** The key of the item a link opens, or null when the link names no item this app reads. */
export function linkKey(raw: string): string | null {
  const url = parse(raw);
  if (!url) return null;
  return gmailKey(url) ?? calendarKey(url) ?? slackKey(url);
}

/** A link without the sentence's punctuation after it ("see https://…/p123."). A loop, not `/[.,]+$/`: that backtracks. */
function trimTrailingPunctuation(link: string): string {
  let end = link.length;
  while (end > 0 && '.,;:!?'.includes(link[end - 1]!)) end -= 1;
  return link.slice(0, end);
}

/** Keys of the items the links in a text open (unique, at most MAX_LINKS links read). */
export function linkKeysIn(text: string): string[] {
  const keys = new Set<string>();
  let seen = 0;
  for (const match of (text.length > MAX_TEXT ? text.slice(0, MAX_TEXT) : text).matchAll(URL_PATTERN)) {
    if (++seen > MAX_LINKS) break;
    const key = linkKey(trimTrailingPunctuation(match[0]));
    if (key) keys.add(key);
  }
  return [...keys];
}
