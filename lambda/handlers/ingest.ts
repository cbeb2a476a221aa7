// Lambda composition root: POST /articles (API Gateway v2, IAM-authorized) and S3 incoming/ objects → validate → DynamoDB.
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context, S3Event } from 'aws-lambda';
import { apiGatewayV2FromResponse, requestFromApiGatewayV2 } from '../adapters/lambda-http.ts';
import { systemClock } from '../adapters/system-clock.ts';
import { createApp } from '../core/http/create-app.ts';
import { storeArticles, type IngestInput, type StoreArticlesReport } from '../core/site/store-articles.ts';
import { createHandlerRuntime, flushMetrics } from './handler-runtime.ts';
import { rejectedArticleCount } from './rejected-article-count.ts';

const { config, logger, metrics, store } = createHandlerRuntime('ingest');

/**
 * Ingests one body and counts what happened. No rendering: ingest never writes feeds (the table's stream triggers the
 * render function), and `storeArticles` imports no feed renderer, so this bundle carries none.
 */
async function ingest(input: IngestInput): Promise<StoreArticlesReport> {
  const report = await storeArticles(input, { store, config: config.site, clock: systemClock });
  // A batch stores its valid articles and reports the invalid ones; both can happen in one body.
  if (report.errors.length > 0) metrics.addMetric('ArticlesRejected', MetricUnit.Count, rejectedArticleCount(report));
  const stored = report.results.filter((r) => r.status !== 'unchanged').length;
  if (stored > 0 || report.errors.length === 0) metrics.addMetric('ArticlesIngested', MetricUnit.Count, stored);
  if (report.results.length > 0) {
    logger.info('articles ingested', { results: report.results.map((r) => ({ id: r.article.id, status: r.status })) });
  }
  return report;
}

// The same validation and problem+json errors as the local server; API Gateway has already checked the SigV4 signature.
const app = createApp({
  site: { getDocument: () => undefined, ingest },
  config: config.site,
  onError: (error, correlationId) => logger.error('request failed', { correlationId, error: error as Error }),
});

/** Loaded on the S3 path only: the inbox is not needed to answer POST /articles. */
let s3Ingest: Promise<typeof import('./ingest-s3-objects.ts')> | undefined;

function isS3Event(event: unknown): event is S3Event {
  return Array.isArray((event as S3Event).Records) && (event as S3Event).Records.every((r) => r.eventSource === 'aws:s3');
}

/**
 * Takes articles from `POST /articles` (returns the HTTP result) or from `incoming/` objects (moves each to
 * `processed/`, or, when any article in it was invalid, to `rejected/` with `<name>.errors.json` beside it; the valid
 * articles of such a file are stored, as over HTTP; throws on a storage failure so Lambda retries).
 *
 * @example
 * await handler(postEvent('/articles', JSON.stringify(article)))  //=> { statusCode: 201, … }
 * await handler(s3PutEvent(bucket, 'incoming/today.ndjson'))      //=> { processed: 1, rejected: 0 }
 */
export async function handler(
  event: APIGatewayProxyEventV2 | S3Event,
  context?: Context,
): Promise<APIGatewayProxyStructuredResultV2 | { processed: number; rejected: number }> {
  if (context) logger.addContext(context);
  try {
    if (isS3Event(event)) {
      logger.setCorrelationId(event.Records[0]?.responseElements?.['x-amz-request-id'] ?? context?.awsRequestId);
      s3Ingest ??= import('./ingest-s3-objects.ts');
      const { ingestS3Objects } = await s3Ingest;
      // The budget: a large object stops before the function's timeout and fails loudly (retried, then the DLQ).
      const remainingMs = context ? () => context.getRemainingTimeInMillis() : undefined;
      return await ingestS3Objects(event, { config, logger, ingest, ...(remainingMs && { remainingMs }) });
    }
    logger.setCorrelationId(event.requestContext?.requestId);
    return await apiGatewayV2FromResponse(await app.fetch(requestFromApiGatewayV2(event)));
  } finally {
    flushMetrics(metrics);
    logger.resetKeys();
  }
}
