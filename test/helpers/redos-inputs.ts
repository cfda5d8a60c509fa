/**
 * Pathological inputs for one regex, built from its own syntax tree (regexpp, the parser ESLint
 * uses): long runs of whitespace and newlines, of each character the pattern names, of each
 * alternative of its alternations, and, for every unbounded quantifier, the text that reaches it
 * followed by a long run of what it repeats. Every input ends in a character that rarely matches,
 * so a backtracking engine has to try every way to split the run before giving up: linear
 * patterns stay linear, ambiguous ones (`\s*x?\s*$`, `\S+@\S+`) show their quadratic or worse cost.
 *
 * Inputs are returned as small specs (`prefix + unit repeated + suffix`) so that a worker can
 * build the 100 KB strings itself.
 */
import { RegExpParser, type AST } from '@eslint-community/regexpp';

/** `prefix`, then `unit` repeated up to the size, then `suffix`. */
export interface InputSpec {
  prefix: string;
  unit: string;
  suffix: string;
}

/**
 * Characters tried against each character set of a pattern, by kind. A set's members are taken
 * from different kinds first: a run mixing word and non-word characters ("a.a.a") puts a word
 * boundary at every other position, which is where patterns like `\b[\w.]+@` retry.
 */
const CANDIDATES: readonly (readonly string[])[] = [
  ['a', 'x', 'A', 'Z', '_'],
  ['.', '-', '@', ':', '/', '\\', '<', '>', '#', '*', '=', '"', "'", '(', ')', '[', ']', '{', '}', ',', ';', '&', '%', '+', '!', '?', '|', '~', '^', '$'],
  ['0', '1', '9'],
  [' ', '\n', '\t', '\r', '\u00a0'],
  ['é', 'ß', 'Ж', '中', '\u200b', '\ufffd', '＜', '«', '😀'],
];
/** What ends every input: a NUL matches almost no pattern's next step. */
const SUFFIX = '\u0000';
const ALWAYS = [' ', '\n', '\t', 'a', '0', ' \n', '> \n'];
const MAX_PIECE = 64;
const MAX_SPECS = 48;

type Sampled = AST.Node;

function matcher(raw: string, flags: string): RegExp | null {
  try {
    return new RegExp(`^(?:${raw})$`, flags.replace(/[gy]/g, ''));
  } catch {
    return null;
  }
}

/** Up to `limit` candidate characters the set (class, escape, dot) matches, one of each kind first. */
function membersOf(node: AST.Node, flags: string, limit: number): string[] {
  const re = matcher(node.raw, flags);
  if (!re) return [];
  const byKind = CANDIDATES.map((kind) => kind.filter((candidate) => re.test(candidate)));
  const found: string[] = [];
  for (let round = 0; found.length < limit && byKind.some((kind) => kind.length > round); round += 1) {
    for (const kind of byKind) if (kind[round] !== undefined && found.length < limit) found.push(kind[round]!);
  }
  return found;
}

/** A short string the node matches (or tries to): the first alternative, minimum repetitions. */
function sample(node: Sampled, flags: string): string {
  switch (node.type) {
    case 'Pattern':
    case 'Group':
    case 'CapturingGroup':
      return node.alternatives[0] ? sample(node.alternatives[0], flags) : '';
    case 'Alternative':
      return node.elements.map((element) => sample(element, flags)).join('');
    case 'Quantifier':
      return sample(node.element, flags).repeat(Math.min(node.min, 8));
    case 'Character':
      return String.fromCodePoint(node.value);
    case 'CharacterSet':
    case 'CharacterClass':
    case 'ExpressionCharacterClass':
      return membersOf(node, flags, 1)[0] ?? '';
    default:
      return ''; // assertions, backreferences
  }
}

/** The text that must come before `node` for the engine to reach it (elements before it, at every level). */
function prefixOf(node: AST.Node, flags: string): string {
  const parts: string[] = [];
  let child: AST.Node = node;
  for (let parent = node.parent; parent; child = parent, parent = parent.parent) {
    if (parent.type !== 'Alternative') continue;
    const index = parent.elements.indexOf(child as AST.Element);
    parts.unshift(parent.elements.slice(0, index).map((element) => sample(element, flags)).join(''));
  }
  return parts.join('');
}

function walk(node: AST.Node, visit: (node: AST.Node) => void): void {
  visit(node);
  const children: AST.Node[] =
    'alternatives' in node ? node.alternatives : 'elements' in node ? node.elements : 'element' in node ? [node.element] : [];
  for (const child of children) walk(child, visit);
}

/** The inputs to try on `source`/`flags` (deduplicated, at most 48). */
export function pathologicalInputs(source: string, flags: string): InputSpec[] {
  const pattern = new RegExpParser({ ecmaVersion: 2025 }).parsePattern(source, 0, source.length, {
    unicode: flags.includes('u'),
    unicodeSets: flags.includes('v'),
  });
  const specs = new Map<string, InputSpec>();
  const add = (prefix: string, unit: string) => {
    if (unit === '' || specs.size >= MAX_SPECS) return;
    const key = `${prefix}\u0001${unit}`;
    if (!specs.has(key)) specs.set(key, { prefix, unit, suffix: SUFFIX });
  };
  // Unbounded quantifiers first: they are where backtracking lives.
  walk(pattern, (node) => {
    if (node.type !== 'Quantifier' || node.max < 10) return;
    const prefix = prefixOf(node, flags);
    const body = sample(node.element, flags);
    const chars = node.element.type === 'Character' ? [body] : membersOf(node.element, flags, 3);
    for (const unit of new Set([...chars, body])) add(prefix, unit);
    // Pairs of different kinds: "a." makes a word boundary at every other position.
    for (let i = 0; i < chars.length; i += 1) for (let j = i + 1; j < chars.length; j += 1) add(prefix, chars[i]! + chars[j]!);
  });
  const characters = new Set<string>(ALWAYS);
  walk(pattern, (node) => {
    if (node.type === 'Character') characters.add(String.fromCodePoint(node.value));
    else if (node.type === 'CharacterSet' || node.type === 'CharacterClass' || node.type === 'ExpressionCharacterClass') {
      for (const member of membersOf(node, flags, 2)) characters.add(member);
    }
  });
  for (const character of characters) add('', character);
  walk(pattern, (node) => {
    if (!('alternatives' in node) || node.alternatives.length < 2) return;
    for (const alternative of node.alternatives) {
      const piece = sample(alternative, flags);
      if (piece.length > 0 && piece.length <= MAX_PIECE) add('', piece);
    }
  });
  // Each of the pattern's characters between spaces: separators and words alternate in real text.
  for (const character of characters) if (character.trim() !== '') add('', `${character} `);
  return [...specs.values()];
}

/** Builds the input of `spec` with about `size` characters. */
export function buildInput(spec: InputSpec, size: number): string {
  const count = Math.max(1, Math.ceil((size - spec.prefix.length) / spec.unit.length));
  return spec.prefix + spec.unit.repeat(count) + spec.suffix;
}
