/**
 * The few browser globals the in-page code of the specs uses (functions passed to `page.evaluate` run in
 * Chromium, but they are type-checked with the node tsconfig, which has no DOM types on purpose).
 * Use as `const { document } = globalThis as unknown as PageGlobals;` inside the evaluated function.
 */

/** A DOM element, as far as the specs touch it. */
export interface PageElement {
  id: string;
  textContent: string | null;
  scrollTop: number;
  scrollHeight: number;
  scrollWidth: number;
  clientWidth: number;
  getAttribute(name: string): string | null;
  getBoundingClientRect(): unknown;
  click(): void;
  dispatchEvent(event: unknown): boolean;
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): Iterable<PageElement>;
}

/** `window` in the page. */
export interface PageGlobals {
  document: PageElement & { body: PageElement; activeElement: PageElement | null; documentElement: PageElement };
  innerWidth: number;
  requestAnimationFrame(callback: () => void): number;
  MutationObserver: new (callback: () => void) => { observe(target: PageElement, options: object): void; disconnect(): void };
  KeyboardEvent: new (type: string, init: object) => unknown;
}
