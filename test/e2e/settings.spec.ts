/** Settings: secrets are write-only (only "set" / "not set" ever comes back), choices save at once, the LLM test answers. */
import type { SettingsView } from '../../src/shared/models';
import { expect, screenshot, test } from './fixtures';

test('secrets are write-only; engine, auto-approve and client IDs save; Test connection answers in a sentence', async ({ app, host }) => {
  await app.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Settings' }).click();

  const key = app.getByRole('form', { name: 'LLM API key' });
  await expect(key.getByText('not set')).toBeVisible();
  await key.getByLabel('LLM API key', { exact: true }).fill('sk-test-123');
  await key.getByRole('button', { name: 'Save LLM API key' }).click();
  await expect(key.getByRole('status')).toHaveText('LLM API key saved.');
  await expect(key.getByText('set', { exact: true })).toBeVisible();
  await expect(key.getByLabel('LLM API key', { exact: true })).toHaveValue('');
  const view = await host.call<SettingsView>('settings:get', {});
  expect(view.body.secretsSet.llmApiKey).toBe(true);
  expect(JSON.stringify(view.body)).not.toContain('sk-test-123');
  await key.getByRole('button', { name: 'Clear LLM API key' }).click();
  await expect(key.getByText('not set')).toBeVisible();

  await app.getByRole('radio', { name: /Offline \(privacy mode\)/ }).check();
  await expect(app.getByText('Engine: Offline (privacy mode).')).toBeVisible();
  await app.getByRole('textbox', { name: 'Gmail client ID' }).fill('1234.apps.googleusercontent.com');
  await app.getByRole('button', { name: 'Save Gmail client ID' }).click();
  await expect(app.getByText('Gmail client ID saved.')).toBeVisible();
  const slider = app.getByRole('slider', { name: /Auto-approve at or above/ });
  await slider.focus();
  await app.keyboard.press('ArrowRight');
  await expect(app.getByText(/^Threshold \d+%\.$/)).toBeVisible();
  const saved = (await host.call<SettingsView>('settings:get', {})).body.settings;
  expect(saved).toMatchObject({ engine: 'offline', gmailClientId: '1234.apps.googleusercontent.com' });

  await app.getByRole('button', { name: 'Test connection' }).click();
  const answer = app.locator('.settings-section').filter({ hasText: 'Test connection' }).getByRole('status').last();
  await expect(answer).not.toBeEmpty();
  await expect(answer).not.toContainText(/\bat .+:\d+:\d+/);
  await screenshot(app, 'settings-after-changes');
});
