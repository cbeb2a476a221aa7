// S3Http: signed S3 object requests over aws4fetch (SigV4 + fetch) for the S3 adapters, with S3's key encoding and XML error codes.
import { AwsClient } from 'aws4fetch';
import { PublishError } from '../ports/feed-publisher.ts';

/** AWS credentials, as Lambda puts them in the environment. */
interface S3Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** Credentials, or a provider called before each request (e.g. the SDK's `fromEnv()`, which re-reads the environment). */
export type S3CredentialSource = S3Credentials | (() => Promise<S3Credentials>);

export interface S3HttpOptions {
  bucket: string;
  /** e.g. "eu-west-1" (Lambda's AWS_REGION). */
  region: string;
  credentials: S3CredentialSource;
  /** Another S3 endpoint, e.g. "http://127.0.0.1:4569" for s3rver; default `https://s3.<region>.amazonaws.com`. */
  endpoint?: string;
  /** `<endpoint>/<bucket>/<key>` instead of `<bucket>.<host>/<key>` (local S3 servers). Dotted bucket names always use it. */
  forcePathStyle?: boolean;
  /** Retries after a 5xx or 429 answer (aws4fetch backs off exponentially from 50 ms); default 2, i.e. 3 attempts as the SDK. */
  retries?: number;
}

/** A non-2xx S3 answer (or an error document in a 200 CopyObject answer): the HTTP status and the S3 error code. */
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

const STATUS_CODES: Record<number, string> = {
  301: 'PermanentRedirect',
  400: 'BadRequest',
  403: 'Forbidden',
  404: 'NotFound',
  503: 'SlowDown',
};

/** One element of S3's fixed-shape `<Error>` document; read with a regex because an XML parser would add back the bytes this adapter saves. */
function xmlElement(xml: string, name: string): string | undefined {
  const m = new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml);
  return m?.[1]?.replace(/&(lt|gt|quot|apos|amp);/g, (_, e: string) => ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[e]!);
}

/**
 * S3's canonical URI encoding of a key: each byte but A–Z a–z 0–9 - . _ ~ percent-encoded, "/" kept. Also the form
 * of the key in `x-amz-copy-source`.
 *
 * @example
 * encodeS3Key('incoming/أخبار (1).json') //=> 'incoming/%D8%A3%D8%AE%D8%A8%D8%A7%D8%B1%20%281%29.json'
 */
export function encodeS3Key(key: string): string {
  return key
    .split('/')
    .map((seg) => encodeURIComponent(seg).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`))
    .join('/');
}

/**
 * Signed requests on the objects of one bucket. Requests are signed by aws4fetch (SigV4 over WebCrypto) and sent with
 * the global `fetch`, which keeps `@aws-sdk/client-s3` (≈ 270 KiB with its `@smithy` runtime) out of the Lambda bundles.
 * Failures become `PublishError` UNAVAILABLE, with an `S3ResponseError` cause for an S3 answer.
 *
 * @example
 * const s3 = new S3Http({ bucket: 'site', region: 'eu-west-1', credentials: fromEnv() });
 * const r = await s3.fetch('GET', 'feeds/all.rss');
 * if (!r.ok) throw await s3.failure('GET', 'feeds/all.rss', r);
 */
export class S3Http {
  readonly bucket: string;
  private readonly region: string;
  private readonly retries: number;
  private readonly credentials: S3CredentialSource;
  /** `<origin>/<bucket>/` or `<scheme>//<bucket>.<host>/`: the object URL is this plus the encoded key. */
  private readonly base: string;
  private aws: AwsClient | undefined;
  /** Signing keys aws4fetch derives once a day per secret, shared across clients when credentials rotate. */
  private readonly signingKeys = new Map<string, ArrayBuffer>();

  constructor(options: S3HttpOptions) {
    this.bucket = options.bucket;
    this.region = options.region;
    this.retries = options.retries ?? 2;
    this.credentials = options.credentials;
    const endpoint = new URL(options.endpoint ?? `https://s3.${options.region}.amazonaws.com`);
    const origin = `${endpoint.protocol}//${endpoint.host}`;
    this.base =
      options.forcePathStyle || options.bucket.includes('.')
        ? `${origin}/${encodeURIComponent(options.bucket)}/`
        : `${endpoint.protocol}//${options.bucket}.${endpoint.host}/`;
  }

  /** One signed request on `key`; the answer whatever its status. A failure to reach S3 or to get credentials throws PublishError. */
  async fetch(method: string, key: string, init: { headers?: Record<string, string>; body?: Uint8Array | string } = {}): Promise<Response> {
    const url = this.base + encodeS3Key(key);
    let aws: AwsClient;
    try {
      aws = await this.client();
    } catch (err) {
      throw new PublishError(
        `S3 ${method} s3://${this.bucket}/${key}: no credentials: ${(err as Error)?.message ?? String(err)}`,
        'UNAVAILABLE',
        { cause: err },
      );
    }
    const body = init.body as Uint8Array<ArrayBuffer> | string | undefined;
    return this.step(method, key, () =>
      aws.fetch(url, { method, ...(init.headers ? { headers: init.headers } : {}), ...(body !== undefined ? { body } : {}) }),
    );
  }

  /** Runs a network step (a request, or reading an answer's body); a failure to reach S3 (DNS, refused, reset) becomes PublishError UNAVAILABLE. */
  async step<T>(method: string, key: string, step: () => Promise<T>): Promise<T> {
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

  /** A failed answer as PublishError UNAVAILABLE, with the S3 error code and message from the XML body (`xml` when already read). */
  async failure(method: string, key: string, r: Response, xml?: string): Promise<PublishError> {
    const text = xml ?? (method === 'HEAD' ? '' : await r.text().catch(() => ''));
    const status = r.ok ? 500 : r.status; // a 200 carrying an <Error> document (CopyObject) counts as a server error
    const code = xmlElement(text, 'Code') ?? STATUS_CODES[status] ?? `HTTP${status}`;
    const detail = xmlElement(text, 'Message') ?? r.statusText;
    const cause = new S3ResponseError(status, code, `${status} ${code}${detail ? `: ${detail}` : ''}`);
    return new PublishError(`S3 ${method} s3://${this.bucket}/${key} failed: ${cause.message}`, 'UNAVAILABLE', { cause });
  }

  /** The signing client for the current credentials (rebuilt only when a provider returns different ones). */
  private async client(): Promise<AwsClient> {
    const c = typeof this.credentials === 'function' ? await this.credentials() : this.credentials;
    const a = this.aws;
    if (a && a.accessKeyId === c.accessKeyId && a.secretAccessKey === c.secretAccessKey && a.sessionToken === c.sessionToken) return a;
    this.aws = new AwsClient({ ...c, service: 's3', region: this.region, retries: this.retries, cache: this.signingKeys });
    return this.aws;
  }
}
