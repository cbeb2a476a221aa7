// S3FeedPublisher: the cloud FeedPublisher, one S3 object per document with its headers and a sha256 metadata entry.
import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { checkDocumentPath, PublishError, type FeedDocument, type FeedDocumentSource, type FeedPublisher, type PublishResult } from '../ports/feed-publisher.ts';

/** Metadata keys (sent as `x-amz-meta-*`). */
export const HASH_METADATA_KEY = 'sha256';
export const LAST_MODIFIED_METADATA_KEY = 'last-modified';

function isNotFound(err: unknown): boolean {
  const e = err as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e?.name === 'NotFound' || e?.name === 'NoSuchKey' || e?.$metadata?.httpStatusCode === 404;
}

/**
 * Publishes each document to `s3://<bucket>/<prefix><path>` with `Content-Type` (charset included), `Cache-Control`,
 * and metadata `sha256` (the body hash) and `last-modified`. A HeadObject first skips the write when the stored hash
 * already matches, so replayed renders cost one HEAD and no PUT.
 *
 * @example
 * const publisher = new S3FeedPublisher({ client: new S3Client({}), bucket: process.env.BUCKET_NAME! });
 * await publisher.publish(doc); //=> { path: 'feeds/all.rss', written: true }
 */
export class S3FeedPublisher implements FeedPublisher, FeedDocumentSource {
  private readonly client: S3Client;
  private readonly bucket: string;
  private readonly prefix: string;

  constructor(options: { client: S3Client; bucket: string; prefix?: string }) {
    this.client = options.client;
    this.bucket = options.bucket;
    this.prefix = options.prefix ?? '';
  }

  async publish(doc: FeedDocument): Promise<PublishResult> {
    const key = this.keyOf(doc.path);
    if ((await this.storedHash(key)) === doc.hash) return { path: doc.path, written: false };
    await this.call(key, () =>
      this.client.send(
        new PutObjectCommand({
          Bucket: this.bucket,
          Key: key,
          Body: doc.body,
          ContentType: doc.contentType,
          CacheControl: doc.cacheControl,
          ContentLength: doc.body.byteLength,
          Metadata: {
            [HASH_METADATA_KEY]: doc.hash,
            ...(doc.lastModified ? { [LAST_MODIFIED_METADATA_KEY]: doc.lastModified } : {}),
          },
        }),
      ),
    );
    return { path: doc.path, written: true };
  }

  async remove(path: string): Promise<void> {
    const key = this.keyOf(path);
    await this.call(key, () => this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key })));
  }

  /** The stored document with its headers, or undefined. */
  async get(path: string): Promise<FeedDocument | undefined> {
    const key = this.keyOf(path);
    try {
      const r = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      const body = await r.Body!.transformToByteArray();
      const lastModified = r.Metadata?.[LAST_MODIFIED_METADATA_KEY];
      return {
        path,
        body,
        contentType: r.ContentType ?? 'application/octet-stream',
        cacheControl: r.CacheControl ?? '',
        hash: r.Metadata?.[HASH_METADATA_KEY] ?? '',
        ...(lastModified ? { lastModified } : {}),
      };
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw this.translate(err, key);
    }
  }

  private async storedHash(key: string): Promise<string | undefined> {
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return head.Metadata?.[HASH_METADATA_KEY];
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw this.translate(err, key);
    }
  }

  private keyOf(path: string): string {
    return `${this.prefix}${checkDocumentPath(path)}`;
  }

  private async call<T>(key: string, request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (err) {
      throw this.translate(err, key);
    }
  }

  private translate(err: unknown, key: string): PublishError {
    const e = err as { name?: string; message?: string };
    return new PublishError(`S3 ${e?.name ?? 'error'} for s3://${this.bucket}/${key}: ${e?.message ?? ''}`, 'UNAVAILABLE', { cause: err });
  }
}
