/**
 * The whole product through the real renderer, the headless host and faithful fakes of Google and
 * Slack: connect from the Integrations screen, sync, triage with the keyboard, finish tasks, and see
 * the write-back land at the provider; then reconnect after a revoked sign-in.
 */
import { test as base, type Page } from '@playwright/test';
import type { SyncLogDto, TaskDto } from '../../src/shared/models';
import { startFakeGoogle, type FakeGoogle } from '../fakes/google';
import { startFakeSlack, type FakeSlack } from '../fakes/slack';
import { startHost, type RunningHost } from '../helpers/host';
import { expect, screenshot } from './fixtures';
import { tempDir } from './paths';

const test = base.extend<{ google: FakeGoogle; slack: FakeSlack; host: RunningHost; app: Page }>({
  // Playwright reads fixture dependencies from the destructuring pattern, so an empty one is required.
  // eslint-disable-next-line no-empty-pattern
  google: async ({}, use) => {
    const google = await startFakeGoogle();
    await use(google);
    await google.close();
  },
  // eslint-disable-next-line no-empty-pattern
  slack: async ({}, use) => {
    const slack = await startFakeSlack();
    await use(slack);
    await slack.close();
  },
  host: async ({ google, slack }, use) => {
    const temp = tempDir();
    const host = await startHost({ dataDir: temp.dir, args: ['--open-external', 'follow', '--undo-window-ms', '0'], env: { ...google.env, ...slack.env } });
    await host.call('settings:set', { autoApproveEnabled: false, firstRunDismissed: true });
    await use(host);
    await host.stop();
    temp.cleanup();
  },
  app: async ({ page, host }, use) => {
    await page.goto(host.ui);
    await page.getByRole('navigation', { name: 'Screens' }).waitFor();
    await use(page);
  },
});

const nav = (app: Page, name: string) => app.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name, exact: true }).click();
const feed = (app: Page) => app.getByRole('feed', { name: 'Suggestions needing review' });

async function connectFromDashboard(app: Page, provider: 'Gmail' | 'Slack'): Promise<void> {
  await nav(app, 'Integrations');
  const card = app.getByRole('region', { name: provider });
  await card.getByRole('button', { name: `Connect ${provider}` }).click();
  // The host "opens the system browser", which consents at the fake and lands on the loopback listener.
  await expect(card.locator('.status').first()).toContainText('Connected', { timeout: 20_000 });
}

test('Gmail: connect, sync, triage with the keyboard, complete a task, and the message is archived once', async ({ app, host, google }) => {
  const ids = {
    contract: google.addMessage({ from: 'Dana Lee <dana@example.com>', to: google.account.email, subject: 'Contract', text: 'Hi,\n\nCould you sign the contract and send it back by Friday?\n\nThanks,\nDana' }),
    slides: google.addMessage({ from: 'Sam <sam@example.com>', to: google.account.email, subject: 'Slides', text: 'Can you send me the slides for the board meeting before Monday noon?' }),
    budget: google.addMessage({ from: 'Ari <ari@example.com>', to: google.account.email, subject: 'Budget', text: 'Please review the updated budget spreadsheet by end of day tomorrow.' }),
    room: google.addMessage({ from: 'Kim <kim@example.com>', to: google.account.email, subject: 'Workshop', text: 'Could you book a room for the workshop next Tuesday?' }),
  };
  const subjects: Record<keyof typeof ids, string> = { contract: 'Contract', slides: 'Slides', budget: 'Budget', room: 'Workshop' };
  google.addMessage({ from: 'News <news@example.com>', to: google.account.email, subject: 'Digest', text: 'Top stories this week.', headers: { 'List-Unsubscribe': '<https://example.com/u>' } });

  await connectFromDashboard(app, 'Gmail');
  const card = app.getByRole('region', { name: 'Gmail' });
  await expect(card).toContainText(google.account.email);
  await screenshot(app, 'flow-gmail-connected');
  const integrationId = (await host.call<Array<{ id: number; provider: string }>>('integrations:list')).body.find((entry) => entry.provider === 'gmail')!.id;
  await expect.poll(async () => (await host.call<unknown[]>('sync-logs:list', { integrationId })).body.length, { timeout: 20_000 }).toBeGreaterThan(0);

  await nav(app, 'Suggestions');
  await expect(feed(app).getByRole('article')).toHaveCount(4, { timeout: 20_000 });
  await screenshot(app, 'flow-gmail-feed');

  // Keyboard only: approve the first, edit-then-approve the second, dismiss the third.
  await app.keyboard.press('j');
  await app.keyboard.press('a');
  await expect(feed(app).getByRole('article')).toHaveCount(3);
  await app.keyboard.press('e');
  const dialog = app.getByRole('dialog', { name: 'Edit, then approve' });
  await dialog.getByLabel('Title').fill('Edited by keyboard');
  await dialog.getByRole('button', { name: 'Approve with changes' }).click();
  await expect(feed(app).getByRole('article')).toHaveCount(2);
  // The closed dialog hands focus back to the feed's active row; a key pressed before that is lost.
  await expect(dialog).toHaveCount(0);
  await expect(feed(app).locator('article:focus')).toHaveCount(1);
  await app.keyboard.press('d');
  await expect(feed(app).getByRole('article')).toHaveCount(1);
  // Select what is left with x and approve the selection (Shift+A's threshold batch is in feed.spec.ts).
  await app.keyboard.press('x');
  await app.keyboard.press('a');
  await expect(feed(app).getByRole('article')).toHaveCount(0);

  // The feed drops rows as soon as they are acted on; the approval's request may still be on its way.
  const openTasks = async () => (await host.call<TaskDto[]>('tasks:list', { status: 'open' })).body;
  await expect.poll(async () => (await openTasks()).length).toBe(3);
  const tasks = await openTasks();
  expect(tasks.map((task) => task.title)).toContain('Edited by keyboard');

  // Archive on done, then complete one task in the Tasks screen.
  await host.call('integrations:update-settings', { integrationId, settings: { archiveOnDone: true } });
  await nav(app, 'Tasks');
  const first = tasks[0]!;
  await app.getByRole('checkbox', { name: `Complete ${first.title}` }).click();
  const sourceKey = (Object.keys(ids) as Array<keyof typeof ids>).find((key) => first.source?.link?.endsWith(google.getMessage(ids[key])!.threadId));
  expect(sourceKey).toBeDefined();
  const source = ids[sourceKey!];
  await expect.poll(() => google.getMessage(source)!.labelIds.includes('INBOX'), { timeout: 20_000 }).toBe(false);
  expect(google.getMessage(source)!.labelIds).not.toContain('UNREAD');
  expect(google.labelRemovalRequests(source, 'INBOX')).toBe(1);

  await nav(app, 'Activity');
  // The outbox row names the action, the message and the provider exactly, and says it is done.
  const archived = app.getByTestId('outbox-row').filter({ has: app.getByText(`Archive "${subjects[sourceKey!]}" in Gmail`, { exact: true }) });
  await expect(archived).toHaveCount(1);
  await expect(archived.locator('.outbox-state')).toHaveText('Done');
  await screenshot(app, 'flow-activity');
});

