/**
 * The app learns, through the real UI: three dismissals from one sender bring a proposal, accepting it
 * stops that sender before the LLM (checked at the fake OpenAI server); `n` makes a rule that Settings
 * lists; an "always" rule lifts a message the engine saw no task in; History finds and restores; the
 * dashboard shows the decisions against the 50% goal.
 */
import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import type { SuggestionDto, SyncLogDto } from '../../src/shared/models';
import { startFakeOpenAi, type FakeOpenAi } from '../fakes/openai';
import type { RunningHost } from '../helpers/host';
import { DEMO, seedDemo } from '../helpers/seed';
import { expect, screenshot, test as base } from './fixtures';
import { tempDir } from './paths';

const KEY = 'sk-e2e-learning-0000';
const test = base.extend<{ llm: FakeOpenAi; mail: { path: string; add(from: string, subject: string, body: string): void } }>({
  // Playwright reads a fixture's dependencies from its first parameter's pattern: these have none.
  // eslint-disable-next-line no-empty-pattern
  llm: async ({}, use) => {
    const fake = await startFakeOpenAi({ apiKey: KEY });
    await use(fake);
    await fake.close();
  },
  // eslint-disable-next-line no-empty-pattern
  mail: async ({}, use) => {
    const temp = tempDir();
    const path = join(temp.dir, 'inbox.mbox');
    writeFileSync(path, '');
    let count = 0;
    const add = (from: string, subject: string, body: string) => {
      count += 1;
      const address = /<([^>]+)>/.exec(from)?.[1] ?? from;
      const date = new Date(Date.UTC(2026, 0, 12, 9, count)).toUTCString().replace('GMT', '+0000');
      appendFileSync(path, `From ${address} Mon Jan 12 09:${String(count).padStart(2, '0')}:00 2026\nFrom: ${from}\nTo: Alex <you@example.com>\nSubject: ${subject}\nDate: ${date}\nMessage-ID: <m${count}@e2e.example>\nContent-Type: text/plain; charset=utf-8\n\n${body}\n\n`);
    };
    await use({ path, add });
    temp.cleanup();
  },
});

const feed = (app: Page) => app.getByRole('feed', { name: 'Suggestions needing review' });
const pending = async (host: RunningHost) => (await host.call<{ items: SuggestionDto[] }>('suggestions:list', { limit: 100 })).body.items;

async function connectMail(host: RunningHost, path: string): Promise<number> {
  const connected = await host.call<{ integrationId: number }>('integrations:connect', { provider: 'mail_files', options: { path } });
  expect(connected.status).toBe(200);
  const id = connected.body.integrationId;
  await expect.poll(async () => (await host.call<SyncLogDto[]>('sync-logs:list', { integrationId: id })).body.some((log) => log.status !== 'running')).toBe(true);
  return id;
}

async function syncNow(host: RunningHost, id: number): Promise<SyncLogDto> {
  const synced = await host.call<SyncLogDto>('integrations:sync', { integrationId: id });
  expect(synced.status).toBe(200);
  return synced.body;
}

