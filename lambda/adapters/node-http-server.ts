// node:http ⇄ web Request/Response: converts, streams bodies with a size cap and backpressure, and nothing else.
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PayloadTooLargeError } from '../core/http/http-error.ts';
import { rawResponseOf } from '../core/http/raw-response-body.ts';

export type FetchHandler = (request: Request) => Promise<Response>;

export interface NodeListenerOptions {
  /** Request bodies past this many bytes stop being read and fail with 413. Default 1 MiB. */
  maxBodyBytes?: number;
  /** Called when converting or writing fails (the client usually went away). */
  onError?: (error: unknown) => void;
}

/** Wraps an IncomingMessage body as a web stream: pulled on demand (backpressure), capped at `limit` bytes. */
function bodyStream(req: IncomingMessage, limit: number): ReadableStream<Uint8Array> {
  let total = 0;
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        req.on('data', (chunk: Buffer) => {
          total += chunk.byteLength;
          if (total > limit) {
            req.pause();
            req.removeAllListeners('data');
            controller.error(new PayloadTooLargeError(limit));
            return;
          }
          controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
          if ((controller.desiredSize ?? 0) <= 0) req.pause();
        });
        req.once('end', () => {
          try {
            controller.close();
          } catch {
            /* already errored */
          }
        });
        req.once('error', (e) => controller.error(e));
        req.pause();
      },
      pull() {
        req.resume();
      },
      cancel() {
        req.pause();
      },
    },
    { highWaterMark: 64 * 1024, size: (chunk) => chunk.byteLength },
  );
}

function headersOf(req: IncomingMessage): Headers {
  const headers = new Headers();
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i]!, req.rawHeaders[i + 1]!);
  return headers;
}

function urlOf(req: IncomingMessage): string {
  const host = req.headers.host && /^[\w.:[\]-]+$/.test(req.headers.host) ? req.headers.host : '127.0.0.1';
  return `http://${host}${req.url ?? '/'}`;
}

/** Read-only Headers over node's already-parsed, lower-cased `req.headers` (duplicates joined with ", "). */
class NodeHeaders {
  #h: IncomingMessage['headers'];
  constructor(req: IncomingMessage) {
    this.#h = req.headers;
  }
  get(name: string): string | null {
    const v = this.#h[name.toLowerCase()];
    return v === undefined ? null : Array.isArray(v) ? v.join(', ') : v;
  }
  has(name: string): boolean {
    return this.#h[name.toLowerCase()] !== undefined;
  }
  *entries(): IterableIterator<[string, string]> {
    for (const k of Object.keys(this.#h).sort()) yield [k, this.get(k)!];
  }
  keys(): IterableIterator<string> {
    return Object.keys(this.#h).sort()[Symbol.iterator]();
  }
  *values(): IterableIterator<string> {
    for (const [, v] of this.entries()) yield v;
  }
  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.entries();
  }
  forEach(fn: (value: string, key: string) => void): void {
    for (const [k, v] of this.entries()) fn(v, k);
  }
}

/**
 * A body-less request (GET/HEAD) that builds its Headers only when asked and a full web Request only
 * if something beyond method/url/headers is used. Building `new Request` with an AbortSignal costs
 * more than serving a 304; this is the same trick as @hono/node-server's lightweight request.
 */
class LightweightRequest {
  readonly method: string;
  readonly url: string;
  readonly body = null;
  readonly bodyUsed = false;
  #req: IncomingMessage;
  #headers: Headers | undefined;
  #full: Request | undefined;

  constructor(req: IncomingMessage, method: string) {
    this.#req = req;
    this.method = method;
    this.url = urlOf(req);
  }

  get headers(): Headers {
    this.#headers ??= new NodeHeaders(this.#req) as unknown as Headers;
    return this.#headers;
  }

  /** The full web Request, for anything else (signal, clone, cache…). */
  toRequest(): Request {
    this.#full ??= new Request(this.url, { method: this.method, headers: headersOf(this.#req) });
    return this.#full;
  }

  get signal(): AbortSignal {
    return this.toRequest().signal;
  }

  clone(): Request {
    return this.toRequest().clone();
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    return new ArrayBuffer(0);
  }

  async text(): Promise<string> {
    return '';
  }
}

/**
 * Builds the web Request for an IncomingMessage. Requests with a body get a full Request whose body
 * streams from the socket (capped at `limit`) and whose signal aborts when the client goes away;
 * GET and HEAD get a lightweight stand-in (see `LightweightRequest`).
 *
 * @example
 * const request = toWebRequest(req, 1024 * 1024); // inside a node:http request listener
 * request.headers.get('if-none-match') //=> '"ab12…"'
 */
function toWebRequest(req: IncomingMessage, limit: number, signal?: AbortSignal): Request {
  const method = req.method ?? 'GET';
  if (method === 'GET' || method === 'HEAD') return new LightweightRequest(req, method) as unknown as Request;
  return new Request(urlOf(req), {
    method,
    headers: headersOf(req),
    body: bodyStream(req, limit),
    duplex: 'half',
    ...(signal ? { signal } : {}),
  } as RequestInit);
}

/**
 * Writes a web Response to a ServerResponse, honouring backpressure; HEAD gets headers only.
 * Responses built by the core's `bytesResponse` are written in one call.
 *
 * @example
 * await writeWebResponse(req, res, await app.fetch(toWebRequest(req, limit)));
 */
async function writeWebResponse(
  req: IncomingMessage,
  res: ServerResponse,
  response: Response,
  drainLimit = 8 * 1024 * 1024,
): Promise<void> {
  const raw = rawResponseOf(response);
  const head: string[] = [];
  if (raw) for (const key in raw.headers) head.push(key, raw.headers[key]!);
  else {
    response.headers.forEach((value, key) => {
      head.push(key, value);
    });
  }
  if (!req.complete && !req.readableEnded) {
    // The body was refused unread (413, 401, 415): close the connection after this response, and
    // discard a bounded rest of the upload so the client can read the answer instead of a reset.
    head.push('connection', 'close');
    let discarded = 0;
    req.removeAllListeners('data');
    req.on('data', (chunk: Buffer) => {
      discarded += chunk.byteLength;
      if (discarded > drainLimit) req.socket.destroy();
    });
    req.resume();
  }
  res.writeHead(response.status, head);
  if (req.method === 'HEAD' || response.body === null) {
    res.end();
    return;
  }
  if (raw) {
    // In-memory bytes: one write, no web stream.
    res.end(raw.body);
    return;
  }
  const reader = response.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (!res.write(value)) {
        await Promise.race([once(res, 'drain'), once(res, 'close')]);
        if (res.destroyed) {
          await reader.cancel();
          return;
        }
      }
    }
    res.end();
  } finally {
    reader.releaseLock();
  }
}

