// BoundedAsyncCache: the LRU both the serve document cache and the compression cache keep their values in.
import { describe, expect, it } from 'vitest';
import { BoundedAsyncCache } from '../../lambda/core/bounded-async-cache.ts';

const bytes = (n: number) => new Uint8Array(n);

describe('BoundedAsyncCache', () => {
  it('returns a value larger than maxBytes without keeping it, and without evicting what it holds', async () => {
    const cache = new BoundedAsyncCache<Uint8Array>({ maxBytes: 100, sizeOf: (b) => b.byteLength });
    await cache.get('a', async () => bytes(60));
    expect((await cache.get('big', async () => bytes(500))).byteLength).toBe(500);
    expect(cache.size).toEqual({ entries: 1, bytes: 60 });
    let loads = 0;
    await cache.get('a', async () => {
      loads++;
      return bytes(60);
    });
    expect(loads).toBe(0);
  });

  it('without freshMs, keeps a value until it is evicted', async () => {
    let loads = 0;
    const cache = new BoundedAsyncCache<number>({ maxBytes: 10, maxEntries: 2, sizeOf: () => 0 });
    const load = async () => ++loads;
    for (const k of ['x', 'x', 'y', 'x', 'z', 'y']) await cache.get(k, load);
    // x, y kept; x used again; z evicts y (least recently used); y loads again.
    expect(loads).toBe(4);
    expect(cache.size.entries).toBe(2);
  });
});
