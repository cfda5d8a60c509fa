// Proves the fake Google's Tasks API and its accounts against @googleapis/tasks and
// google-auth-library over real sockets: lists, tasks, updatedMin, the show* flags, ETags, paging,
// scopes; incremental authorization (include_granted_scopes) and revocation of a combined grant.
import { tasks as createTasks, type tasks_v1 } from '@googleapis/tasks';
import { CodeChallengeMethod, OAuth2Client } from 'google-auth-library';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeGoogle, visitAuthorizationUrl, type FakeGoogle } from '../fakes/google';
import { failure } from '../helpers/fake-google-harness';

const TASKS = 'https://www.googleapis.com/auth/tasks';
const GMAIL = 'https://www.googleapis.com/auth/gmail.modify';
let google: FakeGoogle;

beforeAll(async () => {
  google = await startFakeGoogle();
});
afterAll(() => google.close());

function client(credentials: { access_token: string; refresh_token?: string }): OAuth2Client {
  const oauth = new OAuth2Client({
    clientId: google.env.GMAIL_CLIENT_ID,
    clientSecret: google.env.GMAIL_CLIENT_SECRET,
    endpoints: { oauth2TokenUrl: google.env.GOOGLE_OAUTH_TOKEN_URL, oauth2RevokeUrl: google.env.GOOGLE_OAUTH_REVOKE_URL },
  });
  oauth.setCredentials(credentials);
  return oauth;
}

function api(auth: OAuth2Client): tasks_v1.Tasks {
  return createTasks({ version: 'v1', auth: auth as unknown as tasks_v1.Options['auth'], rootUrl: google.env.GOOGLE_API_ROOT_URL, retry: false });
}

describe('Tasks API through @googleapis/tasks', () => {
  it('inserts, gets, patches, deletes; the ETag changes with every change; due keeps only the date', async () => {
    const tasks = api(client(google.issueTokens([TASKS])));
    const lists = (await tasks.tasklists.list()).data;
    expect(lists.items).toEqual([expect.objectContaining({ kind: 'tasks#taskList', id: google.tasks.defaultListId, title: 'My Tasks' })]);
    const created = (await tasks.tasks.insert({ tasklist: '@default', requestBody: { title: 'Send the deck', notes: 'From mail', due: '2030-05-03T15:30:00.000Z' } })).data;
    expect(created).toMatchObject({ kind: 'tasks#task', title: 'Send the deck', notes: 'From mail', status: 'needsAction', due: '2030-05-03T00:00:00.000Z', etag: expect.stringMatching(/^".+"$/) });
    expect(created).not.toHaveProperty('completed');
    expect(created).not.toHaveProperty('deleted');
    const got = (await tasks.tasks.get({ tasklist: google.tasks.defaultListId, task: created.id! })).data;
    expect(got.etag).toBe(created.etag);

    const done = (await tasks.tasks.patch({ tasklist: '@default', task: created.id!, requestBody: { status: 'completed' } })).data;
    expect(done).toMatchObject({ status: 'completed', completed: expect.any(String), title: 'Send the deck' });
    expect(done.etag).not.toBe(created.etag);
    expect(Date.parse(done.updated!)).toBeGreaterThan(Date.parse(created.updated!));
    const reopened = (await tasks.tasks.patch({ tasklist: '@default', task: created.id!, requestBody: { status: 'needsAction', due: null } })).data;
    expect(reopened).not.toHaveProperty('completed');
    expect(reopened).not.toHaveProperty('due');

    const deleted = await tasks.tasks.delete({ tasklist: '@default', task: created.id! });
    expect(deleted.status).toBe(204);
    // Google keeps the tombstone: get still answers, flagged deleted.
    expect((await tasks.tasks.get({ tasklist: '@default', task: created.id! })).data).toMatchObject({ deleted: true });
    expect(await failure(tasks.tasks.get({ tasklist: '@default', task: 'nope' }))).toMatchObject({ status: 404, data: { error: { errors: [{ reason: 'notFound' }] } } });
    expect(await failure(tasks.tasks.insert({ tasklist: '@default', requestBody: { title: 'x', status: 'finished' } }))).toMatchObject({ status: 400 });
    expect(await failure(tasks.tasks.insert({ tasklist: 'no-such-list', requestBody: { title: 'x' } }))).toMatchObject({ status: 404 });
  });

  it('lists by updatedMin with showCompleted, showDeleted and showHidden as Google defaults them, in pages', async () => {
    const tasks = api(client(google.issueTokens([TASKS])));
    const list = google.tasks.addList('Work');
    const open = google.tasks.add({ title: 'Open one', listId: list });
    const viaApi = google.tasks.add({ title: 'Completed by API', listId: list });
    await tasks.tasks.patch({ tasklist: list, task: viaApi, requestBody: { status: 'completed' } });
    const inApp = google.tasks.add({ title: 'Ticked in the app', listId: list });
    google.tasks.completeInApp(inApp);
    const gone = google.tasks.add({ title: 'Deleted', listId: list });
    google.tasks.delete(gone);
    const ids = async (params: tasks_v1.Params$Resource$Tasks$List) => ((await tasks.tasks.list({ tasklist: list, ...params })).data.items ?? []).map((task) => task.id);

    expect(new Set(await ids({}))).toEqual(new Set([open, viaApi]));
    // Completed in Google's own apps means hidden: only showHidden brings it back.
    expect(new Set(await ids({ showHidden: true }))).toEqual(new Set([open, viaApi, inApp]));
    expect(new Set(await ids({ showCompleted: false }))).toEqual(new Set([open]));
    expect(new Set(await ids({ showHidden: true, showDeleted: true }))).toEqual(new Set([open, viaApi, inApp, gone]));

    const mark = new Date(Date.now() + 5).toISOString();
    await new Promise((resolve) => setTimeout(resolve, 10));
    google.tasks.edit(open, { title: 'Open one, renamed' });
    expect(await ids({ updatedMin: mark, showHidden: true, showDeleted: true })).toEqual([open]);
    expect(await failure(tasks.tasks.list({ tasklist: list, updatedMin: 'yesterday' }))).toMatchObject({ status: 400 });

    for (let index = 0; index < 25; index += 1) google.tasks.add({ title: `Bulk ${index}`, listId: list });
    const first = (await tasks.tasks.list({ tasklist: list })).data;
    expect(first.items).toHaveLength(20);
    const second = (await tasks.tasks.list({ tasklist: list, pageToken: first.nextPageToken! })).data;
    expect(second.items).toHaveLength(7);
    expect(second.nextPageToken).toBeUndefined();
    const empty = (await tasks.tasks.list({ tasklist: list, updatedMin: '2999-01-01T00:00:00Z' })).data;
    expect(empty).not.toHaveProperty('items');
  });

  it('needs the tasks scope: a Gmail-only token is refused with insufficientPermissions', async () => {
    const tasks = api(client(google.issueTokens(['openid', 'email', GMAIL])));
    const refused = await failure(tasks.tasks.list({ tasklist: '@default' }));
    expect(refused.status).toBe(403);
    expect(refused.data.error.errors[0].reason).toBe('insufficientPermissions');
    expect(refused.headers.get('www-authenticate')).toContain('tasks');
  });
});

