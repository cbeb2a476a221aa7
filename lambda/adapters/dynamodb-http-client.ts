// DynamoDbHttpClient: the six DynamoDB operations the article store uses, over aws4fetch (SigV4 + fetch) with the SDK's standard retries.
// Hand-written instead of @aws-sdk/client-dynamodb because the JSON protocol is one signed POST, and the SDK client is ≈ 176 KiB of cold start.
import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { AwsV4Signer } from 'aws4fetch';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { currentAwsCredentials, type AwsCredentialSource } from './aws-credentials.ts';

export interface DynamoDbHttpClientOptions {
  /** e.g. "eu-west-1" (Lambda's AWS_REGION). */
  region: string;
  credentials: AwsCredentialSource;
  /** Another endpoint, e.g. "http://127.0.0.1:4567" for dynalite; default `https://dynamodb.<region>.amazonaws.com`. */
  endpoint?: string;
  /** Attempts per operation, first included (default 4: the SDK's default for DynamoDB). */
  maxAttempts?: number;
  /** Backoff base after a transient failure (5xx, network error), ms (default 50, as the SDK). */
  baseDelayMs?: number;
  /** Backoff base after throttling, ms (default 1000, as the SDK). */
  throttlingBaseDelayMs?: number;
  /** Upper bound of one backoff, ms (default 20000, as the SDK). */
  maxDelayMs?: number;
  /** Abort an attempt after this many ms (a `TimeoutError`, retried); default: no limit, as the SDK. */
  requestTimeoutMs?: number;
}

/** The DynamoDB operations this client sends (`X-Amz-Target: DynamoDB_20120810.<operation>`). */
export type DynamoDbOperation = 'PutItem' | 'GetItem' | 'DeleteItem' | 'Query' | 'BatchGetItem' | 'BatchWriteItem';

/**
 * A non-2xx DynamoDB answer. `name` is the exception type from the body's `__type` (after the `#`), e.g.
 * `ConditionalCheckFailedException`, as the SDK names its exceptions; `status` is the HTTP status.
 *
 * @example
 * await client.putItem({ …, ConditionExpression: 'attribute_not_exists(PK)' }).catch((e) => [e.name, e.status])
 * //=> ['ConditionalCheckFailedException', 400]
 */
export class DynamoDbResponseError extends Error {
  constructor(
    /** The exception type, also the error's `name`. */
    readonly type: string,
    readonly status: number,
    message: string,
    readonly operation: DynamoDbOperation,
    readonly requestId: string | undefined,
  ) {
    super(message);
    this.name = type;
  }
}

/**
 * DynamoDB could not be reached (DNS, refused, reset, timeout) on every attempt; `cause` is the last failure.
 *
 * @example
 * await client.getItem({ TableName: 't', Key }).catch((e) => e.message)
 * //=> 'DynamoDB GetItem: network error: fetch failed (ECONNREFUSED)'
 */
export class DynamoDbNetworkError extends Error {
  constructor(
    message: string,
    readonly operation: DynamoDbOperation,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'DynamoDbNetworkError';
  }
}

/** An item or key in plain JavaScript values (marshalled with `@aws-sdk/util-dynamodb`, as lib-dynamodb does). */
export type NativeItem = Record<string, unknown>;

interface ExpressionInput {
  ExpressionAttributeNames?: Record<string, string>;
  ExpressionAttributeValues?: NativeItem;
}

export interface PutItemInput extends ExpressionInput {
  TableName: string;
  Item: NativeItem;
  ConditionExpression?: string;
  ReturnValues?: 'NONE' | 'ALL_OLD';
}

export interface GetItemInput {
  TableName: string;
  Key: NativeItem;
  ConsistentRead?: boolean;
}

export interface DeleteItemInput extends ExpressionInput {
  TableName: string;
  Key: NativeItem;
  ConditionExpression?: string;
  ReturnValues?: 'NONE' | 'ALL_OLD';
}

