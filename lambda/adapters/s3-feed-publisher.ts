// S3FeedPublisher: the cloud FeedPublisher, one S3 object per document with its headers and a sha256 metadata entry, over aws4fetch (SigV4 + fetch).
import { AwsClient } from 'aws4fetch';
import { checkDocumentPath, PublishError, type FeedDocument, type FeedDocumentSource, type FeedPublisher, type PublishResult } from '../ports/feed-publisher.ts';

/** Metadata keys (sent as `x-amz-meta-*`). */
export const HASH_METADATA_KEY = 'sha256';
export const LAST_MODIFIED_METADATA_KEY = 'last-modified';

/** AWS credentials, as Lambda puts them in the environment. */
export interface S3Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** Credentials, or a provider called before each request (e.g. the SDK's `fromEnv()`, which re-reads the environment). */
export type S3CredentialSource = S3Credentials | (() => Promise<S3Credentials>);

export interface S3FeedPublisherOptions {
  bucket: string;
  /** e.g. "eu-west-1" (Lambda's AWS_REGION). */
  region: string;
  credentials: S3CredentialSource;
  /** Another S3 endpoint, e.g. "http://127.0.0.1:4569" for s3rver; default `https://s3.<region>.amazonaws.com`. */
  endpoint?: string;
  /** `<endpoint>/<bucket>/<key>` instead of `<bucket>.<host>/<key>` (local S3 servers). Dotted bucket names always use it. */
  forcePathStyle?: boolean;
  /** Key prefix before every document path, e.g. "site/". */
  prefix?: string;
  /** Retries after a 5xx or 429 answer (aws4fetch backs off exponentially from 50 ms); default 2, i.e. 3 attempts as the SDK. */
  retries?: number;
}

/** A non-2xx S3 answer: the HTTP status and the S3 error code from the XML body (for HEAD, which has no body, from the status). */
export class S3ResponseError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'S3ResponseError';
  }
}

const STATUS_CODES: Record<number, string> = { 301: 'PermanentRedirect', 400: 'BadRequest', 403: 'Forbidden', 404: 'NotFound', 503: 'SlowDown' };

/** One element of S3's fixed-shape `<Error>` document; read with a regex because an XML parser would add back the bytes this adapter saves. */
function xmlElement(xml: string, name: string): string | undefined {
  const m = new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml);
  return m?.[1]?.replace(/&(lt|gt|quot|apos|amp);/g, (_, e: string) => ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[e]!);
}

