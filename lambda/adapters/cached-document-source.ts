// CachedDocumentSource: a read-through cache over a FeedDocumentSource (the S3 bucket), for the serve function.
import type { FeedDocument, FeedDocumentSource } from '../ports/feed-publisher.ts';

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

interface Entry {
  doc: FeedDocument | undefined;
  readAt: number;
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
  private readonly entries = new Map<string, Entry>();
  private readonly pending = new Map<string, Promise<FeedDocument | undefined>>();
  private bytes = 0;
  private readonly maxBytes: number;
  private readonly maxEntries: number;

  constructor(
    private readonly source: FeedDocumentSource,
    private readonly options: CachedDocumentSourceOptions,
  ) {
    this.maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
    this.maxEntries = options.maxEntries ?? 10_000;
  }

  get(path: string): Promise<FeedDocument | undefined> {
    const hit = this.entries.get(path);
    if (hit && this.options.now() - hit.readAt < this.options.freshMs) {
      // Re-insert: Map order is the LRU order.
      this.entries.delete(path);
      this.entries.set(path, hit);
      return Promise.resolve(hit.doc);
    }
    let read = this.pending.get(path);
    if (!read) {
      read = this.source.get(path).then(
        (doc) => {
          this.pending.delete(path);
          this.store(path, { doc, readAt: this.options.now() });
          return doc;
        },
        (error: unknown) => {
          this.pending.delete(path);
          throw error;
        },
      );
      this.pending.set(path, read);
    }
    return read;
  }

  /** Cached body bytes now (for tests and logs). */
  get cachedBytes(): number {
    return this.bytes;
  }

  private store(path: string, entry: Entry): void {
    this.evict(path);
    const size = entry.doc?.body.byteLength ?? 0;
    if (size > this.maxBytes) return;
    this.entries.set(path, entry);
    this.bytes += size;
    for (const oldest of this.entries.keys()) {
      if (this.bytes <= this.maxBytes && this.entries.size <= this.maxEntries) break;
      this.evict(oldest);
    }
  }

  private evict(path: string): void {
    const old = this.entries.get(path);
    if (!old) return;
    this.entries.delete(path);
    this.bytes -= old.doc?.body.byteLength ?? 0;
  }
}
