// The compression cache: decompresses to the same bytes, compresses once per key, skips tiny bodies, stays bounded.
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { createCompressionCache } from '../../../lambda/core/http/create-compression-cache.ts';

const body = new TextEncoder().encode('<item><title>خبر عاجل من الرياض</title></item>\n'.repeat(400));

describe('createCompressionCache', () => {
  it('round-trips gzip and br, compressing each once even under concurrent calls', async () => {
    const cache = createCompressionCache();
    const [g1, g2] = await Promise.all([cache.get('h', 'gzip', body), cache.get('h', 'gzip', body)]);
    const br = await cache.get('h', 'br', body);
    await cache.get('h', 'br', body);
    expect(Buffer.from(gunzipSync(g1!))).toEqual(Buffer.from(body));
    expect(g2).toBe(g1);
    expect(Buffer.from(brotliDecompressSync(br!))).toEqual(Buffer.from(body));
    expect(br!.byteLength).toBeLessThan(body.byteLength / 5);
    expect(cache.compressions).toBe(2);
  });

  it('leaves tiny bodies alone', async () => {
    const cache = createCompressionCache({ minBytes: 1024 });
    expect(await cache.get('t', 'gzip', new Uint8Array(100))).toBeUndefined();
    expect(cache.compressions).toBe(0);
  });

  it('evicts the least recently used entries past maxBytes', async () => {
    const cache = createCompressionCache({ maxBytes: 1000 });
    for (let i = 0; i < 20; i++) {
      const b = new TextEncoder().encode(`${i}:`.repeat(3000) + Math.random().toString(36).repeat(50));
      await cache.get(`k${i}`, 'gzip', b);
    }
    expect(cache.size.bytes).toBeLessThanOrEqual(1000);
    expect(cache.size.entries).toBeLessThan(20);
  });
});
