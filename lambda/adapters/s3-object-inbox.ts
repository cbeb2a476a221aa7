// S3ObjectInbox: reads objects dropped under `incoming/` in a bucket and files them under `processed/` or `rejected/` (errors JSON beside).
import { CopyObjectCommand, DeleteObjectCommand, GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { PublishError } from '../ports/feed-publisher.ts';

export interface InboxObject {
  key: string;
  /** The name under the incoming prefix, e.g. "today.ndjson" for "incoming/today.ndjson". */
  name: string;
  body: Uint8Array;
  contentType?: string;
}

/**
 * The bucket's inbox. Moving is copy-then-delete (S3 has no rename); the errors JSON is written before the copy,
 * so a crash part-way leaves the object still in `incoming/` (retried), never lost.
 *
 * @example
 * const inbox = new S3ObjectInbox({ client, bucket });
 * const obj = await inbox.read('incoming/today.ndjson');
 * await inbox.reject(obj.key, [{ path: '$[0].published', code: 'NO_DATE', message: '…' }]);
 * //=> 'rejected/today.ndjson' (and 'rejected/today.ndjson.errors.json')
 */
export class S3ObjectInbox {
  private readonly client: S3Client;
  private readonly bucket: string;
  readonly incomingPrefix: string;
  readonly rejectedPrefix: string;
  readonly processedPrefix: string;

  constructor(options: { client: S3Client; bucket: string; incomingPrefix?: string; rejectedPrefix?: string; processedPrefix?: string }) {
    this.client = options.client;
    this.bucket = options.bucket;
    this.incomingPrefix = options.incomingPrefix ?? 'incoming/';
    this.rejectedPrefix = options.rejectedPrefix ?? 'rejected/';
    this.processedPrefix = options.processedPrefix ?? 'processed/';
  }

  /** Reads an incoming object (keys from S3 events are URL-encoded with "+" for spaces: pass them decoded). */
  async read(key: string): Promise<InboxObject> {
    const name = this.nameOf(key);
    const r = await this.call(key, () => this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key })));
    const body = await r.Body!.transformToByteArray();
    return { key, name, body, ...(r.ContentType ? { contentType: r.ContentType } : {}) };
  }

  /** Moves the object to `rejected/<name>` with `rejected/<name>.errors.json` beside it; returns the new key. */
  async reject(key: string, errors: unknown): Promise<string> {
    const target = `${this.rejectedPrefix}${this.nameOf(key)}`;
    const report = JSON.stringify({ source: key, rejectedKey: target, errors }, null, 2);
    await this.call(key, () =>
      this.client.send(
        new PutObjectCommand({ Bucket: this.bucket, Key: `${target}.errors.json`, Body: report, ContentType: 'application/json; charset=utf-8' }),
      ),
    );
    await this.move(key, target);
    return target;
  }

  /** Moves the object to `processed/<name>`; returns the new key. */
  async accept(key: string): Promise<string> {
    const target = `${this.processedPrefix}${this.nameOf(key)}`;
    await this.move(key, target);
    return target;
  }

  private async move(key: string, target: string): Promise<void> {
    const source = `${this.bucket}/${key.split('/').map(encodeURIComponent).join('/')}`;
    await this.call(key, () => this.client.send(new CopyObjectCommand({ Bucket: this.bucket, Key: target, CopySource: source })));
    await this.call(key, () => this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key })));
  }

  private nameOf(key: string): string {
    if (!key.startsWith(this.incomingPrefix) || key.length === this.incomingPrefix.length) {
      throw new PublishError(`not an incoming object: ${JSON.stringify(key)} (expected "${this.incomingPrefix}<name>")`, 'INVALID_PATH');
    }
    return key.slice(this.incomingPrefix.length);
  }

  private async call<T>(key: string, request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (err) {
      const e = err as { name?: string; message?: string };
      throw new PublishError(`S3 ${e?.name ?? 'error'} for s3://${this.bucket}/${key}: ${e?.message ?? ''}`, 'UNAVAILABLE', { cause: err });
    }
  }
}
