/**
 * The dashboard's connect flow for local files, driven by roles and labels only: a bad path shows the
 * app's sentence (never a stack trace), the sample mailbox connects, its settings save, Sync now runs,
 * and Disconnect asks first. (Connecting Gmail through the fake Google server is the back end's spec.)
 */
import { join } from 'node:path';
import type { IntegrationDto } from '../../src/shared/models';
import { ROOT } from '../helpers/host';
import { expect, screenshot, test } from './fixtures';

test('adds the sample mailbox, saves its settings, syncs it and disconnects after confirming', async ({ app, host }) => {
  await app.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Integrations' }).click();
  const card = app.getByRole('region', { name: 'Mail files' });
  await card.getByRole('button', { name: 'Add mail files' }).click();
  const path = card.getByLabel(/path to the \.mbox/i);
  await expect(path).toBeFocused();

  await path.fill('/nowhere/missing.mbox');
  await card.getByRole('button', { name: 'Add', exact: true }).click();
  const problem = card.getByRole('alert');
  await expect(problem).toBeVisible();
  await expect(problem).not.toContainText(/\bat .+\(.+:\d+:\d+\)/); // no stack trace, just the sentence

  await card.getByRole('button', { name: 'Add mail files' }).click();
  const sample = join(ROOT, 'resources', 'sample.mbox');
  await card.getByLabel(/path to the \.mbox/i).fill(sample);
  await card.getByRole('button', { name: 'Add', exact: true }).click();
  const account = card.getByRole('listitem');
  await expect(account.locator('.status')).toContainText('Connected');
  await expect(card.getByRole('alert')).toHaveCount(0);

  const name = await account.locator('.account').innerText();
  await account.getByRole('button', { name: `Settings of ${name}` }).click();
  await account.getByLabel('Sync every (minutes)').fill('45');
  await account.getByRole('button', { name: 'Save settings' }).click();
  await expect(account.getByText('Settings saved.')).toBeVisible();
  const stored = await host.call<IntegrationDto[]>('integrations:list', {});
  expect(stored.body.find((row) => row.provider === 'mail_files')?.settings.syncFrequencyMinutes).toBe(45);

  await account.getByRole('button', { name: `Sync ${name} now` }).click();
  await expect(account.getByRole('button', { name: `Sync ${name} now` })).toBeEnabled({ timeout: 30_000 });
  // The run is reported, and "Last sync" holds a time (its label is there even before any sync).
  await expect(app.getByRole('status').getByText(`Synced ${name}: `)).toBeVisible();
  await expect(account.locator('.figure').filter({ hasText: 'Last sync' }).locator('time')).toBeVisible();
  await screenshot(app, 'integrations-mail-files');

  await account.getByRole('button', { name: `Disconnect ${name}` }).click();
  const confirm = app.getByRole('dialog', { name: `Disconnect ${name}?` });
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(account.locator('.status')).toContainText('Connected');
  await account.getByRole('button', { name: `Disconnect ${name}` }).click();
  await confirm.getByRole('button', { name: 'Disconnect' }).click();
  await expect(account.locator('.status')).toContainText('Disconnected');
  await expect(account.getByRole('button', { name: `Reconnect ${name}` })).toBeVisible();

  // A disconnected account can be removed; the tasks approved from it stay.
  await account.getByRole('button', { name: `Remove ${name}` }).click();
  await app.getByRole('dialog', { name: `Remove ${name}?` }).getByRole('button', { name: 'Remove' }).click();
  await expect(card.getByRole('listitem')).toHaveCount(0);
  expect((await host.call<unknown[]>('integrations:list')).body).toEqual([]);
});

test('a provider without a client ID says what is missing and links to Settings', async ({ app }) => {
  await app.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Integrations' }).click();
  const gmail = app.getByRole('region', { name: 'Gmail' });
  await expect(gmail.getByText(/Gmail needs an OAuth client/)).toBeVisible();
  await gmail.getByRole('button', { name: 'Open Settings' }).click();
  await expect(app.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  await expect(app.getByRole('heading', { level: 3, name: 'Gmail' })).toBeFocused();
  await expect(app.getByRole('textbox', { name: 'Gmail client ID' })).toBeVisible();
});
