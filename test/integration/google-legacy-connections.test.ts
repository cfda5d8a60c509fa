// Gmail and Calendar connected one at a time before Google accounts existed keep working after the
// upgrade: a version-6 database with their own sealed token sets (from the fake Google) is migrated by
// the app, both sync and refresh on their own tokens, the feed shows their account, and turning on
// Tasks for that account later joins the same account without touching their sign-ins.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAesGcmCipher } from '../../src/main/auth/aes-gcm-cipher';
import type { StoredTokens } from '../../src/main/auth/token-vault';
import { openDatabase } from '../../src/main/db/connection';
import { loadMigrations, migrate, schemaVersion } from '../../src/main/db/migrate';
import { startFakeGoogle, visitAuthorizationUrl, type FakeGoogle } from '../fakes/google';
import { ROOT } from '../helpers/host';
import { createTestCore, firstSync, type TestCore } from '../helpers/test-core';
import { MIGRATIONS_DIR, tempDir } from '../helpers/temp-db';

const GMAIL = 'https://www.googleapis.com/auth/gmail.modify';
const CALENDAR = 'https://www.googleapis.com/auth/calendar.readonly';
const KEY = randomBytes(32);
let google: FakeGoogle;
let t: TestCore;
let temp: ReturnType<typeof tempDir>;

/** Builds a version-6 data folder (the last before accounts): the v6 fixture rows, with real token sets of the fake sealed in rows 1 and 2. */
async function versionSixFolder(): Promise<void> {
  const db = openDatabase(join(temp.dir, 'app.db'));
  migrate(db, loadMigrations(MIGRATIONS_DIR).slice(0, 6));
  db.exec(readFileSync(join(ROOT, 'test/fixtures/db/v6-data.sql'), 'utf8'));
  const cipher = createAesGcmCipher(KEY, 'test');
  const seal = async (scopes: string[]) => {
    const issued = google.issueTokens(['openid', 'email', ...scopes]);
    const tokens: StoredTokens = { accessToken: issued.access_token, refreshToken: issued.refresh_token, expiresAt: issued.expiry_date, scope: issued.scope, tokenType: 'Bearer' };
    return cipher.encrypt(JSON.stringify(tokens));
  };
  const update = db.prepare(`UPDATE integrations SET credentials_encrypted = ?, account_id = ?, account_email = ?, cursor = NULL WHERE id = ?`);
  update.run(await seal([GMAIL]), google.account.sub, google.account.email, 1);
  update.run(await seal([CALENDAR]), google.account.sub, google.account.email, 2);
  // The second account's Gmail and the Slack row of the fixture are not in this test's fake: switch them off.
  db.prepare(`UPDATE integrations SET status = 'disconnected', credentials_encrypted = NULL WHERE id IN (3, 4)`).run();
  expect(schemaVersion(db)).toBe(6);
  db.close();
}

beforeEach(async () => {
  google = await startFakeGoogle();
  temp = tempDir('pt-legacy-');
  await versionSixFolder();
  t = createTestCore({ dataDir: temp.dir, env: { ...google.env, INTEGRATION_ENCRYPTION_KEY: KEY.toString('base64') }, options: { undoWindowMs: 0 } });
  t.core.settings.update({ autoApproveEnabled: false });
});
afterEach(async () => {
  await t.cleanup();
  temp.cleanup();
  await google.close();
});

describe('connections made before Google accounts', () => {
  it('keep syncing on their own tokens after the upgrade, refreshing each on its own, and show their account in the feed', async () => {
    google.addMessage({ from: 'Dana <dana@example.com>', to: google.account.email, subject: 'Contract', text: 'Could you sign the contract and send it back by Friday?' });
    const [gmail, calendar, otherAccount, slack] = t.core.services.integrations.list();
    expect(otherAccount).toMatchObject({ id: 3, account: { label: 'work@example.org', colour: '#d93025' } });
    expect(slack).toMatchObject({ id: 4, account: null });
    expect(gmail).toMatchObject({ id: 1, provider: 'gmail', sharedSignIn: false, account: { label: google.account.email, colour: '#1a73e8' } });
    expect(calendar).toMatchObject({ id: 2, provider: 'google_calendar', sharedSignIn: false, account: { id: gmail!.account!.id } });
    google.expireAccessTokens();
    const tokenCalls = google.callCount('oauth.token');
    const logs = await Promise.all([1, 2].map((id) => t.core.services.sync.syncIntegration(id, 'manual')));
    expect(logs.map((log) => log.status)).toEqual(['succeeded', 'succeeded']);
    // Two token sets, two refreshes.
    expect(google.callCount('oauth.token') - tokenCalls).toBe(2);
    const feed = t.core.services.suggestions.list().items.filter((item) => item.preview?.kind === 'email' && item.preview.subject === 'Contract');
    expect(feed).toEqual([expect.objectContaining({ account: expect.objectContaining({ label: google.account.email }) })]);
  });

  it('turning on Tasks for that account joins it; Gmail and Calendar keep their own sign-ins; disconnecting Gmail revokes nothing while Calendar is on', async () => {
    const accountId = t.core.services.integrations.list()[0]!.account!.id;
    const result = await t.core.services.connections.connect({ provider: 'google', options: { services: ['google_tasks'], accountId } });
    expect(new URL(result.authorizationUrl!).searchParams.get('login_hint')).toBe(google.account.email);
    await visitAuthorizationUrl(result.authorizationUrl!, { follow: true });
    await expect.poll(() => t.core.repos.integrations.get(result.integrationId)?.status, { timeout: 10_000 }).toBe('connected');
    await firstSync(t.core, result.integrationId);
    const rows = t.core.services.integrations.list().filter((row) => row.account?.id === accountId);
    expect(rows.map((row) => [row.provider, row.sharedSignIn])).toEqual([
      ['gmail', false],
      ['google_calendar', false],
      ['google_tasks', true],
    ]);
    expect(t.core.repos.integrations.getSealedCredentials(1)).not.toBeNull();

    await t.core.services.connections.disconnect(1);
    expect(google.revocations).toBe(0);
    expect((await t.core.services.sync.syncIntegration(2, 'manual')).status).toBe('succeeded');
  });
});
