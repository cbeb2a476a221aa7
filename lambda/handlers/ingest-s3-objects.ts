// The ingest function's S3 path (loaded on first use): each incoming/ object → ingest → processed/, or rejected/ + errors JSON.
import type { Logger } from '@aws-lambda-powertools/logger';
import type { S3Event } from 'aws-lambda';
import type { LambdaConfig } from '../adapters/lambda-config.ts';
import { isUnsafeS3Key, S3ResponseError } from '../adapters/s3-http.ts';
import { S3ObjectInbox } from '../adapters/s3-object-inbox.ts';
import { ingestInBatches, type BatchedIngestReport } from '../core/site/ingest-in-batches.ts';
import type { IngestInput, StoreArticlesReport } from '../core/site/store-articles.ts';
import { lambdaS3Options } from './lambda-s3-options.ts';

let inbox: S3ObjectInbox | undefined;

export interface S3IngestDeps {
  config: LambdaConfig;
  logger: Logger;
  ingest(
    input: IngestInput,
  ): Promise<Pick<StoreArticlesReport, 'results' | 'errors'> & { omittedErrors?: number; rejectedArticles?: number }>;
  /** Milliseconds before the function times out (Lambda's `context.getRemainingTimeInMillis`); without it, no budget. */
  remainingMs?: () => number;
  /** Time kept for the last batch and the move when a large object is read in batches. Default 30 s. */
  reserveMs?: number;
  /** A .json/.ndjson/.jsonl object larger than this is streamed and stored in batches of this size. Default 1 MiB. */
  maxBatchBytes?: number;
}

/** Reserve a batched object keeps before the function's timeout: a batch of 250 articles and the move take seconds. */
const DEFAULT_RESERVE_MS = 30_000;

/**
 * A large object could not be finished within the function's time budget. Thrown (never a silent partial), so Lambda
 * retries the event and, after its retries, sends it to the ingest dead-letter queue; the object stays in `incoming/`
 * and every article stored so far stays stored (a retry finds them unchanged).
 */
export class IngestTimeBudgetError extends Error {
  constructor(
    readonly key: string,
    readonly report: Pick<BatchedIngestReport, 'nextIndex' | 'sent' | 'batches'>,
    readonly remainingMs: number,
  ) {
    super(
      `${key}: not finished within the function's time budget (${remainingMs} ms left): ${report.sent} articles sent in ${report.batches} batches, ` +
        `stopped before element ${report.nextIndex}; the object stays in incoming/ for the retry (split it if it keeps failing)`,
    );
    this.name = 'IngestTimeBudgetError';
  }
}

/** The format of an object read in batches when large, by its name. */
function batchFormatOf(name: string): 'json' | 'ndjson' | undefined {
  const ext = /\.([a-z]+)$/i.exec(name)?.[1]?.toLowerCase();
  return ext === 'json' ? 'json' : ext === 'ndjson' || ext === 'jsonl' ? 'ndjson' : undefined;
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
      object = await inbox.open(key);
    } catch (error) {
      if (isMissing(error)) {
        deps.logger.info('object already handled', { key });
        continue;
      }
      throw error;
    }
    const maxBatchBytes = deps.maxBatchBytes ?? 1024 * 1024;
    const format = batchFormatOf(object.name);
    let report: { errors: unknown[]; omittedErrors?: number; stored: Array<{ index: number; id: string; status: string }> };
    if (format && (object.size === undefined || object.size > maxBatchBytes)) {
      report = await ingestObjectInBatches(key, object.name, object.chunks(), format, maxBatchBytes, deps);
    } else {
      const whole = await deps.ingest({ body: await object.bytes(), name: object.name });
      report = {
        errors: whole.errors,
        ...(whole.omittedErrors ? { omittedErrors: whole.omittedErrors } : {}),
        stored: whole.results.map((r) => ({ index: r.index, id: r.article.id, status: r.status })),
      };
    }
    if (report.errors.length > 0) {
      // Same rule as the local incoming/ folder: any invalid article sends the file to rejected/. Its valid
      // articles are already stored (re-sending the fixed file is idempotent), and the errors JSON names them.
      // `errors` holds the first 100 (the parser's cap); `omittedErrors` counts the rest, so errors.json stays small.
      const omitted = report.omittedErrors ? { omittedErrors: report.omittedErrors } : {};
      const target = await inbox.reject(key, { errors: report.errors, ...omitted, stored: report.stored });
      rejected++;
      deps.logger.warn('object rejected', { key, rejectedKey: target, errors: report.errors.length });
    } else {
      const target = await inbox.accept(key);
      processed++;
      deps.logger.info('object ingested', { key, processedKey: target, articles: report.stored.length });
    }
  }
  return { processed, rejected };
}

/**
 * A large JSON or NDJSON object: streamed from S3 and stored a batch at a time (memory: one batch and the list of
 * stored ids). Before each batch the time budget is checked; when it is short, `IngestTimeBudgetError` is thrown.
 */
async function ingestObjectInBatches(
  key: string,
  name: string,
  chunks: AsyncIterable<Uint8Array>,
  format: 'json' | 'ndjson',
  maxBatchBytes: number,
  deps: S3IngestDeps,
) {
  const reserve = deps.reserveMs ?? DEFAULT_RESERVE_MS;
  const stored: Array<{ index: number; id: string; status: string }> = [];
  const report = await ingestInBatches(chunks, {
    name,
    format,
    maxBatchBytes,
    ingest: (input) => deps.ingest(input),
    onBatch(outcome, indices) {
      for (const r of outcome.results) stored.push({ index: indices[r.index] ?? r.index, id: r.article.id, status: r.status });
    },
    canContinue: () => !deps.remainingMs || deps.remainingMs() > reserve,
  });
  if (!report.done) {
    const error = new IngestTimeBudgetError(key, report, deps.remainingMs?.() ?? 0);
    deps.logger.error('object not finished in time; the event will be retried, then sent to the dead-letter queue', {
      key,
      nextIndex: report.nextIndex,
      sent: report.sent,
      batches: report.batches,
    });
    throw error;
  }
  deps.logger.info('object read in batches', { key, batches: report.batches, sent: report.sent });
  return { errors: report.errors, ...(report.omittedErrors ? { omittedErrors: report.omittedErrors } : {}), stored };
}
