/**
 * `npm run web` opens the real renderer with a one-time launch code, not the bridge token: the page
 * trades it for the token, takes it out of the address bar, and the same link does not work twice.
 */
import { test, expect } from '@playwright/test';
import { startHost } from '../helpers/host';
import { tempDir } from './paths';

test('the launch link signs the tab in once and leaves no code in the address', async ({ browser }) => {
  const temp = tempDir();
  const host = await startHost({ dataDir: temp.dir, args: ['--open', '--open-external', 'print'] });
  try {
    let address = '';
    await expect.poll(() => (address = /Open this address in your browser: (\S+)/.exec(host.stderr())?.[1] ?? '')).toMatch(/#code=/);
    expect(address).not.toContain(host.token);

    const first = await browser.newPage();
    await first.goto(address);
    await first.getByRole('navigation', { name: 'Screens' }).waitFor();
    expect(first.url()).toBe(`${host.url}/`);
    // The tab keeps working after a reload: the token lives in this tab's session, the code is gone.
    await first.reload();
    await first.getByRole('navigation', { name: 'Screens' }).waitFor();

    // Someone replaying the link from history or a process list gets nothing.
    const replay = await browser.newPage();
    await replay.goto(address);
    await expect(replay.getByRole('alert')).toContainText('already used or has expired');
    await expect(replay.getByRole('navigation', { name: 'Screens' })).toHaveCount(0);
    expect(replay.url()).toBe(`${host.url}/`);
    await first.close();
    await replay.close();
  } finally {
    await host.stop();
    temp.cleanup();
  }
});