test.describe('with the LLM engine (fake OpenAI server)', () => {
  test.use({ hostEnv: {} });
  test.beforeEach(async ({ host, llm }) => {
    // The key and address go in as Settings would save them; the engine is the LLM.
    expect((await host.call('settings:set', { engine: 'llm', llmBaseUrl: llm.url, autoApproveEnabled: false })).status).toBe(200);
    expect((await host.call('settings:set-secret', { name: 'llmApiKey', value: KEY })).status).toBe(200);
  });

  test('three dismissals from one sender bring a proposal; accepted, that sender costs no LLM request', async ({ app, host, llm, mail }) => {
    const cspViolations: string[] = [];
    app.on('console', (message) => void (/Content Security Policy/i.test(message.text()) && cspViolations.push(message.text())));
    for (const n of [1, 2, 3]) mail.add('Shop Deals <deals@shop.example>', `Survey ${n}`, `Could you fill in our short survey ${n} by Friday?`);
    mail.add('Dana Reyes <dana@acme.example>', 'Budget', 'Could you send me the budget by Friday?');
    const id = await connectMail(host, mail.path);
    expect(llm.chatRequests().length).toBeGreaterThan(0);
    await app.reload();
    for (const n of [1, 2, 3]) {
      const title = `Follow up: Survey ${n}`;
      await feed(app).getByRole('button', { name: `Dismiss ${title}` }).click();
      await expect(feed(app).getByRole('article', { name: title })).toHaveCount(0);
    }
    const banner = app.getByRole('region', { name: 'Suggested rules' });
    await expect(banner).toContainText('Never suggest from sender Shop Deals (deals@shop.example)?');
    await expect(banner).toContainText('You dismissed 3 suggestions from this sender and approved none.');
    await screenshot(app, 'learning-proposal');
    await banner.getByRole('button', { name: 'Accept' }).click();
    await expect(banner).toHaveCount(0);

    // A new message from that sender (and one from Dana, so the model does get a request).
    const before = llm.chatRequests().length;
    mail.add('Shop Deals <deals@shop.example>', 'Survey 4', 'Could you fill in our short survey 4 by Friday?');
    mail.add('Dana Reyes <dana@acme.example>', 'Slides', 'Could you send me the slides by Monday?');
    const log = await syncNow(host, id);
    expect(log.suggestionsGenerated).toBe(1);
    const prompts = llm.chatRequests().slice(before).map((request) => JSON.stringify(request.body?.messages ?? []));
    expect(prompts).toHaveLength(1);
    expect(prompts[0]).toContain('Slides');
    expect(prompts[0]).not.toContain('survey 4');
    expect((await pending(host)).map((s) => s.title)).not.toContain('Follow up: Survey 4');
    await expect(feed(app).getByRole('article', { name: 'Follow up: Slides' })).toBeVisible();

    // History: the dismissed ones, found by sender through the feed's full-text search, and one restored.
    await app.getByRole('button', { name: /^Dismissed \(/ }).click();
    await app.getByRole('searchbox', { name: 'Search suggestions' }).fill('shop');
    const history = app.getByRole('feed', { name: 'Dismissed suggestions' });
    await expect(history.getByRole('article')).toHaveCount(3);
    await history.getByRole('button', { name: 'Restore Follow up: Survey 2' }).click();
    await expect(history.getByRole('article')).toHaveCount(2);
    await expect.poll(async () => (await pending(host)).map((s) => s.title)).toContain('Follow up: Survey 2');

    // The dashboard: decisions against the 50% goal, with the chart.
    await app.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Integrations' }).click();
    const stats = app.getByRole('region', { name: 'Your decisions' });
    await expect(stats.getByTestId('approval-rate')).toHaveText('0%');
    await expect(stats).toContainText('0 of 2 decided · goal 50%');
    await expect(stats.getByRole('figure')).toContainText('Goal 50%');
    await expect(stats.getByRole('figure').getByRole('application')).toBeVisible();
    await stats.scrollIntoViewIfNeeded();
    await screenshot(app, 'learning-stats');
    // The chart library runs under the renderer's CSP: no inline script, no eval, no inline style sheet.
    expect(cspViolations).toEqual([]);
  });
});

test.describe('rules from the feed and in Settings', () => {
  test.use({ seed: { fill: seedDemo } });

  test('n on a suggestion creates a rule that Settings → Rules lists', async ({ app, host }) => {
    await expect(feed(app).getByRole('article', { name: DEMO.contract })).toBeVisible();
    const [first] = await pending(host);
    await app.keyboard.press('j');
    await app.keyboard.press('n');
    const dialog = app.getByRole('dialog', { name: 'Never suggest from…' });
    await expect(dialog.getByRole('radio').first()).toBeChecked();
    await expect(dialog.getByRole('radio', { name: new RegExp(`sender .*${first!.ruleTargets.sender!.replace(/[.]/g, '\\.')}`) })).toBeVisible();
    await expect(dialog.getByRole('radio', { name: `Never suggest from domain ${first!.ruleTargets.domain}` })).toBeVisible();
    await dialog.getByRole('button', { name: 'Add rule' }).click();
    await expect(app.getByRole('status').getByText(/^Rule added: Never suggest from sender /)).toBeVisible();
    await expect(feed(app).getByRole('article', { name: first!.title })).toHaveCount(0);
    // The mouse path: the detail pane's button opens the same dialog.
    await app.getByRole('complementary', { name: 'Details of the current suggestion' }).getByRole('button', { name: 'Never suggest from…' }).click();
    await expect(dialog).toBeVisible();
    await app.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);

    await app.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Settings' }).click();
    const rules = app.getByRole('region', { name: 'Rules' });
    const ruleRow = rules.getByRole('row', { name: new RegExp(`^Never suggest from sender .*${first!.ruleTargets.sender!.replace(/[.]/g, '\\.')}`) });
    await expect(ruleRow).toBeVisible();
    await expect(ruleRow.getByRole('cell').nth(2)).toHaveText('Yours');
    await expect(ruleRow.getByRole('cell').nth(3)).toHaveText('0');
    await screenshot(app, 'learning-rules');
    const listed = await host.call<Array<{ action: string; scope: string; value: string }>>('rules:list');
    expect(listed.body).toMatchObject([{ action: 'never', scope: 'sender', value: first!.ruleTargets.sender }]);
  });
});

test.describe('with the offline engine', () => {
  test('an "always" rule set in Settings lifts a message the engine saw no task in', async ({ app, host, mail }) => {
    mail.add('The Boss <boss@acme.example>', 'Thanks', 'Thanks, that was really helpful!');
    const id = await connectMail(host, mail.path);
    expect(await pending(host)).toEqual([]);

    await app.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Settings' }).click();
    const form = app.getByRole('form', { name: 'Add a rule' });
    await form.getByLabel('Rule').selectOption({ label: 'Always suggest' });
    await form.getByLabel('From').selectOption({ label: 'sender' });
    await form.getByLabel('Value').fill('Boss@Acme.example');
    await form.getByRole('button', { name: 'Add rule' }).click();
    await expect(app.getByRole('region', { name: 'Rules' }).getByRole('row', { name: 'Always suggest from sender boss@acme.example' })).toBeVisible();

    mail.add('The Boss <boss@acme.example>', 'Thanks again', 'Thanks again, that was really helpful!');
    const log = await syncNow(host, id);
    expect(log.suggestionsGenerated).toBe(1);
    await app.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Suggestions' }).click();
    const lifted = feed(app).getByRole('article');
    await expect(lifted).toHaveCount(1);
    // The calm row shows title and context; the why is in the detail pane of the active row.
    await expect(lifted).toHaveAttribute('data-active', 'true');
    await expect(app.getByRole('complementary', { name: 'Details of the current suggestion' })).toContainText(
      'Your rule "always suggest from sender boss@acme.example" put it in the feed (the engine saw no request).',
    );
    const [suggestion] = await pending(host);
    expect(suggestion!.confidence).toBeLessThan(0.5);
    await app.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Settings' }).click();
    await expect(app.getByRole('region', { name: 'Rules' }).getByRole('row', { name: 'Always suggest from sender boss@acme.example' }).getByRole('cell').nth(3)).toHaveText('1');
  });
});