/**
 * The node:http request listener for a web `fetch` handler.
 *
 * @example
 * const server = createServer(createNodeRequestListener(app.fetch));
 */
function createNodeRequestListener(
  fetch: FetchHandler,
  options: NodeListenerOptions = {},
): (req: IncomingMessage, res: ServerResponse) => void {
  const limit = options.maxBodyBytes ?? 1024 * 1024;
  const onError = options.onError ?? ((e) => console.error('node-http-server:', e));
  return (req, res) => {
    const method = req.method ?? 'GET';
    let aborter: AbortController | undefined;
    if (method !== 'GET' && method !== 'HEAD') {
      // Only requests with a body can run long enough for an abort to matter.
      const a = new AbortController();
      aborter = a;
      res.once('close', () => {
        if (!res.writableFinished) a.abort();
      });
    }
    void (async () => {
      let request: Request;
      try {
        request = toWebRequest(req, limit, aborter?.signal);
      } catch {
        res.writeHead(400, { 'content-type': 'application/problem+json; charset=utf-8', connection: 'close' });
        res.end(JSON.stringify({ type: 'about:blank', title: 'Bad Request', status: 400 }));
        return;
      }
      const response = await fetch(request);
      await writeWebResponse(req, res, response);
    })().catch((error: unknown) => {
      onError(error);
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'application/problem+json; charset=utf-8' });
        res.end(JSON.stringify({ type: 'about:blank', title: 'Internal Server Error', status: 500 }));
      } else {
        res.destroy();
      }
    });
  };
}

export interface RunningNodeServer {
  server: Server;
  /** e.g. "http://127.0.0.1:3000/" */
  url: string;
  port: number;
  /** Stops accepting, lets in-flight requests finish (up to `graceMs`), then closes what is left. */
  close(graceMs?: number): Promise<void>;
}

/**
 * Listens on `host:port` (port 0 picks a free one) and serves `fetch`.
 *
 * @example
 * const { url, close } = await listenNodeHttpServer(app.fetch, { port: 0 });
 */
export async function listenNodeHttpServer(
  fetch: FetchHandler,
  options: NodeListenerOptions & { port?: number; host?: string } = {},
): Promise<RunningNodeServer> {
  const host = options.host ?? '127.0.0.1';
  const server = createServer({ keepAliveTimeout: 5_000 }, createNodeRequestListener(fetch, options));
  server.listen(options.port ?? 0, host);
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    server,
    port,
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}/`,
    async close(graceMs = 5_000) {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const timer = setTimeout(() => server.closeAllConnections(), graceMs);
      timer.unref();
      await closed;
      clearTimeout(timer);
    },
  };
}
