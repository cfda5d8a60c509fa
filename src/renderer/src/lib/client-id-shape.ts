/**
 * Checks a pasted OAuth client ID for shape before anything is sent: Google Desktop-app client IDs are
 * `<project number>-<32 lowercase letters and digits>.apps.googleusercontent.com`; Slack client IDs are
 * two runs of digits joined by a dot (`123456789012.1234567890123`). The usual slips get their own
 * sentence: the secret pasted instead, Slack's App ID, a token, spaces or invisible characters copied
 * along from a web page. Only fixed-length patterns: the input is whatever was pasted.
 */

/** Which provider's client ID. */
export type ClientIdKind = 'google' | 'slack';

/** What the check found; `value` is what would be saved (trimmed, invisible characters removed). */
export interface ClientIdShape {
  ok: boolean;
  value: string;
  /** A sentence to show, or null when there is nothing to say (empty, or fine). */
  message: string | null;
}

const GOOGLE_ID = /^[0-9]{4,20}-[a-z0-9]{32}\.apps\.googleusercontent\.com$/;
const GOOGLE_ID_WITHOUT_SUFFIX = /^[0-9]{4,20}-[a-z0-9]{32}$/;
const SLACK_ID = /^[0-9]{6,16}\.[0-9]{6,16}$/;
const SLACK_APP_ID = /^A[0-9A-Z]{8,12}$/;
const HEX_32 = /^[0-9a-f]{32}$/;
// Zero-width and direction marks that come along when text is copied from a web page.
const INVISIBLE = new Set(['\u200b', '\u200c', '\u200d', '\u200e', '\u200f', '\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2060', '\u2066', '\u2067', '\u2068', '\u2069', '\ufeff']);

function clean(raw: string): { value: string; removed: number; inner: boolean } {
  let removed = 0;
  let kept = '';
  for (const char of raw) {
    if (INVISIBLE.has(char)) removed += 1;
    else kept += char;
  }
  const value = kept.trim();
  return { value, removed, inner: /\s/.test(value) };
}

function googleProblem(value: string): string | null {
  if (GOOGLE_ID.test(value)) return null;
  if (value.startsWith('GOCSPX-')) return 'That is the client secret (it starts with GOCSPX-). Paste it in the secret field, and the client ID here.';
  if (GOOGLE_ID_WITHOUT_SUFFIX.test(value)) return 'The end is missing: a Google client ID ends in .apps.googleusercontent.com. Copy the whole ID.';
  if (value.includes('@')) return 'That is an e-mail address. The client ID is on Google Auth Platform → Clients, under your Desktop client.';
  return 'This does not look like a Google client ID, which reads like 123456789012-abc…xyz.apps.googleusercontent.com (digits, a dash, 32 letters and digits).';
}

function slackProblem(value: string): string | null {
  if (SLACK_ID.test(value)) return null;
  if (SLACK_APP_ID.test(value)) return 'That is the App ID. The client ID is under Basic Information → App Credentials and reads like 123456789012.1234567890123.';
  if (value.startsWith('xox')) return 'That is a token, not the client ID. Tokens are never pasted here; the app gets its own when you connect.';
  if (HEX_32.test(value)) return 'That looks like the client secret or the signing secret. The client ID reads like 123456789012.1234567890123.';
  return 'This does not look like a Slack client ID, which reads like 123456789012.1234567890123 (digits, a dot, digits).';
}

/** Checks a pasted client ID. */
export function checkClientIdShape(kind: ClientIdKind, raw: string): ClientIdShape {
  if (raw.length > 500) return { ok: false, value: raw.slice(0, 500), message: 'That is far too long for a client ID.' };
  const { value, removed, inner } = clean(raw);
  if (value === '') return { ok: false, value, message: null };
  if (inner) return { ok: false, value, message: 'The client ID has a space or line break inside it. Copy it again as one piece.' };
  const problem = kind === 'google' ? googleProblem(value) : slackProblem(value);
  if (problem) return { ok: false, value, message: problem };
  return { ok: true, value, message: removed > 0 ? `Looks right. ${removed} invisible character${removed === 1 ? '' : 's'} copied along with it will be left out.` : 'Looks right.' };
}