describe('accounts and incremental authorization', () => {
  async function consent(scopes: string[], options: { includeGranted?: boolean; loginHint?: string } = {}) {
    const oauth = new OAuth2Client({ clientId: google.env.GMAIL_CLIENT_ID, clientSecret: google.env.GMAIL_CLIENT_SECRET, redirectUri: 'http://127.0.0.1:1/cb', endpoints: { oauth2AuthBaseUrl: google.env.GOOGLE_OAUTH_AUTH_URL, oauth2TokenUrl: google.env.GOOGLE_OAUTH_TOKEN_URL, oauth2RevokeUrl: google.env.GOOGLE_OAUTH_REVOKE_URL } });
    const { codeVerifier, codeChallenge } = await oauth.generateCodeVerifierAsync();
    const url = oauth.generateAuthUrl({ access_type: 'offline', prompt: 'consent', scope: scopes, include_granted_scopes: options.includeGranted, login_hint: options.loginHint, code_challenge: codeChallenge, code_challenge_method: CodeChallengeMethod.S256 });
    const { location } = await visitAuthorizationUrl(url);
    const { tokens } = await oauth.getToken({ code: location.searchParams.get('code')!, codeVerifier, redirect_uri: 'http://127.0.0.1:1/cb' });
    oauth.setCredentials(tokens);
    return { oauth, tokens, redirectScope: location.searchParams.get('scope') };
  }

  it('include_granted_scopes adds to the account grant; revoking one token revokes the whole grant', async () => {
    const second = google.addAccount({ email: 'second@example.org', name: 'Sam Second' });
    const first = await consent(['openid', 'email', GMAIL], { loginHint: 'second@example.org' });
    expect(first.tokens.scope!.split(' ')).not.toContain(TASKS);
    const added = await consent(['openid', 'email', TASKS], { includeGranted: true, loginHint: 'second@example.org' });
    expect(added.tokens.scope!.split(' ')).toEqual(expect.arrayContaining([GMAIL, TASKS]));
    expect(added.redirectScope!.split(' ')).toEqual(expect.arrayContaining([GMAIL, TASKS]));
    const without = await consent(['openid', 'email', TASKS], { loginHint: 'second@example.org' });
    expect(without.tokens.scope!.split(' ')).not.toContain(GMAIL);
    expect(second.grantedScopes()).toEqual(expect.arrayContaining([GMAIL, TASKS]));

    // The token is the second account's: its tasks, not the first account's.
    second.tasks.add({ title: 'Second account task' });
    const listed = await api(added.oauth).tasks.list({ tasklist: '@default' });
    expect(listed.data.items?.map((task) => task.title)).toEqual(['Second account task']);

    const revocations = google.revocations;
    await first.oauth.revokeToken(first.tokens.refresh_token!);
    expect(google.revocations).toBe(revocations + 1);
    expect(await failure(added.oauth.refreshAccessToken())).toMatchObject({ status: 400, data: { error: 'invalid_grant' } });
    expect(second.grantedScopes()).toEqual([]);
    // A consent after the revoke starts a fresh authorization.
    const fresh = await consent(['openid', 'email', TASKS], { includeGranted: true, loginHint: 'second@example.org' });
    expect(fresh.tokens.scope!.split(' ')).not.toContain(GMAIL);
  });

  it('the account chooser decides the account when no login_hint matches', async () => {
    google.addAccount({ email: 'third@example.org' });
    google.chooseAccount('third@example.org');
    const signed = await consent(['openid', 'email']);
    const userinfo = await fetch(google.env.GOOGLE_USERINFO_URL, { headers: { authorization: `Bearer ${signed.tokens.access_token}` } });
    expect(await userinfo.json()).toMatchObject({ email: 'third@example.org' });
    google.chooseAccount(google.account.email);
  });
});
