/**
 * Just enough CSS to tell whether text is visible: declaration parsing, colours, contrast, and the
 * properties mail uses to hide text from people while parsers still read it.
 */

/** Declarations by lower-case property name; `important` keeps `!important` for the cascade. */
export type Declarations = Map<string, { value: string; important: boolean }>;

/** An sRGB colour with alpha 0..1. */
export interface Rgba {
  r: number;
  g: number;
  b: number;
  a: number;
}

/** Why an element's content is invisible (the suffix of its `hidden-text:` flag). */
export type HiddenReason =
  | 'display-none'
  | 'visibility-hidden'
  | 'font-size-zero'
  | 'opacity-zero'
  | 'zero-size'
  | 'same-color'
  | 'offscreen'
  | 'clipped'
  | 'hidden-attribute'
  | 'too-deep'
  | 'oversized-style';

/** Splits a string on a separator that is outside parentheses and quotes (url(data:...;...) survives). */
function splitTopLevel(text: string, separator: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote = '';
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '(') depth++;
    else if (c === ')') depth = Math.max(0, depth - 1);
    else if (depth === 0 && (c === separator || (separator === ' ' && /\s/.test(c!)))) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.filter((part) => part.trim() !== '');
}

/** Parses `a: b; c: d !important` into declarations (later ones win unless an earlier one is important). */
export function parseDeclarations(text: string, into: Declarations = new Map()): Declarations {
  // CSS comments can split a property name ("disp/**/lay") in some engines; drop them first.
  const clean = text.includes('/*') ? text.replace(/\/\*[\s\S]*?(\*\/|$)/g, '') : text;
  for (const part of splitTopLevel(clean, ';')) {
    const colon = part.indexOf(':');
    if (colon <= 0) continue;
    const name = part.slice(0, colon).trim().toLowerCase();
    let value = part.slice(colon + 1).trim().toLowerCase();
    const important = /!\s*important\s*$/.test(value);
    if (important) value = value.replace(/!\s*important\s*$/, '').trim();
    const previous = into.get(name);
    if (previous?.important && !important) continue;
    into.set(name, { value, important });
  }
  return into;
}

const NAMED: Record<string, string> = {
  black: '000000', white: 'ffffff', red: 'ff0000', green: '008000', blue: '0000ff', yellow: 'ffff00',
  gray: '808080', grey: '808080', silver: 'c0c0c0', maroon: '800000', purple: '800080', fuchsia: 'ff00ff',
  magenta: 'ff00ff', lime: '00ff00', olive: '808000', navy: '000080', teal: '008080', aqua: '00ffff',
  cyan: '00ffff', orange: 'ffa500', whitesmoke: 'f5f5f5', snow: 'fffafa', ivory: 'fffff0',
  ghostwhite: 'f8f8ff', floralwhite: 'fffaf0', mintcream: 'f5fffa', azure: 'f0ffff', aliceblue: 'f0f8ff',
  seashell: 'fff5ee', linen: 'faf0e6', honeydew: 'f0fff0', lavenderblush: 'fff0f5', oldlace: 'fdf5e6',
  lightgray: 'd3d3d3', lightgrey: 'd3d3d3', gainsboro: 'dcdcdc', darkgray: 'a9a9a9', darkgrey: 'a9a9a9',
  dimgray: '696969', dimgrey: '696969', beige: 'f5f5dc', cornsilk: 'fff8dc', lightyellow: 'ffffe0',
};

function channel(text: string): number {
  const value = text.endsWith('%') ? (parseFloat(text) * 255) / 100 : parseFloat(text);
  return Number.isFinite(value) ? Math.min(255, Math.max(0, value)) : NaN;
}

/** Parses a CSS colour (hex, rgb()/rgba(), common names, transparent); null when not understood. */
export function parseColor(raw: string): Rgba | null {
  const value = raw.trim().toLowerCase();
  if (value === 'transparent') return { r: 0, g: 0, b: 0, a: 0 };
  const hex = /^#([0-9a-f]{3,8})$/.exec(value)?.[1] ?? NAMED[value];
  if (hex) {
    const full = hex.length <= 4 ? [...hex].map((c) => c + c).join('') : hex;
    if (full.length !== 6 && full.length !== 8) return null;
    const alpha = full.length === 8 ? parseInt(full.slice(6, 8), 16) / 255 : 1;
    return { r: parseInt(full.slice(0, 2), 16), g: parseInt(full.slice(2, 4), 16), b: parseInt(full.slice(4, 6), 16), a: alpha };
  }
  const fn = /^rgba?\(([^)]*)\)$/.exec(value);
  if (!fn) return null;
  const parts = fn[1]!.split(/[\s,/]+/).filter(Boolean);
  if (parts.length < 3) return null;
  const [r, g, b] = parts.slice(0, 3).map(channel) as [number, number, number];
  const alphaText = parts[3];
  const a = alphaText === undefined ? 1 : alphaText.endsWith('%') ? parseFloat(alphaText) / 100 : parseFloat(alphaText);
  if ([r, g, b, a].some((n) => !Number.isFinite(n))) return null;
  return { r, g, b, a: Math.min(1, Math.max(0, a)) };
}

function luminance(color: Rgba): number {
  const lin = (c: number): number => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(color.r) + 0.7152 * lin(color.g) + 0.0722 * lin(color.b);
}

/** WCAG contrast ratio of two opaque colours (1 = identical, 21 = black on white). */
function contrastRatio(a: Rgba, b: Rgba): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** True when text of `color` cannot be read on `background` (same or nearly the same colour, or transparent). */
export function isInvisibleColor(color: Rgba, background: Rgba): boolean {
  if (color.a < 0.1) return true;
  // Below 1.1 nobody reads it: #fefefe or #f5f5f5 on white are the usual tricks.
  return contrastRatio(color, background) < 1.1;
}

