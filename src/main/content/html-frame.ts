/**
 * The per-element state the HTML converter keeps: the computed properties that decide whether text
 * is visible (inherited like CSS inherits them), plus layout hints (lists, quotes, preformatting).
 */
import {
  fontAttributePx, fontSizePx, isInvisibleColor, parseBackground, parseColor, parseDeclarations, stickyHiddenReason, visibilityOf,
  type Declarations, type HiddenReason, type Rgba,
} from './css-style';
import { DROPPED } from './html-tree-rules';
import { matchStyleSheet, type ElementKey, type StyleSheet } from './style-sheet';

const MAX_SHEET = 256 * 1024;
const PRE = new Set(['pre', 'textarea', 'listing', 'xmp', 'plaintext']);
const BLACK: Rgba = { r: 0, g: 0, b: 0, a: 1 };
const WHITE: Rgba = { r: 255, g: 255, b: 255, a: 1 };
const LINK_BLUE: Rgba = { r: 0, g: 0, b: 238, a: 1 };

/** One open element, with what its content inherits. */
export interface Frame extends ElementKey {
  /** Reason that no descendant can undo (display:none, opacity...). */
  sticky: HiddenReason | null;
  visibilityHidden: boolean;
  fontPx: number;
  color: Rgba;
  background: Rgba | 'unknown';
  sameColor: boolean;
  /** Why text directly inside is invisible, all inherited properties considered. */
  reason: HiddenReason | null;
  drop: boolean;
  pre: boolean;
  quote: number;
  foreign: boolean;
  list: { ordered: boolean; next: number } | null;
  cells: number;
}

/** A start tag with the attributes the converter reads. */
export interface PendingTag {
  name: string;
  attrs: Map<string, string>;
  /** A style or class attribute was longer than we read. */
  oversized: boolean;
}

/** Pulls the text of every <style> element out with plain index scans (no backtracking regex). */
export function collectStyleText(html: string): { css: string; oversized: boolean } {
  const parts: string[] = [];
  let total = 0;
  const open = /<style\b/gi;
  const close = /<\/style/gi;
  for (let match = open.exec(html); match; match = open.exec(html)) {
    const bodyStart = html.indexOf('>', match.index);
    if (bodyStart === -1) break;
    close.lastIndex = bodyStart;
    const end = close.exec(html)?.index ?? html.length;
    total += end - bodyStart;
    if (total > MAX_SHEET) return { css: '', oversized: true };
    parts.push(html.slice(bodyStart + 1, end));
    open.lastIndex = end;
  }
  return { css: parts.join('\n'), oversized: false };
}

function colorFrom(decls: Declarations, name: string, attrs: Map<string, string>, parent: Frame): Rgba {
  const value = decls.get('color')?.value;
  if (value === 'inherit' || value === 'currentcolor') return parent.color;
  const parsed = value ? parseColor(value) : null;
  if (parsed) return parsed;
  const attr = name === 'font' ? attrs.get('color') : undefined;
  const fromAttr = attr ? parseColor(attr) : null;
  if (fromAttr) return fromAttr;
  return name === 'a' ? LINK_BLUE : parent.color;
}

