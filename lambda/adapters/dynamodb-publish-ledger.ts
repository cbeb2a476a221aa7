// DynamoDbPublishLedger: a FeedPublisher decorator that publishes a document only when its version is newer than the one stored (a conditional write per document on a small DynamoDB table).
import type { FeedDocument } from '../core/feeds/feed-document.ts';
import type { FeedDocumentSource, FeedPublisher, PublishResult } from '../ports/feed-publisher.ts';
import { type DynamoDbHttpClient, DynamoDbResponseError, type NativeItem } from './dynamodb-http-client.ts';

/** The ledger table's partition key: the document path. */
export const LEDGER_KEY = 'path';

/** CreateTable input for the ledger (tests and scripts; the stack builds the same table). */
export function createLedgerTableInput(tableName: string) {
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST' as const,
    AttributeDefinitions: [{ AttributeName: LEDGER_KEY, AttributeType: 'S' as const }],
    KeySchema: [{ AttributeName: LEDGER_KEY, KeyType: 'HASH' as const }],
  };
}

export interface DynamoDbPublishLedgerOptions {
  client: DynamoDbHttpClient;
  tableName: string;
  /** The publisher that really writes (S3). */
  inner: FeedPublisher & Partial<FeedDocumentSource>;
  /** Milliseconds since the epoch (injected: tests move it). */
  now?: () => number;
  /** How long a writer holds a document before another may take it over (a crashed writer). Default 30 s. */
  leaseMs?: number;
  /** Attempts to take a document held by another writer, 100 ms apart. Default 100 (10 s). */
  maxAttempts?: number;
}

interface LedgerItem {
  path: string;
  /** Version of the bytes stored now (0 = never published). */
  version: number;
  /** sha256 of the stored bytes ('' after a removal). */
  hash: string;
  /** Compare-and-set counter: every write names the revision it read. */
  rev: number;
  leaseVersion?: number;
  leaseUntil?: number;
}

/** Two writers raced past each other on one document too many times (or one never released it). */
class PublishLedgerContentionError extends Error {
  constructor(path: string, attempts: number) {
    super(`publish ledger: ${path} stayed held by another writer through ${attempts} attempts`);
    this.name = 'PublishLedgerContentionError';
  }
}

const isConditionFailure = (e: unknown) => e instanceof DynamoDbResponseError && e.type === 'ConditionalCheckFailedException';

/**
 * Wraps a publisher so that every publish and removal carries a version (the instant the renderer began reading the
 * table: a lower bound of what it saw) and is skipped when the ledger already holds that version or a newer one.
 * S3 here has no conditional PUT that the local emulator honours, so the order is kept in DynamoDB: a writer takes a
 * short lease on the document's ledger item (compare-and-set on `rev`), writes S3, then records its version and hash
 * and releases. An older writer that comes second sees the newer version and skips; one that comes first is
 * overwritten by the newer. The ledger doubles as the rebuild's manifest: a document whose hash is already recorded
 * costs one GetItem, no S3 request.
 *
 * @example
 * const ledger = new DynamoDbPublishLedger({ client, tableName: 'ledger', inner: s3Publisher });
 * const publisher = ledger.at(Date.now());            // the version of everything this run renders
 * await publisher.publish(doc) //=> { path: 'feeds/all.rss', written: true }  (or written: false when stale or unchanged)
 */
export class DynamoDbPublishLedger {
  private readonly client: DynamoDbHttpClient;
  private readonly tableName: string;
  private readonly inner: FeedPublisher & Partial<FeedDocumentSource>;
  private readonly now: () => number;
  private readonly leaseMs: number;
  private readonly maxAttempts: number;
  /** Documents skipped because a newer version was already published (for logs and tests). */
  staleSkips = 0;

  constructor(options: DynamoDbPublishLedgerOptions) {
    this.client = options.client;
    this.tableName = options.tableName;
    this.inner = options.inner;
    this.now = options.now ?? Date.now;
    this.leaseMs = options.leaseMs ?? 30_000;
    this.maxAttempts = options.maxAttempts ?? 100;
  }

  /** A publisher whose every write carries `version`. */
  at(version: number): FeedPublisher & Partial<FeedDocumentSource> {
    const get = this.inner.get?.bind(this.inner);
    return {
      publish: (doc: FeedDocument) => this.write(doc.path, version, doc.hash, () => this.inner.publish(doc).then((r) => r.written)),
      remove: (path: string) => this.write(path, version, '', () => this.inner.remove(path).then(() => true)).then(() => undefined),
      ...(get ? { get } : {}),
    };
  }

  /** The ledger entry of one path, or undefined. */
  async entry(path: string): Promise<LedgerItem | undefined> {
    const item = await this.client.getItem({ TableName: this.tableName, Key: { [LEDGER_KEY]: path }, ConsistentRead: true });
    return item as LedgerItem | undefined;
  }

  private async write(path: string, version: number, hash: string, perform: () => Promise<boolean>): Promise<PublishResult> {
    for (let attempt = 1; attempt <= this.maxAttempts; attempt++) {
      const item = await this.entry(path);
      const current: LedgerItem = item ?? { path, version: 0, hash: '', rev: 0 };
      if (current.version >= version) {
        if (current.hash !== hash) this.staleSkips++;
        return { path, written: false };
      }
      const now = this.now();
      const held = current.leaseUntil !== undefined && current.leaseUntil > now && current.leaseVersion !== version;
      if (held) {
        await new Promise((r) => setTimeout(r, 100));
        continue;
      }
      if (current.hash === hash && item) {
        // Same bytes already stored: nothing to write, and no version bump (a write per unchanged document would double
        // the cost of a daily rebuild). An older writer still in flight may then replace them with what it read; the
        // change it missed has its own stream record, whose render reads later and publishes after it.
        return { path, written: false };
      }
      const leased: LedgerItem = { ...base(current), rev: current.rev + 1, leaseVersion: version, leaseUntil: now + this.leaseMs };
      if (!(await this.cas(item ? current : undefined, leased))) continue;
      let written: boolean;
      try {
        written = await perform();
      } catch (error) {
        // Give the document back untouched (version and hash unchanged), then fail as the inner publisher did.
        await this.cas(leased, { ...base(current), rev: leased.rev + 1 }).catch(() => undefined);
        throw error;
      }
      await this.cas(leased, { path, version, hash, rev: leased.rev + 1 });
      return { path, written };
    }
    throw new PublishLedgerContentionError(path, this.maxAttempts);
  }

  /** PutItem `next` if the stored item is still `expected` (same rev, or absent); false when another writer came first. */
  private async cas(expected: LedgerItem | undefined, next: LedgerItem): Promise<boolean> {
    try {
      await this.client.putItem({
        TableName: this.tableName,
        Item: next as unknown as NativeItem,
        ...(expected
          ? {
              ConditionExpression: '#rev = :rev',
              ExpressionAttributeNames: { '#rev': 'rev' },
              ExpressionAttributeValues: { ':rev': expected.rev },
            }
          : { ConditionExpression: 'attribute_not_exists(#p)', ExpressionAttributeNames: { '#p': LEDGER_KEY } }),
      });
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }
}

/** The committed part of an item (no lease). */
function base(item: LedgerItem): LedgerItem {
  return { path: item.path, version: item.version, hash: item.hash, rev: item.rev };
}
