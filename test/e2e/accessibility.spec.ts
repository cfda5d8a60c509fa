/**
 * Accessibility of every screen and dialog: an axe-core scan (WCAG 2.1 A and AA rules) with no serious
 * or critical violation, once per screen and dialog in the light theme and once per screen (and one
 * dialog) in the dark one, the daily-use and learning ones included (search with marked matches, the
 * snooze choices, never-from rules, History, the palette, quick add, export, a reminder, the dashboard's
 * chart, Settings' rules); the order Tab walks
 * through the feed and the visible focus ring on everything it reaches; the hover-only buttons appearing
 * for the keyboard too.
 */
import AxeBuilder from '@axe-core/playwright';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { advanceHostClock, waitForEventStreams } from '../helpers/clock';
import { DEMO, seedDemo } from '../helpers/seed';
import { expect, test } from './fixtures';
import { tempDir } from './paths';

const browseRoot = tempDir();
mkdirSync(join(browseRoot.dir, 'Mail'), { recursive: true });
writeFileSync(join(browseRoot.dir, 'Mail', 'archive.mbox'), 'From a@example.com Mon Jan  5 10:00:00 2026\n\n');
test.afterAll(() => browseRoot.cleanup());
// A clock that moves only when told, so a reminder comes when the scan wants it.
const START = Date.now();
test.use({ seed: { fill: seedDemo }, hostArgs: ['--browse-root', browseRoot.dir, '--manual-clock', new Date(START).toISOString()] });

/** The computed opacity of an element (the hover-only buttons use it). */
const opacity = (locator: Locator) => locator.evaluate((element) => (globalThis as unknown as { getComputedStyle(node: unknown): { opacity: string } }).getComputedStyle(element).opacity);
const go = (app: Page, name: string) => app.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name, exact: true }).click();

