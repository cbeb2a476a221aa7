// Lambda composition root: DynamoDB stream batch → re-render only the touched feeds' affected pages → S3 → WebSub ping.
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Context, DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { articleFromDynamoImage } from '../adapters/dynamodb-article-store.ts';
import { systemClock } from '../adapters/system-clock.ts';
import { feedNameOf } from '../core/feeds/feed-keys.ts';
import { webSubTopicUrls } from '../core/feeds/websub-topics.ts';
import { createSiteService } from '../core/site/site-service.ts';
import { createHandlerRuntime, flushMetrics } from './handler-runtime.ts';
import { createS3FeedPublisher, invalidateArchivePages } from './create-s3-feed-publisher.ts';
import { pingWebSubHub } from '../adapters/ping-websub-hub.ts';
import { recordingPublisher } from './recording-publisher.ts';
import { renderStreamBatch } from './render-stream-batch.ts';

const { config, logger, metrics, store, dynamo } = createHandlerRuntime('render');
// S3 over aws4fetch rather than @aws-sdk/client-s3: ≈ −40 ms of cold start (bench/cold-start.bench.ts).
const versioned = createS3FeedPublisher(config, dynamo);
const publisher = recordingPublisher(versioned);
// Every render re-reads the feed summaries from S3 (one GET), the top of each touched feed from the store, and the
// batch's articles by id. No document body is kept between invocations (retainDocuments: false): a warm process only
// remembers the hash and Last-Modified of its last 10,000 paths, so Last-Modified still moves forward on an edit.
const site = createSiteService({ store, publisher, config: config.site, clock: systemClock, retainDocuments: false });

/** How long CloudFront may still serve the previous bytes of a current document (the stack sets EDGE_TTL_SECONDS). */
function edgeTtlMs(): number {
  const s = Number(process.env.EDGE_TTL_SECONDS ?? '0');
  return Number.isFinite(s) && s > 0 ? Math.min(s, 60) * 1000 : 0;
}

/**
 * Handles one stream batch; returns the partial-batch failures (sequence numbers) for Lambda to retry.
 *
 * @example
 * await handler({ Records: [insertRecord, poisonRecord] }, context)
 * //=> { batchItemFailures: [{ itemIdentifier: poisonRecord.dynamodb.SequenceNumber }] }
 */
export async function handler(event: DynamoDBStreamEvent, context?: Context): Promise<DynamoDBBatchResponse> {
  if (context) logger.addContext(context);
  logger.setCorrelationId(event.Records[0]?.eventID ?? context?.awsRequestId);
  const started = performance.now();
  try {
    publisher.take();
    // This run's version: taken before any read, so it never claims to have seen more than it did.
    versioned.beginRun(Date.now());
    const outcome = await renderStreamBatch(event.Records, {
      site,
      articleFromImage: articleFromDynamoImage,
      onRecordError: (record, error) =>
        logger.error('stream record could not be read', {
          eventID: record.eventID,
          sequenceNumber: record.dynamodb?.SequenceNumber,
          error: error as Error,
        }),
      onFeedError: (feedKey, error) => logger.error('feed render failed', { feedKey, error: error as Error }),
    });
    const { written, removed } = publisher.take();
    const renderMs = performance.now() - started;
    metrics.addMetric('FeedsRendered', MetricUnit.Count, outcome.rendered.length);
    metrics.addMetric('RenderTime', MetricUnit.Milliseconds, renderMs);
    logger.info('batch rendered', {
      records: event.Records.length,
      relevantRecords: outcome.relevantRecords,
      feeds: outcome.rendered.map(feedNameOf),
      written: written.length,
      removed: removed.length,
      failures: outcome.response.batchItemFailures.length,
      staleSkipped: versioned.staleSkips(),
      renderMs: Math.round(renderMs),
    });
    const invalidation = await invalidateArchivePages(config, [...written, ...removed]);
    if (invalidation.error) logger.warn('archive invalidation failed', { error: invalidation.error });
    else if (invalidation.paths.length > 0) logger.info('archive pages invalidated', { paths: invalidation.paths });
    if (config.hubUrl) {
      const topics = webSubTopicUrls(config.site, [...written, ...removed]);
      if (topics.length > 0) {
        // The edge keeps current documents EDGE_TTL_SECONDS: after that, every edge serves what was just published.
        await new Promise((r) => setTimeout(r, edgeTtlMs()));
        const ping = await pingWebSubHub(config.hubUrl, topics);
        if (ping.ok) logger.info('hub pinged', { hub: config.hubUrl, topics: topics.length, status: ping.status });
        else logger.warn('hub ping failed', { hub: config.hubUrl, ...ping });
      }
    }
    return outcome.response;
  } finally {
    flushMetrics(metrics);
    logger.resetKeys();
  }
}
