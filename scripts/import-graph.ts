/**
 * The import graph of app/: files, import edges (type-only imports included — they tie modules together just the same),
 * file-level cycles (strongly connected components of more than one file), and the folder-to-folder edges.
 * Usage: node --import tsx scripts/import-graph.ts [--folders] [--json]
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

const ROOT = resolve(import.meta.dirname, '..');
const APP = join(ROOT, 'app');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** app/-relative path → the app/-relative paths it imports (relative specifiers only; packages are not part of app/). */
export function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles(APP)) {
    const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    const targets = info.importedFiles
      .map((f) => f.fileName)
      .filter((spec) => spec.startsWith('.'))
      .map((spec) => relative(APP, resolve(dirname(file), spec.replace(/\.js$/, '.ts'))))
      .filter((path) => !path.startsWith('..'));
    graph.set(relative(APP, file), [...new Set(targets)]);
  }
  return graph;
}

/** Tarjan's strongly connected components; returns those with more than one member (the cycles). */
export function cycles(graph: Map<string, readonly string[]>): string[][] {
  let index = 0;
  const indexOf = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string): void => {
    indexOf.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!indexOf.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, indexOf.get(w)!));
    }
    if (low.get(v) === indexOf.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) out.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!indexOf.has(v)) visit(v);
  return out;
}

const folderOf = (path: string): string => (path.includes('/') ? path.slice(0, path.indexOf('/')) : '.');

export function folderGraph(graph: Map<string, readonly string[]>): Map<string, string[]> {
  const folders = new Map<string, Set<string>>();
  for (const [from, targets] of graph) {
    const set = folders.get(folderOf(from)) ?? new Set<string>();
    for (const to of targets) if (folderOf(to) !== folderOf(from)) set.add(folderOf(to));
    folders.set(folderOf(from), set);
  }
  return new Map([...folders].map(([k, v]) => [k, [...v].sort()]));
}

if (import.meta.main) {
  const graph = importGraph();
  const fileCycles = cycles(graph);
  const folders = folderGraph(graph);
  const folderCycles = cycles(folders);
  const edges = [...graph.values()].reduce((n, t) => n + t.length, 0);
  if (process.argv.includes('--json')) {
    console.log(
      JSON.stringify(
        { files: graph.size, edges, fileCycles, folderCycles, folders: Object.fromEntries(folders) },
        null,
        2,
      ),
    );
  } else {
    console.log(`app/: ${graph.size} files, ${edges} import edges`);
    console.log(`file-level cycles: ${fileCycles.length}`);
    for (const c of fileCycles) console.log(`  ${c.join(' ↔ ')}`);
    console.log(`folder-level cycles: ${folderCycles.length}`);
    for (const c of folderCycles) console.log(`  ${c.join(' ↔ ')}`);
    if (process.argv.includes('--folders')) for (const [f, t] of folders) console.log(`  ${f} → ${t.join(', ')}`);
  }
}
