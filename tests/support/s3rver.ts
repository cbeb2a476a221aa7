// Starts s3rver (an in-process S3) on 127.0.0.1 at a free port, with a configured S3 client and buckets, for any test.
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { CreateBucketCommand, S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';

interface S3rverInstance {
  /** Koa's middleware list (S3rver extends Koa); composed when run() starts listening. */
  middleware: Array<(ctx: { method: string; path: string }, next: () => Promise<void>) => Promise<void>>;
  run(): Promise<AddressInfo>;
  close(): Promise<void>;
}
type S3rverClass = new (options: Record<string, unknown>) => S3rverInstance;

export interface S3rverHandle {
  /** e.g. "http://127.0.0.1:41235". */
  endpoint: string;
  /** An S3 client for it: path-style, dummy credentials, checksums only when required (s3rver predates the SDK's default CRC32). */
  client: S3Client;
  /** Every request s3rver received, as "METHOD /decoded/path" (e.g. "HEAD /site/feeds/all.rss"), in order; clear with `length = 0`. */
  requests: string[];
  /** The bucket created at start ("site" unless named). */
  bucket: string;
  createBucket(name: string): Promise<void>;
  stop(): Promise<void>;
}

/** The only key pair s3rver accepts. */
export const S3RVER_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

/** Client settings for a local S3 endpoint. */
export function localS3Config(endpoint: string): S3ClientConfig {
  return {
    endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: S3RVER_CREDENTIALS,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    maxAttempts: 2,
  };
}

/**
 * Starts s3rver in this process, storing objects in a temp folder removed on stop.
 *
 * @example
 * const s3 = await startS3rver();
 * const publisher = new S3FeedPublisher({ bucket: s3.bucket, region: 'us-east-1', credentials: S3RVER_CREDENTIALS, endpoint: s3.endpoint, forcePathStyle: true });
 * await s3.stop();
 */
export async function startS3rver(options: { bucket?: string } = {}): Promise<S3rverHandle> {
  const S3rver = createRequire(import.meta.url)('s3rver') as S3rverClass;
  const directory = await mkdtemp(path.join(tmpdir(), 'nashra-s3rver-'));
  const bucket = options.bucket ?? 'site';
  const server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory, configureBuckets: [{ name: bucket }] });
  const requests: string[] = [];
  // First in the chain, so it sees every request as the server received it.
  server.middleware.unshift(async (ctx, next) => {
    requests.push(`${ctx.method} ${decodeURIComponent(ctx.path)}`);
    await next();
  });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new S3Client(localS3Config(endpoint));
  return {
    endpoint,
    client,
    requests,
    bucket,
    async createBucket(name) {
      await client.send(new CreateBucketCommand({ Bucket: name }));
    },
    async stop() {
      client.destroy();
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
