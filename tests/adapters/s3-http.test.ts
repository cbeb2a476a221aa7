// S3Http's retry policy against s3rver behind a local TCP proxy (127.0.0.1) that resets, stalls or answers SlowDown, a real clock-skew refusal, and key safety.
import { createServer, type Server, type Socket, connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { isUnsafeS3Key, S3Http } from '../../lambda/adapters/s3-http.ts';
import { PublishError } from '../../lambda/ports/feed-publisher.ts';
import { S3RVER_CREDENTIALS, startS3rver, type S3rverHandle } from '../support/s3rver.ts';

type Action = 'pass' | 'reset' | 'stall' | 'slowdown';

let s3: S3rverHandle;
let proxy: Server;
let proxyEndpoint: string;
/** What the next connections do, in order; once empty, connections pass. */
let plan: Action[] = [];
let connections = 0;
const open = new Set<Socket>();

const SLOW_DOWN =
  'HTTP/1.1 503 Slow Down\r\nContent-Type: application/xml\r\nContent-Length: 97\r\nConnection: close\r\n\r\n' +
  '<?xml version="1.0" encoding="UTF-8"?><Error><Code>SlowDown</Code><Message>Slow</Message></Error>';

beforeAll(async () => {
  s3 = await startS3rver({ bucket: 'retry-site' });
  const target = new URL(s3.endpoint);
  proxy = createServer((client) => {
    connections++;
    open.add(client);
    client.on('close', () => open.delete(client));
    client.on('error', () => undefined);
    const action = plan.shift() ?? 'pass';
    if (action === 'reset') {
      client.once('data', () => client.resetAndDestroy());
      return;
    }
    if (action === 'stall') return; // reads the request, never answers: the client's timeout must fire
    if (action === 'slowdown') {
      client.once('data', () => client.end(SLOW_DOWN));
      return;
    }
    const upstream = connect(Number(target.port), target.hostname);
    upstream.on('error', () => client.destroy());
    client.pipe(upstream).pipe(client);
    client.on('close', () => upstream.destroy());
  });
  await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
  proxyEndpoint = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const s of open) s.destroy();
  await new Promise<void>((r) => proxy.close(() => r()));
  await s3.stop();
});

beforeEach(async () => {
  // fetch keeps connections alive: close them, so each test's plan applies to the connections it opens.
  for (const socket of open) socket.destroy();
  await new Promise((r) => setTimeout(r, 20));
  plan = [];
  connections = 0;
});

const client = (options: Partial<ConstructorParameters<typeof S3Http>[0]> = {}) =>
  new S3Http({
    bucket: s3.bucket,
    region: 'us-east-1',
    credentials: S3RVER_CREDENTIALS,
    endpoint: proxyEndpoint,
    forcePathStyle: true,
    baseDelayMs: 5,
    throttlingBaseDelayMs: 5,
    requestTimeoutMs: 500,
    ...options,
  });

async function putAndGet(http: S3Http, key: string, body: string) {
  const put = await http.fetch('PUT', key, { headers: { 'Content-Type': 'text/plain' }, body });
  await put.body?.cancel();
  expect(put.status).toBe(200);
  const get = await http.fetch('GET', key);
  return get.text();
}

describe('S3Http retries (the SDK standard mode)', () => {
  it('a connection reset is retried on a new connection', async () => {
    plan = ['reset'];
    expect(await putAndGet(client(), 'feeds/reset.txt', 'بعد إعادة المحاولة')).toBe('بعد إعادة المحاولة');
    expect(connections).toBeGreaterThanOrEqual(2);
  });

  it('a stalled connection times out and is retried', async () => {
    plan = ['stall'];
    const started = Date.now();
    expect(await putAndGet(client(), 'feeds/stall.txt', 'stalled once')).toBe('stalled once');
    expect(Date.now() - started).toBeGreaterThanOrEqual(450); // one request timeout went by
    expect(connections).toBeGreaterThanOrEqual(2);
  });

  it('503 SlowDown is retried with backoff', async () => {
    plan = ['slowdown', 'slowdown'];
    expect(await putAndGet(client(), 'feeds/slow.txt', 'after two SlowDowns')).toBe('after two SlowDowns');
    expect(connections).toBeGreaterThanOrEqual(3);
  });

  it('gives up after 3 attempts: PublishError UNAVAILABLE naming the network error', async () => {
    plan = ['reset', 'reset', 'reset', 'reset'];
    const error = await client()
      .fetch('GET', 'feeds/never.txt')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PublishError);
    expect((error as PublishError).code).toBe('UNAVAILABLE');
    expect((error as Error).message).toMatch(/network error/);
    expect(connections).toBe(3);
  });

  it('three SlowDowns in a row: the last answer is returned for the caller to report', async () => {
    plan = ['slowdown', 'slowdown', 'slowdown'];
    const http = client();
    const r = await http.fetch('GET', 'feeds/slow-forever.txt');
    expect(r.status).toBe(503);
    const failure = await http.failure('GET', 'feeds/slow-forever.txt', r);
    expect(failure.message).toContain('503 SlowDown');
  });

  it('RequestTimeTooSkewed (a real s3rver refusal) is corrected from the server clock and the request re-signed', async () => {
    const http = client();
    http.clockOffsetMs = -20 * 60_000; // our clock 20 minutes behind: s3rver refuses anything over 15
    expect(await putAndGet(http, 'feeds/skew.txt', 'signed with the server clock')).toBe('signed with the server clock');
    expect(Math.abs(http.clockOffsetMs)).toBeLessThan(5_000);
  });

  it('without retries, a reset fails at once', async () => {
    plan = ['reset'];
    await expect(client({ retries: 0 }).fetch('GET', 'feeds/x.txt')).rejects.toThrow(/network error/);
    expect(connections).toBe(1);
  });
});

describe('S3Http keys are opaque', () => {
  it('refuses "." and ".." segments (URL parsing would resolve them, even percent-encoded) and the empty key', async () => {
    for (const key of ['incoming/../feeds/all.rss', 'incoming/./a.json', '..', 'a/../../b', '']) {
      expect(isUnsafeS3Key(key), key).toBe(true);
      const error = await client()
        .fetch('GET', key)
        .catch((e: unknown) => e);
      expect((error as PublishError).code, key).toBe('INVALID_PATH');
    }
    expect(connections).toBe(0);
    for (const key of ['incoming/a..b.json', 'incoming/.hidden', 'incoming/أخبار (1).json']) expect(isUnsafeS3Key(key), key).toBe(false);
  });

  it('encodes every segment: a key with "?", "#" and "%" is stored and read back under exactly that key', async () => {
    const key = 'feeds/odd?name#frag%41.txt';
    expect(await putAndGet(client(), key, 'opaque')).toBe('opaque');
    const list = await (await client().fetch('GET', 'feeds/odd?name#frag%41.txt')).text();
    expect(list).toBe('opaque');
  });
});