test('a revoked sign-in asks to reconnect, and reconnecting brings the account back', async ({ app, host, google }) => {
  google.addMessage({ from: 'Dana <dana@example.com>', to: google.account.email, subject: 'Hello', text: 'Can you call me tomorrow?' });
  await connectFromDashboard(app, 'Gmail');
  const integrationId = (await host.call<Array<{ id: number }>>('integrations:list')).body[0]!.id;
  // The first sync (started by connecting) must have finished: a second one would be refused as a conflict.
  const finished = async () => (await host.call<SyncLogDto[]>('sync-logs:list', { integrationId })).body.filter((log) => log.status !== 'running').length;
  await expect.poll(finished, { timeout: 20_000 }).toBe(1);
  google.revokeRefreshTokens();
  google.expireAccessTokens();
  const resync = await host.call<SyncLogDto>('integrations:sync', { integrationId });
  expect(resync).toMatchObject({ status: 200, body: { status: 'failed' } });
  const card = app.getByRole('region', { name: 'Gmail' });
  await expect(card.locator('.status').first()).toContainText(/reconnect/i, { timeout: 20_000 });
  await screenshot(app, 'flow-needs-reconnect');
  await card.getByRole('button', { name: /^Reconnect/ }).click();
  await expect(card.locator('.status').first()).toContainText('Connected', { timeout: 20_000 });
  expect((await host.call<unknown[]>('integrations:list')).body).toHaveLength(1);
});

test('Slack: connect, a DM becomes a suggestion with its preview, finishing the task reacts once', async ({ app, host, slack }) => {
  slack.addUser({ id: 'U0PEER0001', name: 'pat', realName: 'Pat Peer' });
  const channel = slack.addChannel({ isIm: true, members: [slack.selfId, 'U0PEER0001'] });
  slack.postMessage({ channel, user: 'U0PEER0001', text: 'Can you review my pull request before tomorrow noon?' });

  await connectFromDashboard(app, 'Slack');
  // The fake's app-level token is in the environment: the card says new messages are pushed.
  await expect(app.getByRole('region', { name: 'Slack' }).locator('.realtime')).toContainText('Live', { timeout: 20_000 });
  await nav(app, 'Suggestions');
  const article = feed(app).getByRole('article').first();
  await expect(article).toBeVisible({ timeout: 20_000 });
  await expect(article).toContainText('Pat Peer');
  await screenshot(app, 'flow-slack-feed');
  await app.keyboard.press('j');
  await app.keyboard.press('a');
  // The approval is a call in flight after the key press: wait for its task rather than race it.
  const openTasks = async () => (await host.call<TaskDto[]>('tasks:list', { status: 'open' })).body;
  await expect.poll(async () => (await openTasks()).length).toBe(1);
  const task = (await openTasks())[0]!;
  await host.call('tasks:complete', { id: task.id });
  await expect.poll(() => slack.reactions().length, { timeout: 20_000 }).toBe(1);
  expect(slack.reactions()[0]).toMatchObject({ name: 'white_check_mark' });
  // Over Socket Mode a new DM reaches the open feed by itself, no "Sync now".
  slack.postMessage({ channel, user: 'U0PEER0001', text: 'Could you send me the Q3 numbers by Friday?' });
  await expect(feed(app).getByRole('article').filter({ hasText: 'Q3 numbers' })).toBeVisible({ timeout: 10_000 });
});
