// A bounded LRU cache of rendered item fragments, keyed by article content hash + format + config fingerprint. Pure.
import { createHash } from 'node:crypto';
import type { Article } from '../articles/article.ts';
import type { SiteConfig } from '../config/site-config.ts';

export interface FragmentCacheOptions {
  /** Most entries kept (default 20,000). */
  maxEntries?: number;
  /** Most characters (text) plus bytes (encoded fragments) kept across entries (default 64 M). */
  maxChars?: number;
}

/** A cached fragment: item HTML as text, or a rendered item as UTF-8 bytes. */
export type Fragment = string | Uint8Array;

/**
 * Least-recently-used map of rendered fragments. Bounded by entry count and total size
 * (characters of text plus bytes of encoded fragments); the oldest entries are evicted first.
 *
 * @example
 * const cache = new FragmentCache({ maxEntries: 2 });
 * cache.getOrRender('a', () => '<item/>') //=> '<item/>' (rendered once, then served from the cache)
 */
export class FragmentCache {
  readonly #map = new Map<string, Fragment>();
  readonly #maxEntries: number;
  readonly #maxChars: number;
  #chars = 0;
  hits = 0;
  misses = 0;

  constructor(options: FragmentCacheOptions = {}) {
    this.#maxEntries = options.maxEntries ?? 20_000;
    this.#maxChars = options.maxChars ?? 64_000_000;
  }

  get size(): number {
    return this.#map.size;
  }

  get chars(): number {
    return this.#chars;
  }

  /** Returns the cached fragment for `key`, or renders, stores and returns it. */
  getOrRender<T extends Fragment>(key: string, render: () => T): T {
    const found = this.#map.get(key) as T | undefined;
    if (found !== undefined) {
      this.hits++;
      this.#map.delete(key);
      this.#map.set(key, found);
      return found;
    }
    this.misses++;
    const value = render();
    if (value.length > this.#maxChars) return value;
    this.#map.set(key, value);
    this.#chars += value.length;
    while (this.#map.size > this.#maxEntries || this.#chars > this.#maxChars) {
      const oldest = this.#map.keys().next().value as string;
      this.#chars -= this.#map.get(oldest)!.length;
      this.#map.delete(oldest);
    }
    return value;
  }

  clear(): void {
    this.#map.clear();
    this.#chars = 0;
    this.hits = 0;
    this.misses = 0;
  }
}

const fingerprints = new WeakMap<object, string>();

/** sha256 of the config (stable key order), memoized per config object. */
export function configFingerprintOf(config: SiteConfig): string {
  let fp = fingerprints.get(config);
  if (!fp) {
    fp = createHash('sha256').update(stableJson(config)).digest('hex').slice(0, 16);
    fingerprints.set(config, fp);
  }
  return fp;
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * The cache key of one article's fragment in one format. The content hash covers the content
 * fields; id and the instants are added because `updated` is outside the hash.
 */
export function fragmentKeyOf(format: string, fingerprint: string, article: Article): string {
  return `${format}\u0000${fingerprint}\u0000${article.contentHash}\u0000${article.id}\u0000${article.published.instant}\u0000${article.updated?.instant ?? ''}`;
}

/** The process-wide default cache used when a caller passes none. */
export const defaultFragmentCache = new FragmentCache();
