// Reads a request body into memory, refusing it (413) as soon as it passes the limit. Pure: web streams only.
import { PayloadTooLargeError } from './http-error.ts';

/**
 * Reads `request.body` up to `limit` bytes. Checks Content-Length first, then counts the streamed
 * bytes (the header may be absent or lie) and cancels the stream the moment the limit is passed.
 *
 * @example
 * const bytes = await readLimitedBody(request, 1_000_000); // throws PayloadTooLargeError past 1 MB
 */
export async function readLimitedBody(request: Request, limit: number): Promise<Uint8Array> {
  const declared = request.headers.get('content-length');
  if (declared !== null && Number(declared) > limit) throw new PayloadTooLargeError(limit);
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => undefined);
      throw new PayloadTooLargeError(limit);
    }
    chunks.push(value);
  }
  if (chunks.length === 1) return chunks[0] as Uint8Array;
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}
