// The import graph of src/main: no cycles (type-only imports included) and no edge from a lower
// layer to a higher one. Lint proves each rule on a sample; this proves it on the whole tree.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/host';

const MAIN = join(ROOT, 'src/main');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

// Our own source, read by a test: a simple pattern over `from '...'` and `import('...')` is enough.
const IMPORT = /(?:from\s+|import\s*\(\s*)'(\.{1,2}\/[^']+)'/g;

function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles(MAIN)) {
    const targets: string[] = [];
    for (const match of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const target = resolve(dirname(file), match[1]!);
      const candidates = [`${target}.ts`, join(target, 'index.ts'), target];
      const found = candidates.find((candidate) => candidate.startsWith(MAIN) && candidate.endsWith('.ts') && graph !== null && safeIsFile(candidate));
      if (found) targets.push(found);
    }
    graph.set(file, targets);
  }
  return graph;
}

function safeIsFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function findCycle(graph: Map<string, string[]>): string[] | null {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string): string[] | null => {
    state.set(node, 'open');
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === 'open') return [...stack.slice(stack.indexOf(next)), next];
      if (!state.has(next)) {
        const cycle = visit(next);
        if (cycle) return cycle;
      }
    }
    stack.pop();
    state.set(node, 'done');
    return null;
  };
  for (const node of graph.keys()) {
    if (state.has(node)) continue;
    const cycle = visit(node);
    if (cycle) return cycle.map((path) => relative(MAIN, path));
  }
  return null;
}

// Higher numbers sit above lower ones; an import never points to a higher layer, nor across one
// rank (content and db, providers and ai). Providers may read db's record types.
const RANK: Record<string, number> = { lib: 0, items: 1, content: 2, db: 2, providers: 3, ai: 3, merge: 3, sync: 4, services: 5, ipc: 6 };
const layerOf = (file: string): string => relative(MAIN, file).split('/')[0]!;

describe('import graph of src/main', () => {
  const graph = importGraph();

  it('reads the whole tree', () => {
    expect(graph.size).toBeGreaterThan(100);
    expect([...graph.values()].flat().length).toBeGreaterThan(300);
  });

  it('has no import cycle', () => {
    expect(findCycle(graph)).toBeNull();
  });

  it('detects a cycle when there is one (the check itself can fail)', () => {
    const looped = new Map([['/a.ts', ['/b.ts']], ['/b.ts', ['/a.ts']]]);
    expect(findCycle(looped)).not.toBeNull();
  });

  it('has no edge from a lower layer to a higher one, nor between providers, ai and db', () => {
    const wrong: string[] = [];
    for (const [file, targets] of graph) {
      const from = layerOf(file);
      for (const target of targets) {
        const to = layerOf(target);
        if (!(from in RANK) || !(to in RANK) || from === to) continue;
        if (RANK[to]! > RANK[from]! || (RANK[to] === RANK[from] && from !== to)) wrong.push(`${relative(MAIN, file)} -> ${relative(MAIN, target)}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