/** Background of a `background` shorthand: a colour, 'image' when an image may cover it, or null. */
export function parseBackground(value: string): Rgba | 'image' | null {
  if (/url\(|gradient\(|image-set\(/.test(value)) return 'image';
  for (const token of splitTopLevel(value, ' ')) {
    const color = parseColor(token);
    if (color) return color;
  }
  return null;
}

/** A CSS length in px (em/rem as 16px, pt as 4/3 px); percentages are returned as `pct`. */
function parseLength(raw: string): { px: number } | { pct: number } | null {
  const match = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))([a-z%]*)$/.exec(raw.trim());
  if (!match) return null;
  const n = parseFloat(match[1]!);
  switch (match[2]) {
    case '':
    case 'px':
      return { px: n };
    case 'pt':
      return { px: (n * 4) / 3 };
    case 'em':
    case 'rem':
    case 'ch':
    case 'ex':
      return { px: n * 16 };
    case '%':
      return { pct: n };
    case 'vw':
    case 'vh':
    case 'vmin':
    case 'vmax':
      return { px: n * 10 };
    default:
      return { px: n * 16 };
  }
}

function isZero(raw: string | undefined): boolean {
  if (raw === undefined) return false;
  const length = parseLength(raw);
  return length !== null && ('px' in length ? length.px <= 0 : length.pct <= 0);
}

const FONT_KEYWORDS: Record<string, number> = {
  'xx-small': 9, 'x-small': 10, small: 13, medium: 16, large: 18, 'x-large': 24, 'xx-large': 32, 'xxx-large': 48,
};

function fontShorthandSize(value: string): string | null {
  for (const token of splitTopLevel(value, ' ')) {
    const size = token.split('/')[0]!;
    if (size in FONT_KEYWORDS || size === '0') return size;
    if (parseLength(size) && !/^\d+$/.test(size)) return size;
  }
  return null;
}

/**
 * Computed font size in px: font-size or the font shorthand, relative units against the parent's
 * size. Font size is inherited and can be reset by a child, so it is not a "sticky" reason.
 */
export function fontSizePx(decls: Declarations, parentPx: number): number {
  const font = decls.get('font')?.value;
  const value = decls.get('font-size')?.value ?? (font !== undefined ? fontShorthandSize(font) : null);
  if (!value || value === 'inherit') return parentPx;
  if (value in FONT_KEYWORDS) return FONT_KEYWORDS[value]!;
  if (value === 'smaller') return parentPx * 0.83;
  if (value === 'larger') return parentPx * 1.2;
  const match = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))([a-z%]*)$/.exec(value);
  if (!match) return parentPx;
  const n = parseFloat(match[1]!);
  switch (match[2]) {
    case 'em':
      return n * parentPx;
    case '%':
      return (n * parentPx) / 100;
    default: {
      const length = parseLength(value);
      return length && 'px' in length ? length.px : parentPx;
    }
  }
}

/** Font size of a legacy `<font size="...">` attribute, in px. */
export function fontAttributePx(size: string, parentPx: number): number {
  const sizes = [10, 13, 16, 18, 24, 32, 48];
  const match = /^\s*([+-]?)(\d+)/.exec(size);
  if (!match) return parentPx;
  const n = parseInt(match[2]!, 10);
  const index = match[1] === '+' ? 3 + n : match[1] === '-' ? 3 - n : n;
  return sizes[Math.min(6, Math.max(0, index - 1))]!;
}

/** 'hidden' or 'visible' when the declarations set visibility (a child can undo a parent's hidden). */
export function visibilityOf(decls: Declarations): 'hidden' | 'visible' | null {
  const value = decls.get('visibility')?.value;
  if (value === 'hidden' || value === 'collapse') return 'hidden';
  return value === 'visible' ? 'visible' : null;
}

/**
 * Why these declarations hide an element's whole content for good (no descendant can undo it:
 * display, opacity, clipping, zero size, off-screen), or null.
 */
export function stickyHiddenReason(decls: Declarations): HiddenReason | null {
  if (decls.size === 0) return null;
  const get = (name: string): string | undefined => decls.get(name)?.value;
  if (get('display') === 'none') return 'display-none';
  const opacity = get('opacity');
  if (opacity !== undefined) {
    const n = opacity.endsWith('%') ? parseFloat(opacity) / 100 : parseFloat(opacity);
    if (Number.isFinite(n) && n <= 0.05) return 'opacity-zero';
  }
  const overflowHidden = ['overflow', 'overflow-x', 'overflow-y'].some((name) => /^(hidden|clip)\b/.test(get(name) ?? ''));
  if (overflowHidden && ['max-height', 'height', 'max-width', 'width'].some((name) => isZero(get(name)))) return 'zero-size';
  if (/\bscale[xy]?\(\s*0(\.0*)?\s*[,)]/.test(get('transform') ?? '')) return 'zero-size';
  const position = get('position');
  const far = (name: string): boolean => {
    const length = parseLength(get(name) ?? '');
    return length !== null && 'px' in length && length.px <= -500;
  };
  if ((position === 'absolute' || position === 'fixed') && (far('left') || far('top') || far('right'))) return 'offscreen';
  if (far('text-indent') && overflowHidden) return 'offscreen';
  if (far('margin-left') || far('margin-top')) return 'offscreen';
  const clip = get('clip');
  if (clip && /^rect\(\s*(0|1px)[\s,]+(0|1px)[\s,]+(0|1px)[\s,]+(0|1px)\s*\)$/.test(clip)) return 'clipped';
  const clipPath = get('clip-path');
  if (clipPath && /inset\(\s*(50|100)%|circle\(\s*0/.test(clipPath)) return 'clipped';
  return null;
}
