// How the guided set-up reads Google's and Slack's refusals: Google's authError blobs as its error page
// carries them (the first two are real ones, the second cut short as it was quoted), and the pages
// Slack shows instead of redirecting.
import { describe, expect, it } from 'vitest';
import { classifyGoogleAuthorizeAnswer, classifyTokenProbe, decodeAuthError } from '../../src/main/providers/google/google-client-check';
import { classifySlackAuthorizeAnswer } from '../../src/main/providers/slack/slack-client-check';

const REDIRECT = 'http://127.0.0.1:49152/oauth2/callback';
const INVALID_CLIENT = 'Cg5pbnZhbGlkX2NsaWVudBIfVGhlIE9BdXRoIGNsaWVudCB3YXMgbm90IGZvdW5kLiCRAw%3D%3D';
const MISMATCH_CUT =
  'ChVyZWRpcmVjdF91cmlfbWlzbWF0Y2gSsAEKWW91IGNhbid0IHNpZ24gaW4gdG8gdGhpcyBhcHAgYmVjYXVzZSBpdCBkb2Vzbid0IGNvbXBseSB3aXRoIEdvb2dsZSdzIE9BdXRoIDIuMCBwb2xpY3kuCgpJZiB5b3UncmUgdGhlIGFwcCBkZXZlbG9wZXIsIHJlZ2lzdGVyIHRoZSByZWRpcmVjdCBVUkkgaW4gdGhlIEdvb2dsZSBDbG91ZCBDb25zb2xlLgogIBptaHR0cHM6Ly9kZXZlbG9wZXJzLmdvb2dsZS5jb20vaWRlbnRpdHkvcHJvdG9jb2xzL29hdXRoMi93ZWItc2VydmVyI2F1dGhvcml6YXRpb24tZX';
const errorPage = (blob: string) => `https://accounts.google.com/signin/oauth/error/v2?authError=${blob}&client_id=x`;

describe("Google's authError", () => {
  it('decodes the code and sentence of real blobs, padded or cut short', () => {
    expect(decodeAuthError(decodeURIComponent(INVALID_CLIENT))).toEqual({ code: 'invalid_client', message: 'The OAuth client was not found.' });
    expect(decodeAuthError(MISMATCH_CUT)).toMatchObject({ code: 'redirect_uri_mismatch', message: expect.stringContaining('register the redirect URI') });
  });

  it('refuses what is not a blob: empty, oversized, a code that is not one', () => {
    expect(decodeAuthError('')).toBeNull();
    expect(decodeAuthError('A'.repeat(9000))).toBeNull();
    expect(decodeAuthError(Buffer.from('\n\x05<b>x</b>').toString('base64url'))).toBeNull();
    expect(decodeAuthError(Buffer.from([0x0a, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]).toString('base64url'))).toBeNull();
  });
});

describe('classifying the authorize answer', () => {
  it('Google: error page reasons, a sign-in page, an error sent back, an unknown answer', () => {
    expect(classifyGoogleAuthorizeAnswer(302, errorPage(INVALID_CLIENT), '', REDIRECT)).toMatchObject({ ok: false, reason: 'unknown_client' });
    expect(classifyGoogleAuthorizeAnswer(302, errorPage(MISMATCH_CUT), '', REDIRECT)).toMatchObject({ ok: false, reason: 'redirect_mismatch' });
    expect(classifyGoogleAuthorizeAnswer(302, errorPage('garbage'), '', REDIRECT)).toMatchObject({ ok: false, reason: 'refused' });
    expect(classifyGoogleAuthorizeAnswer(302, 'https://accounts.google.com/v3/signin/identifier?continue=x', '', REDIRECT)).toMatchObject({ ok: true, reason: 'accepted' });
    expect(classifyGoogleAuthorizeAnswer(302, `${REDIRECT}?error=invalid_scope&state=s`, '', REDIRECT)).toMatchObject({ ok: false, reason: 'refused', message: expect.stringContaining('invalid_scope') });
    expect(classifyGoogleAuthorizeAnswer(400, null, '<p>Error 400: invalid_request</p>', REDIRECT)).toMatchObject({ ok: false, reason: 'refused' });
    expect(classifyGoogleAuthorizeAnswer(401, null, '<p>401. That’s an error. Error: invalid_client</p>', REDIRECT)).toMatchObject({ reason: 'unknown_client' });
    expect(classifyGoogleAuthorizeAnswer(500, null, 'oops', REDIRECT)).toMatchObject({ ok: false, reason: 'unexpected' });
  });

  it('Google token probe: invalid_grant passes, invalid_client is the secret, no answer is unreachable', () => {
    expect(classifyTokenProbe({ response: { status: 400, data: { error: 'invalid_grant' } } })).toBeNull();
    expect(classifyTokenProbe({ response: { status: 401, data: { error: 'invalid_client' } } })).toMatchObject({ reason: 'bad_secret' });
    expect(classifyTokenProbe(new Error('ECONNREFUSED'))).toMatchObject({ reason: 'unreachable' });
    expect(classifyTokenProbe({ response: { status: 400, data: { error: 'invalid_request' } } })).toMatchObject({ reason: 'unexpected', message: expect.stringContaining('invalid_request') });
  });

  it('Slack: its error pages, the sign-in redirect, an error sent back', () => {
    const slackBack = 'http://localhost:53682/slack/callback';
    const urls = [slackBack];
    const page = (detail: string) => `<h1>Something went wrong when authorizing this app.</h1><p>Error details: ${detail}</p>`;
    expect(classifySlackAuthorizeAnswer(200, null, page('Invalid client_id parameter'), slackBack, urls)).toMatchObject({ ok: false, reason: 'unknown_client' });
    expect(classifySlackAuthorizeAnswer(400, null, page('redirect_uri did not match any configured URIs. Passed URI: x'), slackBack, urls)).toMatchObject({ ok: false, reason: 'redirect_mismatch', message: expect.stringContaining(slackBack) });
    expect(classifySlackAuthorizeAnswer(302, 'https://slack.com/signin?redir=%2Foauth%2Fv2%2Fauthorize', '', slackBack, urls)).toMatchObject({ ok: true });
    expect(classifySlackAuthorizeAnswer(302, `${slackBack}?error=invalid_scope&state=s`, '', slackBack, urls)).toMatchObject({ ok: false, reason: 'refused' });
    expect(classifySlackAuthorizeAnswer(503, null, 'down', slackBack, urls)).toMatchObject({ ok: false, reason: 'unexpected' });
  });
});
