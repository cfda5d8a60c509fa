/**
 * Every screen on seeded data (integrations in each state, suggestions of each kind, tasks, sync logs,
 * outbox), screenshots of each in light and dark, and the 900x600 window without horizontal overflow.
 */
import type { Page } from '@playwright/test';
import type { OutboxActionDto } from '../../src/shared/models';
import { DEMO, seedDemo } from '../helpers/seed';
import { expect, screenshot, test } from './fixtures';
import type { PageGlobals } from './page-globals';

test.use({ seed: { fill: seedDemo } });

const go = (app: Page, name: string) => app.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name, exact: true }).click();

for (const theme of ['light', 'dark'] as const) {
  test(`every screen shows the seeded data (${theme} theme)`, async ({ app, host }) => {
    await app.emulateMedia({ colorScheme: theme });
    // No error in the page on the way, CSP refusals included (React style props are CSSOM, not inline styles).
    const problems: string[] = [];
    app.on('console', (message) => void (message.type() === 'error' && problems.push(`${message.text()} (${message.location().url})`)));
    app.on('pageerror', (error) => void problems.push(error.message));

    // Suggestions: rows with confidence, previews of each kind, flags; auto-approved in their own view.
    const feed = app.getByRole('feed', { name: 'Suggestions needing review' });
    const contract = feed.getByRole('article', { name: DEMO.contract });
    await expect(contract).toBeVisible();
    await expect(contract.getByText('93%')).toBeVisible();
    await expect(contract.getByText('Contract for review')).toBeVisible();
    await expect(feed.getByRole('article', { name: DEMO.slides }).getByText('Design review', { exact: true })).toBeVisible();
    await expect(feed.getByRole('article', { name: DEMO.pr }).getByText('#eng')).toBeVisible();
    await expect(feed.getByRole('article', { name: DEMO.wire }).getByText('hidden text found — not auto-approved')).toBeVisible();
    // A sensitive request: a badge with its sentence, first in the row.
    const wireFlags = feed.getByRole('article', { name: DEMO.wire }).locator('.flag');
    await expect(wireFlags.first()).toHaveText(/^⚠ Asks to pay or move money: confirm with the sender another way before acting/);
    await expect(wireFlags.first()).toHaveClass(/flag-sensitive/);
    await expect(wireFlags.first()).toBeVisible();
    await expect(app.getByRole('button', { name: 'Needs review (7)' })).toBeVisible();
    await screenshot(app, `suggestions-${theme}`);
    await app.getByRole('button', { name: 'Auto-approved (2)' }).click();
    await expect(app.getByRole('feed', { name: 'Auto-approved suggestions' }).getByRole('article', { name: DEMO.invoice })).toBeVisible();
    await screenshot(app, `suggestions-auto-approved-${theme}`);
    await app.getByRole('button', { name: /^Needs review/ }).click();

    // Tasks: overdue stands out, links back to the source, sort and filter.
    await go(app, 'Tasks');
    const passport = app.getByTestId('task-row').filter({ hasText: DEMO.passport });
    await expect(passport.getByText('Overdue:')).toBeVisible();
    const invoice = app.getByTestId('task-row').filter({ hasText: DEMO.invoice });
    await expect(invoice.getByRole('button', { name: `Open in Gmail: ${DEMO.invoice}` })).toBeVisible();
    await expect(app.getByTestId('task-row').filter({ hasText: DEMO.release }).getByRole('button', { name: /^Open in Slack/ })).toBeVisible();
    await expect(app.getByTestId('task-row').first()).toContainText(DEMO.passport); // due date first: overdue on top
    await screenshot(app, `tasks-${theme}`);
    await app.getByLabel('Source filter').selectOption('gmail');
    await expect(app.getByTestId('task-row')).toHaveCount(1);
    await app.getByLabel('Source filter').selectOption('all');
    await app.getByLabel('Sort by').selectOption('created');
    await expect(app.getByTestId('task-row')).toHaveCount(3);

    // Integrations: a card per provider, each state in words, facts and actions.
    await go(app, 'Integrations');
    const gmail = app.getByRole('region', { name: 'Gmail' });
    await expect(gmail.getByText('alex@example.com')).toBeVisible();
    await expect(gmail.locator('.status')).toContainText('Connected');
    await expect(gmail.getByRole('button', { name: 'Sync alex@example.com now' })).toBeVisible();
    const slack = app.getByRole('region', { name: 'Slack' });
    await expect(slack.locator('.status')).toContainText('Needs reconnect');
    await expect(slack.getByRole('button', { name: 'Reconnect Acme workspace' })).toBeVisible();
    await expect(app.getByRole('region', { name: 'Mail files' }).getByText('could not be read')).toBeVisible();
    await gmail.getByRole('button', { name: 'Settings of alex@example.com' }).click();
    await expect(gmail.getByLabel('Only these labels')).toHaveValue('INBOX');
    await expect(gmail.getByLabel('Mark the email read when its task is done')).toBeChecked();
    await screenshot(app, `integrations-${theme}`);

    // Activity: sync figures and errors; the outbox with its states.
    await go(app, 'Activity');
    const logs = app.getByTestId('sync-log');
    await expect(logs).toHaveCount(3);
    await expect(logs.filter({ hasText: 'Gmail' }).getByText('38 newsletters skipped by the pre-filter')).toBeVisible();
    await expect(logs.filter({ hasText: 'Failed' }).getByText('token_revoked')).toBeVisible();
    const outbox = await host.call<OutboxActionDto[]>('outbox:list', {});
    expect(outbox.body.map((action) => action.state).sort()).toEqual(['dead', 'done', 'pending']);
    await expect(app.getByTestId('outbox-row')).toHaveCount(3);
    await expect(app.getByTestId('outbox-row').filter({ hasText: 'Gave up' }).getByRole('button', { name: /^Retry/ })).toBeVisible();
    await screenshot(app, `activity-${theme}`);

    // Settings: secrets show only set / not set; the LLM test answers with a sentence.
    await go(app, 'Settings');
    await expect(app.getByRole('heading', { name: 'Data folder' })).toBeVisible();
    await expect(app.getByRole('form', { name: 'LLM API key' }).getByText('not set')).toBeVisible();
    await expect(app.getByRole('radio', { name: /Offline \(privacy mode\)/ })).toBeVisible();
    await screenshot(app, `settings-${theme}`);
    expect(problems).toEqual([]);
  });
}

test('fits a 900x600 window: no horizontal overflow on any screen', async ({ app }) => {
  await app.setViewportSize({ width: 900, height: 600 });
  for (const name of ['Suggestions', 'Tasks', 'Integrations', 'Activity', 'Settings']) {
    await go(app, name);
    await expect(app.getByRole('heading', { level: 1, name })).toBeVisible();
    const overflow = await app.evaluate(() => {
      const { document, innerWidth } = globalThis as unknown as PageGlobals;
      const content = document.querySelector('.content')!;
      return { page: document.documentElement.scrollWidth - innerWidth, content: content.scrollWidth - content.clientWidth };
    });
    expect(overflow, `${name} overflows horizontally`).toEqual({ page: 0, content: 0 });
    await screenshot(app, `${name.toLowerCase()}-900x600`);
  }
});
