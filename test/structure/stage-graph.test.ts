/**
 * Data flows one way (docs/ARCHITECTURE.md): the folders of src/ (stages and the modules below
 * them), joined by their relative imports, form a graph without cycles — no stage imports a later
 * one, and two stages that share knowledge take it from a module below both.
 */
import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { ROOT } from '../helpers/cli.js';

const SRC = join(ROOT, 'src');

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

/** folder → the other src/ folders its files import from (relative imports; type-only ones too). */
function stageGraph(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const file of files(SRC)) {
    const from = relative(SRC, file).split('/')[0];
    const targets = graph.get(from) ?? new Set<string>();
    graph.set(from, targets);
    for (const m of readFileSync(file, 'utf8').matchAll(/(?:import|export)[^'";]*?from\s+'(\.[^']+)'/g)) {
      const to = relative(SRC, resolve(dirname(file), m[1])).split('/')[0];
      if (!to.startsWith('..') && to !== from) targets.add(to);
    }
  }
  return graph;
}

/** Every cycle's path, as `a → b → a` (one per starting edge found by depth-first search). */
function cycles(graph: Map<string, Set<string>>): string[] {
  const out: string[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (n: string): void => {
    state.set(n, 'open');
    path.push(n);
    for (const m of [...(graph.get(n) ?? [])].sort()) {
      if (state.get(m) === 'open') out.push([...path.slice(path.indexOf(m)), m].join(' → '));
      else if (!state.has(m)) visit(m);
    }
    path.pop();
    state.set(n, 'done');
  };
  for (const n of [...graph.keys()].sort()) if (!state.has(n)) visit(n);
  return out;
}

describe('the stage graph of src/', () => {
  it('has no cycles', () => {
    expect(cycles(stageGraph())).toEqual([]);
  });

  it('keeps the modules below the stages free of stage imports', () => {
    const below = ['model', 'text', 'rules', 'vocabulary', 'pdf'];
    const graph = stageGraph();
    const bad = below.flatMap((b) => [...(graph.get(b) ?? [])].filter((t) => !below.includes(t)).map((t) => `${b} → ${t}`));
    expect(bad).toEqual([]);
  });

  it('finds a cycle when there is one (the checker itself)', () => {
    const g = new Map([['a', new Set(['b'])], ['b', new Set(['c'])], ['c', new Set(['a'])]]);
    expect(cycles(g)).toEqual(['a → b → c → a']);
  });
});
