/** Playwright fixtures: a fresh headless host per test and a page opened on its UI link. */
import { test as base, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startHost, type RunningHost } from '../helpers/host';
import { tempDir, ROOT_SCREENSHOTS } from './paths';

interface Fixtures {
  host: RunningHost;
  app: Page;
}

/** Test with `host` and `app` (page already showing the renderer). */
export const test = base.extend<Fixtures & { hostEnv: Record<string, string> }>({
  hostEnv: [{}, { option: true }],
  host: async ({ hostEnv }, use) => {
    const temp = tempDir();
    const host = await startHost({ dataDir: temp.dir, args: ['--open-external', 'follow'], env: hostEnv });
    await use(host);
    await host.stop();
    temp.cleanup();
  },
  app: async ({ page, host }, use) => {
    await page.goto(host.ui);
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
