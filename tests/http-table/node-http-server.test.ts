// The node:http adapter on its own: body streaming with a cap, HEAD, large streamed responses, abort on disconnect.
import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { listenNodeHttpServer, type RunningNodeServer } from '../../lambda/adapters/node-http-server.ts';
import { readLimitedBody } from '../../lambda/core/http/read-limited-body.ts';
import { HttpError } from '../../lambda/core/http/http-error.ts';
import { rawHttpFetch } from './raw-http-fetch.ts';

let server: RunningNodeServer | undefined;
afterEach(async () => {
  await server?.close(1000);
  server = undefined;
});

describe('node:http adapter', () => {
  it('passes method, path, query, headers and body through, and echoes a 1 MB streamed response intact', async () => {
    const seen: Array<{ method: string; url: string; h: string | null; body: string }> = [];
    server = await listenNodeHttpServer(
      async (req) => {
        const body = new TextDecoder().decode(await readLimitedBody(req, 1000));
        seen.push({ method: req.method, url: req.url, h: req.headers.get('x-test'), body });
        const big = new Uint8Array(1024 * 1024).map((_, i) => i % 251);
        return new Response(big, { status: 200, headers: { 'content-type': 'application/octet-stream', 'x-out': 'ok' } });
      },
      { port: 0, maxBodyBytes: 1000 },
    );
    const f = rawHttpFetch(server.url);
    const res = await f(new Request('http://x/a/%D8%B9?q=1', { method: 'PUT', body: 'مرحبا', headers: { 'x-test': 'yes' } }));
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(res.headers.get('x-out')).toBe('ok');
    expect(bytes.byteLength).toBe(1024 * 1024);
    expect(bytes.every((b, i) => b === i % 251)).toBe(true);
    expect(seen[0]).toMatchObject({ method: 'PUT', url: expect.stringMatching(/\/a\/%D8%B9\?q=1$/), h: 'yes', body: 'مرحبا' });
  });

  it('stops reading a body past the cap and the app sees a 413 error, even with no Content-Length', async () => {
    let caught: unknown;
    server = await listenNodeHttpServer(
      async (req) => {
        try {
          await req.arrayBuffer();
        } catch (e) {
          caught = e;
        }
        return new Response('done', { status: caught instanceof HttpError ? caught.status : 200 });
      },
      { port: 0, maxBodyBytes: 10_000 },
    );
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        for (let i = 0; i < 20; i++) c.enqueue(new Uint8Array(1000));
        c.close();
      },
    });
    const res = await rawHttpFetch(server.url)(new Request('http://x/', { method: 'POST', body: stream, duplex: 'half' } as RequestInit));
    expect(res.status).toBe(413);
    expect(res.headers.get('connection')).toBe('close');
  });

  it('answers HEAD with headers and no body', async () => {
    server = await listenNodeHttpServer(async () => new Response('hello', { headers: { 'content-length': '5' } }), { port: 0 });
    const res = await rawHttpFetch(server.url)(new Request('http://x/', { method: 'HEAD' }));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-length')).toBe('5');
    expect(await res.text()).toBe('');
  });

  it('aborts the request signal when the client goes away mid-request', async () => {
    let aborted!: () => void;
    const wasAborted = new Promise<void>((r) => (aborted = r));
    server = await listenNodeHttpServer(
      (req) =>
        new Promise<Response>((resolve) => {
          req.signal.addEventListener('abort', () => {
            aborted();
            resolve(new Response('late'));
          });
        }),
      { port: 0 },
    );
    const c = request(server.url, { method: 'POST', headers: { 'content-type': 'text/plain' } });
    c.on('error', () => undefined);
    c.write('x');
    setTimeout(() => c.destroy(), 100);
    await wasAborted;
  });
});
