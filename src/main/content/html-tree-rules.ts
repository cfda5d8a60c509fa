/**
 * The parts of the HTML tree-construction rules that decide where an element ends. They matter for
 * safety: closing a hidden element earlier than a browser would reveal text the person never sees,
 * so when in doubt these rules keep elements open (hiding more, never less).
 */

/** Elements with no content and no end tag. */
export const VOID = new Set([
  'area', 'base', 'basefont', 'bgsound', 'br', 'col', 'embed', 'frame', 'hr', 'img', 'input', 'keygen', 'link', 'meta', 'param', 'source', 'track', 'wbr',
]);

/** Elements whose content a reader never sees (no flag: they are structural, not a trick). */
export const DROPPED = new Set(['script', 'style', 'head', 'title', 'template', 'noscript', 'iframe', 'noembed', 'noframes']);

/** Elements allowed inside <head>; any other start tag ends the head. */
export const HEAD_CONTENT = new Set(['meta', 'link', 'title', 'style', 'script', 'base', 'noscript', 'template', 'basefont', 'bgsound']);

/** Elements that start on a new line (1) or after a blank line (2). */
export const BLOCK: Record<string, 1 | 2> = {
  address: 1, article: 2, aside: 1, blockquote: 2, center: 1, details: 1, dialog: 1, dir: 1, div: 1, dl: 2, dd: 1, dt: 1,
  fieldset: 1, figcaption: 1, figure: 1, footer: 1, form: 1, h1: 2, h2: 2, h3: 2, h4: 2, h5: 2, h6: 2, header: 1, hgroup: 1,
  hr: 2, li: 1, main: 1, menu: 1, nav: 1, ol: 2, p: 2, pre: 2, section: 2, summary: 1, table: 1, tr: 1, ul: 2, caption: 1,
  tbody: 1, thead: 1, tfoot: 1, listing: 2, xmp: 2, plaintext: 2, textarea: 1, option: 1, body: 1, html: 1,
};

/** Start tags that end an open <p> (the "close a p element" step). */
const CLOSES_P = new Set([
  'address', 'article', 'aside', 'blockquote', 'center', 'details', 'dialog', 'dir', 'div', 'dl', 'fieldset', 'figcaption', 'figure',
  'footer', 'header', 'hgroup', 'main', 'menu', 'nav', 'ol', 'p', 'search', 'section', 'summary', 'ul', 'h1', 'h2', 'h3', 'h4', 'h5',
  'h6', 'pre', 'listing', 'form', 'plaintext', 'xmp', 'li', 'dd', 'dt', 'hr',
]);

/** The HTML "special" category: an end tag for an ordinary element never closes past one of these. */
const SPECIAL = new Set([
  'address', 'applet', 'area', 'article', 'aside', 'base', 'basefont', 'bgsound', 'blockquote', 'body', 'br', 'button', 'caption',
  'center', 'col', 'colgroup', 'dd', 'details', 'dir', 'div', 'dl', 'dt', 'embed', 'fieldset', 'figcaption', 'figure', 'footer',
  'form', 'frame', 'frameset', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'head', 'header', 'hgroup', 'hr', 'html', 'iframe', 'img', 'input',
  'keygen', 'li', 'link', 'listing', 'main', 'marquee', 'menu', 'meta', 'nav', 'noembed', 'noframes', 'noscript', 'object', 'ol', 'p',
  'param', 'plaintext', 'pre', 'script', 'search', 'section', 'select', 'source', 'style', 'summary', 'table', 'tbody', 'td',
  'template', 'textarea', 'tfoot', 'th', 'thead', 'title', 'tr', 'track', 'ul', 'wbr', 'xmp', 'svg', 'math',
]);

const DEFAULT_SCOPE = new Set(['applet', 'caption', 'html', 'table', 'td', 'th', 'marquee', 'object', 'template', 'svg', 'math']);
const BUTTON_SCOPE = new Set([...DEFAULT_SCOPE, 'button']);
const LIST_SCOPE = new Set([...DEFAULT_SCOPE, 'ol', 'ul']);
const TABLE_SCOPE = new Set(['html', 'table', 'template']);
const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
const TABLE_PARTS = new Set(['td', 'th', 'tr', 'tbody', 'thead', 'tfoot', 'caption']);
const ROW_CONTAINERS = new Set(['table', 'tbody', 'thead', 'tfoot', 'template', 'html']);
const ROW_PARTS = new Set(['td', 'th', 'tr']);
const SECTION_PARTS = new Set(['td', 'th', 'tr', 'tbody', 'thead', 'tfoot']);

