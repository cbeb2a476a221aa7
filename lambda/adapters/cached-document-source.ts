// CachedDocumentSource: a read-through cache over a FeedDocumentSource (the S3 bucket), for the serve function.
import { BoundedAsyncCache } from '../core/bounded-async-cache.ts';
import type { FeedDocumentSource } from '../ports/feed-publisher.ts';
import type { FeedDocument } from '../core/feeds/feed-document.ts';

export interface CachedDocumentSourceOptions {
  /** How long a read (a document, or its absence) is served without asking the source again. */
  freshMs: number;
  /** Upper bound on cached body bytes; the least recently used documents go first. Default 64 MiB. */
  maxBytes?: number;
  /** Upper bound on cached paths, absences included (random 404 paths must not grow the cache). Default 10,000. */
  maxEntries?: number;
  /** Milliseconds of a monotonic clock (`performance.now` in the handler; a counter in tests). */
  now: () => number;
}

/**
 * Serves each path from memory for `freshMs` after reading it, so a warm instance asks the source at most
 * once per path per window. Concurrent reads of one path share one request; a failed read is not cached.
 *
 * @example
 * const docs = new CachedDocumentSource(publisher, { freshMs: 60_000, now: () => performance.now() });
 * await docs.get('feeds/all.rss') //=> { path: 'feeds/all.rss', body: Uint8Array, hash: '…', … }
 * await docs.get('feeds/all.rss') // same object, no second S3 request within the minute
 */
export class CachedDocumentSource implements FeedDocumentSource {
  private readonly cache: BoundedAsyncCache<FeedDocument | undefined>;

  constructor(
    private readonly source: FeedDocumentSource,
    options: CachedDocumentSourceOptions,
  ) {
    this.cache = new BoundedAsyncCache({
      maxBytes: options.maxBytes ?? 64 * 1024 * 1024,
      maxEntries: options.maxEntries ?? 10_000,
      sizeOf: (doc) => doc?.body.byteLength ?? 0,
      freshMs: options.freshMs,
      now: options.now,
    });
  }

  get(path: string): Promise<FeedDocument | undefined> {
    return this.cache.get(path, () => this.source.get(path));
  }

  /** Cached body bytes now (for tests and logs). */
  get cachedBytes(): number {
    return this.cache.size.bytes;
  }
}
