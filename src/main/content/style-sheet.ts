/**
 * `<style>` rules that hide text through classes or IDs (".x{display:none}"). Only what a desktop
 * mail client in light mode would apply is kept, and selectors are matched against the element
 * stack, so responsive "mobile-only" blocks do not wipe out the desktop copy of a message.
 */
import { parseDeclarations, type Declarations } from './css-style';

/** One simple selector: tag, id and classes (attribute and structural pseudo-classes ignored). */
interface Compound {
  tag: string | null;
  id: string | null;
  classes: string[];
}

interface Rule {
  /** Compounds right to left; `child[i]` is true when compound i must be the direct parent of i-1. */
  chain: Compound[];
  child: boolean[];
  decls: Declarations;
  order: number;
}

/** What a rule is matched against: one open element. */
export interface ElementKey {
  tag: string;
  id: string | null;
  classes: readonly string[];
}

/** Parsed rules, indexed by the key of their rightmost compound. */
export interface StyleSheet {
  byId: Map<string, Rule[]>;
  byClass: Map<string, Rule[]>;
  byTag: Map<string, Rule[]>;
  universal: Rule[];
  /** Some rule sets a background we may not place right, so the page colour is unknown. */
  backgroundUncertain: boolean;
  /** Selector-matching work left; past it every further element counts as hidden. */
  budget: number;
}

const MAX_RULES = 4000;
// Pseudo-classes that only apply on interaction (or generate content): rules using them never hide text at rest.
const INTERACTIVE = /:(hover|focus|active|visited|focus-within|focus-visible|checked|target)|::?(before|after|selection|placeholder|marker)/;

/** True when an @media query applies to a desktop screen (about 1280px wide) in light mode. */
function mediaAppliesToDesktop(query: string): boolean {
  const q = query.toLowerCase();
  if (/\bprint\b/.test(q) && !/\b(screen|all)\b/.test(q)) return false;
  if (/prefers-color-scheme\s*:\s*dark/.test(q)) return false;
  for (const match of q.matchAll(/(max|min)-(?:device-)?width\s*:\s*([\d.]+)\s*(px|em|rem)?/g)) {
    const px = parseFloat(match[2]!) * (match[3] === 'em' || match[3] === 'rem' ? 16 : 1);
    if (match[1] === 'max' && px < 1024) return false;
    if (match[1] === 'min' && px > 1280) return false;
  }
  return true;
}

