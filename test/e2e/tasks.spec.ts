import { expect, screenshot, test } from './fixtures';

test('creates, edits and completes a task in the real renderer through the host bridge', async ({ app, host }) => {
  await app.getByRole('button', { name: 'Tasks' }).click();
  await expect(app.getByRole('heading', { name: 'Tasks' })).toBeVisible();
  await expect(app.getByText('No tasks.')).toBeVisible();

  await app.getByLabel('Title').fill('Send the contract to Dana');
  await app.getByLabel('Priority', { exact: true }).selectOption('high');
  await app.getByRole('button', { name: 'Add task' }).click();
  const row = app.getByTestId('task-row').filter({ hasText: 'Send the contract to Dana' });
  await expect(row).toBeVisible();
  await expect(row.getByText('high')).toBeVisible();

  await row.getByRole('button', { name: 'Edit Send the contract to Dana' }).click();
  await app.getByLabel('Title').nth(1).fill('Send the signed contract to Dana');
  await app.getByRole('button', { name: 'Save' }).click();
  const edited = app.getByTestId('task-row').filter({ hasText: 'Send the signed contract to Dana' });
  await expect(edited).toBeVisible();
  await screenshot(app, 'tasks-open');

  await edited.getByRole('checkbox', { name: 'Complete Send the signed contract to Dana' }).click();
  await expect(app.getByText('Task done.')).toBeVisible();
  await expect(app.getByTestId('task-row')).toHaveCount(0);
  await app.getByRole('button', { name: 'Done', exact: true }).click();
  await expect(app.getByTestId('task-row').filter({ hasText: 'Send the signed contract to Dana' })).toBeVisible();
  await screenshot(app, 'tasks-done');

  // The change is in the app's database, not just the page.
  const stored = await host.call<Array<{ title: string; status: string }>>('tasks:list', {});
  expect(stored.body).toEqual([expect.objectContaining({ title: 'Send the signed contract to Dana', status: 'done' })]);
});

test('every screen shows real (empty) data instead of placeholders', async ({ app }) => {
  // Each check is something only that screen shows (the screen's name is also in the navigation).
  for (const [name, shown] of [
    ['Suggestions', app.getByText('No suggestions waiting')],
    ['Integrations', app.getByRole('region', { name: 'Mail files' }).getByRole('button', { name: 'Add mail files' })],
    ['Activity', app.getByText('No syncs have run yet')],
    ['Settings', app.getByRole('heading', { name: 'Data folder' })],
  ] as const) {
    await app.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name, exact: true }).click();
    await expect(shown).toBeVisible();
  }
});
