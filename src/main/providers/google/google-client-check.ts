/**
 * "Test" on the guided set-up, for Google: the authorization request a browser would make (not
 * followed), then, with a secret, a token request with a code that cannot exist. Google answers a bad
 * client or redirect with a 302 to /signin/oauth/error carrying `authError`, base64url of a small
 * protobuf whose field 1 is the error code and field 2 the sentence; it judges the client at the token
 * endpoint before the code, so `invalid_grant` there means the client and secret are right.
 */
import type { ClientCheckDto } from '../../../shared/models';
import { readBoundedText } from '../../lib/bounded-text';

const MAX_BLOB = 8192;
const KNOWN_CODES = ['invalid_client', 'deleted_client', 'disabled_client', 'redirect_uri_mismatch', 'invalid_request', 'unauthorized_client', 'org_internal', 'admin_policy_enforced'];

/** Reads a protobuf varint at `offset`; null when it runs past the end or past 5 bytes. */
function varint(bytes: Uint8Array, offset: number): { value: number; next: number } | null {
  let value = 0;
  for (let index = 0; index < 5 && offset + index < bytes.length; index += 1) {
    const byte = bytes[offset + index]!;
    value += (byte & 0x7f) * 2 ** (7 * index);
    if ((byte & 0x80) === 0) return { value, next: offset + index + 1 };
  }
  return null;
}

/** Decodes Google's `authError` parameter: its error code (field 1) and sentence (field 2), or null. */
export function decodeAuthError(raw: string): { code: string; message: string | null } | null {
  if (raw.length === 0 || raw.length > MAX_BLOB) return null;
  // Node's base64url decoder also takes standard base64 and stops at '=' padding.
  const bytes = Buffer.from(raw, 'base64url');
  const fields = new Map<number, string>();
  let offset = 0;
  while (offset < bytes.length && fields.size < 4) {
    const tag = varint(bytes, offset);
    if (!tag) break;
    const field = tag.value >>> 3;
    const wire = tag.value & 7;
    if (wire === 0) {
      const skipped = varint(bytes, tag.next);
      if (!skipped) break;
      offset = skipped.next;
    } else if (wire === 2) {
      const length = varint(bytes, tag.next);
      if (!length || length.next + length.value > bytes.length) break;
      fields.set(field, bytes.subarray(length.next, length.next + length.value).toString('utf8'));
      offset = length.next + length.value;
    } else {
      break;
    }
  }
  const code = fields.get(1);
  if (!code || !/^[a-z_]{1,64}$/.test(code)) return null;
  return { code, message: fields.get(2)?.trim().slice(0, 300) || null };
}

/** The sentence for an error code Google gave on its authorization page. */
function refusal(code: string, rawDetail: string | null): ClientCheckDto {
  const detail = rawDetail?.endsWith('.') ? rawDetail.slice(0, -1) : rawDetail;
  if (code === 'invalid_client' || code === 'deleted_client' || code === 'disabled_client') {
    return {
      ok: false,
      reason: 'unknown_client',
      message: `Google does not know this client ID (${code}${detail ? `: ${detail}` : ''}). Copy the client ID again from Google Auth Platform → Clients; it ends in .apps.googleusercontent.com.`,
    };
  }
  if (code === 'redirect_uri_mismatch') {
    return {
      ok: false,
      reason: 'redirect_mismatch',
      message: 'Google refused the app’s sign-in address (redirect_uri_mismatch): this client is not of type “Desktop app”. Create a new client of type Desktop app (a Web client only accepts the addresses registered on it) and use its ID and secret.',
    };
  }
  return { ok: false, reason: 'refused', message: `Google refused the sign-in request (${code}${detail ? `: ${detail}` : ''}).` };
}

/** Classifies the authorization endpoint's answer to a request that is not followed. */
export function classifyGoogleAuthorizeAnswer(status: number, location: string | null, body: string, redirectUri: string): ClientCheckDto {
  if (location) {
    let target: URL;
    try {
      target = new URL(location);
    } catch {
      return { ok: false, reason: 'unexpected', message: `Google redirected to an address the app could not read (HTTP ${status}).` };
    }
    if (target.pathname.includes('/signin/oauth/error')) {
      const decoded = decodeAuthError(target.searchParams.get('authError') ?? '');
      return decoded ? refusal(decoded.code, decoded.message) : { ok: false, reason: 'refused', message: 'Google refused the sign-in request and showed its error page.' };
    }
    const back = new URL(redirectUri);
    const error = target.origin === back.origin && target.pathname === back.pathname ? target.searchParams.get('error') : null;
    if (error) return refusal(error.slice(0, 64), target.searchParams.get('error_description'));
    return { ok: true, reason: 'accepted', message: 'Google accepts this client ID and the app’s sign-in address.' };
  }
  if (status >= 200 && status < 300) return { ok: true, reason: 'accepted', message: 'Google accepts this client ID and the app’s sign-in address.' };
  const code = KNOWN_CODES.find((known) => body.includes(known));
  return code ? refusal(code, null) : { ok: false, reason: 'unexpected', message: `Google answered the sign-in request with HTTP ${status}, which the app does not recognise.` };
}

/** What the token probe learnt: the client error code, or null when only the (made-up) code was refused. */
export function classifyTokenProbe(error: unknown): ClientCheckDto | null {
  const response = (error as { response?: { status?: number; data?: { error?: string } } }).response;
  const code = response?.data?.error;
  if (code === 'invalid_grant') return null;
  if (code === 'invalid_client' || response?.status === 401) {
    return { ok: false, reason: 'bad_secret', message: 'Google knows this client ID but refused its secret (invalid_client). Copy the secret of this same client again (it starts with GOCSPX-).' };
  }
  if (!response) return { ok: false, reason: 'unreachable', message: 'Google’s token endpoint could not be reached; check the connection and try again.' };
  return { ok: false, reason: 'unexpected', message: `Google’s token endpoint answered ${response.status ?? 'without a status'}${code ? ` (${code})` : ''}.` };
}

/** Collaborators of {@link checkGoogleClient}. */
export interface GoogleCheckDeps {
  fetch: typeof fetch;
  authorizationUrl: string;
  redirectUri: string;
  /** Exchanges a made-up code with the client's secret; null when there is no secret to check. */
  probeToken: (() => Promise<unknown>) | null;
}

/** Runs the two probes and answers with the first problem found, or that Google accepts the client. */
export async function checkGoogleClient(deps: GoogleCheckDeps): Promise<ClientCheckDto> {
  let answer: ClientCheckDto;
  try {
    const response = await deps.fetch(deps.authorizationUrl, { redirect: 'manual', signal: AbortSignal.timeout(15_000) });
    const location = response.headers.get('location');
    const body = location ? '' : await readBoundedText(response, 256 * 1024);
    answer = classifyGoogleAuthorizeAnswer(response.status, location, body, deps.redirectUri);
  } catch {
    return { ok: false, reason: 'unreachable', message: 'Google’s sign-in page could not be reached; check the connection and try again.' };
  }
  if (!answer.ok || !deps.probeToken) return answer;
  try {
    await deps.probeToken();
    return { ok: false, reason: 'unexpected', message: 'Google accepted a made-up sign-in code, which it never does; the endpoint is not Google’s.' };
  } catch (error) {
    return classifyTokenProbe(error) ?? { ok: true, reason: 'accepted', message: 'Google accepts this client ID, its secret and the app’s sign-in address. Connect to sign in.' };
  }
}
