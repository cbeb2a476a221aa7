// S3FeedPublisher: the cloud FeedPublisher, one S3 object per document with its headers and a sha256 metadata entry, over aws4fetch (S3Http).
import { checkDocumentPath, type FeedDocumentSource, type FeedPublisher, type PublishResult } from '../ports/feed-publisher.ts';
import type { FeedDocument } from '../core/feeds/feed-document.ts';
import { S3Http, type S3HttpOptions } from './s3-http.ts';

export { S3ResponseError } from './s3-http.ts';

/** Metadata keys (sent as `x-amz-meta-*`). */
const HASH_METADATA_KEY = 'sha256';
const LAST_MODIFIED_METADATA_KEY = 'last-modified';

export interface S3FeedPublisherOptions extends S3HttpOptions {
  /** Key prefix before every document path, e.g. "site/". */
  prefix?: string;
  /** Store Atom and JSON Feed under the generic types CloudFront compresses (see `compressibleContentType`). */
  compressibleTypes?: boolean;
}

/** Feed media types CloudFront does not compress, and the generic type each format also accepts (RFC 7303; JSON Feed 1.1). */
const GENERIC_TYPES: Record<string, string> = {
  'application/atom+xml': 'application/xml',
  'application/feed+json': 'application/json',
};

/**
 * The content type to store so that CloudFront compresses the document: Atom as `application/xml` and JSON Feed as
 * `application/json` (both formats allow them, and readers sniff the body), anything else unchanged. CloudFront
 * compresses by Content-Type from a fixed list that has `application/rss+xml` but not the other two feed types.
 *
 * @example
 * compressibleContentType('application/atom+xml; charset=utf-8') //=> 'application/xml; charset=utf-8'
 */
export function compressibleContentType(contentType: string): string {
  const [type = '', ...params] = contentType.split(';');
  const generic = GENERIC_TYPES[type.trim().toLowerCase()];
  return generic ? [generic, ...params].join(';') : contentType;
}

/**
 * Publishes each document to `s3://<bucket>/<prefix><path>` with `Content-Type` (charset included), `Cache-Control`,
 * and metadata `sha256` (the body hash) and `last-modified`. A HEAD first skips the write when the stored hash
 * already matches, so replayed renders cost one HEAD and no PUT. Requests are signed by aws4fetch (SigV4 over
 * WebCrypto) and sent with the global `fetch`, which keeps `@aws-sdk/client-s3` out of the render and rebuild bundles.
 *
 * @example
 * const publisher = new S3FeedPublisher({ bucket: process.env.BUCKET_NAME!, region: process.env.AWS_REGION!, credentials: fromEnv() });
 * await publisher.publish(doc); //=> { path: 'feeds/all.rss', written: true }
 */
export class S3FeedPublisher implements FeedPublisher, FeedDocumentSource {
  private readonly s3: S3Http;
  private readonly prefix: string;
  private readonly storedType: (contentType: string) => string;

  constructor(options: S3FeedPublisherOptions) {
    this.s3 = new S3Http(options);
    this.prefix = options.prefix ?? '';
    this.storedType = options.compressibleTypes ? compressibleContentType : (t) => t;
  }

  async publish(doc: FeedDocument): Promise<PublishResult> {
    const key = this.keyOf(doc.path);
    const head = await this.s3.fetch('HEAD', key);
    if (head.ok && head.headers.get(`x-amz-meta-${HASH_METADATA_KEY}`) === doc.hash) return { path: doc.path, written: false };
    if (!head.ok && head.status !== 404) throw await this.s3.failure('HEAD', key, head);
    const headers: Record<string, string> = {
      'Content-Type': this.storedType(doc.contentType),
      'Cache-Control': doc.cacheControl,
      [`x-amz-meta-${HASH_METADATA_KEY}`]: doc.hash,
      ...(doc.lastModified ? { [`x-amz-meta-${LAST_MODIFIED_METADATA_KEY}`]: doc.lastModified } : {}),
    };
    // The body's sha256 is already known: it is signed as X-Amz-Content-Sha256, so S3 checks the payload against it.
    const put = await this.s3.fetch('PUT', key, { headers: { ...headers, 'X-Amz-Content-Sha256': doc.hash }, body: doc.body });
    if (!put.ok) throw await this.s3.failure('PUT', key, put);
    await put.body?.cancel();
    return { path: doc.path, written: true };
  }

  async remove(path: string): Promise<void> {
    const key = this.keyOf(path);
    const r = await this.s3.fetch('DELETE', key);
    if (!r.ok && r.status !== 404) throw await this.s3.failure('DELETE', key, r);
    await r.body?.cancel();
  }

  /** The stored document with its headers, or undefined. */
  async get(path: string): Promise<FeedDocument | undefined> {
    const key = this.keyOf(path);
    const r = await this.s3.fetch('GET', key);
    if (r.status === 404) {
      await r.body?.cancel();
      return undefined;
    }
    if (!r.ok) throw await this.s3.failure('GET', key, r);
    const body = new Uint8Array(await this.s3.step('GET', key, () => r.arrayBuffer()));
    const lastModified = r.headers.get(`x-amz-meta-${LAST_MODIFIED_METADATA_KEY}`);
    return {
      path,
      body,
      contentType: r.headers.get('content-type') ?? 'application/octet-stream',
      cacheControl: r.headers.get('cache-control') ?? '',
      hash: r.headers.get(`x-amz-meta-${HASH_METADATA_KEY}`) ?? '',
      ...(lastModified ? { lastModified } : {}),
    };
  }

  private keyOf(path: string): string {
    return `${this.prefix}${checkDocumentPath(path)}`;
  }
}
