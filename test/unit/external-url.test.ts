import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../src/main/ipc/dispatch';
import { silentLogger } from '../../src/main/logging/logger';
import { checkExternalUrl } from '../../src/main/security/external-url';
import { openFromWindow } from '../../src/main/security/window-policy';
import { createTestCore, type TestCore } from '../helpers/test-core';

describe('mail links', () => {
  it.each([
    ['mailto:a@b.com?x=%E0%A4%A', /encod/],
    ['mailto:a@b.com?subject=%E0%A4%A', /encod/],
    ['mailto:%E0%A4%A@b.com', /encod/],
    ['mailto:a@b.com?attach=/etc/passwd', /subject and the body/],
    ['mailto:a@b.com?Attach=%2Fhome%2Fme%2F.ssh%2Fid_rsa', /subject and the body/],
    ['mailto:a@b.com?cc=c@d.com', /subject and the body/],
    ['mailto:a@b.com?bcc=c@d.com', /subject and the body/],
    ['mailto:a@b.com?subject=Hi&to=c@d.com', /subject and the body/],
    ['mailto:a@b.com?subject=one&subject=two', /more than once/],
    ['mailto:a@b.com,c@d.com', /one mail address/],
    ['mailto:a@b.com#frag', /fragment/],
    ['mailto:?subject=x', /mail address/],
  ])('refuses %s with a sentence and never throws', (url, reason) => {
    const result = checkExternalUrl(url);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problem).toMatch(reason);
  });

  it('hands on the re-serialised parsed link, not the raw string', () => {
    expect(checkExternalUrl('mailto:Someone+tag@Example.com?SUBJECT=Lunch%20on%20Friday&body=See+you')).toEqual({
      ok: true,
      url: 'mailto:Someone%2Btag@example.com?subject=Lunch%20on%20Friday&body=See%2Byou',
    });
    expect(checkExternalUrl('https://EXAMPLE.com/a/../b?q=1#top')).toEqual({ ok: true, url: 'https://example.com/b?q=1#top' });
  });
});

describe('shell:open-external', () => {
  let test: TestCore;
  afterEach(async () => test?.cleanup());

  it('answers a malformed mail link with a clear 400 refusal (not a 500) and opens nothing', async () => {
    test = createTestCore();
    const result = await dispatch(test.core.handlers, 'shell:open-external', { url: 'mailto:a@b.com?x=%E0%A4%A' }, silentLogger());
    expect(result.status).toBe(400);
    expect(result.reply).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/^That link was not opened: /) } });
    expect(test.opened).toEqual([]);
  });

  it('opens the parsed link', async () => {
    test = createTestCore();
    const result = await dispatch(test.core.handlers, 'shell:open-external', { url: 'mailto:a@b.com?subject=Hi%20there' }, silentLogger());
    expect(result.status).toBe(200);
    expect(test.opened).toEqual(['mailto:a@b.com?subject=Hi%20there']);
  });
});

describe('window-open handler', () => {
  it('denies every window, never throws, and opens only the parsed safe link', async () => {
    const opened: string[] = [];
    const open = async (url: string) => {
      opened.push(url);
    };
    expect(openFromWindow('mailto:a@b.com?x=%E0%A4%A', open)).toEqual({ action: 'deny' });
    expect(openFromWindow('mailto:a@b.com?attach=/etc/passwd', open)).toEqual({ action: 'deny' });
    expect(openFromWindow('file:///etc/passwd', open)).toEqual({ action: 'deny' });
    expect(openFromWindow('https://Example.com/x', open)).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://example.com/x']);
  });

  it('swallows a failing system browser instead of leaving an unhandled rejection', async () => {
    const failures: string[] = [];
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      openFromWindow('https://example.com/', async () => Promise.reject(new Error('no browser')), (problem) => failures.push(problem));
      await new Promise((resolve) => setTimeout(resolve, 20));
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
    expect(unhandled).toEqual([]);
    expect(failures).toEqual(['no browser']);
  });
});
