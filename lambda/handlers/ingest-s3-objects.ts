// The ingest function's S3 path (loaded on first use): each incoming/ object → ingest → processed/, or rejected/ + errors JSON.
import type { Logger } from '@aws-lambda-powertools/logger';
import type { S3Event } from 'aws-lambda';
import type { LambdaConfig } from '../adapters/lambda-config.ts';
import { isUnsafeS3Key, S3ResponseError } from '../adapters/s3-http.ts';
import { S3ObjectInbox } from '../adapters/s3-object-inbox.ts';
import type { IngestInput, StoreArticlesReport } from '../core/site/store-articles.ts';
import { lambdaS3Options } from './lambda-s3-options.ts';

let inbox: S3ObjectInbox | undefined;

export interface S3IngestDeps {
  config: LambdaConfig;
  logger: Logger;
  ingest(input: IngestInput): Promise<Pick<StoreArticlesReport, 'results' | 'errors'> & { omittedErrors?: number }>;
}

/** S3 event keys are URL-encoded, with "+" for spaces. */
function decodeKey(key: string): string {
  return decodeURIComponent(key.replace(/\+/g, ' '));
}

/** The object is gone (S3 answered NoSuchKey): an earlier, retried delivery already moved it. */
function isMissing(error: unknown): boolean {
  const cause = (error as { cause?: unknown })?.cause;
  return cause instanceof S3ResponseError && cause.code === 'NoSuchKey';
}

/**
 * Ingests every `incoming/` object of an S3 event with the same validation as `POST /articles`. Accepted objects
 * move to `processed/`; rejected ones to `rejected/` with `<name>.errors.json`. A storage failure throws, so Lambda
 * retries the event; objects already moved are then skipped (their key is gone), so nothing is ingested twice or lost.
 *
 * @example
 * await ingestS3Objects(s3PutEvent('site', 'incoming/today.ndjson'), deps) //=> { processed: 1, rejected: 0 }
 */
export async function ingestS3Objects(event: S3Event, deps: S3IngestDeps): Promise<{ processed: number; rejected: number }> {
  inbox ??= new S3ObjectInbox(lambdaS3Options(deps.config));
  let processed = 0;
  let rejected = 0;
  for (const record of event.Records) {
    const key = decodeKey(record.s3.object.key);
    // The console's "Create folder" writes an empty "incoming/" (or "incoming/sub/") object: nothing to ingest.
    if (key.endsWith('/') && key.startsWith(inbox.incomingPrefix)) {
      deps.logger.info('ignored folder placeholder', { key });
      continue;
    }
    // Keys are opaque: "incoming/../feeds/all.rss" is not in the inbox, whatever a URL parser would make of it.
    if (record.s3.bucket.name !== deps.config.bucketName || !key.startsWith(inbox.incomingPrefix) || isUnsafeS3Key(key)) {
      deps.logger.warn('ignored object outside the inbox', { bucket: record.s3.bucket.name, key });
      continue;
    }
    let object;
    try {
      object = await inbox.read(key);
    } catch (error) {
      if (isMissing(error)) {
        deps.logger.info('object already handled', { key });
        continue;
      }
      throw error;
    }
    const report = await deps.ingest({ body: object.body, name: object.name });
    if (report.errors.length > 0) {
      // Same rule as the local incoming/ folder: any invalid article sends the file to rejected/. Its valid
      // articles are already stored (re-sending the fixed file is idempotent), and the errors JSON names them.
      const stored = report.results.map((r) => ({ index: r.index, id: r.article.id, status: r.status }));
      // `errors` holds the first 100 (the parser's cap); `omittedErrors` counts the rest, so errors.json stays small.
      const omitted = report.omittedErrors ? { omittedErrors: report.omittedErrors } : {};
      const target = await inbox.reject(key, { errors: report.errors, ...omitted, stored });
      rejected++;
      deps.logger.warn('object rejected', { key, rejectedKey: target, errors: report.errors.length });
    } else {
      const target = await inbox.accept(key);
      processed++;
      deps.logger.info('object ingested', { key, processedKey: target, articles: report.results.length });
    }
  }
  return { processed, rejected };
}
