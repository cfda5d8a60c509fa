// One Google sign-in for Gmail, Calendar and Tasks against the fake Google (real google-auth-library
// and @googleapis clients over sockets): one consent, one token set refreshed once, services on and
// off without a consent where the grant covers them, revoking only when the last service goes, and
// two accounts side by side with their own colour and label.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GoogleService } from '../../src/shared/models';
import { startFakeGoogle, visitAuthorizationUrl, type FakeGoogle } from '../fakes/google';
import { createTestCore, firstSync, type TestCore } from '../helpers/test-core';

const SCOPE = { gmail: 'https://www.googleapis.com/auth/gmail.modify', calendar: 'https://www.googleapis.com/auth/calendar.readonly', tasks: 'https://www.googleapis.com/auth/tasks' };
const REQUEST = { to: 'me@example.com', subject: 'Q4 proposal', text: 'Hi,\n\nCould you please review the Q4 proposal and send me your comments by Friday?\n\nThanks' };

let google: FakeGoogle;
let t: TestCore;

beforeEach(async () => {
  google = await startFakeGoogle();
  t = createTestCore({ env: { ...google.env }, options: { undoWindowMs: 0 } });
  t.core.settings.update({ autoApproveEnabled: false });
});
afterEach(async () => {
  await t.cleanup();
  await google.close();
});

const integrations = () => t.core.services.integrations.list();
const status = (id: number) => t.core.repos.integrations.get(id)?.status;

/** Connects services of a Google account through one consent; waits for their first syncs. */
async function connectAccount(services: GoogleService[], accountId?: number): Promise<{ ids: number[]; url: URL | null }> {
  const result = await t.core.services.connections.connect({ provider: 'google', options: { services, ...(accountId ? { accountId } : {}) } });
  expect(result.integrationIds).toHaveLength(services.length);
  if (result.authorizationUrl) {
    await visitAuthorizationUrl(result.authorizationUrl, { follow: true });
    await expect.poll(() => result.integrationIds!.map(status).some((value) => value === 'connecting'), { timeout: 10_000 }).toBe(false);
  }
  for (const id of result.integrationIds!) if (status(id) === 'connected') await firstSync(t.core, id);
  return { ids: result.integrationIds!, url: result.authorizationUrl ? new URL(result.authorizationUrl) : null };
}

