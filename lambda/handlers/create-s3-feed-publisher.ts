// The render and rebuild functions' publisher: S3 (no AWS SDK S3 client), behind the DynamoDB publish ledger when the stack provides one; and the archive-page invalidation after it.
import { DynamoDbPublishLedger } from '../adapters/dynamodb-publish-ledger.ts';
import type { DynamoDbHttpClient } from '../adapters/dynamodb-http-client.ts';
import type { LambdaConfig } from '../adapters/lambda-config.ts';
import { S3FeedPublisher } from '../adapters/s3-feed-publisher.ts';
import type { FeedDocumentSource, FeedPublisher } from '../ports/feed-publisher.ts';
import { CloudFrontInvalidator } from '../adapters/cloudfront-invalidator.ts';
import { defaultProvider } from './lambda-credential-provider.ts';
import { lambdaS3Options } from './lambda-s3-options.ts';

/** A publisher whose writes carry the version of the current run (set before each render or rebuild). */
export interface VersionedPublisher extends FeedPublisher, FeedDocumentSource {
  /** Every write from now on carries `version` (the instant this run began reading the table). */
  beginRun(version: number): void;
  /** Writes skipped since the last `beginRun` because a newer version was already published. */
  staleSkips(): number;
}

/**
 * An S3FeedPublisher on the site bucket, connected as `lambdaS3Options` says; with LEDGER_TABLE_NAME set, every write
 * goes through `DynamoDbPublishLedger`, so an older run never overwrites a newer document.
 *
 * @example
 * const publisher = createS3FeedPublisher(readLambdaConfig(), dynamoClient);
 * publisher.beginRun(Date.now());
 * await publisher.publish(doc); //=> { path: 'feeds/all.rss', written: true }
 */
export function createS3FeedPublisher(config: LambdaConfig, client?: DynamoDbHttpClient): VersionedPublisher {
  // Behind CloudFront: Atom and JSON Feed stored under the generic types it compresses.
  const s3 = new S3FeedPublisher({ ...lambdaS3Options(config), compressibleTypes: true });
  const ledger =
    config.ledgerTableName && client ? new DynamoDbPublishLedger({ client, tableName: config.ledgerTableName, inner: s3 }) : undefined;
  let current: FeedPublisher = s3;
  let skipsAtStart = 0;
  return {
    beginRun(version) {
      if (!ledger) return;
      current = ledger.at(version);
      skipsAtStart = ledger.staleSkips;
    },
    staleSkips: () => (ledger ? ledger.staleSkips - skipsAtStart : 0),
    publish: (doc) => current.publish(doc),
    remove: (path) => current.remove(path),
    get: (path) => s3.get(path),
  };
}

/** An archive page (`feeds/<name>/archive/<n>.<format>`): cached a day at the edge, so a change is invalidated. */
const ARCHIVE_PAGE = /^feeds\/[^/]+\/archive\//;

/**
 * Invalidates the archive pages among written or removed paths when DISTRIBUTION_ID is set; never throws (a failure
 * is returned for the caller to log: the page is then stale at the edge until its day is up).
 *
 * @example
 * await invalidateArchivePages(config, ['feeds/all.rss', 'feeds/all/archive/3.rss']) //=> { paths: ['/feeds/all/archive/3.rss'] }
 */
export async function invalidateArchivePages(
  config: LambdaConfig,
  changed: readonly string[],
): Promise<{ paths: string[]; error?: string }> {
  const archive = changed.filter((p) => ARCHIVE_PAGE.test(p));
  if (!config.distributionId || archive.length === 0) return { paths: [] };
  try {
    invalidator ??= new CloudFrontInvalidator({ distributionId: config.distributionId, credentials: defaultProvider() });
    return { paths: (await invalidator.invalidate(archive)).paths };
  } catch (error) {
    return { paths: [], error: error instanceof Error ? error.message : String(error) };
  }
}
let invalidator: CloudFrontInvalidator | undefined;