/** Runs axe on the page (or one dialog) and returns the serious and critical violations, readably. */
async function seriousViolations(app: Page, what: string, include?: string): Promise<string[]> {
  let builder = new AxeBuilder({ page: app }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']);
  if (include) builder = builder.include(include);
  const result = await builder.analyze();
  return result.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${what}: ${violation.id} (${violation.impact}) on ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

// One scan per distinct screen and dialog in the light theme; the dark theme changes only colours, so
// it scans the screens and one dialog (the walk is the same, so both see the same states).
for (const theme of ['light', 'dark'] as const) {
  test(`axe finds no serious or critical violation on any screen or dialog (${theme})`, async ({ app, host }) => {
    test.setTimeout(180_000);
    await app.emulateMedia({ colorScheme: theme });
    const found: string[] = [];
    const scan = async (what: string, options: { dialog?: boolean; dark?: boolean } = {}) => {
      if (theme === 'dark' && !options.dark) return;
      found.push(...(await seriousViolations(app, what, options.dialog ? 'dialog' : undefined)));
    };
    const feed = app.getByRole('feed', { name: 'Suggestions needing review' });
    const contract = feed.getByRole('article', { name: DEMO.contract });
    const search = app.getByRole('searchbox', { name: 'Search suggestions' });
    await expect(contract).toBeVisible();
    // A search marking its words in titles and sources, a warning flag, the active row with its buttons
    // showing and a hovered row with its own: the feed's states in one scan.
    await search.fill('the');
    await expect(feed.getByRole('article', { name: DEMO.wire })).toBeVisible();
    await expect(feed.locator('.match-source mark').first()).toBeVisible();
    await contract.click({ position: { x: 120, y: 30 } });
    await feed.getByRole('article', { name: DEMO.slides }).hover();
    await scan('Suggestions', { dark: true });
    await search.fill('');
    await contract.click({ position: { x: 120, y: 30 } });
    await app.keyboard.press('?');
    // Wait for each dialog before closing it: the dark walk skips most scans, so nothing else waits.
    const shortcuts = app.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await expect(shortcuts).toBeVisible();
    await scan('Keyboard shortcuts', { dialog: true });
    await app.keyboard.press('Escape');
    await expect(shortcuts).toHaveCount(0);
    await app.keyboard.press('e');
    await expect(app.getByRole('dialog', { name: 'Edit, then approve' })).toBeVisible();
    await scan('Edit, then approve', { dialog: true, dark: true });
    await app.keyboard.press('Escape');
    await expect(app.getByRole('dialog', { name: 'Edit, then approve' })).toHaveCount(0);
    await app.keyboard.press('n');
    await expect(app.getByRole('dialog', { name: 'Never suggest from…' })).toBeVisible();
    await scan('Never suggest from', { dialog: true });
    await app.keyboard.press('Escape');
    await expect(app.getByRole('dialog', { name: 'Never suggest from…' })).toHaveCount(0);
    // Dismissed (History, with Restore): the dashboard's chart below needs a decision too. The row is
    // clicked first: in the dark walk (no scans between steps) the page itself sometimes reported no
    // focus right after the dialog closed under load; focus order is the Tab-walk test's subject.
    await contract.click({ position: { x: 120, y: 30 } });
    await app.keyboard.press('d');
    await expect(contract).toHaveCount(0);
    await app.keyboard.press('s');
    await expect(app.getByRole('dialog', { name: /^Snooze/ })).toBeVisible();
    await scan('Snooze', { dialog: true });
    await app.getByRole('button', { name: 'Later today' }).click();
    await app.getByRole('button', { name: /^Dismissed/ }).click();
    await expect(app.getByRole('feed', { name: 'Dismissed suggestions' }).getByRole('button', { name: `Restore ${DEMO.contract}` })).toBeAttached();
    await scan('History');
    await app.getByRole('button', { name: /^Needs review/ }).click();
    await app.keyboard.press('q');
    await app.getByRole('textbox', { name: 'What to do' }).fill('Pay rent on the 1st #home !high');
    await expect(app.getByTestId('preview-title')).toHaveText('Pay rent');
    await scan('Quick add', { dialog: true });
    await app.keyboard.press('Escape');
    await app.keyboard.press('Control+k');
    await app.getByRole('combobox', { name: 'Find tasks, suggestions, screens and actions' }).fill('invoice');
    await expect(app.getByRole('option', { name: /invoice/ })).toBeVisible();
    await scan('Palette', { dialog: true });
    await app.keyboard.press('Escape');

    await go(app, 'Tasks');
    await expect(app.getByTestId('task-row').first()).toBeVisible();
    // A reminder in front of the list (reminders come 15 minutes ahead by default); the page must be
    // listening before the clock moves.
    await host.call('tasks:create', { title: 'Call the bank', dueAt: new Date(START + 16 * 60_000).toISOString() });
    await waitForEventStreams(host, 1);
    await advanceHostClock(host, 2 * 60_000);
    await expect(app.getByTestId('reminder').filter({ hasText: 'Call the bank' })).toBeVisible();
    await scan('Tasks with a reminder', { dark: true });
    // It sits over the header's right end until closed.
    await app.getByRole('button', { name: 'Close reminder Call the bank' }).click();
    await app.getByRole('button', { name: 'Export…' }).click();
    await expect(app.getByRole('dialog', { name: 'Export tasks' })).toBeVisible();
    await scan('Export', { dialog: true });
    await app.keyboard.press('Escape');

    await go(app, 'Integrations');
    const gmail = app.getByRole('region', { name: 'Gmail' });
    await gmail.getByRole('button', { name: 'Settings of alex@example.com' }).click();
    await app.getByRole('region', { name: 'Google Calendar' }).or(app.getByRole('region', { name: 'Slack' })).first().waitFor();
    await expect(app.getByRole('figure', { name: /^Approved and dismissed suggestions per confidence/ })).toBeVisible();
    await scan('Integrations and the dashboard', { dark: true });
    const mail = app.getByRole('region', { name: 'Mail files' });
    await mail.getByRole('button', { name: 'Add mail files' }).click();
    await mail.getByRole('button', { name: 'Choose a mailbox file…' }).click();
    await expect(app.getByRole('dialog', { name: 'Choose a mailbox file' }).getByRole('button', { name: 'Open folder Mail' })).toBeVisible();
    await scan('File picker', { dialog: true });
    await app.keyboard.press('Escape');

    await go(app, 'Activity');
    await expect(app.getByTestId('sync-log').first()).toBeVisible();
    await scan('Activity', { dark: true });

    await go(app, 'Settings');
    await expect(app.getByRole('heading', { name: 'Data folder' })).toBeVisible();
    await expect(app.getByRole('heading', { name: 'Rules' })).toBeVisible();
    await scan('Settings', { dark: true });
    if (theme === 'light') {
      for (const [button, title] of [
        ['Step-by-step set-up for Gmail', 'Set up Google (Gmail, Calendar and Tasks)'],
        ['Step-by-step set-up for Slack', 'Set up Slack'],
      ] as const) {
        await app.getByRole('button', { name: button }).click();
        await expect(app.getByRole('dialog', { name: title })).toBeVisible();
        await scan(title, { dialog: true });
        await app.keyboard.press('Escape');
      }
    }
    await app.getByRole('button', { name: 'Show the welcome page again' }).click();
    await expect(app.getByRole('heading', { level: 1, name: 'Welcome to Provider Tasks' })).toBeVisible();
    await app.getByRole('radio', { name: /An LLM endpoint/ }).check();
    await scan('Welcome', { dark: true });
    expect(found).toEqual([]);
  });
}

/** The accessible name (or text) of the focused element, and whether a focus ring is drawn around it. */
async function focused(app: Page): Promise<{ name: string; ring: boolean }> {
  return app.evaluate(() => {
    type El = { getAttribute(name: string): string | null; textContent: string | null; tagName: string; labels?: Array<{ textContent: string | null; querySelector(selector: string): { textContent: string | null } | null }> | null };
    const { document, getComputedStyle } = globalThis as unknown as { document: { activeElement: El | null }; getComputedStyle(element: El): { outlineStyle: string; outlineWidth: string; boxShadow: string } };
    const element = document.activeElement;
    if (!element) return { name: '', ring: false };
    const labelled = element.getAttribute('aria-labelledby');
    const byId = labelled ? (globalThis as unknown as { document: { getElementById(id: string): El | null } }).document.getElementById(labelled)?.textContent : null;
    // A label wrapping its control names it by its own text (the span), not the options inside.
    const label = element.labels?.[0];
    const labelText = label ? (label.querySelector('span')?.textContent ?? label.textContent) : null;
    const name = (element.getAttribute('aria-label') ?? byId ?? labelText ?? element.textContent ?? '').replace(/\s+/g, ' ').trim();
    const style = getComputedStyle(element);
    const ring = (style.outlineStyle !== 'none' && style.outlineWidth !== '0px') || style.boxShadow !== 'none';
    return { name, ring };
  });
}

test('Tab walks the feed in reading order, every stop shows a focus ring, and hover-only buttons appear for the keyboard', async ({ app }) => {
  await expect(app.getByRole('feed', { name: 'Suggestions needing review' }).getByRole('article', { name: DEMO.contract })).toBeVisible();
  const stops: string[] = [];
  for (let press = 0; press < 22; press += 1) {
    await app.keyboard.press('Tab');
    const stop = await focused(app);
    expect(stop.ring, `no visible focus on "${stop.name}"`).toBe(true);
    stops.push(stop.name);
  }
  expect(stops).toEqual([
    'Suggestions', 'Tasks', 'Integrations', 'Activity', 'Settings',
    'Needs review (7)', 'Auto-approved (2)', 'Snoozed (0)', 'Approved (0)', 'Dismissed (0)',
    'Search suggestions', 'Source', 'Minimum confidence', 'Batch threshold', 'Approve all ≥ 90%…', 'Keys ?',
    DEMO.contract, `Select ${DEMO.contract}`, `Approve ${DEMO.contract}`, `Edit ${DEMO.contract}`, `Dismiss ${DEMO.contract}`, `Snooze ${DEMO.contract}`,
  ]);
  // The next Tab leaves the feed, not to the next row: the rows are one stop (j/k move inside), as ARIA's feed pattern has it.
  await app.keyboard.press('Tab');
  await expect(app.getByRole('article', { name: DEMO.slides })).not.toBeFocused();
  expect((await focused(app)).name).not.toContain(`Approve ${DEMO.slides}`);
  await app.keyboard.press('Shift+Tab');
  await expect(app.getByRole('button', { name: `Snooze ${DEMO.contract}` })).toBeFocused();

  // A row that is not active shows its buttons once focus is inside it (here: through the keyboard's j).
  const slides = app.getByRole('article', { name: DEMO.slides });
  expect(await opacity(slides.locator('.row-actions'))).toBe('0');
  await app.keyboard.press('j');
  await expect(slides).toBeFocused();
  await expect.poll(() => opacity(slides.locator('.row-actions'))).toBe('1');
  await app.keyboard.press('Tab');
  await app.keyboard.press('Tab');
  await expect(slides.getByRole('button', { name: `Approve ${DEMO.slides}` })).toBeFocused();
  await app.keyboard.press('Enter');
  await expect(app.getByRole('status').getByText(`Approved “${DEMO.slides}”.`)).toBeVisible();
});

test('every action of a task and of the dashboard is reachable with the keyboard alone', async ({ app }) => {
  await go(app, 'Tasks');
  const passport = app.getByTestId('task-row').filter({ hasText: DEMO.passport });
  await passport.getByRole('checkbox').focus();
  // Edit and Delete are hidden at rest and appear when focus is in the row.
  expect(await opacity(app.getByTestId('task-row').filter({ hasText: DEMO.release }).locator('.task-actions'))).toBe('0');
  await expect.poll(() => opacity(passport.locator('.task-actions'))).toBe('1');
  await app.keyboard.press('Tab');
  await expect(passport.getByRole('button', { name: `Edit ${DEMO.passport}` })).toBeFocused();
  await app.keyboard.press('Enter');
  const cancel = app.getByRole('button', { name: 'Cancel' });
  await expect(app.getByRole('button', { name: 'Save' })).toBeVisible();
  await cancel.focus();
  await app.keyboard.press('Enter');
  await expect(cancel).toHaveCount(0);

  // The guided set-up opens and closes from the keyboard, and focus returns where it was.
  await go(app, 'Integrations');
  const setUp = app.getByRole('region', { name: 'Gmail' }).getByRole('button', { name: 'Set up step by step' });
  await setUp.focus();
  await app.keyboard.press('Enter');
  const dialog = app.getByRole('dialog', { name: 'Set up Google (Gmail, Calendar and Tasks)' });
  await expect(dialog).toBeVisible();
  await app.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(setUp).toBeFocused();
});
