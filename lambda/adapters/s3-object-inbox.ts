// S3ObjectInbox: reads objects dropped under `incoming/` in a bucket and files them under `processed/` or `rejected/` (errors JSON beside), over aws4fetch (S3Http).
import { PublishError } from '../ports/feed-publisher.ts';
import { encodeS3Key, isUnsafeS3Key, S3Http, type S3HttpOptions } from './s3-http.ts';

export interface InboxObject {
  key: string;
  /** The name under the incoming prefix, e.g. "today.ndjson" for "incoming/today.ndjson". */
  name: string;
  body: Uint8Array;
  contentType?: string;
}

/** An incoming object being read: its body comes as a stream of chunks (read once), or whole. */
export interface OpenedInboxObject {
  key: string;
  name: string;
  /** Content-Length, when S3 sent it. */
  size?: number;
  contentType?: string;
  /** The body in chunks, as S3 sends it (memory: one chunk); a network failure mid-way is a PublishError. */
  chunks(): AsyncIterable<Uint8Array>;
  /** The whole body. */
  bytes(): Promise<Uint8Array>;
}

export interface S3ObjectInboxOptions extends S3HttpOptions {
  incomingPrefix?: string;
  rejectedPrefix?: string;
  processedPrefix?: string;
}

/**
 * The bucket's inbox. Moving is copy-then-delete (S3 has no rename); the errors JSON is written before the copy,
 * so a crash part-way leaves the object still in `incoming/` (retried), never lost. Every failure is a PublishError
 * (UNAVAILABLE, with the S3ResponseError as cause: a missing object is `cause.code === 'NoSuchKey'`).
 *
 * @example
 * const inbox = new S3ObjectInbox({ bucket, region: 'eu-west-1', credentials: fromEnv() });
 * const obj = await inbox.read('incoming/today.ndjson');
 * await inbox.reject(obj.key, [{ path: '$[0].published', code: 'NO_DATE', message: '…' }]);
 * //=> 'rejected/today.ndjson' (and 'rejected/today.ndjson.errors.json')
 */
export class S3ObjectInbox {
  private readonly s3: S3Http;
  readonly incomingPrefix: string;
  readonly rejectedPrefix: string;
  readonly processedPrefix: string;

  constructor(options: S3ObjectInboxOptions) {
    this.s3 = new S3Http(options);
    this.incomingPrefix = options.incomingPrefix ?? 'incoming/';
    this.rejectedPrefix = options.rejectedPrefix ?? 'rejected/';
    this.processedPrefix = options.processedPrefix ?? 'processed/';
  }

  /** Reads an incoming object whole (keys from S3 events are URL-encoded with "+" for spaces: pass them decoded). */
  async read(key: string): Promise<InboxObject> {
    const { name, contentType, bytes } = await this.open(key);
    return { key, name, body: await bytes(), ...(contentType ? { contentType } : {}) };
  }

  /**
   * Starts reading an incoming object: the answer's headers are in, the body is read by `chunks()` (a file of any
   * size in bounded memory) or `bytes()`.
   *
   * @example
   * const obj = await inbox.open('incoming/export.ndjson');
   * for await (const chunk of obj.chunks()) total += chunk.byteLength;
   */
  async open(key: string): Promise<OpenedInboxObject> {
    const name = this.nameOf(key);
    const r = await this.s3.fetch('GET', key);
    if (!r.ok) throw await this.s3.failure('GET', key, r);
    const contentType = r.headers.get('content-type');
    const length = Number(r.headers.get('content-length') ?? Number.NaN);
    const s3 = this.s3;
    async function* chunks(): AsyncGenerator<Uint8Array> {
      const reader = r.body?.getReader();
      if (!reader) return;
      try {
        for (;;) {
          const { done, value } = await s3.step('GET', key, () => reader.read());
          if (done) return;
          yield value;
        }
      } finally {
        reader.releaseLock();
        await r.body?.cancel().catch(() => undefined);
      }
    }
    return {
      key,
      name,
      ...(Number.isFinite(length) ? { size: length } : {}),
      ...(contentType ? { contentType } : {}),
      chunks,
      bytes: async () => new Uint8Array(await this.s3.step('GET', key, () => r.arrayBuffer())),
    };
  }

  /** Moves the object to `rejected/<name>` with `rejected/<name>.errors.json` beside it; returns the new key. */
  async reject(key: string, errors: unknown): Promise<string> {
    const target = `${this.rejectedPrefix}${this.nameOf(key)}`;
    const report = JSON.stringify({ source: key, rejectedKey: target, errors }, null, 2);
    const put = await this.s3.fetch('PUT', `${target}.errors.json`, {
      headers: { 'Content-Type': 'application/json; charset=utf-8' },
      body: report,
    });
    if (!put.ok) throw await this.s3.failure('PUT', `${target}.errors.json`, put);
    await put.body?.cancel();
    await this.move(key, target);
    return target;
  }

  /** Moves the object to `processed/<name>`; returns the new key. */
  async accept(key: string): Promise<string> {
    const target = `${this.processedPrefix}${this.nameOf(key)}`;
    await this.move(key, target);
    return target;
  }

  /** CopyObject (the source URL-encoded in `x-amz-copy-source`), then DeleteObject once the copy is known to be complete. */
  private async move(key: string, target: string): Promise<void> {
    const copy = await this.s3.fetch('PUT', target, { headers: { 'x-amz-copy-source': `${this.s3.bucket}/${encodeS3Key(key)}` } });
    // S3 can answer 200 and still fail the copy: the error is then the body (<Error>, not <CopyObjectResult>).
    const answer = await this.s3.step('PUT', target, () => copy.text());
    if (!copy.ok || /<Error>/.test(answer)) throw await this.s3.failure('PUT', target, copy, answer);
    const del = await this.s3.fetch('DELETE', key);
    // 404: already deleted (a retried event); the copy is in place either way.
    if (!del.ok && del.status !== 404) throw await this.s3.failure('DELETE', key, del);
    await del.body?.cancel();
  }

  private nameOf(key: string): string {
    if (!key.startsWith(this.incomingPrefix) || key.length === this.incomingPrefix.length || isUnsafeS3Key(key)) {
      throw new PublishError(`not an incoming object: ${JSON.stringify(key)} (expected "${this.incomingPrefix}<name>")`, 'INVALID_PATH');
    }
    return key.slice(this.incomingPrefix.length);
  }
}