export interface QueryInput extends ExpressionInput {
  TableName: string;
  IndexName?: string;
  KeyConditionExpression: string;
  FilterExpression?: string;
  ScanIndexForward?: boolean;
  Limit?: number;
  ConsistentRead?: boolean;
  ExclusiveStartKey?: NativeItem;
  /** `COUNT` answers `Count` only, no items. */
  Select?: 'ALL_ATTRIBUTES' | 'ALL_PROJECTED_ATTRIBUTES' | 'COUNT';
}

export interface QueryOutput {
  Items?: NativeItem[];
  Count: number;
  ScannedCount: number;
  LastEvaluatedKey?: NativeItem;
}

export interface BatchGetItemInput {
  RequestItems: Record<string, { Keys: NativeItem[]; ConsistentRead?: boolean }>;
}

export interface BatchGetItemOutput {
  Responses?: Record<string, NativeItem[]>;
  UnprocessedKeys?: Record<string, { Keys: NativeItem[]; ConsistentRead?: boolean }>;
}

/** One write of a BatchWriteItem. */
export type WriteRequest = { PutRequest: { Item: NativeItem } } | { DeleteRequest: { Key: NativeItem } };

export interface BatchWriteItemInput {
  RequestItems: Record<string, WriteRequest[]>;
}

export interface BatchWriteItemOutput {
  UnprocessedItems?: Record<string, WriteRequest[]>;
}

type Wire = Record<string, unknown>;
type WireItem = Record<string, unknown>;

/** Exception types the SDK's standard retry mode treats as throttling (@smithy/service-error-classification). */
const THROTTLING_TYPES = new Set([
  'BandwidthLimitExceeded',
  'EC2ThrottledException',
  'LimitExceededException',
  'PriorRequestNotComplete',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'SlowDown',
  'ThrottledException',
  'Throttling',
  'ThrottlingException',
  'TooManyRequestsException',
  'TransactionInProgressException',
]);
/** Exception types and statuses the SDK treats as transient. */
const TRANSIENT_TYPES = new Set(['TimeoutError', 'RequestTimeout', 'RequestTimeoutException']);
const TRANSIENT_STATUSES = new Set([500, 502, 503, 504]);
/** Refusals about the request's time, which the SDK corrects by re-signing with the server's clock (from the answer's `Date`). */
const CLOCK_SKEW_TYPES = new Set(['RequestTimeTooSkewed', 'RequestExpired', 'RequestInTheFuture']);

/** A clock-skew refusal; DynamoDB's is InvalidSignatureException "Signature expired: …" (other signature errors are not). */
function isClockSkew(failure: DynamoDbResponseError): boolean {
  if (CLOCK_SKEW_TYPES.has(failure.type)) return true;
  return failure.type === 'InvalidSignatureException' && /expired|in the future|skew/i.test(failure.message);
}

const MARSHALL = { removeUndefinedValues: true } as const;

/** `Uint8Array`s (binary attribute values: `B`, `BS` members) as base64, as the JSON protocol sends them. */
function wireReplacer(this: Record<string, unknown>, key: string, value: unknown): unknown {
  const raw = this[key]; // before Buffer#toJSON turned it into { type: 'Buffer', data }
  return raw instanceof Uint8Array ? Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('base64') : value;
}

