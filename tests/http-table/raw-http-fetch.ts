// A fetch-like client over node:http that keeps the raw bytes (no transparent decompression), for running the table through a real socket.
import { request as httpRequest } from 'node:http';

/**
 * Returns `(Request) => Promise<Response>` that sends each request to `origin` (keeping path and
 * query) over node:http and returns the response exactly as received on the wire.
 *
 * @example
 * const fetchLike = rawHttpFetch('http://127.0.0.1:3000');
 * (await fetchLike(new Request('http://x/feeds/all.rss'))).status //=> 200
 */
export function rawHttpFetch(origin: string): (request: Request) => Promise<Response> {
  const target = new URL(origin);
  return async (request) => {
    const url = new URL(request.url);
    const headers: Record<string, string> = {};
    request.headers.forEach((v, k) => {
      headers[k] = v;
    });
    const body = request.body ? request.body : null;
    return new Promise<Response>((resolve, reject) => {
      const req = httpRequest(
        {
          host: target.hostname,
          port: target.port,
          method: request.method,
          path: url.pathname + url.search,
          headers,
          agent: false,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', reject);
          res.on('end', () => {
            const h = new Headers();
            for (let i = 0; i + 1 < res.rawHeaders.length; i += 2) h.append(res.rawHeaders[i]!, res.rawHeaders[i + 1]!);
            const status = res.statusCode ?? 0;
            const bytes = Buffer.concat(chunks);
            const nullBody = status === 304 || status === 204 || request.method === 'HEAD';
            resolve(new Response(nullBody ? null : new Uint8Array(bytes), { status, headers: h }));
          });
        },
      );
      req.on('error', reject);
      req.setTimeout(10_000, () => req.destroy(new Error(`timeout: ${request.method} ${url.pathname}`)));
      if (!body) {
        req.end();
        return;
      }
      void (async () => {
        const reader = body.getReader();
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          if (!req.write(value)) await new Promise((r) => req.once('drain', r));
        }
        req.end();
      })().catch(reject);
    });
  };
}
