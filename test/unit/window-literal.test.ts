// Every `new BrowserWindow({...})` in main must spell out the secure web preferences literally: this
// reads the source with the TypeScript compiler (the platform code itself needs Electron to run).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { webPreferenceViolations } from '../../src/main/security/window-policy';
import { ROOT } from '../helpers/host';

function sourceFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

function literalValue(node: ts.Expression): unknown {
  if (node.kind === ts.SyntaxKind.TrueKeyword) return true;
  if (node.kind === ts.SyntaxKind.FalseKeyword) return false;
  if (ts.isStringLiteral(node)) return node.text;
  return `<not a literal: ${node.getText()}>`;
}

/** The webPreferences of each BrowserWindow construction in a file, as plain values. */
function browserWindowPreferences(file: string, code = readFileSync(file, 'utf8')): Array<Record<string, unknown>> {
  const source = ts.createSourceFile(file, code, ts.ScriptTarget.Latest, true);
  const found: Array<Record<string, unknown>> = [];
  const visit = (node: ts.Node) => {
    if (ts.isNewExpression(node) && node.expression.getText() === 'BrowserWindow') {
      const options = node.arguments?.[0];
      const prefs: Record<string, unknown> = {};
      if (options && ts.isObjectLiteralExpression(options)) {
        const web = options.properties.find((property) => property.name?.getText() === 'webPreferences');
        if (web && ts.isPropertyAssignment(web) && ts.isObjectLiteralExpression(web.initializer)) {
          for (const property of web.initializer.properties) if (ts.isPropertyAssignment(property)) prefs[property.name.getText()] = literalValue(property.initializer);
        }
      }
      found.push(prefs);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('BrowserWindow web preferences', () => {
  it('every window the app creates is isolated, sandboxed and without Node', () => {
    const windows = sourceFiles(join(ROOT, 'src/main')).flatMap((file) => browserWindowPreferences(file).map((prefs) => ({ file, prefs })));
    expect(windows.length).toBeGreaterThan(0);
    for (const { file, prefs } of windows) expect({ file, violations: webPreferenceViolations(prefs) }).toEqual({ file, violations: [] });
  });

  it('notices a window that drops sandbox or sets it from a variable', () => {
    const code = (sandbox: string) => `new BrowserWindow({ webPreferences: { contextIsolation: true, ${sandbox} nodeIntegration: false } });`;
    expect(webPreferenceViolations(browserWindowPreferences('x.ts', code(''))[0]!)).toContain('sandbox must be true (is undefined)');
    expect(webPreferenceViolations(browserWindowPreferences('x.ts', code('sandbox: flag,'))[0]!)[0]).toMatch(/sandbox must be true \(is <not a literal/);
  });
});
