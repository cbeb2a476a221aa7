// The source tree's import graph, read with TypeScript's own parser and module resolution: shared by the architecture tests.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/** The repository root; every path below is relative to it, "/"-separated. */
export const REPO_ROOT = path.resolve(import.meta.dirname, '../..');

/** One import of a source file: the specifier as written, and the repository file it resolves to (undefined for packages and node builtins). */
export interface SourceImport {
  specifier: string;
  target?: string;
}

const compilerOptions = ts.parseJsonConfigFileContent(
  ts.readConfigFile(path.join(REPO_ROOT, 'tsconfig.json'), ts.sys.readFile).config,
  ts.sys,
  REPO_ROOT,
).options;

const toRepoPath = (absolute: string) => path.relative(REPO_ROOT, absolute).split(path.sep).join('/');

/**
 * Every .ts, .mts and .mjs file under the given repository folders, sorted.
 *
 * @example
 * sourceFilesUnder(['lambda/ports']) //=> ['lambda/ports/article-store-keys.ts', 'lambda/ports/article-store.ts', …]
 */
export function sourceFilesUnder(folders: readonly string[]): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const p = path.join(dir, name);
      if (statSync(p).isDirectory()) return name === 'node_modules' ? [] : walk(p);
      return /\.(ts|mts|mjs)$/.test(name) && !name.endsWith('.d.ts') ? [toRepoPath(p)] : [];
    });
  return folders.flatMap((f) => walk(path.join(REPO_ROOT, f))).sort();
}

/**
 * The imports of one repository file (static, `export … from`, `import type`, dynamic `import()` and `require()`),
 * each resolved the way tsc resolves it.
 *
 * @example
 * importsOf('lambda/ports/article-store.ts') //=> [{ specifier: '../core/articles/article.ts', target: 'lambda/core/articles/article.ts' }]
 */
export function importsOf(file: string): SourceImport[] {
  const absolute = path.join(REPO_ROOT, file);
  const info = ts.preProcessFile(readFileSync(absolute, 'utf8'), true, true);
  return info.importedFiles.map(({ fileName: specifier }) => {
    const resolved = ts.resolveModuleName(specifier, absolute, compilerOptions, ts.sys).resolvedModule;
    const inRepo = resolved && !resolved.isExternalLibraryImport;
    return inRepo ? { specifier, target: toRepoPath(resolved.resolvedFileName) } : { specifier };
  });
}

/**
 * The import graph of the files under the given folders: each file → the repository files it imports (only those
 * inside the same folders are kept).
 */
export function importGraph(folders: readonly string[]): Map<string, string[]> {
  const files = sourceFilesUnder(folders);
  const inside = new Set(files);
  return new Map(files.map((f) => [f, [...new Set(importsOf(f).flatMap((i) => (i.target && inside.has(i.target) ? [i.target] : [])))]]));
}

/**
 * The import cycles of a graph: its strongly connected components with more than one node, or one node importing
 * itself (Tarjan's algorithm), each sorted, in a stable order.
 *
 * @example
 * importCycles(new Map([['a', ['b']], ['b', ['a']], ['c', ['a']]])) //=> [['a', 'b']]
 */
export function importCycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, counter);
    low.set(node, counter);
    counter++;
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node) as number, low.get(next) as number));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node) as number, index.get(next) as number));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    let member: string | undefined;
    do {
      member = stack.pop() as string;
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1 || graph.get(node)?.includes(node)) cycles.push(component.sort());
  };
  for (const node of [...graph.keys()].sort()) if (!index.has(node)) visit(node);
  return cycles.sort((a, b) => (a[0] as string).localeCompare(b[0] as string));
}