/** base64 `B` / `BS` members back to bytes. Safe: in DynamoDB answers a key named B or BS maps to a string (or strings) only there. */
function wireReviver(key: string, value: unknown): unknown {
  if (key === 'B' && typeof value === 'string') return bytesOf(value);
  if (key === 'BS' && Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.map((v: string) => bytesOf(v));
  return value;
}

function bytesOf(base64: string): Uint8Array {
  const b = Buffer.from(base64, 'base64');
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}

const toWire = (item: NativeItem): WireItem => marshall(item, MARSHALL) as WireItem;
const fromWire = (item: WireItem): NativeItem => unmarshall(item as Parameters<typeof unmarshall>[0]);
const fromWireOptional = (item: unknown): NativeItem | undefined => (item ? fromWire(item as WireItem) : undefined);

/** Drops undefined members, so they are not sent. */
function defined(input: Record<string, unknown>): Wire {
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
}

function withValues(input: ExpressionInput): Wire {
  return defined({ ...input, ExpressionAttributeValues: input.ExpressionAttributeValues && toWire(input.ExpressionAttributeValues) });
}

function mapValues<A, B>(record: Record<string, A> | undefined, f: (a: A) => B): Record<string, B> | undefined {
  return record && Object.fromEntries(Object.entries(record).map(([k, v]) => [k, f(v)]));
}

function writeToWire(w: WriteRequest): Wire {
  return 'PutRequest' in w ? { PutRequest: { Item: toWire(w.PutRequest.Item) } } : { DeleteRequest: { Key: toWire(w.DeleteRequest.Key) } };
}

function writeFromWire(w: Wire): WriteRequest {
  const put = w.PutRequest as { Item: WireItem } | undefined;
  return put
    ? { PutRequest: { Item: fromWire(put.Item) } }
    : { DeleteRequest: { Key: fromWire((w.DeleteRequest as { Key: WireItem }).Key) } };
}

/**
 * The wait before retry number `attempt` (1 = after the first failure), with full jitter as the SDK's
 * DefaultRetryBackoffStrategy: a whole number of ms drawn uniformly below min(maxDelayMs, baseMs × 2^(attempt−1)).
 *
 * @example
 * backoffDelayMs(3, 1000, 20_000, () => 0.5) //=> 2000
 */
export function backoffDelayMs(attempt: number, baseMs: number, maxDelayMs: number, random: () => number = Math.random): number {
  return Math.floor(random() * Math.min(maxDelayMs, baseMs * 2 ** (attempt - 1)));
}

/**
 * A DynamoDB client for the JSON protocol: each operation is one POST to the endpoint with
 * `X-Amz-Target: DynamoDB_20120810.<Operation>` and `Content-Type: application/x-amz-json-1.0`, signed by aws4fetch.
 * Items, keys and values are plain JavaScript values, marshalled as lib-dynamodb does. A non-2xx answer throws
 * `DynamoDbResponseError` (`name` = the exception type); unreachable endpoints throw `DynamoDbNetworkError`.
 * Retries follow the SDK's standard mode: throttling, 5xx and network errors, exponential backoff with full jitter,
 * `maxAttempts` in all (no shared retry quota); a clock-skew refusal is re-signed once with the server's clock.
 *
 * @example
 * const db = new DynamoDbHttpClient({ region: 'eu-west-1', credentials: defaultProvider() });
 * await db.getItem({ TableName: 'articles', Key: { PK: 'ARTICLE#a1', SK: 'ARTICLE' } });
 * //=> { PK: 'ARTICLE#a1', SK: 'ARTICLE', body: '{…}', … } or undefined
 */
export class DynamoDbHttpClient {
  readonly endpoint: string;
  readonly region: string;
  private readonly credentials: AwsCredentialSource;
  private readonly maxAttempts: number;
  private readonly baseDelayMs: number;
  private readonly throttlingBaseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly requestTimeoutMs: number | undefined;
  /** Server clock minus ours, ms, learnt from a clock-skew refusal (the SDK's systemClockOffset). */
  clockOffsetMs = 0;
  /** Signing keys aws4fetch derives once per secret and day, kept across requests (one entry per secret and day). */
  private readonly signingKeys = new Map<string, ArrayBuffer>();

  constructor(options: DynamoDbHttpClientOptions) {
    this.region = options.region;
    this.endpoint = options.endpoint ?? `https://dynamodb.${options.region}.amazonaws.com`;
    this.credentials = options.credentials;
    this.maxAttempts = Math.max(1, options.maxAttempts ?? 4);
    this.baseDelayMs = options.baseDelayMs ?? 50;
    this.throttlingBaseDelayMs = options.throttlingBaseDelayMs ?? 1000;
    this.maxDelayMs = options.maxDelayMs ?? 20_000;
    this.requestTimeoutMs = options.requestTimeoutMs;
  }

  /** PutItem; `Attributes` is the old item with `ReturnValues: 'ALL_OLD'`. */
  async putItem(input: PutItemInput): Promise<{ Attributes?: NativeItem }> {
    const r = await this.send('PutItem', { ...withValues(input), Item: toWire(input.Item) });
    return defined({ Attributes: fromWireOptional(r.Attributes) });
  }

  /** GetItem: the item, or undefined. */
  async getItem(input: GetItemInput): Promise<NativeItem | undefined> {
    const r = await this.send('GetItem', defined({ ...input, Key: toWire(input.Key) }));
    return fromWireOptional(r.Item);
  }

  /** DeleteItem; `Attributes` is the deleted item with `ReturnValues: 'ALL_OLD'`. */
  async deleteItem(input: DeleteItemInput): Promise<{ Attributes?: NativeItem }> {
    const r = await this.send('DeleteItem', { ...withValues(input), Key: toWire(input.Key) });
    return defined({ Attributes: fromWireOptional(r.Attributes) });
  }

  /** One Query page (follow `LastEvaluatedKey` for the next). With `Select: 'COUNT'`, `Items` is absent. */
  async query(input: QueryInput): Promise<QueryOutput> {
    const r = await this.send('Query', {
      ...withValues(input),
      ...(input.ExclusiveStartKey ? { ExclusiveStartKey: toWire(input.ExclusiveStartKey) } : {}),
    });
    return defined({
      Items: (r.Items as WireItem[] | undefined)?.map(fromWire),
      Count: Number(r.Count ?? 0),
      ScannedCount: Number(r.ScannedCount ?? 0),
      LastEvaluatedKey: fromWireOptional(r.LastEvaluatedKey),
    }) as unknown as QueryOutput;
  }

  /** BatchGetItem (up to 100 keys); retry `UnprocessedKeys` yourself, as with the SDK. */
  async batchGetItem(input: BatchGetItemInput): Promise<BatchGetItemOutput> {
    const keysToWire = (k: { Keys: NativeItem[]; ConsistentRead?: boolean }) => defined({ ...k, Keys: k.Keys.map(toWire) });
    const keysFromWire = (k: { Keys: WireItem[]; ConsistentRead?: boolean }) =>
      defined({ ...k, Keys: k.Keys.map(fromWire) }) as { Keys: NativeItem[] };
    const r = await this.send('BatchGetItem', { RequestItems: mapValues(input.RequestItems, keysToWire) });
    const unprocessed = r.UnprocessedKeys as Record<string, { Keys: WireItem[] }> | undefined;
    return defined({
      Responses: mapValues(r.Responses as Record<string, WireItem[]> | undefined, (items) => items.map(fromWire)),
      UnprocessedKeys: unprocessed && Object.keys(unprocessed).length > 0 ? mapValues(unprocessed, keysFromWire) : undefined,
    });
  }

  /** BatchWriteItem (up to 25 writes); retry `UnprocessedItems` yourself, as with the SDK. */
  async batchWriteItem(input: BatchWriteItemInput): Promise<BatchWriteItemOutput> {
    const r = await this.send('BatchWriteItem', { RequestItems: mapValues(input.RequestItems, (ws) => ws.map(writeToWire)) });
    const unprocessed = r.UnprocessedItems as Record<string, Wire[]> | undefined;
    return defined({
      UnprocessedItems:
        unprocessed && Object.keys(unprocessed).length > 0 ? mapValues(unprocessed, (ws) => ws.map(writeFromWire)) : undefined,
    });
  }

  /**
   * Sends one operation with a body already in DynamoDB JSON (attribute values as `{ S: … }`, binary as base64 or
   * bytes) and returns the parsed answer (binary values as bytes), retrying as the SDK's standard mode does.
   */
  async send(operation: DynamoDbOperation, body: Wire): Promise<Wire> {
    const payload = JSON.stringify(body, wireReplacer);
    const headers = {
      'Content-Type': 'application/x-amz-json-1.0',
      'X-Amz-Target': `DynamoDB_20120810.${operation}`,
      // The payload hash, as the SDK sends it too; given here (node:crypto, synchronous), aws4fetch signs it instead of
      // hashing the body again with WebCrypto: ≈ 0.4 ms less CPU per request, on par with the SDK client without it.
      'X-Amz-Content-Sha256': createHash('sha256').update(payload).digest('hex'),
    };
    let skewRetried = false;
    for (let attempt = 1; ; attempt++) {
      // Signed per attempt (fresh X-Amz-Date, current keys); a credential provider's error propagates as it is, as with the SDK.
      const signed = await this.sign(headers, payload);
      let r: Response;
      let text: string;
      try {
        r = await fetch(signed.url, {
          method: 'POST',
          headers: signed.headers,
          body: payload,
          ...(this.requestTimeoutMs === undefined ? {} : { signal: AbortSignal.timeout(this.requestTimeoutMs) }),
        });
        text = await r.text();
      } catch (err) {
        if (attempt >= this.maxAttempts) throw networkError(operation, err);
        await this.backoff(attempt, this.baseDelayMs);
        continue;
      }
      if (r.ok) return parseAnswer(operation, text);
      const failure = responseError(operation, r, text);
      const serverMs = Date.parse(r.headers.get('date') ?? '');
      if (!skewRetried && isClockSkew(failure) && Number.isFinite(serverMs)) {
        // As the SDK: learn the offset from the server's Date and re-sign at once (not counted as an attempt).
        this.clockOffsetMs = serverMs - Date.now();
        skewRetried = true;
        attempt--;
        continue;
      }
      const throttled = r.status === 429 || THROTTLING_TYPES.has(failure.type);
      const transient = TRANSIENT_TYPES.has(failure.type) || TRANSIENT_STATUSES.has(r.status);
      if (attempt >= this.maxAttempts || !(throttled || transient)) throw failure;
      await this.backoff(attempt, throttled ? this.throttlingBaseDelayMs : this.baseDelayMs);
    }
  }

  private backoff(attempt: number, baseMs: number): Promise<void> {
    return sleep(backoffDelayMs(attempt, baseMs, this.maxDelayMs));
  }

  /**
   * SigV4 headers for one attempt with the current credentials, by aws4fetch's signer. Not `AwsClient.fetch`: its
   * retries cover 5xx and 429 only (DynamoDB throttles with 400s), and it builds a `Request` this client does not need.
   */
  private async sign(headers: Record<string, string>, payload: string): Promise<{ url: URL; headers: Headers }> {
    const c = await currentAwsCredentials(this.credentials);
    const signer = new AwsV4Signer({
      url: this.endpoint,
      method: 'POST',
      headers,
      body: payload,
      accessKeyId: c.accessKeyId,
      secretAccessKey: c.secretAccessKey,
      ...(c.sessionToken ? { sessionToken: c.sessionToken } : {}),
      service: 'dynamodb',
      region: this.region,
      cache: this.signingKeys,
      ...(this.clockOffsetMs === 0
        ? {}
        : { datetime: new Date(Date.now() + this.clockOffsetMs).toISOString().replace(/[:-]|\.\d{3}/g, '') }),
    });
    return signer.sign();
  }
}

function parseAnswer(operation: DynamoDbOperation, text: string): Wire {
  try {
    return JSON.parse(text, wireReviver) as Wire;
  } catch (err) {
    throw new DynamoDbResponseError(
      'SerializationException',
      200,
      `unreadable ${operation} answer: ${(err as Error).message}`,
      operation,
      undefined,
    );
  }
}

function responseError(operation: DynamoDbOperation, r: Response, text: string): DynamoDbResponseError {
  let body: { __type?: unknown; message?: unknown; Message?: unknown } = {};
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    // not JSON (e.g. a proxy's HTML page): the type comes from the header or the status
  }
  const rawType = typeof body.__type === 'string' ? body.__type : (r.headers.get('x-amzn-errortype') ?? '');
  const type = rawType.split(':')[0]!.split('#').pop() || `HTTP${r.status}`;
  const message =
    typeof body.message === 'string' ? body.message : typeof body.Message === 'string' ? body.Message : text.slice(0, 200) || r.statusText;
  return new DynamoDbResponseError(type, r.status, message, operation, r.headers.get('x-amzn-requestid') ?? undefined);
}

function networkError(operation: DynamoDbOperation, err: unknown): DynamoDbNetworkError {
  const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  const code = e?.cause?.code;
  const detail =
    e?.name === 'TimeoutError'
      ? 'timed out'
      : `${e?.message ?? String(err)}${code ? ` (${code})` : e?.cause?.message ? ` (${e.cause.message})` : ''}`;
  return new DynamoDbNetworkError(`DynamoDB ${operation}: network error: ${detail}`, operation, { cause: err });
}
