/**
 * Issue 19, one commitment one task, through the real renderer, the headless host and the fake Google:
 * an invitation email and its calendar event show as ONE suggestion listing both sources; approving it
 * makes one task; "Not the same: split off" splits a source into a suggestion of its own.
 */
import type { Page } from '@playwright/test';
import type { TaskDto } from '../../src/shared/models';
import { addInvitedMeeting } from '../helpers/google-invitation';
import type { RunningHost } from '../helpers/host';
import { expect, screenshot } from './fixtures';
import { fakeGoogleTest } from './fake-google-host';

// Wide enough for the detail pane beside the feed.
const test = fakeGoogleTest({ viewport: { width: 1400, height: 900 } });

const feed = (app: Page) => app.getByRole('feed', { name: 'Suggestions needing review' });
// The first run opens on the welcome screen: the feed is one click away once accounts are connected.
const showFeed = (app: Page) => app.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Suggestions', exact: true }).click();

/** Connects Gmail, then Google Calendar (the host follows the consent at the fake), each synced once. */
async function connectGoogle(host: RunningHost): Promise<void> {
  for (const provider of ['gmail', 'google_calendar']) {
    const { body } = await host.call<{ integrationId: number }>('integrations:connect', { provider });
    await expect.poll(async () => (await host.call<unknown[]>('sync-logs:list', { integrationId: body.integrationId })).body.length, { timeout: 20_000 }).toBeGreaterThan(0);
  }
}

test('an invitation email and its event are one suggestion with both sources; approving it makes one task', async ({ app, host, google }) => {
  addInvitedMeeting(google, 'kestrelreview01', 'Kestrel roadmap review');
  await connectGoogle(host);
  await showFeed(app);

  await expect(feed(app).getByRole('article')).toHaveCount(1, { timeout: 20_000 });
  await expect(feed(app).getByRole('article')).toContainText('2 sources: Gmail + Google Calendar');
  const sources = app.getByRole('region', { name: 'Sources' });
  await expect(sources.getByRole('listitem')).toHaveCount(2);
  await expect(sources.getByRole('listitem').nth(0)).toContainText('Invitation: Kestrel roadmap review');
  await expect(sources.getByRole('listitem').nth(1)).toContainText('Kestrel roadmap review');
  await expect(sources.getByRole('listitem').nth(1)).toContainText('Linked by the same calendar invitation.');
  await screenshot(app, 'merge-two-sources');

  await app.keyboard.press('j');
  // On the active row the actions show over the row's right end: the sources badge stays clear of them.
  const row = feed(app).getByRole('article');
  await expect(row.getByRole('button', { name: /^Approve / })).toBeVisible();
  const badge = (await row.getByText(/^2 sources:/).boundingBox())!;
  const actions = (await row.getByRole('button', { name: /^Approve / }).boundingBox())!;
  expect(badge.x + badge.width).toBeLessThan(actions.x);
  await app.keyboard.press('a');
  await expect(feed(app).getByRole('article')).toHaveCount(0);
  const tasks = (await host.call<TaskDto[]>('tasks:list', {})).body;
  expect(tasks).toHaveLength(1);
});

test('"Not the same: split off" makes the event a suggestion of its own', async ({ app, host, google }) => {
  addInvitedMeeting(google, 'boardprep01', 'Board prep');
  await connectGoogle(host);
  await showFeed(app);
  await expect(feed(app).getByRole('article')).toHaveCount(1, { timeout: 20_000 });
  const sources = app.getByRole('region', { name: 'Sources' });
  await sources.getByRole('listitem').nth(1).getByRole('button', { name: 'Not the same: split off' }).click();
  await expect(app.getByText(/is a suggestion of its own now/)).toBeVisible();
  await expect(feed(app).getByRole('article')).toHaveCount(2);
  await expect(feed(app).getByText(/\d sources:/)).toHaveCount(0);
});
