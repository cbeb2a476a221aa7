// Compresses a document once per (hash, coding) and keeps the result in a bounded LRU. Pure: node:zlib only.
import { promisify } from 'node:util';
import { brotliCompress, constants as zlibConstants, gzip } from 'node:zlib';
import { BoundedAsyncCache } from '../bounded-async-cache.ts';
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
  // null: compression did not make the body smaller (kept too, so it is not tried again).
  const cache = new BoundedAsyncCache<Uint8Array | null>({ maxBytes, sizeOf: (v) => v?.byteLength ?? 0 });
  let compressions = 0;

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
      return cache
        .get(`${hash}:${coding}`, async () => {
          const out = await compress(coding, body);
          return out.byteLength < body.byteLength ? out : null;
        })
        .then((v) => v ?? undefined);
    },
    get compressions() {
      return compressions;
    },
    get size() {
      return cache.size;
    },
  };
}
