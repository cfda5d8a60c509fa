import { describe, expect, it } from 'vitest';
import { externalUrlProblem, isSafeExternalUrl } from '../../src/main/security/external-url';
import { senderFrameProblem } from '../../src/main/security/sender-guard';
import { RENDERER_CSP, REQUIRED_WEB_PREFERENCES, isAppUrl, isPermissionAllowed, webPreferenceViolations } from '../../src/main/security/window-policy';

describe('external URL allow-list', () => {
  it.each([
    'https://mail.google.com/mail/u/0/#inbox/abc',
    'https://app.slack.com/client/T1/C1',
    'mailto:someone@example.com',
    'mailto:someone@example.com?subject=Hi',
  ])('opens %s', (url) => expect(externalUrlProblem(url)).toBeNull());

  it.each([
    ['file:///etc/passwd', /scheme/],
    ['smb://attacker/share', /scheme/],
    ['javascript:alert(1)', /scheme/],
    ['JaVaScRiPt:alert(1)', /scheme/],
    ['data:text/html,<script>alert(1)</script>', /scheme/],
    ['http://example.com', /scheme/],
    ['ms-msdt:/id PCWDiagnostic', /spaces/],
    ['ms-msdt:/id', /scheme/],
    ['https://user:pass@example.com', /credentials/],
    ['https://user@example.com', /credentials/],
    ['https://xn--ggle-0nda.com/', /look-alike/],
    ['https://gооgle.com/', /look-alike/],
    ['https://127.0.0.1/', /IP address/],
    ['https://[::1]/', /IP address/],
    ['https://2130706433/', /IP address/],
    ['https://localhost/', /public host/],
    ['https://example.com:8443/', /port/],
    [' https://example.com', /control|spaces/],
    ['https://exa\tmple.com', /control|spaces/],
    ['https://example.com/\u0000', /control/],
    ['mailto:not-an-address', /mail address/],
    ['not a url', /control|valid/],
    [`https://example.com/${'a'.repeat(5000)}`, /too long/],
  ])('refuses %s', (url, reason) => {
    expect(isSafeExternalUrl(url)).toBe(false);
    expect(externalUrlProblem(url)).toMatch(reason);
  });
});

describe('window policy', () => {
  it('the policy isolates and sandboxes the renderer, and the checker names each departure', () => {
    expect(REQUIRED_WEB_PREFERENCES).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false });
    expect(webPreferenceViolations({ ...REQUIRED_WEB_PREFERENCES })).toEqual([]);
    expect(webPreferenceViolations({ ...REQUIRED_WEB_PREFERENCES, sandbox: false })).toEqual(['sandbox must be true (is false)']);
    const { sandbox: _omitted, ...withoutSandbox } = REQUIRED_WEB_PREFERENCES;
    expect(webPreferenceViolations(withoutSandbox)).toEqual(['sandbox must be true (is undefined)']);
  });

  it('the CSP allows only our own scripts and no eval or inline script', () => {
    expect(RENDERER_CSP).toContain("script-src 'self'");
    expect(RENDERER_CSP).not.toMatch(/unsafe-eval|unsafe-inline|\*/);
    expect(RENDERER_CSP).toContain("object-src 'none'");
  });

  it('recognises only our own page as a navigation target', () => {
    const entry = 'file:///opt/app/out/renderer/index.html';
    expect(isAppUrl('file:///opt/app/out/renderer/index.html#x', entry)).toBe(true);
    expect(isAppUrl('file:///etc/passwd', entry)).toBe(false);
    expect(isAppUrl('https://evil.example/', entry)).toBe(false);
    expect(isAppUrl('http://localhost:5173/page', 'http://localhost:5173/')).toBe(true);
    expect(isAppUrl('http://localhost:5174/', 'http://localhost:5173/')).toBe(false);
  });

  it('denies every permission request', () => {
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read']) expect(isPermissionAllowed(permission)).toBe(false);
  });

  it('IPC from a null, sub- or foreign frame is refused', () => {
    const entry = 'file:///opt/app/out/renderer/index.html';
    expect(senderFrameProblem(null, entry)).toBe('no sender frame');
    expect(senderFrameProblem({ url: entry, parent: {} }, entry)).toBe('sent from a subframe');
    expect(senderFrameProblem({ url: 'https://evil.example/', parent: null }, entry)).toMatch(/not the app/);
    expect(senderFrameProblem({ url: entry, parent: null }, entry)).toBeNull();
  });
});
