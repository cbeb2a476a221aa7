// S3Http: signed S3 object requests over aws4fetch (SigV4 + fetch) for the S3 adapters, with S3's key encoding and XML error codes.
import { AwsClient } from 'aws4fetch';
import { PublishError } from '../ports/feed-publisher.ts';
import { currentAwsCredentials, type AwsCredentialSource } from './aws-credentials.ts';

export interface S3HttpOptions {
  bucket: string;
  /** e.g. "eu-west-1" (Lambda's AWS_REGION). */
  region: string;
  credentials: AwsCredentialSource;
  /** Another S3 endpoint, e.g. "http://127.0.0.1:4569" for s3rver; default `https://s3.<region>.amazonaws.com`. */
  endpoint?: string;
  /** `<endpoint>/<bucket>/<key>` instead of `<bucket>.<host>/<key>` (local S3 servers). Dotted bucket names always use it. */
  forcePathStyle?: boolean;
  /**
   * Retries, as the SDK's standard mode: after a network error (reset, refused, timeout), a 5xx, a throttle (429,
   * `SlowDown`) or S3's `RequestTimeout`; once after a clock-skew refusal (`RequestTimeTooSkewed`), re-signed with
   * the server's clock. Default 2, i.e. 3 attempts as the SDK.
   */
  retries?: number;
  /** Backoff base after a transient failure, ms (default 100, the SDK's); full jitter, capped at 20 s. */
  baseDelayMs?: number;
  /** Backoff base after a throttle, ms (default 500, the SDK's). */
  throttlingBaseDelayMs?: number;
  /** Abort an attempt after this many ms (then retried); default 30,000. */
  requestTimeoutMs?: number;
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

/** S3 error codes the SDK's standard mode retries (besides any 5xx): throttles, and S3's idle-socket timeout. */
const THROTTLING_CODES = new Set(['SlowDown', 'Throttling', 'ThrottlingException', 'RequestThrottled', 'TooManyRequestsException']);
const TRANSIENT_CODES = new Set(['RequestTimeout', 'RequestTimeoutException', 'InternalError']);
/** Refusals the SDK corrects by re-signing with the server's clock (its `Date` header). */
const CLOCK_SKEW_CODES = new Set(['RequestTimeTooSkewed', 'RequestExpired', 'RequestInTheFuture', 'InvalidSignatureException']);

/** A key S3Http refuses: "." and ".." segments are resolved by URL parsing (even percent-encoded), so they would address another key. */
export function isUnsafeS3Key(key: string): boolean {
  return key === '' || key.split('/').some((seg) => seg === '.' || seg === '..');
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** `YYYYMMDDTHHMMSSZ`, the SigV4 timestamp, for an epoch in ms. */
function amzDate(ms: number): string {
  return new Date(ms).toISOString().replace(/[:-]|\.\d{3}/g, '');
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
  private readonly baseDelayMs: number;
  private readonly throttlingBaseDelayMs: number;
  private readonly requestTimeoutMs: number;
  /** Server clock minus ours, ms, learnt from a clock-skew refusal (the SDK's systemClockOffset). */
  clockOffsetMs = 0;
  private readonly credentials: AwsCredentialSource;
  /** `<origin>/<bucket>/` or `<scheme>//<bucket>.<host>/`: the object URL is this plus the encoded key. */
  private readonly base: string;
  private aws: AwsClient | undefined;
  /** Signing keys aws4fetch derives once a day per secret, shared across clients when credentials rotate. */
  private readonly signingKeys = new Map<string, ArrayBuffer>();

  constructor(options: S3HttpOptions) {
    this.bucket = options.bucket;
    this.region = options.region;
    this.retries = options.retries ?? 2;
    this.baseDelayMs = options.baseDelayMs ?? 100;
    this.throttlingBaseDelayMs = options.throttlingBaseDelayMs ?? 500;
    this.requestTimeoutMs = options.requestTimeoutMs ?? 30_000;
    this.credentials = options.credentials;
    const endpoint = new URL(options.endpoint ?? `https://s3.${options.region}.amazonaws.com`);
    const origin = `${endpoint.protocol}//${endpoint.host}`;
    this.base =
      options.forcePathStyle || options.bucket.includes('.')
        ? `${origin}/${encodeURIComponent(options.bucket)}/`
        : `${endpoint.protocol}//${options.bucket}.${endpoint.host}/`;
  }

  /**
   * One signed request on `key`; the answer whatever its status, after the retries above. A key with a "." or ".."
   * segment is refused (PublishError INVALID_PATH); a failure to reach S3 on every attempt or to get credentials
   * throws PublishError UNAVAILABLE.
   */
  async fetch(method: string, key: string, init: { headers?: Record<string, string>; body?: Uint8Array | string } = {}): Promise<Response> {
    if (isUnsafeS3Key(key)) {
      throw new PublishError(`S3 ${method}: refused key ${JSON.stringify(key)} (empty, or a "." or ".." segment)`, 'INVALID_PATH');
    }
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
    let skewRetried = false;
    for (let attempt = 1; ; attempt++) {
      const last = attempt > this.retries;
      let r: Response;
      try {
        r = await aws.fetch(url, {
          method,
          ...(init.headers ? { headers: init.headers } : {}),
          ...(body !== undefined ? { body } : {}),
          signal: AbortSignal.timeout(this.requestTimeoutMs),
          aws: { datetime: amzDate(Date.now() + this.clockOffsetMs) },
        });
      } catch (err) {
        if (last) return this.step(method, key, () => Promise.reject(err));
        await this.backoff(attempt, this.baseDelayMs);
        continue;
      }
      if (r.ok || (r.status < 500 && r.status !== 429 && r.status !== 400 && r.status !== 403)) return r;
      // Error answers that may be retried: read the code (HEAD has no body: the status decides), keep the bytes for the caller.
      const text = method === 'HEAD' ? '' : await r.text().catch(() => '');
      const code = xmlElement(text, 'Code') ?? (r.status === 503 ? 'SlowDown' : '');
      const answer = () =>
        new Response(method === 'HEAD' ? null : text, { status: r.status, statusText: r.statusText, headers: r.headers });
      if (CLOCK_SKEW_CODES.has(code) && !skewRetried) {
        const serverMs = Date.parse(xmlElement(text, 'ServerTime') ?? r.headers.get('date') ?? '');
        if (Number.isFinite(serverMs)) {
          this.clockOffsetMs = serverMs - Date.now();
          skewRetried = true;
          attempt--; // the SDK re-signs at once, outside the backoff
          continue;
        }
      }
      const throttled = r.status === 429 || THROTTLING_CODES.has(code);
      const transient = r.status >= 500 || TRANSIENT_CODES.has(code);
      if (last || !(throttled || transient)) return answer();
      await this.backoff(attempt, throttled ? this.throttlingBaseDelayMs : this.baseDelayMs);
    }
  }

  private backoff(attempt: number, baseMs: number): Promise<void> {
    return sleep(Math.floor(Math.random() * Math.min(20_000, baseMs * 2 ** (attempt - 1))));
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
    const c = await currentAwsCredentials(this.credentials);
    const a = this.aws;
    if (a && a.accessKeyId === c.accessKeyId && a.secretAccessKey === c.secretAccessKey && a.sessionToken === c.sessionToken) return a;
    // No aws4fetch retries: `fetch` above retries as the SDK does (network errors and clock skew included).
    this.aws = new AwsClient({ ...c, service: 's3', region: this.region, retries: 0, cache: this.signingKeys });
    return this.aws;
  }
}
