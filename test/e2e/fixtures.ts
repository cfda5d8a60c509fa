/** Playwright fixtures: a fresh headless host per test and a page opened on its UI link. */
import { test as base, type Page } from '@playwright/test';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startHost, type RunningHost } from '../helpers/host';
import { tempDir, ROOT_SCREENSHOTS } from './paths';

interface Fixtures {
  host: RunningHost;
  app: Page;
}

/**
 * Fills a data folder before the host starts on it (see test/helpers/seed.ts). Wrapped in an object
 * because Playwright takes a bare function passed to `test.use` for a fixture definition.
 */
export interface Seed {
  fill(dataDir: string): void;
}

interface Options {
  hostEnv: Record<string, string>;
  /** `test.use({ seed: { fill: seedDemo } })` to start the host on seeded data. */
  seed: Seed | undefined;
  /** Query string added to the UI link, e.g. `?screen=tasks`. */
  uiQuery: string;
  /** Start as a first launch (the welcome page in front); otherwise it was dismissed before, as for a returning person. */
  firstRun: boolean;
  /** More host flags, e.g. `['--manual-clock', iso]` or `['--browse-root', dir]`. */
  hostArgs: string[];
}

/** Marks the first-run flow as dismissed in a data folder's settings file (the headless host's settings backend). */
export function dismissFirstRun(dataDir: string): void {
  const file = join(dataDir, 'settings.json');
  const current = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
  writeFileSync(file, JSON.stringify({ ...current, firstRunDismissed: true }), { mode: 0o600 });
}

/** Test with `host` and `app` (page already showing the renderer). */
export const test = base.extend<Fixtures & Options>({
  hostEnv: [{}, { option: true }],
  seed: [undefined, { option: true }],
  uiQuery: ['', { option: true }],
  firstRun: [false, { option: true }],
  hostArgs: [[], { option: true }],
  host: async ({ hostEnv, seed, firstRun, hostArgs }, use) => {
    const temp = tempDir();
    seed?.fill(temp.dir);
    if (!firstRun) dismissFirstRun(temp.dir);
    const host = await startHost({ dataDir: temp.dir, args: ['--open-external', 'follow', ...hostArgs], env: hostEnv });
    await use(host);
    await host.stop();
    temp.cleanup();
  },
  app: async ({ page, host, uiQuery }, use) => {
    await page.goto(uiQuery ? host.ui.replace('/#', `/${uiQuery}#`) : host.ui);
    await page.getByRole('navigation', { name: 'Screens' }).waitFor();
    await use(page);
  },
});

/** Saves a screenshot under test-results/screenshots/. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ROOT_SCREENSHOTS, { recursive: true });
  const file = join(ROOT_SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: false });
  return file;
}

export { expect } from '@playwright/test';
