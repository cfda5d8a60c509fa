/**
 * The set-up the Google specs share: a fake Google, a headless host pointed at it (its "system browser"
 * follows each consent at the fake), auto-approve off, and the page on the host's UI.
 */
import { test as base, type Page } from '@playwright/test';
import { startFakeGoogle, type FakeGoogle, type FakeGoogleOptions } from '../fakes/google';
import { startHost, type RunningHost } from '../helpers/host';
import { tempDir } from './paths';

/** How a spec's fake Google, host and page differ from the plain set-up. */
export interface FakeGoogleHostOptions {
  google?: FakeGoogleOptions;
  /** The host's arguments (default: follow consents, no undo window). */
  hostArgs?: string[];
  viewport?: { width: number; height: number };
}

/** A Playwright `test` with `google`, `host` and `app` fixtures built that way. */
export function fakeGoogleTest(options: FakeGoogleHostOptions = {}) {
  return base.extend<{ google: FakeGoogle; host: RunningHost; app: Page }>({
    // Playwright reads fixture dependencies from the destructuring pattern, so an empty one is required.
    // eslint-disable-next-line no-empty-pattern
    google: async ({}, use) => {
      const google = await startFakeGoogle(options.google);
      await use(google);
      await google.close();
    },
    host: async ({ google }, use) => {
      const temp = tempDir();
      const args = options.hostArgs ?? ['--open-external', 'follow', '--undo-window-ms', '0'];
      const host = await startHost({ dataDir: temp.dir, args, env: { ...google.env } });
      await host.call('settings:set', { autoApproveEnabled: false });
      await use(host);
      await host.stop();
      temp.cleanup();
    },
    app: async ({ page, host }, use) => {
      if (options.viewport) await page.setViewportSize(options.viewport);
      await page.goto(host.ui);
      await page.getByRole('navigation', { name: 'Screens' }).waitFor();
      await use(page);
    },
  });
}

/** Clicks a screen in the navigation. */
export const nav = (app: Page, name: string) => app.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name, exact: true }).click();
