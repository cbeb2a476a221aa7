// Import boundaries between the layers (core, ports, adapters, handlers, bin, infra), and no import cycles.
import { describe, expect, it } from 'vitest';
import { importCycles, importGraph } from './import-graph.ts';

const graph = importGraph(['lambda', 'bin', 'infra']);

/**
 * The layers, lowest first: a file imports only from its own layer or a lower one, so no two layers import each other.
 * The core's domain (articles, dates, config, feeds) sits below the ports: ports may use its types, it never uses a port.
 * The core's services (site, http) drive the ports, so they sit above them. bin and infra share the top rank and do
 * not import each other.
 */
const LAYERS: ReadonlyArray<readonly [name: string, rank: number, test: RegExp]> = [
  ['core services', 2, /^lambda\/core\/(site|http)\//],
  ['core domain', 0, /^lambda\/core\//],
  ['ports', 1, /^lambda\/ports\//],
  ['adapters', 3, /^lambda\/adapters\//],
  ['handlers', 4, /^lambda\/handlers\//],
  ['bin', 5, /^bin\//],
  ['infra', 5, /^infra\//],
];

const layerOf = (file: string) => LAYERS.find(([, , test]) => test.test(file));

/** Every import from a file under `from` of a file under one of `to`, as "importer → imported". */
function importsAcross(from: string, to: readonly string[]): string[] {
  return [...graph].flatMap(([file, targets]) =>
    file.startsWith(from) ? targets.filter((t) => to.some((prefix) => t.startsWith(prefix))).map((t) => `${file} → ${t}`) : [],
  );
}

describe('import boundaries', () => {
  it('reads a graph with the layers in it', () => {
    const layers = new Set([...graph.keys()].map((f) => layerOf(f)?.[0]));
    expect([...layers].sort()).toEqual(['adapters', 'bin', 'core domain', 'core services', 'handlers', 'infra', 'ports']);
  });

  it('lambda/core imports no adapter, handler, bin or infra file', () => {
    expect(importsAcross('lambda/core/', ['lambda/adapters/', 'lambda/handlers/', 'bin/', 'infra/'])).toEqual([]);
  });

  it('lambda/ports imports no adapter, handler, bin or infra file', () => {
    expect(importsAcross('lambda/ports/', ['lambda/adapters/', 'lambda/handlers/', 'bin/', 'infra/'])).toEqual([]);
  });

  it('every import points into its own layer or a lower one (so no two layers import each other)', () => {
    const upward = [...graph].flatMap(([file, targets]) => {
      const from = layerOf(file);
      return targets.flatMap((t) => {
        const to = layerOf(t);
        if (!from || !to || to === from || to[1] < from[1]) return [];
        return [`${file} (${from[0]}) → ${t} (${to[0]})`];
      });
    });
    expect(upward).toEqual([]);
  });

  it('no file imports itself back through others in lambda/, bin/ or infra/', () => {
    expect(importCycles(graph)).toEqual([]);
  });
});

describe('importCycles', () => {
  it('finds a two-file cycle and a self-import, and nothing in a chain', () => {
    const g = new Map([
      ['a', ['b']],
      ['b', ['a', 'c']],
      ['c', ['d']],
      ['d', []],
      ['e', ['e']],
    ]);
    expect(importCycles(g)).toEqual([['a', 'b'], ['e']]);
  });

  it('finds a cycle through three files', () => {
    expect(
      importCycles(
        new Map([
          ['x', ['y']],
          ['y', ['z']],
          ['z', ['x']],
        ]),
      ),
    ).toEqual([['x', 'y', 'z']]);
  });
});
