/**
 * Speed of the feed with 100 and 10,000 pending suggestions: first render (navigation to the feed until
 * the first row is in the page, and the frame that shows it) and keypress-to-next-item (synthetic `j`
 * until the active row changed and was laid out, and until the next frame), measured inside the page
 * with performance.now() (the measuring code is shared with `npm run bench`: test/perf/feed-measure.ts).
 * Prints the figures and writes test-results/feed-perf.json; asserts only generous bounds, because a
 * timed test must not be flaky.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../helpers/host';
import { seedManySuggestions } from '../helpers/seed';
import { measureFirstRender, measureNextItem, median, percentile } from '../perf/feed-measure';
import { expect, test } from './fixtures';

test.describe.configure({ mode: 'serial' });

const RUNS = 5;
const PRESSES = 50;
const results: Record<number, { firstRender: number[]; firstFrame: number[]; nextItem: number[]; nextFrame: number[] }> = {};

const p95 = (values: number[]) => percentile(values, 95);
const round = (value: number) => Math.round(value * 10) / 10;

for (const count of [100, 10_000]) {
  test.describe(`${count.toLocaleString('en')} pending suggestions`, () => {
    test.use({ seed: { fill: (dir: string) => seedManySuggestions(dir, count) }, uiQuery: '?screen=tasks' });

    test(`first render and next item with ${count} pending`, async ({ app }) => {
      test.setTimeout(120_000);
      const firstRender: number[] = [];
      const firstFrame: number[] = [];
      for (let run = 0; run < RUNS; run += 1) {
        const { dom, frame } = await measureFirstRender(app);
        firstRender.push(dom);
        firstFrame.push(frame);
      }
      await expect(app.getByRole('button', { name: `Needs review (${count.toLocaleString()})` })).toBeVisible();

      await app.keyboard.press('j');
      await app.keyboard.press('k');
      await expect(app.locator('[data-testid="suggestion-row"][data-active="true"]')).toBeFocused();
      const nextItem: number[] = [];
      const nextFrame: number[] = [];
      for (let press = 0; press < PRESSES; press += 1) {
        const { work, frame } = await measureNextItem(app);
        nextItem.push(work);
        nextFrame.push(frame);
      }
      await expect(app.locator('[data-testid="suggestion-row"][data-active="true"]')).toHaveAttribute('data-index', String(PRESSES));
      results[count] = { firstRender, firstFrame, nextItem, nextFrame };

      // Scrolling down pages in more rows while the DOM keeps only the rows in view.
      const scrollToBottom = () =>
        app.locator('.feed-scroll').evaluate((element) => {
          element.scrollTop = element.scrollHeight;
          return Math.max(...[...element.querySelectorAll('[data-index]')].map((row) => Number(row.getAttribute('data-index'))));
        });
      await expect.poll(scrollToBottom).toBeGreaterThanOrEqual(Math.min(count, 2200) - 1);
      expect(await app.getByTestId('suggestion-row').count()).toBeLessThan(40);
      console.log(
        `[feed-perf] n=${count}: first render median ${round(median(firstRender))} ms (to next frame ${round(median(firstFrame))} ms; runs ${firstRender.map(round).join(', ')}); ` +
          `next item p95 ${round(p95(nextItem))} ms (to next frame ${round(p95(nextFrame))} ms; median ${round(median(nextItem))} ms)`,
      );
      // Generous bounds only: the real figures are printed above.
      expect(median(firstRender)).toBeLessThan(3000);
      expect(p95(nextItem)).toBeLessThan(100);
    });
  });
}

test('ratio of first renders (10,000 vs 100)', () => {
  const small = results[100];
  const large = results[10_000];
  test.skip(!small || !large, 'needs both measurements (run the whole file)');
  const summary = {
    small_n: 100,
    large_n: 10_000,
    first_render_ms_small: round(median(small!.firstRender)),
    first_render_ms_large: round(median(large!.firstRender)),
    ratio: Math.round((median(large!.firstRender) / median(small!.firstRender)) * 100) / 100,
    next_item_ms_p95: round(p95(large!.nextItem)),
    next_item_frame_ms_p95: round(p95(large!.nextFrame)),
  };
  mkdirSync(join(ROOT, 'test-results'), { recursive: true });
  writeFileSync(join(ROOT, 'test-results', 'feed-perf.json'), `${JSON.stringify(summary, null, 2)}\n`);
  console.log(`[feed-perf] ${JSON.stringify(summary)}`);
  expect(summary.ratio).toBeLessThan(5);
});
