// CachedDocumentSource: one source read per path per window, shared concurrent reads, failures not cached, bounded bytes.
import { describe, expect, it } from 'vitest';
import { CachedDocumentSource } from '../../lambda/adapters/cached-document-source.ts';
import type { FeedDocumentSource } from '../../lambda/ports/feed-publisher.ts';
import type { FeedDocument } from '../../lambda/core/feeds/feed-document.ts';

function docOf(path: string, size: number, version = 1): FeedDocument {
  return {
    path,
    body: new Uint8Array(size).fill(version),
    contentType: 'text/plain',
    cacheControl: 'public, max-age=300',
    hash: `${path}#${version}`,
  };
}

/** A source over a map that counts reads and can be told to fail. */
function countingSource(docs: Map<string, FeedDocument>) {
  const reads: string[] = [];
  let failing = false;
  const source: FeedDocumentSource = {
    async get(path) {
      reads.push(path);
      if (failing) throw new Error('bucket down');
      return docs.get(path);
    },
  };
  return { source, reads, fail: (f: boolean) => (failing = f) };
}

describe('CachedDocumentSource', () => {
  it('reads a path once per window, then again after it', async () => {
    const docs = new Map([['feeds/all.rss', docOf('feeds/all.rss', 10)]]);
    const { source, reads } = countingSource(docs);
    let now = 0;
    const cache = new CachedDocumentSource(source, { freshMs: 60_000, now: () => now });
    expect((await cache.get('feeds/all.rss'))?.hash).toBe('feeds/all.rss#1');
    docs.set('feeds/all.rss', docOf('feeds/all.rss', 10, 2));
    now = 59_999;
    expect((await cache.get('feeds/all.rss'))?.hash).toBe('feeds/all.rss#1');
    expect(reads).toEqual(['feeds/all.rss']);
    now = 60_000;
    expect((await cache.get('feeds/all.rss'))?.hash).toBe('feeds/all.rss#2');
    expect(reads).toHaveLength(2);
  });

  it('caches an absence for the window too', async () => {
    const { source, reads } = countingSource(new Map());
    const cache = new CachedDocumentSource(source, { freshMs: 1000, now: () => 0 });
    expect(await cache.get('feeds/nope.rss')).toBeUndefined();
    expect(await cache.get('feeds/nope.rss')).toBeUndefined();
    expect(reads).toEqual(['feeds/nope.rss']);
  });

  it('shares one read among concurrent requests for a path', async () => {
    const { source, reads } = countingSource(new Map([['index.html', docOf('index.html', 5)]]));
    const cache = new CachedDocumentSource(source, { freshMs: 1000, now: () => 0 });
    const all = await Promise.all(Array.from({ length: 20 }, () => cache.get('index.html')));
    expect(new Set(all.map((d) => d?.hash))).toEqual(new Set(['index.html#1']));
    expect(reads).toEqual(['index.html']);
  });

  it('does not cache a failed read: the next request asks again', async () => {
    const { source, reads, fail } = countingSource(new Map([['feed.css', docOf('feed.css', 3)]]));
    const cache = new CachedDocumentSource(source, { freshMs: 1000, now: () => 0 });
    fail(true);
    await expect(cache.get('feed.css')).rejects.toThrow('bucket down');
    fail(false);
    expect((await cache.get('feed.css'))?.hash).toBe('feed.css#1');
    expect(reads).toEqual(['feed.css', 'feed.css']);
  });

  it('keeps at most maxBytes of bodies, dropping the least recently used first', async () => {
    const docs = new Map(['a', 'b', 'c', 'd'].map((p) => [p, docOf(p, 400)]));
    const { source, reads } = countingSource(docs);
    const cache = new CachedDocumentSource(source, { freshMs: 1000, now: () => 0, maxBytes: 1000 });
    await cache.get('a');
    await cache.get('b');
    await cache.get('a'); // a is now the most recently used
    await cache.get('c'); // 1,200 bytes: b goes
    expect(cache.cachedBytes).toBe(800);
    await cache.get('a');
    await cache.get('b');
    expect(reads).toEqual(['a', 'b', 'c', 'b']);
    await cache.get('d');
    expect(cache.cachedBytes).toBeLessThanOrEqual(1000);
    // A document larger than the whole cache is served but never kept.
    docs.set('big', docOf('big', 2000));
    expect((await cache.get('big'))?.body.byteLength).toBe(2000);
    await cache.get('big');
    expect(reads.filter((r) => r === 'big')).toHaveLength(2);
  });

  it('keeps at most maxEntries paths, absences included, so random 404 paths cannot grow it without bound', async () => {
    const { source, reads } = countingSource(new Map([['index.html', docOf('index.html', 5)]]));
    const cache = new CachedDocumentSource(source, { freshMs: 60_000, now: () => 0, maxEntries: 3 });
    await cache.get('index.html');
    for (let i = 0; i < 50; i++) expect(await cache.get(`feeds/nope-${i}.rss`)).toBeUndefined();
    expect(reads).toHaveLength(51);
    // index.html was the least recently used: it went first, so this is a fresh read.
    await cache.get('index.html');
    expect(reads.at(-1)).toBe('index.html');
    expect(reads).toHaveLength(52);
    // The three most recent paths are still cached.
    await cache.get('feeds/nope-49.rss');
    expect(reads).toHaveLength(52);
  });
});
