// Lambda composition root: a fanned-out rebuild's worker: rebuilds the batch of feeds in each SQS message; a failed batch is retried, then lands in the queue's DLQ.
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { parseFeedBatchMessage } from '../adapters/sqs-feed-batch-queue.ts';
import { flushMetrics } from './handler-runtime.ts';
import { announceRebuild, createRebuildRuntime } from './rebuild-publishing.ts';

const rebuild = createRebuildRuntime('rebuild-feeds');
const { config, logger, metrics } = rebuild;

/**
 * For each message (sent by `rebuild-plan`): `{"feeds":[…]}` rebuilds those feeds as the whole rebuild does,
 * `{"articles":{…}}` publishes that slice of the article pages; with up
 * to REBUILD_CONCURRENCY writes in flight, each publish through the publish ledger at this run's version (an older
 * run never overwrites a newer document). A message that fails is reported in `batchItemFailures` (the event source
 * mapping reports batch item failures), so SQS retries only it and, after its receive count, moves it to the DLQ.
 *
 * @example
 * await handler({ Records: [{ messageId: 'm1', body: '{"feeds":["all"]}' }] }) //=> { batchItemFailures: [] }
 */
export async function handler(event: SQSEvent, context?: Context): Promise<SQSBatchResponse> {
  if (context) logger.addContext(context);
  logger.setCorrelationId(context?.awsRequestId);
  const failures: SQSBatchResponse['batchItemFailures'] = [];
  try {
    for (const record of event.Records) {
      const started = performance.now();
      try {
        const message = parseFeedBatchMessage(record.body);
        const { site, tally } = rebuild.startRun();
        const report = 'feeds' in message ? await site.rebuildFeeds(message.feeds) : await site.rebuildArticlePages(message.articles);
        const renderMs = Math.round(performance.now() - started);
        metrics.addMetric('FeedsRendered', MetricUnit.Count, report.feeds);
        metrics.addMetric('RenderTime', MetricUnit.Milliseconds, renderMs);
        logger.info('feeds rebuilt', {
          messageId: record.messageId,
          batch: 'feeds' in message ? message.feeds.length : 'articles',
          ...report,
          written: tally.written,
          renderMs,
        });
        await announceRebuild(config, tally, logger);
      } catch (error) {
        logger.error('feed batch failed', { messageId: record.messageId, error: error instanceof Error ? error.message : String(error) });
        failures.push({ itemIdentifier: record.messageId });
      }
    }
    return { batchItemFailures: failures };
  } finally {
    flushMetrics(metrics);
    logger.resetKeys();
  }
}
