/** Keyboard triage of the suggestion feed, end to end through the host: every key, edit, batch, undo. */
import type { Page } from '@playwright/test';
import type { SuggestionDto, TaskDto } from '../../src/shared/models';
import type { RunningHost } from '../helpers/host';
import { DEMO, seedDemo } from '../helpers/seed';
import { expect, screenshot, test } from './fixtures';

test.use({ seed: { fill: seedDemo } });

const feed = (app: Page) => app.getByRole('feed', { name: 'Suggestions needing review' });
const row = (app: Page, title: string) => feed(app).getByRole('article', { name: title });
const active = (app: Page) => app.locator('[data-testid="suggestion-row"][data-active="true"]');
const taskTitles = async (host: RunningHost) => (await host.call<TaskDto[]>('tasks:list', {})).body.map((task) => task.title);

async function expectActive(app: Page, title: string) {
  await expect(active(app)).toHaveAccessibleName(title);
  await expect(active(app)).toBeFocused();
}

test('j/k move, a approves, u undoes, d dismisses, the toast’s Undo restores', async ({ app, host }) => {
  await expect(row(app, DEMO.contract)).toBeVisible();
  // Best first: 93% contract, 88% slides, 81% budget. The first j only brings focus to the current row.
  await app.keyboard.press('j');
  await expectActive(app, DEMO.contract);
  await app.keyboard.press('j');
  await expectActive(app, DEMO.slides);
  await app.keyboard.press('j');
  await expectActive(app, DEMO.budget);
  await app.keyboard.press('k');
  await app.keyboard.press('k');
  await expectActive(app, DEMO.contract);

  await app.keyboard.press('a');
  await expect(app.getByRole('status').getByText(`Approved “${DEMO.contract}”.`)).toBeVisible();
  await expect(row(app, DEMO.contract)).toHaveCount(0);
  await expectActive(app, DEMO.slides);
  expect(await taskTitles(host)).toContain(DEMO.contract);

  await app.keyboard.press('u');
  await expect(row(app, DEMO.contract)).toBeVisible();
  await expectActive(app, DEMO.contract);
  await expect.poll(() => taskTitles(host)).not.toContain(DEMO.contract);

  await app.keyboard.press('d');
  await expect(app.getByRole('status').getByText(`Dismissed “${DEMO.contract}”.`)).toBeVisible();
  await expect(row(app, DEMO.contract)).toHaveCount(0);
  const dismissed = await host.call<{ items: SuggestionDto[] }>('suggestions:list', { status: 'dismissed' });
  expect(dismissed.body.items.map((item) => item.title)).toEqual([DEMO.contract]);
  expect(await taskTitles(host)).not.toContain(DEMO.contract);

  await app.getByRole('status').getByRole('button', { name: 'Undo' }).last().click();
  await expect(row(app, DEMO.contract)).toBeVisible();
  const pending = await host.call<{ total: number }>('suggestions:list', { status: 'pending_approval' });
  expect(pending.body.total).toBe(7);
});

test('e opens the editor; Escape leaves it untouched; edit then approve creates the edited task', async ({ app, host }) => {
  await expect(row(app, DEMO.contract)).toBeVisible();
  await app.keyboard.press('e');
  const dialog = app.getByRole('dialog', { name: 'Edit, then approve' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel('Title')).toBeFocused();
  await expect(dialog.getByLabel('Title')).toHaveValue(DEMO.contract);
  await expect(dialog.getByText('Dana Lee <dana@acme.example>')).toBeVisible();
  await app.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expectActive(app, DEMO.contract);
  expect(await taskTitles(host)).toEqual(expect.not.arrayContaining([DEMO.contract]));

  await app.keyboard.press('e');
  await dialog.getByLabel('Title').fill('Send the countersigned contract to Dana');
  await dialog.getByLabel('Priority', { exact: true }).selectOption('urgent');
  await dialog.getByLabel('Tags').fill('contract, legal');
  await screenshot(app, 'feed-edit-dialog');
  await dialog.getByRole('button', { name: 'Approve with changes' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(app.getByRole('status').getByText('Approved “Send the countersigned contract to Dana”.')).toBeVisible();
  await expectActive(app, DEMO.slides);
  const tasks = (await host.call<TaskDto[]>('tasks:list', {})).body;
  expect(tasks.find((task) => task.title === 'Send the countersigned contract to Dana')).toMatchObject({ priority: 'urgent', tags: ['contract', 'legal'] });
});

test('x selects, a approves the selection, ? shows the keys, Shift+A batch-approves after confirming, Undo restores', async ({ app, host }) => {
  await expect(row(app, DEMO.contract)).toBeVisible();
  await app.keyboard.press('x');
  await app.keyboard.press('j');
  await app.keyboard.press('j');
  await app.keyboard.press('x');
  await expect(app.getByRole('group', { name: 'Selection' }).getByText('2 selected')).toBeVisible();
  await app.keyboard.press('a');
  await expect(app.getByRole('status').getByText('Approved 2 suggestions.')).toBeVisible();
  await expect(row(app, DEMO.contract)).toHaveCount(0);
  await expect(row(app, DEMO.slides)).toHaveCount(0);
  expect(await taskTitles(host)).toEqual(expect.arrayContaining([DEMO.contract, DEMO.slides]));
  await expectActive(app, DEMO.budget);

  await app.keyboard.press('?');
  const help = app.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help.getByText('Next suggestion')).toBeVisible();
  await screenshot(app, 'feed-keys');
  await app.keyboard.press('Escape');
  await expect(help).toHaveCount(0);

  // 70% or more now: budget 81%, PR 79%, bank details 74%.
  await app.getByLabel('Batch threshold').selectOption('0.7');
  await row(app, DEMO.budget).click({ position: { x: 120, y: 30 } }); // on its context line, left of the buttons the hover shows
  await app.keyboard.press('Shift+A');
  const confirm = app.getByRole('dialog', { name: 'Approve in one go?' });
  await expect(confirm.getByText(/This approves 3 suggestions at 70% confidence or more/)).toBeVisible();
  await screenshot(app, 'feed-batch-confirm');
  await confirm.getByRole('button', { name: 'Approve 3' }).click();
  await expect(app.getByRole('status').getByText('Approved 3 suggestions at 70% or more.')).toBeVisible();
  await expect(feed(app).getByRole('article')).toHaveCount(2);
  await expect(app.getByRole('button', { name: 'Needs review (2)' })).toBeVisible();

  await app.getByRole('status').getByRole('button', { name: 'Undo' }).last().click();
  await expect(feed(app).getByRole('article')).toHaveCount(5);
  await expect.poll(async () => (await host.call<{ total: number }>('suggestions:list', {})).body.total).toBe(5);
});

test('mouse: select with checkboxes and dismiss the selection; filters narrow the feed on the server', async ({ app, host }) => {
  await row(app, DEMO.invite).getByRole('checkbox').check();
  await row(app, DEMO.onboarding).getByRole('checkbox').check();
  await app.getByRole('button', { name: 'Dismiss selected' }).click();
  await expect(app.getByRole('status').getByText('Dismissed 2 suggestions.')).toBeVisible();
  const dismissed = await host.call<{ total: number }>('suggestions:list', { status: 'dismissed' });
  expect(dismissed.body.total).toBe(2);

  await app.getByLabel('Source').selectOption('slack');
  await expect(feed(app).getByRole('article')).toHaveCount(1);
  await expect(row(app, DEMO.pr)).toBeVisible();
  await app.getByLabel('Source').selectOption('');
  await app.getByLabel('Minimum confidence').selectOption('0.8');
  await expect(feed(app).getByRole('article')).toHaveCount(3);
});
