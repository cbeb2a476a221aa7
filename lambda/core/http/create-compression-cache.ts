// Compresses a document once per (hash, coding) and keeps the result in a bounded LRU. Pure: node:zlib only.
import { promisify } from 'node:util';
import { brotliCompress, constants as zlibConstants, gzip } from 'node:zlib';
import type { ContentCoding } from './negotiate-encoding.ts';

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

export interface CompressionCacheOptions {
  /** Bodies smaller than this are served as they are (compression would not pay). Default 1024. */
  minBytes?: number;
  /** Upper bound on the cached compressed bytes. Default 64 MiB. */
  maxBytes?: number;
  /** Brotli quality on the request path: modest, never 11. Default 5. */
  brotliQuality?: number;
  /** gzip level. Default 6. */
  gzipLevel?: number;
}

export interface CompressionCache {
  /**
   * The body in `coding`, or undefined when it is served uncompressed (too small, or compression did
   * not make it smaller). Concurrent calls for the same key share one compression.
   */
  get(hash: string, coding: Exclude<ContentCoding, 'identity'>, body: Uint8Array): Promise<Uint8Array | undefined>;
  /** How many compressions actually ran (for tests and metrics). */
  readonly compressions: number;
  readonly size: { entries: number; bytes: number };
}

/**
 * Creates the compression cache the HTTP core uses: gzip (level 6) and brotli (quality 5), each run
 * at most once per document hash while the entry stays in the LRU.
 *
 * @example
 * const cache = createCompressionCache();
 * const br = await cache.get(doc.hash, 'br', doc.body); // compressed once, then served from memory
 */
export function createCompressionCache(options: CompressionCacheOptions = {}): CompressionCache {
  const minBytes = options.minBytes ?? 1024;
  const maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
  const brotliQuality = Math.min(options.brotliQuality ?? 5, 9);
  const gzipLevel = options.gzipLevel ?? 6;
  // Map keeps insertion order: re-inserting on hit makes it an LRU.
  const entries = new Map<string, Uint8Array | null>();
  const pending = new Map<string, Promise<Uint8Array | undefined>>();
  let bytes = 0;
  let compressions = 0;

  function remember(key: string, value: Uint8Array | null): void {
    entries.set(key, value);
    bytes += value?.byteLength ?? 0;
    for (const [k, v] of entries) {
      if (bytes <= maxBytes) break;
      entries.delete(k);
      bytes -= v?.byteLength ?? 0;
    }
  }

  async function compress(coding: 'br' | 'gzip', body: Uint8Array): Promise<Uint8Array> {
    compressions++;
    const out =
      coding === 'br'
        ? await brotliAsync(body, {
            params: {
              [zlibConstants.BROTLI_PARAM_QUALITY]: brotliQuality,
              [zlibConstants.BROTLI_PARAM_MODE]: zlibConstants.BROTLI_MODE_TEXT,
              [zlibConstants.BROTLI_PARAM_SIZE_HINT]: body.byteLength,
            },
          })
        : await gzipAsync(body, { level: gzipLevel });
    return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
  }

  return {
    get(hash, coding, body) {
      if (body.byteLength < minBytes) return Promise.resolve(undefined);
      const key = `${hash}:${coding}`;
      if (entries.has(key)) {
        const hit = entries.get(key) ?? null;
        entries.delete(key);
        entries.set(key, hit);
        return Promise.resolve(hit ?? undefined);
      }
      const inFlight = pending.get(key);
      if (inFlight) return inFlight;
      const p = compress(coding, body)
        .then((out) => {
          const useful = out.byteLength < body.byteLength ? out : null;
          remember(key, useful);
          return useful ?? undefined;
        })
        .finally(() => pending.delete(key));
      pending.set(key, p);
      return p;
    },
    get compressions() {
      return compressions;
    },
    get size() {
      return { entries: entries.size, bytes };
    },
  };
}
