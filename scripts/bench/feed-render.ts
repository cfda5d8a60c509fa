/**
 * Part feed_render: the headless host (a child process, exactly as `npm run host` runs it) over a data
 * folder seeded with 100 and with 10,000 pending suggestions, the real renderer in Debian's Chromium,
 * and the in-page measurements the E2E speed spec uses (test/perf/feed-measure.ts). First render is
 * the median of several reloads; next item is the p95 of 50 presses of `j`.
 */
import { chromium, type Browser } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM_ARGS } from '../../playwright.config';
import { startHost, type RunningHost } from '../../test/helpers/host';
import { seedManySuggestions } from '../../test/helpers/seed';
import { focusFirstRow, measureFirstRender, measureNextItem, median, percentile } from '../../test/perf/feed-measure';
import { round } from './stats';

const SMALL = 100;
const LARGE = 10_000;
const RENDER_RUNS = 11;
const PRESSES = 50;

interface FeedRun {
  firstRender: number[];
  firstFrame: number[];
  nextItem: number[];
  nextFrame: number[];
  seedSeconds: number;
}

async function measure(browser: Browser, count: number, signal: AbortSignal): Promise<FeedRun> {
  const dir = mkdtempSync(join(tmpdir(), 'pt-bench-feed-'));
  let host: RunningHost | null = null;
  try {
    const seedStart = performance.now();
    seedManySuggestions(dir, count);
    const seedSeconds = (performance.now() - seedStart) / 1000;
    host = await startHost({ dataDir: dir, args: ['--open-external', 'print'] });
    const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
    // tsx compiles with esbuild's keepNames, which wraps named inner functions in `__name(...)`; the
    // functions handed to page.evaluate run in the page, where that helper must exist too.
    await page.addInitScript({ content: 'globalThis.__name = (fn) => fn;' });
    try {
      await page.goto(host.ui.replace('/#', '/?screen=tasks#'));
      await page.getByRole('navigation', { name: 'Screens' }).waitFor();
      const run: FeedRun = { firstRender: [], firstFrame: [], nextItem: [], nextFrame: [], seedSeconds };
      // One unmeasured pass warms the HTTP connection and the page's code, as in any session after the first screen.
      await measureFirstRender(page);
      for (let index = 0; index < RENDER_RUNS && !signal.aborted; index += 1) {
        const { dom, frame } = await measureFirstRender(page);
        run.firstRender.push(dom);
        run.firstFrame.push(frame);
      }
      await page.getByRole('button', { name: `Needs review (${count.toLocaleString()})` }).waitFor();
      await focusFirstRow(page);
      for (let press = 0; press < PRESSES && !signal.aborted; press += 1) {
        const { work, frame } = await measureNextItem(page);
        run.nextItem.push(work);
        run.nextFrame.push(frame);
      }
      return run;
    } finally {
      await page.close();
    }
  } finally {
    await host?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs the feed part; returns its figures. */
export async function benchFeed(options: { log(line: string): void; signal: AbortSignal }) {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
  // The deadline aborts the signal: closing the browser ends any measurement still waiting in the page.
  const onAbort = () => void browser.close();
  options.signal.addEventListener('abort', onAbort, { once: true });
  try {
    options.log(`feed: ${SMALL} pending...`);
    const small = await measure(browser, SMALL, options.signal);
    options.log(`feed: ${LARGE.toLocaleString('en')} pending...`);
    const large = await measure(browser, LARGE, options.signal);
    const ms = (value: number) => round(value, 1);
    return {
      small_n: SMALL,
      large_n: LARGE,
      first_render_ms_small: ms(median(small.firstRender)),
      first_render_ms_large: ms(median(large.firstRender)),
      ratio: round(median(large.firstRender) / median(small.firstRender), 2),
      next_item_ms_p95: ms(percentile(large.nextItem, 95)),
      runs: { first_render: RENDER_RUNS, next_item_presses: PRESSES },
      first_render_runs_ms: { small: small.firstRender.map(ms), large: large.firstRender.map(ms) },
      first_frame_ms: { small: ms(median(small.firstFrame)), large: ms(median(large.firstFrame)) },
      next_item_ms_median: ms(median(large.nextItem)),
      next_item_frame_ms_p95: ms(percentile(large.nextFrame, 95)),
      next_item_ms_p95_small: ms(percentile(small.nextItem, 95)),
      seed_seconds: { small: round(small.seedSeconds, 1), large: round(large.seedSeconds, 1) },
    };
  } finally {
    options.signal.removeEventListener('abort', onAbort);
    await browser.close();
  }
}
