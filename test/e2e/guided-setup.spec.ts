/**
 * The guided account set-up in the real renderer against the fake Google and Slack: console links open
 * in the system browser, a pasted client ID is checked for shape at once, Test names the reason Google
 * or Slack refuses (unknown client, redirect mismatch), and Connect signs in once the client is right.
 * Also the browser build's own file picker, which lists folders on the host.
 */
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { startFakeGoogle, visitAuthorizationUrl, type FakeGoogleOptions } from '../fakes/google';
import { startFakeSlack } from '../fakes/slack';
import { ROOT, startHost, type RunningHost } from '../helpers/host';
import { dismissFirstRun, expect, screenshot, test } from './fixtures';
import { tempDir } from './paths';

const GOOGLE_ID = '123456789012-abcdefghijklmnopqrstuvwxyz012345.apps.googleusercontent.com';

/** A host with the fakes' endpoints but no client configured, and the page on its Integrations screen. */
async function open(page: Page, env: Record<string, string>, args: string[] = []): Promise<{ host: RunningHost; cleanup(): Promise<void> }> {
  const temp = tempDir();
  dismissFirstRun(temp.dir);
  const host = await startHost({ dataDir: temp.dir, args: ['--open-external', 'print', ...args], env });
  await page.goto(host.ui.replace('/#', '/?screen=integrations#'));
  await page.getByRole('heading', { level: 1, name: 'Integrations' }).waitFor();
  return {
    host,
    cleanup: async () => {
      await host.stop();
      temp.cleanup();
    },
  };
}

async function fakeGoogle(options: FakeGoogleOptions) {
  const google = await startFakeGoogle({ clientId: GOOGLE_ID, ...options });
  const { GMAIL_CLIENT_ID: _id, GMAIL_CLIENT_SECRET: _secret, ...endpoints } = google.env;
  return { google, endpoints };
}

test('Google: links open outside, the shape check speaks at once, Test names an unknown client, then connects', async ({ page }) => {
  const { google, endpoints } = await fakeGoogle({});
  const { host, cleanup } = await open(page, endpoints);
  try {
    const card = page.getByRole('region', { name: 'Gmail' });
    await card.getByRole('button', { name: 'Set up step by step' }).click();
    const dialog = page.getByRole('dialog', { name: 'Set up Google (Gmail, Calendar and Tasks)' });
    await expect(dialog.getByRole('listitem').filter({ hasText: 'Add yourself as a test user' })).toBeVisible();
    await expect(dialog.getByText('https://www.googleapis.com/auth/gmail.modify')).toBeVisible();
    await expect(dialog.getByRole('button', { name: 'Copy scope https://www.googleapis.com/auth/gmail.modify' })).toBeVisible();
    await dialog.getByRole('button', { name: /^Create client/ }).click();
    await expect.poll(() => host.stderr()).toContain('https://console.cloud.google.com/auth/clients/create');

    const field = dialog.getByRole('textbox', { name: 'Google client ID' });
    await field.fill('GOCSPX-abcdefghijklmnopqrstuvwx12');
    await expect(dialog.getByText(/That is the client secret/)).toBeVisible();
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await field.fill('999999999999-zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz.apps.googleusercontent.com');
    await expect(dialog.getByText('Looks right.')).toBeVisible();
    await dialog.getByRole('button', { name: 'Save client ID' }).click();
    await dialog.getByRole('textbox', { name: 'Google client secret' }).fill(google.env.GMAIL_CLIENT_SECRET);
    await dialog.getByRole('button', { name: 'Save Google client secret' }).click();
    await dialog.getByRole('button', { name: 'Test', exact: true }).click();
    await expect(dialog.getByText(/Google does not know this client ID \(invalid_client/)).toBeVisible();
    await screenshot(page, 'guided-setup-google-unknown-client');

    await field.fill(GOOGLE_ID);
    await dialog.getByRole('button', { name: 'Save client ID' }).click();
    await dialog.getByRole('button', { name: 'Test', exact: true }).click();
    await expect(dialog.getByText(/Google accepts this client ID, its secret/)).toBeVisible();
    await dialog.getByRole('button', { name: 'Connect Gmail' }).click();
    await expect(dialog).toHaveCount(0);
    // The sign-in page was opened in the (printing) browser: play it, as the person would.
    const signIn = () => /Open this address in your browser: (\S+\/o\/oauth2\/v2\/auth\S+)/.exec(host.stderr())?.[1] ?? '';
    await expect.poll(signIn).not.toBe('');
    await visitAuthorizationUrl(signIn(), { follow: true });
    await expect(card.locator('.status')).toContainText('Connected', { timeout: 20_000 });
  } finally {
    await cleanup();
    await google.close();
  }
});

test('Google: Test says a Web client cannot take the app’s loopback address', async ({ page }) => {
  const { google, endpoints } = await fakeGoogle({ clientType: 'web', webRedirectUris: ['https://example.com/oauth2/callback'] });
  const { cleanup } = await open(page, { ...endpoints, GMAIL_CLIENT_ID: GOOGLE_ID, GMAIL_CLIENT_SECRET: google.env.GMAIL_CLIENT_SECRET });
  try {
    await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('button', { name: 'Step-by-step set-up for Gmail' }).click();
    const dialog = page.getByRole('dialog', { name: 'Set up Google (Gmail, Calendar and Tasks)' });
    await dialog.getByRole('button', { name: 'Test', exact: true }).click();
    await expect(dialog.getByText(/redirect_uri_mismatch\).*Desktop app/)).toBeVisible();
  } finally {
    await cleanup();
    await google.close();
  }
});

