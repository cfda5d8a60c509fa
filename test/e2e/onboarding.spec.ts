/**
 * First launch to first value: on a fresh data folder the first-run flow is in front; "Try it with
 * sample data" lands in the feed with suggestions (counted clicks, measured time); a second launch on
 * the same folder opens on the feed. Skipping keeps it closed; Settings shows it again.
 */
import type { Page } from '@playwright/test';
import type { SettingsView } from '../../src/shared/models';
import { startHost } from '../helpers/host';
import { expect, screenshot, test } from './fixtures';
import { tempDir } from './paths';

/** Counts the clicks the person makes on the page (trusted pointer clicks only). */
async function countClicks(page: Page): Promise<() => Promise<number>> {
  await page.evaluate(() => {
    const scope = globalThis as unknown as { clicks: number; addEventListener(type: string, listener: (event: { isTrusted: boolean }) => void, capture: boolean): void };
    scope.clicks = 0;
    scope.addEventListener('click', (event) => void (event.isTrusted && (scope.clicks += 1)), true);
  });
  return () => page.evaluate(() => (globalThis as unknown as { clicks: number }).clicks);
}

test('a first launch reaches suggestions from the sample data in one click, and the second launch goes straight to the feed', async ({ page }) => {
  const temp = tempDir();
  try {
    let host = await startHost({ dataDir: temp.dir, args: ['--open-external', 'print'] });
    await page.goto(host.ui);
    const welcome = page.getByRole('heading', { level: 1, name: 'Welcome to Provider Tasks' });
    await expect(welcome).toBeVisible();
    const clicks = await countClicks(page);
    const started = Date.now();
    await page.getByRole('button', { name: 'Try it with sample data' }).click();
    const feed = page.getByRole('feed', { name: 'Suggestions needing review' });
    await expect(feed.getByTestId('suggestion-row').nth(2)).toBeVisible({ timeout: 30_000 });
    const seconds = (Date.now() - started) / 1000;
    expect(seconds).toBeLessThan(30);
    expect(await clicks()).toBeLessThanOrEqual(3);
    await expect(page.getByRole('heading', { level: 1, name: 'Suggestions' })).toBeVisible();
    console.log(`first run: ${await feed.getByTestId('suggestion-row').count()} suggestions shown ${seconds.toFixed(1)} s after the click, ${await clicks()} click(s)`);
    const settings = await host.call<SettingsView>('settings:get');
    expect(settings.body.settings).toMatchObject({ firstRunDismissed: true, engine: 'offline' });
    await host.stop();

    // Second launch, same data folder: the feed, no first-run flow.
    host = await startHost({ dataDir: temp.dir, args: ['--open-external', 'print'] });
    await page.goto(host.ui);
    await expect(page.getByRole('heading', { level: 1, name: 'Suggestions' })).toBeVisible();
    await expect(feed.getByTestId('suggestion-row').first()).toBeVisible();
    await expect(welcome).toHaveCount(0);
    await host.stop();
  } finally {
    temp.cleanup();
  }
});

test.describe('the first-run flow', () => {
  test.use({ firstRun: true });

  test('says what the app does, where data lives and how suggestions are made', async ({ app, host }) => {
    await expect(app.getByRole('heading', { level: 1, name: 'Welcome to Provider Tasks' })).toBeVisible();
    for (const theme of ['light', 'dark'] as const) {
      await app.emulateMedia({ colorScheme: theme });
      await screenshot(app, `welcome-${theme}`);
    }
    const info = await host.call<{ dataDir: string }>('app:info');
    await expect(app.getByRole('region', { name: 'Your data stays here' }).getByText(info.body.dataDir)).toBeVisible();
    await expect(app.getByRole('radio', { name: /Offline engine/ })).toBeChecked();
    await app.getByRole('radio', { name: /An LLM endpoint/ }).check();
    await expect(app.getByRole('button', { name: 'Test connection' })).toBeVisible();
    await app.getByRole('button', { name: 'Test connection' }).click();
    await expect(app.getByRole('region', { name: 'Suggestions' }).getByRole('status').filter({ hasText: /No LLM is configured/ })).toBeVisible();
    await app.getByRole('radio', { name: /Offline engine/ }).check();
    await expect.poll(async () => (await host.call<SettingsView>('settings:get')).body.settings.engine).toBe('offline');
  });

  test('Skip keeps it closed on the next launch; Settings shows it again', async ({ app, host }) => {
    await app.getByRole('button', { name: /^Skip/ }).click();
    await expect(app.getByRole('heading', { level: 1, name: 'Suggestions' })).toBeVisible();
    await expect.poll(async () => (await host.call<SettingsView>('settings:get')).body.settings.firstRunDismissed).toBe(true);
    await app.reload();
    await expect(app.getByRole('heading', { level: 1, name: 'Suggestions' })).toBeVisible();
    await app.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Settings' }).click();
    await app.getByRole('button', { name: 'Show the welcome page again' }).click();
    await expect(app.getByRole('heading', { level: 1, name: 'Welcome to Provider Tasks' })).toBeVisible();
    // Leaving through the navigation shows that screen.
    await app.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Tasks' }).click();
    await expect(app.getByRole('heading', { level: 1, name: 'Tasks' })).toBeVisible();
  });
});
