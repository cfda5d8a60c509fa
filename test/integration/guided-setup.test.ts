// The guided set-up's "Test" and the reasons a sign-in fails, against the fakes of Google and Slack
// answering as the real ones do: an unknown client and a wrong redirect are refused on the authorize
// page (Google through /signin/oauth/error with authError, Slack with its own page), a wrong secret at
// the token endpoint, and an account that is not a test user of an app in Testing comes back with
// access_denied on the redirect.
import { afterEach, describe, expect, it } from 'vitest';
import type { IntegrationDto } from '../../src/shared/models';
import { startFakeGoogle, visitAuthorizationUrl, type FakeGoogleOptions } from '../fakes/google';
import { startFakeSlack, type FakeSlackOptions } from '../fakes/slack';
import { createTestCore, type TestCore } from '../helpers/test-core';

const CLIENT_ID = '123456789012-abcdefghijklmnopqrstuvwxyz012345.apps.googleusercontent.com';
let t: TestCore | null = null;
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  await t?.cleanup();
  t = null;
  for (const close of closers.splice(0)) await close();
});

async function google(options: FakeGoogleOptions = {}, env: Record<string, string> = {}) {
  const fake = await startFakeGoogle({ clientId: CLIENT_ID, ...options });
  closers.push(() => fake.close());
  t = createTestCore({ env: { ...fake.env, ...env } });
  return fake;
}

async function slack(options: FakeSlackOptions = {}, env: Record<string, string> = {}) {
  const fake = await startFakeSlack(options);
  closers.push(() => fake.close());
  t = createTestCore({ env: { ...fake.env, ...env } });
  return fake;
}

const check = (provider: 'gmail' | 'google_calendar' | 'slack') => t!.core.handlers['integrations:test-client']({ provider });

describe('Test on the Google set-up', () => {
  it('accepts a Desktop client with its secret', async () => {
    await google();
    expect(await check('gmail')).toMatchObject({ ok: true, reason: 'accepted' });
    // Calendar falls back on the Gmail client, so it is checked too.
    expect(await check('google_calendar')).toMatchObject({ ok: true, reason: 'accepted' });
  });

  it('says Google does not know an unknown client ID', async () => {
    await google({}, { GMAIL_CLIENT_ID: '999999999999-zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz.apps.googleusercontent.com' });
    const answer = await check('gmail');
    expect(answer).toMatchObject({ ok: false, reason: 'unknown_client' });
    expect(answer.message).toContain('(invalid_client: The OAuth client was not found).');
  });

  it('says a redirect mismatch means the client is not a Desktop app', async () => {
    await google({ clientType: 'web', webRedirectUris: ['https://example.com/oauth2/callback'] });
    const answer = await check('gmail');
    expect(answer).toMatchObject({ ok: false, reason: 'redirect_mismatch' });
    expect(answer.message).toMatch(/redirect_uri_mismatch.*Desktop app/);
  });

  it('says the secret is wrong when only the token endpoint refuses', async () => {
    await google({}, { GMAIL_CLIENT_SECRET: 'GOCSPX-not-the-secret' });
    expect(await check('gmail')).toMatchObject({ ok: false, reason: 'bad_secret' });
  });

  it('says what is missing before anything is configured, and when Google cannot be reached', async () => {
    t = createTestCore({ env: {} });
    expect(await check('gmail')).toMatchObject({ ok: false, reason: 'not_configured', message: expect.stringContaining('GMAIL_CLIENT_ID') });
    await t.cleanup();
    t = createTestCore({ env: { GMAIL_CLIENT_ID: CLIENT_ID, GMAIL_CLIENT_SECRET: 's', GOOGLE_OAUTH_AUTH_URL: 'http://127.0.0.1:9/o/oauth2/v2/auth' } });
    expect(await check('gmail')).toMatchObject({ ok: false, reason: 'unreachable' });
  });

  it('explains access_denied from an app in Testing when the account is not a test user', async () => {
    // Only a sign-in can show this (the client and the redirect are fine), so it is the connect that explains it.
    const fake = await google({ testUsers: ['someone-else@example.com'] });
    const { integrationId, authorizationUrl } = await t!.core.handlers['integrations:connect']({ provider: 'gmail' });
    await visitAuthorizationUrl(authorizationUrl!, { follow: true });
    const row = await waitFor(integrationId, (integration) => integration.status !== 'connecting');
    expect(row).toMatchObject({ status: 'error' });
    expect(row.lastError).toContain('Test users');
    // Once the account is a test user, the same sign-in goes through.
    fake.setTestUsers([fake.account.email]);
    const again = await t!.core.handlers['integrations:connect']({ provider: 'gmail', integrationId });
    await visitAuthorizationUrl(again.authorizationUrl!, { follow: true });
    expect(await waitFor(integrationId, (integration) => integration.status === 'connected')).toMatchObject({ accountEmail: fake.account.email });
  });
});

describe('Test on the Slack set-up', () => {
  it('accepts the app when its redirect URLs are registered', async () => {
    await slack();
    expect(await check('slack')).toMatchObject({ ok: true, reason: 'accepted' });
  });

  it('says Slack does not know an unknown client ID', async () => {
    await slack({}, { SLACK_CLIENT_ID: '123456789012.9999999999999' });
    const answer = await check('slack');
    expect(answer).toMatchObject({ ok: false, reason: 'unknown_client' });
    expect(answer.message).toContain('Invalid client_id parameter');
  });

  it('names the exact redirect URLs to register when Slack refuses the redirect', async () => {
    await slack({ redirectUris: ['https://example.com/slack/oauth'] });
    const answer = await check('slack');
    expect(answer).toMatchObject({ ok: false, reason: 'redirect_mismatch' });
    expect(answer.message).toContain('http://localhost:53682/slack/callback, http://localhost:53683/slack/callback, http://localhost:53684/slack/callback');
  });

  it('refuses to test a provider that has no OAuth client', async () => {
    t = createTestCore({ env: {} });
    await expect(t.core.handlers['integrations:test-client']({ provider: 'mail_files' })).rejects.toThrow(/does not sign in with an OAuth client/);
  });
});

async function waitFor(id: number, done: (row: IntegrationDto) => boolean): Promise<IntegrationDto> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const row = (await t!.core.handlers['integrations:list']({})).find((integration) => integration.id === id);
    if (row && done(row)) return row;
    if (Date.now() > deadline) throw new Error(`integration ${id} never got there: ${JSON.stringify(row)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
