// ExternalSort: the same order as a stable in-memory sort, ties in the order added, over many runs and several merge passes; run files removed.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { ExternalSort } from '../../lambda/adapters/external-sort.ts';

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

async function freshDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'nashra-external-sort-'));
  dirs.push(dir);
  return dir;
}

/** Sorted by key only, so items with equal keys are ties whose order tells stability apart. */
const byKey = (a: [string, number], b: [string, number]) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);

async function sortAll<T>(sort: ExternalSort<T>, items: readonly T[]): Promise<T[]> {
  for (const item of items) await sort.add(item);
  const out: T[] = [];
  for await (const item of sort.sorted()) out.push(item);
  return out;
}

describe('ExternalSort', () => {
  it('property: equals a stable sort, ties in the order added, whatever the run size and fan-in', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.string({ maxLength: 3 }), { maxLength: 200 }),
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 2, max: 5 }),
        async (keys, runSize, fanIn) => {
          const dir = await freshDir();
          const items = keys.map((k, i): [string, number] => [k, i]);
          const sorted = await sortAll(new ExternalSort({ directory: dir, compare: byKey, runSize, fanIn }), items);
          expect(sorted).toEqual([...items].sort(byKey));
          expect(await readdir(dir)).toEqual([]);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('spills runs and merges them in several passes when there are more runs than the fan-in', async () => {
    const dir = await freshDir();
    const sort = new ExternalSort<[string, number]>({ directory: dir, compare: byKey, runSize: 10, fanIn: 3 });
    // 1,000 items over 10 keys: every key is tied 100 times, across every run.
    const items = Array.from({ length: 1000 }, (_, i): [string, number] => [`k${(i * 7) % 10}`, i]);
    const sorted = await sortAll(sort, items);
    expect(sort.runsWritten).toBeGreaterThan(100);
    expect(sorted.map((x) => x[0])).toEqual([...items].map((x) => x[0]).sort());
    for (let i = 1; i < sorted.length; i++)
      if (sorted[i]![0] === sorted[i - 1]![0]) expect(sorted[i]![1]).toBeGreaterThan(sorted[i - 1]![1]);
    expect(await readdir(dir)).toEqual([]);
  });

  it('keeps Arabic text, quotes and new lines in items intact through the run files', async () => {
    const dir = await freshDir();
    const items = ['خبر "عاجل"\nسطر', 'a\\b', '\u2028', 'سياسة'].map((k, i): [string, number] => [k, i]);
    const sorted = await sortAll(new ExternalSort({ directory: dir, compare: byKey, runSize: 1 }), items);
    expect(sorted).toEqual([...items].sort(byKey));
  });
});