/** S3's canonical URI encoding of a key: each byte but A–Z a–z 0–9 - . _ ~ percent-encoded, "/" kept. */
function encodeKey(key: string): string {
  return key
    .split('/')
    .map((seg) => encodeURIComponent(seg).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`))
    .join('/');
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
  private readonly bucket: string;
  private readonly region: string;
  private readonly prefix: string;
  private readonly retries: number;
  private readonly credentials: S3CredentialSource;
  /** `<origin>/<bucket>/` or `<scheme>//<bucket>.<host>/`: the object URL is this plus the encoded key. */
  private readonly base: string;
  private aws: AwsClient | undefined;
  /** Signing keys aws4fetch derives once a day per secret, shared across clients when credentials rotate. */
  private readonly signingKeys = new Map<string, ArrayBuffer>();

  constructor(options: S3FeedPublisherOptions) {
    this.bucket = options.bucket;
    this.region = options.region;
    this.prefix = options.prefix ?? '';
    this.retries = options.retries ?? 2;
    this.credentials = options.credentials;
    const endpoint = new URL(options.endpoint ?? `https://s3.${options.region}.amazonaws.com`);
    const origin = `${endpoint.protocol}//${endpoint.host}`;
    this.base =
      options.forcePathStyle || options.bucket.includes('.')
        ? `${origin}/${encodeURIComponent(options.bucket)}/`
        : `${endpoint.protocol}//${options.bucket}.${endpoint.host}/`;
  }

  async publish(doc: FeedDocument): Promise<PublishResult> {
    const key = this.keyOf(doc.path);
    const head = await this.request('HEAD', key);
    if (head.ok && head.headers.get(`x-amz-meta-${HASH_METADATA_KEY}`) === doc.hash) return { path: doc.path, written: false };
    if (!head.ok && head.status !== 404) throw await this.failure('HEAD', key, head);
    const headers: Record<string, string> = {
      'Content-Type': doc.contentType,
      'Cache-Control': doc.cacheControl,
      [`x-amz-meta-${HASH_METADATA_KEY}`]: doc.hash,
      ...(doc.lastModified ? { [`x-amz-meta-${LAST_MODIFIED_METADATA_KEY}`]: doc.lastModified } : {}),
    };
    // The body's sha256 is already known: it is signed as X-Amz-Content-Sha256, so S3 checks the payload against it.
    const put = await this.request('PUT', key, { headers: { ...headers, 'X-Amz-Content-Sha256': doc.hash }, body: doc.body });
    if (!put.ok) throw await this.failure('PUT', key, put);
    await put.body?.cancel();
    return { path: doc.path, written: true };
  }

  async remove(path: string): Promise<void> {
    const key = this.keyOf(path);
    const r = await this.request('DELETE', key);
    if (!r.ok && r.status !== 404) throw await this.failure('DELETE', key, r);
    await r.body?.cancel();
  }

  /** The stored document with its headers, or undefined. */
  async get(path: string): Promise<FeedDocument | undefined> {
    const key = this.keyOf(path);
    const r = await this.request('GET', key);
    if (r.status === 404) {
      await r.body?.cancel();
      return undefined;
    }
    if (!r.ok) throw await this.failure('GET', key, r);
    const body = new Uint8Array(await this.read(key, () => r.arrayBuffer()));
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

  /** The signing client for the current credentials (rebuilt only when a provider returns different ones). */
  private async client(): Promise<AwsClient> {
    const c = typeof this.credentials === 'function' ? await this.credentials() : this.credentials;
    const a = this.aws;
    if (a && a.accessKeyId === c.accessKeyId && a.secretAccessKey === c.secretAccessKey && a.sessionToken === c.sessionToken) return a;
    this.aws = new AwsClient({ ...c, service: 's3', region: this.region, retries: this.retries, cache: this.signingKeys });
    return this.aws;
  }

  private async request(method: string, key: string, init: { headers?: Record<string, string>; body?: Uint8Array } = {}): Promise<Response> {
    const url = this.base + encodeKey(key);
    let aws: AwsClient;
    try {
      aws = await this.client();
    } catch (err) {
      throw new PublishError(`S3 ${method} s3://${this.bucket}/${key}: no credentials: ${(err as Error)?.message ?? String(err)}`, 'UNAVAILABLE', { cause: err });
    }
    return this.read(key, () => aws.fetch(url, { method, ...(init.headers ? { headers: init.headers } : {}), ...(init.body ? { body: init.body as Uint8Array<ArrayBuffer> } : {}) }), method);
  }

  /** Runs a network step; a failure to reach S3 (DNS, refused, reset) becomes PublishError UNAVAILABLE. */
  private async read<T>(key: string, step: () => Promise<T>, method = 'GET'): Promise<T> {
    try {
      return await step();
    } catch (err) {
      const cause = (err as { cause?: { code?: string } })?.cause?.code;
      throw new PublishError(
        `S3 ${method} s3://${this.bucket}/${key}: network error: ${(err as Error)?.message ?? String(err)}${cause ? ` (${cause})` : ''}`,
        'UNAVAILABLE',
        { cause: err },
      );
    }
  }

  /** A non-2xx answer as PublishError UNAVAILABLE, with the S3 error code and message from the XML body. */
  private async failure(method: string, key: string, r: Response): Promise<PublishError> {
    const xml = method === 'HEAD' ? '' : await r.text().catch(() => '');
    const code = xmlElement(xml, 'Code') ?? STATUS_CODES[r.status] ?? `HTTP${r.status}`;
    const detail = xmlElement(xml, 'Message') ?? r.statusText;
    const cause = new S3ResponseError(r.status, code, `${r.status} ${code}${detail ? `: ${detail}` : ''}`);
    return new PublishError(`S3 ${method} s3://${this.bucket}/${key} failed: ${cause.message}`, 'UNAVAILABLE', { cause });
  }
}