/** What the rules need to know about an open element. */
export interface OpenTag {
  tag: string;
}

/** Work counter shared by the scope walks, so a crafted document cannot make them quadratic. */
export interface WalkBudget {
  steps: number;
  /** How many elements of each tag are open, so walks for absent tags are skipped. */
  open: Map<string, number>;
}

const isOpen = (budget: WalkBudget, ...tags: string[]): boolean => tags.some((tag) => (budget.open.get(tag) ?? 0) > 0);

function findInScope(stack: readonly OpenTag[], match: (tag: string) => boolean, scope: ReadonlySet<string>, budget: WalkBudget, end = stack.length): number {
  for (let i = end - 1; i > 0; i--) {
    budget.steps--;
    const tag = stack[i]!.tag;
    if (match(tag)) return i;
    if (scope.has(tag)) return -1;
  }
  return -1;
}

/** Index down to which the stack is popped before `tag` opens (stack.length when nothing closes). */
export function closeBeforeOpen(stack: readonly OpenTag[], tag: string, budget: WalkBudget): number {
  let cut = stack.length;
  const top = stack[stack.length - 1]?.tag ?? '';
  if ((tag === 'li' && isOpen(budget, 'li')) || ((tag === 'dd' || tag === 'dt') && isOpen(budget, 'dd', 'dt'))) {
    const same = tag === 'li' ? new Set(['li']) : new Set(['dd', 'dt']);
    for (let i = stack.length - 1; i > 0; i--) {
      budget.steps--;
      const open = stack[i]!.tag;
      if (same.has(open)) {
        cut = i;
        break;
      }
      if (SPECIAL.has(open) && open !== 'address' && open !== 'div' && open !== 'p') break;
    }
  } else if ((tag === 'td' || tag === 'th') && isOpen(budget, 'td', 'th')) {
    const i = findInScope(stack, (t) => t === 'td' || t === 'th', TABLE_SCOPE, budget);
    if (i > 0) cut = i;
  } else if (['tr', 'tbody', 'thead', 'tfoot'].includes(tag) && isOpen(budget, 'td', 'th', 'tr', 'tbody', 'thead', 'tfoot')) {
    // Close open cells and rows (and sections, for a new section) back to the enclosing table part.
    const stopAt = tag === 'tr' ? ROW_CONTAINERS : TABLE_SCOPE;
    const closes = tag === 'tr' ? ROW_PARTS : SECTION_PARTS;
    for (let i = stack.length - 1; i > 0; i--) {
      budget.steps--;
      const open = stack[i]!.tag;
      if (stopAt.has(open)) break;
      if (closes.has(open)) cut = i;
    }
  } else if (HEADINGS.has(tag) && HEADINGS.has(top)) {
    cut = stack.length - 1;
  } else if (tag === 'option' && top === 'option') {
    cut = stack.length - 1;
  }
  if (CLOSES_P.has(tag) && isOpen(budget, 'p')) {
    const p = findInScope(stack, (t) => t === 'p', BUTTON_SCOPE, budget, cut);
    if (p > 0) cut = Math.min(cut, p);
  }
  return cut;
}

/** Index down to which the stack is popped for an end tag, or -1 when a browser ignores it. */
export function closeForEndTag(stack: readonly OpenTag[], tag: string, budget: WalkBudget): number {
  if (!isOpen(budget, tag) && !HEADINGS.has(tag)) return -1;
  if (tag === 'p') return findInScope(stack, (t) => t === 'p', BUTTON_SCOPE, budget);
  if (tag === 'li') return findInScope(stack, (t) => t === 'li', LIST_SCOPE, budget);
  if (HEADINGS.has(tag)) return findInScope(stack, (t) => HEADINGS.has(t), DEFAULT_SCOPE, budget);
  if (tag === 'table' || TABLE_PARTS.has(tag)) return findInScope(stack, (t) => t === tag, TABLE_SCOPE, budget);
  if (tag === 'body' || tag === 'html') return -1;
  if (SPECIAL.has(tag)) return findInScope(stack, (t) => t === tag, DEFAULT_SCOPE, budget);
  // "Any other end tag": close the nearest element of that name unless a special element is in between.
  for (let i = stack.length - 1; i > 0; i--) {
    budget.steps--;
    const open = stack[i]!.tag;
    if (open === tag) return i;
    if (SPECIAL.has(open)) return -1;
  }
  return -1;
}
