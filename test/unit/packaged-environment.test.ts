import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveLlmConfig } from '../../src/main/ai/engine-selector';
import { ENDPOINT_OVERRIDE_VARIABLES } from '../../src/main/settings/environment';
import { createTestCore, type TestCore } from '../helpers/test-core';

const OVERRIDES = {
  GOOGLE_OAUTH_AUTH_URL: 'http://127.0.0.1:9/o/oauth2/v2/auth',
  GOOGLE_OAUTH_TOKEN_URL: 'http://127.0.0.1:9/token',
  GOOGLE_OAUTH_REVOKE_URL: 'http://127.0.0.1:9/revoke',
  GOOGLE_USERINFO_URL: 'http://127.0.0.1:9/userinfo',
  GOOGLE_API_ROOT_URL: 'http://127.0.0.1:9/',
  SLACK_OAUTH_AUTH_URL: 'http://127.0.0.1:9/oauth/v2/authorize',
  SLACK_API_URL: 'http://127.0.0.1:9/api/',
};
const ENV = { ...OVERRIDES, GMAIL_CLIENT_ID: 'client-id', GMAIL_CLIENT_SECRET: 'client-secret-value', SLACK_CLIENT_ID: 'slack-id', LLM_BASE_URL: 'http://127.0.0.1:11434/v1' };

let test: TestCore;
afterEach(async () => test?.cleanup());

async function signInUrls(core: TestCore['core']): Promise<{ google: string; slack: string }> {
  const google = await core.services.connections.connect({ provider: 'gmail' });
  const slack = await core.services.connections.connect({ provider: 'slack' });
  core.services.connections.cancelConnect(google.integrationId);
  core.services.connections.cancelConnect(slack.integrationId);
  return { google: google.authorizationUrl!, slack: slack.authorizationUrl! };
}

describe('endpoint overrides', () => {
  it('a packaged build ignores every endpoint override and signs in at the real services, saying so in the log', async () => {
    test = createTestCore({ env: ENV, packaged: true });
    const urls = await signInUrls(test.core);
    expect(urls.google.startsWith('https://accounts.google.com/o/oauth2/v2/auth?')).toBe(true);
    expect(urls.slack.startsWith('https://slack.com/oauth/v2/authorize?')).toBe(true);
    for (const name of ENDPOINT_OVERRIDE_VARIABLES) expect(test.core.platform.env[name]).toBeUndefined();
    // LLM_BASE_URL is a documented user setting, not an override: it stays.
    expect((await resolveLlmConfig(test.core.settings.get(), test.core.vault, test.core.platform.env))?.baseUrl).toBe('http://127.0.0.1:11434/v1');
    await test.core.stop();
    expect(readFileSync(join(test.dir, 'logs', 'app.log'), 'utf8')).toContain('ignores the endpoint overrides GOOGLE_OAUTH_AUTH_URL, GOOGLE_OAUTH_TOKEN_URL');
  });

  it('a development build and the headless host honour them (tests point them at fakes)', async () => {
    test = createTestCore({ env: ENV });
    const urls = await signInUrls(test.core);
    expect(urls.google.startsWith(`${OVERRIDES.GOOGLE_OAUTH_AUTH_URL}?`)).toBe(true);
    expect(urls.slack.startsWith(`${OVERRIDES.SLACK_OAUTH_AUTH_URL}?`)).toBe(true);
    expect(test.core.platform.env.GOOGLE_API_ROOT_URL).toBe(OVERRIDES.GOOGLE_API_ROOT_URL);
  });
});
