// BoundedAsyncCache: an LRU of values loaded asynchronously, bounded in bytes and entries, optionally fresh for a while. Pure: the clock is injected.

export interface BoundedAsyncCacheOptions<V> {
  /** Upper bound on the summed `sizeOf` of kept values; a value larger than this is returned but never kept. */
  maxBytes: number;
  /** Upper bound on kept keys, values of size 0 included. Default 10,000. */
  maxEntries?: number;
  /** The bytes a value weighs (0 for an absence). */
  sizeOf: (value: V) => number;
  /** How long a kept value is served without loading again. Default: until evicted. */
  freshMs?: number;
  /** Milliseconds of a monotonic clock; needed with `freshMs`. */
  now?: () => number;
}

interface Entry<V> {
  value: V;
  loadedAt: number;
}

/**
 * Serves each key from memory while it is fresh, loading it otherwise. Concurrent loads of one key share one
 * promise; a failed load is not kept, so the next call loads again. Map order is the LRU order.
 *
 * @example
 * const cache = new BoundedAsyncCache<Uint8Array>({ maxBytes: 1 << 20, sizeOf: (b) => b.byteLength });
 * await cache.get('feeds/all.rss', () => fetchBytes('feeds/all.rss')) // loaded
 * await cache.get('feeds/all.rss', () => fetchBytes('feeds/all.rss')) // from memory, no second load
 */
export class BoundedAsyncCache<V> {
  private readonly entries = new Map<string, Entry<V>>();
  private readonly pending = new Map<string, Promise<V>>();
  private totalBytes = 0;
  private readonly maxEntries: number;
  private readonly freshMs: number;
  private readonly now: () => number;

  constructor(private readonly options: BoundedAsyncCacheOptions<V>) {
    this.maxEntries = options.maxEntries ?? 10_000;
    this.freshMs = options.freshMs ?? Number.POSITIVE_INFINITY;
    this.now = options.now ?? (() => 0);
  }

  get(key: string, load: () => Promise<V>): Promise<V> {
    const hit = this.entries.get(key);
    if (hit && this.now() - hit.loadedAt < this.freshMs) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return Promise.resolve(hit.value);
    }
    let loading = this.pending.get(key);
    if (!loading) {
      loading = load().then(
        (value) => {
          this.pending.delete(key);
          this.keep(key, { value, loadedAt: this.now() });
          return value;
        },
        (error: unknown) => {
          this.pending.delete(key);
          throw error;
        },
      );
      this.pending.set(key, loading);
    }
    return loading;
  }

  /** Kept keys and their summed bytes. */
  get size(): { entries: number; bytes: number } {
    return { entries: this.entries.size, bytes: this.totalBytes };
  }

  private keep(key: string, entry: Entry<V>): void {
    this.drop(key);
    const size = this.options.sizeOf(entry.value);
    if (size > this.options.maxBytes) return;
    this.entries.set(key, entry);
    this.totalBytes += size;
    for (const oldest of this.entries.keys()) {
      if (this.totalBytes <= this.options.maxBytes && this.entries.size <= this.maxEntries) break;
      this.drop(oldest);
    }
  }

  private drop(key: string): void {
    const old = this.entries.get(key);
    if (!old) return;
    this.entries.delete(key);
    this.totalBytes -= this.options.sizeOf(old.value);
  }
}
