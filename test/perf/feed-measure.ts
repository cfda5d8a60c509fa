/**
 * In-page measurements of the suggestion feed, shared by the E2E speed spec (test/e2e/feed-perf.spec.ts)
 * and the benchmark (scripts/bench/feed-render.ts): first render (a click on "Suggestions" until the
 * first row is in the page, and the frame that shows it) and keypress-to-next-item (a synthetic `j`
 * until the active row changed and was laid out, and until the next frame), timed inside the page
 * with performance.now() so Playwright's round trips are not counted.
 */
import type { Page } from '@playwright/test';
import type { PageGlobals } from '../e2e/page-globals';

/** Nearest-rank percentile (p in 0..100). */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** The median (the upper middle value of an even count). */
export const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** Reloads the page (which must open on the Tasks screen), then times the switch to the feed. */
export async function measureFirstRender(app: Page): Promise<{ dom: number; frame: number }> {
  await app.reload();
  await app.getByRole('heading', { level: 1, name: 'Tasks' }).waitFor();
  return app.evaluate(async () => {
    const { document, MutationObserver, requestAnimationFrame } = globalThis as unknown as PageGlobals;
    const button = [...document.querySelectorAll('nav button')].find((entry) => entry.textContent === 'Suggestions')!;
    const start = performance.now();
    button.click();
    const dom = await new Promise<number>((resolve) => {
      const found = () => document.querySelector('[data-testid="suggestion-row"]') !== null;
      if (found()) return resolve(performance.now() - start);
      const observer = new MutationObserver(() => {
        if (!found()) return;
        observer.disconnect();
        document.body.getBoundingClientRect();
        resolve(performance.now() - start);
      });
      observer.observe(document.body, { childList: true, subtree: true });
    });
    const frame = await new Promise<number>((resolve) => requestAnimationFrame(() => resolve(performance.now() - start)));
    return { dom, frame };
  });
}

/** One `j` on the focused feed: until the active row changed and was laid out, and until the next frame. */
export async function measureNextItem(app: Page): Promise<{ work: number; frame: number }> {
  return app.evaluate(async () => {
    const { document, MutationObserver, requestAnimationFrame, KeyboardEvent } = globalThis as unknown as PageGlobals;
    const activeId = () => document.querySelector('[data-testid="suggestion-row"][data-active="true"]')?.id;
    const before = activeId();
    const feed = document.querySelector('[role="feed"]')!;
    const target = document.activeElement ?? document.body;
    const start = performance.now();
    target.dispatchEvent(new KeyboardEvent('keydown', { key: 'j', bubbles: true, cancelable: true }));
    const work = await new Promise<number>((resolve) => {
      const done = () => {
        feed.getBoundingClientRect(); // include style and layout of the change
        resolve(performance.now() - start);
      };
      if (activeId() !== before) return done();
      const observer = new MutationObserver(() => {
        if (activeId() === before) return;
        observer.disconnect();
        done();
      });
      observer.observe(feed, { attributes: true, subtree: true, childList: true });
    });
    const frame = await new Promise<number>((resolve) => requestAnimationFrame(() => resolve(performance.now() - start)));
    // Let focus and scrolling settle before the next press.
    await new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    return { work, frame };
  });
}

/** Puts keyboard focus on the first row (`j` then `k`), as a person starting to review would. */
export async function focusFirstRow(app: Page): Promise<void> {
  await app.keyboard.press('j');
  await app.keyboard.press('k');
  await app.waitForFunction(() => {
    const { document } = globalThis as unknown as PageGlobals;
    return document.activeElement?.getAttribute('data-active') === 'true';
  });
}
