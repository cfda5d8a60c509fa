import { describe, expect, it } from 'vitest';
import { createLogger, type LogRecord } from '../../src/main/logging/logger';
import { Redactor } from '../../src/main/logging/redactor';
import { registerEnvironmentSecrets } from '../../src/main/settings/environment';
import { createTestCore } from '../helpers/test-core';

function nest(depth: number, leaf: unknown): unknown {
  let value: unknown = leaf;
  for (let i = 0; i < depth; i += 1) value = { level: value };
  return value;
}

describe('redactor', () => {
  it('never returns a value deeper than its limit as it was: the deep part is replaced', () => {
    const redactor = new Redactor();
    const secret = 'ya29.a0AfH6SMBdeepdeepdeepdeepdeep';
    for (const depth of [7, 8, 20, 200]) {
      const out = JSON.stringify(redactor.redact(nest(depth, `token is ${secret}`)));
      expect(out).not.toContain(secret);
      if (depth > 7) expect(out).toContain('[too deep]');
    }
    // A deep array of a registered secret, and a cycle, do not leak or loop either.
    redactor.add('registered-secret-value');
    const deepArray = JSON.stringify(redactor.redact(nest(10, ['registered-secret-value'])));
    expect(deepArray).not.toContain('registered-secret-value');
    const cyclic: Record<string, unknown> = { note: 'x' };
    cyclic.self = cyclic;
    expect(JSON.stringify(redactor.redact(cyclic))).toContain('[too deep]');
  });

  it('keeps shallow values readable', () => {
    const redactor = new Redactor();
    expect(redactor.redact(nest(3, 'plain words'))).toEqual(nest(3, 'plain words'));
  });

  it.each([
    ['a URL-encoded refresh token', 'refresh=1%2F%2F0gLongRefreshTokenValue-abcdefghij', '1%2F%2F0gLongRefreshTokenValue'],
    ['a lower-case URL-encoded refresh token', 'x 1%2f%2f0gLongRefreshTokenValue-abcdefghij y', '0gLongRefreshTokenValue'],
    ['a Basic auth header', 'Authorization: Basic dXNlcjpwYXNzd29yZA==', 'dXNlcjpwYXNzd29yZA'],
    ['a Google auth code', 'GET /oauth2/callback?code=4/0AeaYSHBxAuthCodeValue_abc-def&scope=email', '4/0AeaYSHBxAuthCodeValue'],
    ['a URL-encoded Google auth code', 'code=4%2F0AeaYSHBxAuthCodeValue_abc-def', '0AeaYSHBxAuthCodeValue'],
    ['a Google client secret', 'client_secret GOCSPX-AbCdEfGhIjKlMnOpQrStUvWxYz12', 'GOCSPX-AbCdEfGhIjKlMnOpQrStUvWxYz12'],
  ])('hides %s in free text', (_what, text, secret) => {
    const out = new Redactor().redactText(text);
    expect(out).not.toContain(secret);
    expect(out).toContain('[redacted]');
  });

  it('hides a registered secret also in its URL-encoded form', () => {
    const redactor = new Redactor();
    redactor.add('my secret/with+odd=chars');
    const out = redactor.redactText(`body=${encodeURIComponent('my secret/with+odd=chars')}&raw=my secret/with+odd=chars`);
    expect(out).not.toContain('my%20secret');
    expect(out).not.toContain('my secret/with');
  });

  it('hides secrets given through the environment once they are registered at start', () => {
    const redactor = new Redactor();
    const env = { LLM_API_KEY: 'local-llm-key-without-known-shape', SLACK_CLIENT_SECRET: 'slack-secret-0123456789', GMAIL_CLIENT_SECRET: 'plain-gmail-secret-xyz', PATH: '/usr/bin:/bin' };
    registerEnvironmentSecrets(redactor, env);
    const records: LogRecord[] = [];
    const logger = createLogger((record) => records.push(record), redactor, () => new Date(0));
    logger.warn('calling with local-llm-key-without-known-shape', { note: 'slack-secret-0123456789 and plain-gmail-secret-xyz', path: '/usr/bin:/bin' });
    const text = JSON.stringify(records);
    for (const secret of ['local-llm-key-without-known-shape', 'slack-secret-0123456789', 'plain-gmail-secret-xyz']) expect(text).not.toContain(secret);
    expect(text).toContain('/usr/bin:/bin');
  });

  it('the core registers LLM_API_KEY and the client secrets from its environment at start', async () => {
    const test = createTestCore({ env: { LLM_API_KEY: 'an-llm-key-of-no-known-shape', GOOGLE_CALENDAR_CLIENT_SECRET: 'calendar-secret-of-no-shape' } });
    try {
      expect(test.core.redactor.redactText('key an-llm-key-of-no-known-shape, calendar-secret-of-no-shape')).toBe('key [redacted], [redacted]');
    } finally {
      await test.cleanup();
    }
  });
});