function backgroundFrom(decls: Declarations, attrs: Map<string, string>, parent: Frame): Rgba | 'unknown' {
  let result: Rgba | 'unknown' = parent.background;
  const apply = (value: Rgba | 'image' | null): void => {
    if (value === 'image') result = 'unknown';
    // A mostly transparent background shows the parent's through it.
    else if (value && value.a >= 0.5) result = value;
  };
  if (attrs.has('background')) apply('image');
  const bgcolor = attrs.get('bgcolor');
  if (bgcolor) apply(parseColor(bgcolor));
  const shorthand = decls.get('background')?.value;
  if (shorthand) apply(parseBackground(shorthand));
  const color = decls.get('background-color')?.value;
  if (color) apply(parseColor(color));
  if (/url\(|gradient\(/.test(decls.get('background-image')?.value ?? '')) apply('image');
  return result;
}

/** A zero length once trimmed ("0", "0px", ".0 %", ""): the parts cannot overlap, so no backtracking. */
const ZERO = /^(?:0+(?:\.0*)?|\.0+|)\s*(?:px|%|em)?$/i;

/** True when a length attribute says zero (surrounding whitespace ignored, as the browser does). */
function isZeroLength(value: string | undefined): boolean {
  return value !== undefined && ZERO.test(value.trim());
}

// SVG hides text with presentation attributes as well as CSS: a zero-sized <svg>, fill="white",
// opacity="0"... They count as styles of lower priority than the style attribute.
function svgPresentation(name: string, attrs: Map<string, string>, decls: Declarations): void {
  const set = (property: string, value: string | undefined): void => {
    if (value !== undefined && !decls.has(property)) decls.set(property, { value: value.trim().toLowerCase(), important: false });
  };
  if (name === 'svg' && (isZeroLength(attrs.get('width')) || isZeroLength(attrs.get('height')))) set('max-height', '0');
  if (name === 'svg') set('overflow', 'hidden');
  set('display', attrs.get('display'));
  set('visibility', attrs.get('visibility'));
  set('opacity', attrs.get('opacity'));
  set('font-size', attrs.get('font-size'));
  set('color', attrs.get('fill'));
  if (attrs.get('fill-opacity') !== undefined && parseFloat(attrs.get('fill-opacity')!) <= 0.05) set('color', 'transparent');
}

/** The frame above all elements: black on white, unless the style sheet may paint the page. */
export function rootFrame(sheet: StyleSheet | null): Frame {
  return {
    tag: '#root', id: null, classes: [], sticky: null, visibilityHidden: false, fontPx: 16, color: BLACK, sameColor: false, reason: null,
    // When a rule we cannot place sets a background, the page colour is unknown: no same-colour judgement.
    background: sheet?.backgroundUncertain ? 'unknown' : WHITE,
    drop: false, pre: false, quote: 0, foreign: false, list: null, cells: 0,
  };
}

/** Computes the frame of an element opening inside `stack` (whose last entry is its parent). */
export function childFrame(tag: PendingTag, stack: readonly Frame[], sheet: StyleSheet | null): Frame {
  const parent = stack[stack.length - 1]!;
  const { name, attrs } = tag;
  const classes = (attrs.get('class') ?? '').split(/\s+/).filter(Boolean).slice(0, 32);
  const key: ElementKey = { tag: name, id: attrs.get('id') ?? null, classes };
  let decls: Declarations = new Map();
  let sticky = parent.sticky;
  // Inside a hidden or dropped subtree nothing can show again: skip the style work.
  if (!sticky && !parent.drop) {
    const matched = sheet ? matchStyleSheet(sheet, key, stack) : null;
    if (matched === 'exhausted') sticky = 'oversized-style';
    else if (matched) decls = matched;
    if (parent.foreign || name === 'svg') svgPresentation(name, attrs, decls);
    const inline = attrs.get('style');
    if (inline) parseDeclarations(inline, decls);
    if (tag.oversized) sticky ??= 'oversized-style';
    if (attrs.has('hidden')) sticky ??= 'hidden-attribute';
    sticky ??= stickyHiddenReason(decls);
  }
  const visibility = visibilityOf(decls);
  const visibilityHidden = visibility === null ? parent.visibilityHidden : visibility === 'hidden';
  const sizeAttr = name === 'font' ? attrs.get('size') : undefined;
  const fontPx = fontSizePx(decls, sizeAttr ? fontAttributePx(sizeAttr, parent.fontPx) : parent.fontPx);
  const color = colorFrom(decls, name, attrs, parent);
  const background = backgroundFrom(decls, attrs, parent);
  // Most elements inherit both colours: reuse the parent's verdict instead of recomputing contrast.
  const sameColor =
    color === parent.color && background === parent.background
      ? parent.sameColor
      : color.a < 0.1 || (background !== 'unknown' && isInvisibleColor(color, background));
  const reason: HiddenReason | null =
    sticky ?? (visibilityHidden ? 'visibility-hidden' : fontPx <= 1 ? 'font-size-zero' : sameColor ? 'same-color' : null);
  const whiteSpace = decls.get('white-space')?.value ?? '';
  const start = parseInt(attrs.get('start') ?? '1', 10);
  return {
    // Spelled out: an object spread here makes every frame a slow dictionary-mode object.
    tag: name, id: key.id, classes, sticky, visibilityHidden, fontPx, color, background, sameColor, reason,
    drop: parent.drop || DROPPED.has(name),
    pre: parent.pre || PRE.has(name) || whiteSpace.startsWith('pre'),
    quote: parent.quote + (name === 'blockquote' ? 1 : 0),
    foreign: parent.foreign || name === 'svg' || name === 'math',
    list: name === 'ul' || name === 'ol' ? { ordered: name === 'ol', next: Number.isFinite(start) ? start : 1 } : null,
    cells: 0,
  };
}