test('Slack: the shape check knows the App ID, and Test names the redirect URLs to register', async ({ page }) => {
  const slack = await startFakeSlack({ redirectUris: ['https://example.com/slack/oauth'] });
  const { SLACK_CLIENT_ID: clientId, SLACK_CLIENT_SECRET: _secret, ...endpoints } = slack.env;
  const { cleanup } = await open(page, endpoints);
  try {
    await page.getByRole('region', { name: 'Slack' }).getByRole('button', { name: 'Set up step by step' }).click();
    const dialog = page.getByRole('dialog', { name: 'Set up Slack' });
    await expect(dialog.getByText('http://localhost:53683/slack/callback')).toBeVisible();
    const field = dialog.getByRole('textbox', { name: 'Slack client ID' });
    await field.fill('A0123ABCD45');
    await expect(dialog.getByText(/That is the App ID/)).toBeVisible();
    await field.fill(clientId);
    await dialog.getByRole('button', { name: 'Save client ID' }).click();
    await dialog.getByRole('button', { name: 'Test', exact: true }).click();
    await expect(dialog.getByText(/redirect_uri did not match any configured URIs.*http:\/\/localhost:53682\/slack\/callback/)).toBeVisible();
  } finally {
    await cleanup();
    await slack.close();
  }
});

test('browser build: the app’s own picker lists the host’s folders, connects the chosen mailbox, and a later choice is checked the same way', async ({ page }) => {
  const home = tempDir();
  mkdirSync(join(home.dir, 'Mail'));
  copyFileSync(join(ROOT, 'resources', 'sample.mbox'), join(home.dir, 'Mail', 'archive.mbox'));
  writeFileSync(join(home.dir, 'Mail', 'notes.txt'), 'Not a mailbox.\n');
  const { cleanup } = await open(page, {}, ['--browse-root', home.dir]);
  try {
    const card = page.getByRole('region', { name: 'Mail files' });
    await card.getByRole('button', { name: 'Add mail files' }).click();
    await card.getByRole('button', { name: 'Choose a mailbox file…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Choose a mailbox file' });
    await expect(dialog.getByRole('button', { name: 'Up one folder' })).toBeDisabled();
    await dialog.getByRole('button', { name: 'Open folder Mail' }).click();
    await expect(dialog.getByText(join(home.dir, 'Mail'))).toBeVisible();
    await screenshot(page, 'folder-picker');
    await dialog.getByRole('button', { name: 'Choose archive.mbox' }).click();
    await expect(card.getByRole('listitem').locator('.status')).toContainText('Connected');
    await expect(card.getByText('archive.mbox')).toBeVisible();

    // Choosing another file in the account's settings: the same checks as on connect.
    await card.getByRole('button', { name: /^Settings of / }).click();
    await card.getByRole('button', { name: 'Choose another file…' }).click();
    const again = page.getByRole('dialog', { name: 'Choose a mailbox file' });
    await again.getByRole('button', { name: 'Open folder Mail' }).click();
    await again.getByRole('button', { name: 'Choose notes.txt' }).click();
    await expect(card.getByLabel('File or folder')).toHaveValue(join(home.dir, 'Mail', 'notes.txt'));
    await card.getByRole('button', { name: 'Save settings' }).click();
    await expect(card.getByRole('status').filter({ hasText: 'is neither an .mbox file' })).toBeVisible();
  } finally {
    await cleanup();
    home.cleanup();
  }
});