function parseCompound(text: string): Compound | null {
  const stripped = text.replace(/\[[^[\]]*\]/g, '').replace(/::?[\w-]+(\([^)]*\))?/g, '');
  const match = /^([a-z][\w-]*|\*)?((?:[.#][\w-]+)*)$/i.exec(stripped);
  if (!match) return null;
  const tag = match[1] && match[1] !== '*' ? match[1].toLowerCase() : null;
  let id: string | null = null;
  const classes: string[] = [];
  for (const part of match[2]!.match(/[.#][\w-]+/g) ?? []) {
    if (part[0] === '#') id = part.slice(1);
    else classes.push(part.slice(1));
  }
  return { tag, id, classes };
}

function parseSelector(selector: string): { chain: Compound[]; child: boolean[] } | null {
  if (INTERACTIVE.test(selector)) return null;
  // Sibling combinators are not tracked: keep only the part after them (matches more, hides more).
  const tail = selector.split(/[+~]/).pop()!.trim();
  const tokens = tail.replaceAll('>', ' > ').split(/\s+/).filter(Boolean);
  const chain: Compound[] = [];
  const child: boolean[] = [];
  let nextIsChild = false;
  for (let i = tokens.length - 1; i >= 0; i--) {
    if (tokens[i] === '>') {
      nextIsChild = true;
      continue;
    }
    const compound = parseCompound(tokens[i]!);
    if (!compound) return null;
    chain.push(compound);
    child.push(nextIsChild);
    nextIsChild = false;
  }
  return chain.length > 0 ? { chain, child } : null;
}

function addRule(sheet: StyleSheet, selectorList: string, body: string, order: number): void {
  const decls = parseDeclarations(body);
  if (decls.size === 0) return;
  for (const selector of selectorList.split(',')) {
    const parsed = parseSelector(selector.trim());
    if (!parsed) continue;
    const rule: Rule = { ...parsed, decls, order };
    const key = parsed.chain[0]!;
    if (parsed.chain.length > 1 && [...decls.keys()].some((name) => name.startsWith('background'))) sheet.backgroundUncertain = true;
    const bucket = key.id ? sheet.byId : key.classes.length > 0 ? sheet.byClass : key.tag ? sheet.byTag : null;
    const name = key.id ?? key.classes[0] ?? key.tag ?? '';
    if (!bucket) sheet.universal.push(rule);
    else bucket.set(name, [...(bucket.get(name) ?? []), rule]);
  }
}

/** Parses style sheet text (comments, @media, @supports handled; other at-rules skipped). */
export function parseStyleSheet(css: string): StyleSheet {
  const sheet: StyleSheet = { byId: new Map(), byClass: new Map(), byTag: new Map(), universal: [], backgroundUncertain: false, budget: 1_000_000 };
  const text = css.replace(/\/\*[\s\S]*?(\*\/|$)/g, '').replace(/<!--|-->/g, '');
  // A stack of "does the enclosing block apply" flags; rules are read between braces at any depth.
  const applies: boolean[] = [true];
  let start = 0;
  let order = 0;
  for (let i = 0; i < text.length && order < MAX_RULES; i++) {
    const c = text[i];
    if (c === '{') {
      const prelude = text.slice(start, i).trim();
      if (prelude.startsWith('@')) {
        const nested = /^@media\b/i.test(prelude) ? mediaAppliesToDesktop(prelude) : /^@supports\b/i.test(prelude);
        applies.push(applies[applies.length - 1]! && nested);
        start = i + 1;
        continue;
      }
      const end = text.indexOf('}', i + 1);
      const close = end === -1 ? text.length : end;
      if (applies[applies.length - 1]) addRule(sheet, prelude, text.slice(i + 1, close), order++);
      i = close;
      start = close + 1;
    } else if (c === '}') {
      if (applies.length > 1) applies.pop();
      start = i + 1;
    } else if (c === ';') {
      start = i + 1; // ends @import/@charset statements; outside a block nothing else may use it
    }
  }
  return sheet;
}

function matchesCompound(compound: Compound, element: ElementKey): boolean {
  if (compound.tag && compound.tag !== element.tag) return false;
  if (compound.id && compound.id !== element.id) return false;
  return compound.classes.every((name) => element.classes.includes(name));
}

function matchesRule(sheet: StyleSheet, rule: Rule, element: ElementKey, ancestors: readonly ElementKey[]): boolean {
  if (!matchesCompound(rule.chain[0]!, element)) return false;
  let index = ancestors.length - 1;
  for (let c = 1; c < rule.chain.length; c++) {
    const mustBeParent = rule.child[c]!;
    let found = false;
    while (index >= 0) {
      if (--sheet.budget <= 0) return false; // the caller reports the exhausted budget

      const candidate = ancestors[index--]!;
      if (matchesCompound(rule.chain[c]!, candidate)) {
        found = true;
        break;
      }
      if (mustBeParent) return false;
    }
    if (!found) return false;
  }
  return true;
}

/**
 * Declarations from the sheet that apply to `element` (source order; `!important` kept), or
 * 'exhausted' once a selector bomb has used up the matching budget (the caller then hides).
 */
export function matchStyleSheet(sheet: StyleSheet, element: ElementKey, ancestors: readonly ElementKey[]): Declarations | null | 'exhausted' {
  if (sheet.budget <= 0) return 'exhausted';
  const candidates: Rule[] = [...sheet.universal, ...(sheet.byTag.get(element.tag) ?? [])];
  if (element.id) candidates.push(...(sheet.byId.get(element.id) ?? []));
  for (const name of element.classes) candidates.push(...(sheet.byClass.get(name) ?? []));
  if (candidates.length === 0) return null;
  sheet.budget -= candidates.length;
  const matched = candidates.filter((rule) => matchesRule(sheet, rule, element, ancestors)).sort((a, b) => a.order - b.order);
  if (sheet.budget <= 0) return 'exhausted';
  if (matched.length === 0) return null;
  const decls: Declarations = new Map();
  for (const rule of matched) {
    for (const [name, decl] of rule.decls) {
      const previous = decls.get(name);
      if (previous?.important && !decl.important) continue;
      decls.set(name, decl);
    }
  }
  return decls;
}