describe('one Google sign-in', () => {
  it('connects Gmail, Calendar and Tasks with one consent and one token set; the feed marks the account', async () => {
    google.addMessage({ ...REQUEST, from: 'Dana <dana@example.com>' });
    const { ids, url } = await connectAccount(['gmail', 'google_calendar', 'google_tasks']);
    expect(google.callCount('oauth.authorize')).toBe(1);
    expect(google.callCount('oauth.token')).toBe(1);
    expect(url!.searchParams.get('include_granted_scopes')).toBe('true');
    expect(url!.searchParams.get('access_type')).toBe('offline');
    expect(url!.searchParams.get('scope')!.split(' ')).toEqual(expect.arrayContaining(['openid', 'email', SCOPE.gmail, SCOPE.calendar, SCOPE.tasks]));
    expect(ids.map(status)).toEqual(['connected', 'connected', 'connected']);

    const [account] = t.core.services.accounts.list().accounts;
    expect(account).toMatchObject({ family: 'google', accountEmail: google.account.email, label: google.account.email, colour: '#1a73e8' });
    expect(account!.grantedScopes).toEqual(expect.arrayContaining([SCOPE.gmail, SCOPE.calendar, SCOPE.tasks]));
    expect(account!.services.map((service) => [service.provider, service.status, service.granted])).toEqual([
      ['gmail', 'connected', true],
      ['google_calendar', 'connected', true],
      ['google_tasks', 'connected', true],
    ]);
    // One sealed token set, in the account; none in the services' rows.
    expect(await t.core.vault.loadAccountTokens(account!.id)).not.toBeNull();
    for (const id of ids) expect(t.core.repos.integrations.getSealedCredentials(id)).toBeNull();
    expect(integrations().filter((row) => ids.includes(row.id)).every((row) => row.sharedSignIn && row.account?.id === account!.id)).toBe(true);
    const feed = t.core.services.suggestions.list().items;
    expect(feed).toHaveLength(1);
    expect(feed[0]!.account).toEqual({ id: account!.id, label: google.account.email, colour: '#1a73e8' });
  });

  it('refreshes the shared token once however many services sync at the same time', async () => {
    const { ids } = await connectAccount(['gmail', 'google_calendar', 'google_tasks']);
    google.expireAccessTokens();
    const tokenCalls = google.callCount('oauth.token');
    const logs = await Promise.all(ids.map((id) => t.core.services.sync.syncIntegration(id, 'manual')));
    expect(logs.map((log) => log.status)).toEqual(['succeeded', 'succeeded', 'succeeded']);
    expect(google.callCount('oauth.token') - tokenCalls).toBe(1);
  });

  it('turns a granted service off and on without a consent; a new one gets an incremental consent for that account', async () => {
    const { ids: [gmail] } = await connectAccount(['gmail']);
    const accountId = t.core.repos.integrations.get(gmail!)!.accountRef!;
    const authorizations = google.callCount('oauth.authorize');

    const { ids: [tasks], url } = await connectAccount(['google_tasks'], accountId);
    expect(google.callCount('oauth.authorize')).toBe(authorizations + 1);
    expect(url!.searchParams.get('include_granted_scopes')).toBe('true');
    expect(url!.searchParams.get('login_hint')).toBe(google.account.email);
    expect(url!.searchParams.get('scope')!.split(' ')).not.toContain(SCOPE.gmail);
    // The new token set covers both: Gmail keeps syncing on it.
    expect(t.core.repos.accounts.get(accountId)!.grantedScopes).toEqual(expect.arrayContaining([SCOPE.gmail, SCOPE.tasks]));
    google.expireAccessTokens();
    expect((await t.core.services.sync.syncIntegration(gmail!, 'manual')).status).toBe('succeeded');

    await t.core.services.connections.disconnect(tasks!);
    expect(status(tasks!)).toBe('disconnected');
    expect(google.revocations).toBe(0);
    expect((await t.core.services.sync.syncIntegration(gmail!, 'manual')).status).toBe('succeeded');

    const again = await t.core.services.connections.connect({ provider: 'google', options: { services: ['google_tasks'], accountId } });
    expect(again.authorizationUrl).toBeUndefined();
    expect(again.integrationIds).toEqual([tasks]);
    expect(status(tasks!)).toBe('connected');
    expect(google.callCount('oauth.authorize')).toBe(authorizations + 1);
    await firstSync(t.core, tasks!);

    await t.core.services.connections.disconnect(tasks!);
    expect(google.revocations).toBe(0);
    await t.core.services.connections.disconnect(gmail!);
    // The last service went: the grant is revoked once and the shared tokens are gone.
    expect(google.revocations).toBe(1);
    expect(google.grantedScopes()).toEqual([]);
    expect(await t.core.vault.loadAccountTokens(accountId)).toBeNull();
    expect(t.core.services.accounts.list().accounts[0]!.services.every((service) => !service.granted)).toBe(true);
  });

  it('a service unticked on the consent page stays off with a sentence; the others connect', async () => {
    google.grantScopes(['openid', 'email', SCOPE.gmail]);
    const { ids: [gmail, tasks] } = await connectAccount(['gmail', 'google_tasks']);
    expect(status(gmail!)).toBe('connected');
    expect(status(tasks!)).toBe('error');
    expect(t.core.repos.integrations.get(tasks!)!.lastError).toMatch(/Google Tasks was not turned on: the permission it needs was not granted/);
    expect(google.revocations).toBe(0);
  });

  it('nothing granted at all: the account is not connected, the grant is revoked, the sentence says why', async () => {
    google.grantScopes(['openid', 'email']);
    const { ids } = await connectAccount(['gmail', 'google_calendar']);
    expect(ids.map(status)).toEqual(['error', 'error']);
    expect(t.core.repos.integrations.get(ids[0]!)!.lastError).toMatch(/none of the permissions it needs were granted/);
    expect(google.revocations).toBe(1);
  });

  it('an account that is not a test user of an app in Testing is told why, and connects once it is one', async () => {
    // The app is in Testing for someone else: Google sends access_denied back for this account.
    google.setTestUsers(['someone-else@example.com']);
    const { ids } = await connectAccount(['gmail', 'google_tasks']);
    expect(ids.map(status)).toEqual(['error', 'error']);
    for (const id of ids) expect(t.core.repos.integrations.get(id)!.lastError).toMatch(/not one of its test users.*Test users/);
    expect(google.callCount('oauth.token')).toBe(0);
    google.setTestUsers([google.account.email]);
    const again = await connectAccount(['gmail', 'google_tasks']);
    expect(again.ids.map(status)).toEqual(['connected', 'connected']);
  });

  it('refuses a consent given by another account than the one being extended, changing nothing', async () => {
    const { ids: [gmail] } = await connectAccount(['gmail']);
    const accountId = t.core.repos.integrations.get(gmail!)!.accountRef!;
    // The person picks another account on Google's page (the fake ignores the hint when told to).
    google.addAccount({ email: 'other@example.org' });
    google.chooseAccount('other@example.org');
    const result = await t.core.services.connections.connect({ provider: 'google', options: { services: ['google_calendar'], accountId } });
    const url = new URL(result.authorizationUrl!);
    url.searchParams.delete('login_hint');
    await visitAuthorizationUrl(url.toString(), { follow: true });
    await expect.poll(() => status(result.integrationId), { timeout: 10_000 }).toBe('error');
    expect(t.core.repos.integrations.get(result.integrationId)!.lastError).toMatch(/You signed in as other@example.org/);
    expect(t.core.repos.accounts.list()).toHaveLength(1);
    expect(status(gmail!)).toBe('connected');
  });

  it('disconnecting the whole account revokes once and turns every service off', async () => {
    const { ids } = await connectAccount(['gmail', 'google_calendar', 'google_tasks']);
    const accountId = t.core.repos.integrations.get(ids[0]!)!.accountRef!;
    await t.core.services.connections.disconnectAccount(accountId);
    expect(google.revocations).toBe(1);
    expect(ids.map(status)).toEqual(['disconnected', 'disconnected', 'disconnected']);
    expect(await t.core.vault.loadAccountTokens(accountId)).toBeNull();
  });
});

