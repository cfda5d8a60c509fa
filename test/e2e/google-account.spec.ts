/**
 * One Google sign-in through the real renderer, the headless host and the fake Google: connect one
 * account for Gmail + Calendar + Tasks with one consent; approve a suggestion -> one task here and one
 * in the fake's Google Tasks; tick it off in Google Tasks -> done here and the email archived once.
 * The suggestion is an invitation email and its calendar event, merged into one (issue 19's Done when).
 */
import type { AccountDto, IntegrationDto, SyncLogDto, TaskDto } from '../../src/shared/models';
import { addInvitedMeeting } from '../helpers/google-invitation';
import { expect, screenshot } from './fixtures';
import { fakeGoogleTest, nav } from './fake-google-host';

const test = fakeGoogleTest();


test('one Google sign-in for Gmail, Calendar and Tasks; an approved task goes to Google Tasks, and ticking it off there finishes it here and archives the email once', async ({ app, host, google }) => {
  // An invitation email and its event: two sources of one commitment.
  const message = addInvitedMeeting(google, 'kestrelreview01', 'Kestrel roadmap review');

  await nav(app, 'Integrations');
  const card = app.getByRole('region', { name: 'Google account' });
  for (const service of ['Gmail', 'Google Calendar', 'Google Tasks']) await expect(card.getByRole('checkbox', { name: service })).toBeChecked();
  await card.getByRole('button', { name: 'Connect a Google account' }).click();
  // The host "opens the system browser", which consents at the fake and lands on the loopback listener.
  const account = card.getByRole('listitem', { name: `Google account ${google.account.email}` });
  for (const service of ['Gmail', 'Google Calendar', 'Google Tasks']) {
    await expect(account.getByRole('switch', { name: `${service} for ${google.account.email}` })).toBeChecked({ timeout: 20_000 });
  }
  await expect(account.locator('.status').filter({ hasText: 'Connected' })).toHaveCount(3, { timeout: 20_000 });
  expect(google.callCount('oauth.authorize')).toBe(1);
  expect(google.callCount('oauth.token')).toBe(1);
  await screenshot(app, 'google-account-connected');

  const accounts = (await host.call<{ accounts: AccountDto[] }>('accounts:list')).body.accounts;
  expect(accounts).toHaveLength(1);
  const integrations = (await host.call<IntegrationDto[]>('integrations:list')).body;
  const gmail = integrations.find((row) => row.provider === 'gmail')!;
  const tasks = integrations.find((row) => row.provider === 'google_tasks')!;
  expect(integrations.every((row) => row.sharedSignIn && row.account?.id === accounts[0]!.id)).toBe(true);
  await host.call('integrations:update-settings', { integrationId: gmail.id, settings: { archiveOnDone: true } });

  await nav(app, 'Suggestions');
  const feed = app.getByRole('feed', { name: 'Suggestions needing review' });
  const row = feed.getByRole('article').filter({ hasText: 'Kestrel roadmap review' });
  await expect(row).toHaveCount(1, { timeout: 20_000 });
  // One suggestion for both sources, and nothing else in the feed.
  // The sources are listed in the order they arrived (the three services sync side by side).
  await expect(row).toContainText(/2 sources: (Gmail \+ Google Calendar|Google Calendar \+ Gmail)/, { timeout: 20_000 });
  await expect(feed.getByRole('article')).toHaveCount(1);
  // The feed says which account the item came from.
  await expect(row.locator('.account-chip')).toHaveText(google.account.email);
  await screenshot(app, 'google-account-feed');
  await row.getByRole('button', { name: /^Approve / }).click();

  await expect.poll(async () => (await host.call<TaskDto[]>('tasks:list', { status: 'open' })).body.length, { timeout: 20_000 }).toBe(1);
  const [task] = (await host.call<TaskDto[]>('tasks:list', { status: 'open' })).body;
  await expect.poll(() => google.tasks.all().length, { timeout: 20_000 }).toBe(1);
  const [remote] = google.tasks.all();
  expect(remote).toMatchObject({ title: task!.title, status: 'needsAction' });
  expect(String(remote!.notes)).toMatch(/Source: https:\/\/(mail\.google\.com|www\.google\.com\/calendar)\//);

  // Ticked off on the phone: Google's app completes and hides it.
  google.tasks.completeInApp(String(remote!.id));
  const pulled = await host.call<SyncLogDto>('integrations:sync', { integrationId: tasks.id });
  expect(pulled.body).toMatchObject({ status: 'succeeded' });
  await expect.poll(async () => (await host.call<TaskDto[]>('tasks:list', { status: 'done' })).body.map((done) => done.id), { timeout: 20_000 }).toEqual([task!.id]);
  await expect.poll(() => google.getMessage(message)!.labelIds.includes('INBOX'), { timeout: 20_000 }).toBe(false);
  expect(google.labelRemovalRequests(message, 'INBOX')).toBe(1);
  expect(google.tasks.all()).toHaveLength(1);

  await nav(app, 'Tasks');
  await screenshot(app, 'google-account-task-done');
  await nav(app, 'Activity');
  await expect(app.getByTestId('outbox-row').filter({ hasText: 'to Google Tasks' })).toHaveCount(1);
});

test('a service turned off and on again needs no new consent; disconnecting the account revokes once', async ({ app, google }) => {
  await nav(app, 'Integrations');
  const card = app.getByRole('region', { name: 'Google account' });
  await card.getByRole('checkbox', { name: 'Google Calendar' }).uncheck();
  await card.getByRole('button', { name: 'Connect a Google account' }).click();
  const account = card.getByRole('listitem', { name: `Google account ${google.account.email}` });
  const tasks = account.getByRole('switch', { name: `Google Tasks for ${google.account.email}` });
  await expect(tasks).toBeChecked({ timeout: 20_000 });
  // The switches follow the app's state (they flip once the app has done it), so they are clicked, not set.
  await tasks.click();
  await expect(tasks).not.toBeChecked();
  await tasks.click();
  await expect(tasks).toBeChecked();
  expect(google.callCount('oauth.authorize')).toBe(1);
  // Calendar was never granted: turning it on asks Google, for that account only.
  await account.getByRole('switch', { name: `Google Calendar for ${google.account.email}` }).click();
  await expect(account.getByRole('switch', { name: `Google Calendar for ${google.account.email}` })).toBeChecked({ timeout: 20_000 });
  expect(google.callCount('oauth.authorize')).toBe(2);
  await account.getByRole('button', { name: `Disconnect the Google account ${google.account.email}` }).click();
  await app.getByRole('dialog').getByRole('button', { name: 'Disconnect account' }).click();
  await expect(account.locator('.status').filter({ hasText: 'Disconnected' })).toHaveCount(3, { timeout: 20_000 });
  expect(google.revocations).toBe(1);
});
