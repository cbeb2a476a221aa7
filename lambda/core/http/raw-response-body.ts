// The bytes behind a Response the core built, so adapters can write them directly instead of reading a web stream. Pure.

const rawBodies = new WeakMap<Response, { body: Uint8Array; headers: Record<string, string> }>();

/**
 * Builds a Response over in-memory bytes and remembers the bytes and header record for adapters
 * (node:http writes them in one call; Lambda base64-encodes them) — reading a ReadableStream per
 * request costs more than the rest of serving a cached feed.
 *
 * @example
 * const res = bytesResponse(200, { 'content-type': 'text/plain' }, new TextEncoder().encode('hi'));
 * rawResponseOf(res)?.body.byteLength //=> 2
 */
export function bytesResponse(status: number, headers: Record<string, string>, body: Uint8Array | null): Response {
  // A one-chunk stream rather than the bytes themselves: a BufferSource body is copied by the Response
  // constructor (Fetch spec), which for a 100 KB feed costs more than serving it.
  const stream =
    body === null || body.byteLength === 0
      ? null
      : new ReadableStream<Uint8Array>({
          start(controller) {
            controller.enqueue(body);
            controller.close();
          },
        });
  const response = new Response(stream, { status, headers });
  rawBodies.set(response, { body: body ?? new Uint8Array(0), headers });
  return response;
}

/**
 * The bytes and headers of a Response built by `bytesResponse`, or undefined for any other Response.
 *
 * @example
 * rawResponseOf(new Response('x')) //=> undefined
 */
export function rawResponseOf(response: Response): { body: Uint8Array; headers: Record<string, string> } | undefined {
  return rawBodies.get(response);
}