describe('two Google accounts side by side', () => {
  it('each has its own colour, label, token set and mail; the feed says which account an item came from', async () => {
    const work = google.addAccount({ email: 'work@example.org', name: 'Pat at work' });
    const id = google.addMessage({ ...REQUEST, from: 'Dana <dana@example.com>', subject: 'Personal: the lease' });
    // Gmail's IDs grow with time, so two mailboxes receiving mail at one moment can hold the same ID: it
    // is no link between them, the two messages stay two suggestions.
    work.addMessage({ ...REQUEST, from: 'Boss <boss@example.org>', subject: 'Work: the budget', to: 'work@example.org' }, { id });

    const { ids: [personalGmail] } = await connectAccount(['gmail', 'google_tasks']);
    google.chooseAccount('work@example.org');
    const { ids: [workGmail] } = await connectAccount(['gmail', 'google_tasks']);
    expect(google.callCount('oauth.authorize')).toBe(2);

    const { accounts } = t.core.services.accounts.list();
    expect(accounts.map((account) => [account.accountEmail, account.label, account.colour])).toEqual([
      [google.account.email, google.account.email, '#1a73e8'],
      ['work@example.org', 'work@example.org', '#d93025'],
    ]);
    const renamed = t.core.services.accounts.update(accounts[1]!.id, { label: 'Work', colour: '#188038' });
    expect(renamed).toMatchObject({ label: 'Work', colour: '#188038' });

    const feed = t.core.services.suggestions.list().items.map((item) => [item.preview?.kind === 'email' ? item.preview.subject : null, item.account?.label, item.account?.colour]);
    expect(feed).toEqual(expect.arrayContaining([
      ['Personal: the lease', google.account.email, '#1a73e8'],
      ['Work: the budget', 'Work', '#188038'],
    ]));
    expect(feed).toHaveLength(2);
    expect(t.core.repos.integrations.get(personalGmail!)!.accountRef).not.toBe(t.core.repos.integrations.get(workGmail!)!.accountRef);

    // Each account refreshes its own token set.
    google.expireAccessTokens();
    const tokenCalls = google.callCount('oauth.token');
    await Promise.all([personalGmail!, workGmail!].map((id) => t.core.services.sync.syncIntegration(id, 'manual')));
    expect(google.callCount('oauth.token') - tokenCalls).toBe(2);

    // Disconnecting one account leaves the other alone.
    await t.core.services.connections.disconnectAccount(accounts[1]!.id);
    expect(work.grantedScopes()).toEqual([]);
    expect(google.grantedScopes()).toEqual(expect.arrayContaining([SCOPE.gmail, SCOPE.tasks]));
    expect((await t.core.services.sync.syncIntegration(personalGmail!, 'manual')).status).toBe('succeeded');
  });
});
