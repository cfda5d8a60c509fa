/**
 * The first sync is progressive (issue 16): through the real renderer and the headless host against
 * a quota-enforcing fake Gmail, suggestions appear in the feed while the sync log still says the
 * sync is running, and more arrive page by page until it says done.
 */
import type { SyncLogDto } from '../../src/shared/models';
import { expect, screenshot } from './fixtures';
import { fakeGoogleTest, nav } from './fake-google-host';

const MESSAGES = 300;

// Google's per-user quota (250 units/s) and real-ish latency: 300 messages take several seconds.
const test = fakeGoogleTest({ google: { quota: { unitsPerSecond: 250 }, latencyMs: [20, 60] }, hostArgs: ['--open-external', 'follow'] });


test('suggestions reach the feed while the first sync is still running, page by page', async ({ app, host, google }) => {
  for (let index = 0; index < MESSAGES; index += 1) {
    google.addMessage({ from: `Colleague ${index} <c${index}@example.com>`, to: google.account.email, subject: `Draft ${index}`, date: new Date(Date.now() - 60_000 * (index + 1)), text: `Could you please review draft ${index} and send me your comments by Friday?` });
  }
  await nav(app, 'Integrations');
  const card = app.getByRole('region', { name: 'Gmail' });
  await card.getByRole('button', { name: 'Connect Gmail' }).click();
  await nav(app, 'Suggestions');
  const feed = app.getByRole('feed', { name: 'Suggestions needing review' });
  await expect(feed.getByRole('article').first()).toBeVisible({ timeout: 30_000 });
  // The feed shows suggestions; what does the sync log say at this moment?
  const atFirst = (await host.call<SyncLogDto[]>('sync-logs:list')).body;
  expect(atFirst).toHaveLength(1);
  expect(atFirst[0]).toMatchObject({ status: 'running', pagesCommitted: expect.any(Number) });
  expect(atFirst[0]!.pagesCommitted).toBeGreaterThanOrEqual(1);
  const shownEarly = await feed.getByRole('article').count();
  await screenshot(app, 'progressive-first-page');

  await expect.poll(async () => (await host.call<SyncLogDto[]>('sync-logs:list')).body[0]!.status, { timeout: 60_000 }).toBe('succeeded');
  const done = (await host.call<SyncLogDto[]>('sync-logs:list')).body[0]!;
  expect(done).toMatchObject({ itemsFetched: MESSAGES, suggestionsGenerated: MESSAGES });
  expect(done.pagesCommitted).toBeGreaterThan(atFirst[0]!.pagesCommitted);
  expect(shownEarly).toBeLessThan(MESSAGES);
  // The feed heard of every later page without a reload.
  const total = (await host.call<{ total: number }>('suggestions:list', { limit: 1 })).body.total;
  expect(total).toBe(MESSAGES);
  await expect(app.getByRole('group', { name: 'Which suggestions' }).getByRole('button', { pressed: true })).toContainText(`(${MESSAGES})`, { timeout: 20_000 });

  await nav(app, 'Activity');
  const log = app.getByTestId('sync-log').first();
  await expect(log).toContainText('Succeeded');
  await expect(log).toContainText('Pages saved');
});
