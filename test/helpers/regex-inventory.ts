/**
 * Every regular expression written in a source tree, found with the TypeScript compiler API: regex
 * literals, and `new RegExp(...)` / `RegExp(...)` whose pattern (and flags) are string literals.
 * A `RegExp` built from a non-literal pattern is reported too, so a test can insist there is none.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

/** One regex found in the source. */
export interface FoundRegex {
  /** File relative to the root given to `findRegexes`, with the 1-based line. */
  where: string;
  source: string;
  flags: string;
}

/** Result of a scan: the regexes, and `RegExp` constructions whose pattern is not a literal. */
export interface RegexInventory {
  regexes: FoundRegex[];
  dynamic: string[];
  files: number;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Constant folding of what patterns are built from: literals, `+`, templates, `[...].join()`, file constants. */
function constantText(node: ts.Node | undefined, file: ts.SourceFile, depth = 0): string | null {
  if (!node || depth > 20) return null;
  const fold = (child: ts.Node | undefined) => constantText(child, file, depth + 1);
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isParenthesizedExpression(node)) return fold(node.expression);
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    const [left, right] = [fold(node.left), fold(node.right)];
    return left === null || right === null ? null : left + right;
  }
  if (ts.isTemplateExpression(node)) {
    let out = node.head.text;
    for (const span of node.templateSpans) {
      const value = fold(span.expression);
      if (value === null) return null;
      out += value + span.literal.text;
    }
    return out;
  }
  if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'join') {
    const target = node.expression.expression;
    if (!ts.isArrayLiteralExpression(target)) return null;
    const parts = target.elements.map(fold);
    const separator = node.arguments.length === 0 ? ',' : fold(node.arguments[0]);
    return separator === null || parts.some((part) => part === null) ? null : parts.join(separator);
  }
  if (ts.isIdentifier(node)) {
    let found: string | null = null;
    const look = (candidate: ts.Node): void => {
      if (found === null && ts.isVariableDeclaration(candidate) && ts.isIdentifier(candidate.name) && candidate.name.text === node.text) {
        const list = candidate.parent;
        if (ts.isVariableDeclarationList(list) && list.flags & ts.NodeFlags.Const) found = fold(candidate.initializer);
      }
      ts.forEachChild(candidate, look);
    };
    look(file);
    return found;
  }
  return null;
}

function scanFile(path: string, root: string, inventory: RegexInventory): void {
  const text = readFileSync(path, 'utf8');
  const file = ts.createSourceFile(path, text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const where = (node: ts.Node) => `${relative(root, path)}:${file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1}`;
  const visit = (node: ts.Node): void => {
    if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
      const literal = (node as ts.RegularExpressionLiteral).text;
      const slash = literal.lastIndexOf('/');
      inventory.regexes.push({ where: where(node), source: literal.slice(1, slash), flags: literal.slice(slash + 1) });
    } else if ((ts.isNewExpression(node) || ts.isCallExpression(node)) && ts.isIdentifier(node.expression) && node.expression.text === 'RegExp') {
      const [patternArg, flagsArg] = node.arguments ?? [];
      const source = constantText(patternArg, file);
      const flags = flagsArg === undefined ? '' : constantText(flagsArg, file);
      // `new RegExp(existing)` over a regex literal copies a pattern already counted above.
      if (source !== null && flags !== null) inventory.regexes.push({ where: where(node), source, flags });
      else if (!(patternArg && ts.isRegularExpressionLiteral(patternArg))) inventory.dynamic.push(where(node));
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
}

/** Scans every `.ts` file under `dirs` (absolute paths); `root` only shortens the reported paths. */
export function findRegexes(root: string, dirs: readonly string[]): RegexInventory {
  const inventory: RegexInventory = { regexes: [], dynamic: [], files: 0 };
  for (const dir of dirs) {
    for (const file of sourceFiles(dir)) {
      inventory.files += 1;
      scanFile(file, root, inventory);
    }
  }
  return inventory;
}
