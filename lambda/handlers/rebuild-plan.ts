// Lambda composition root: the scheduled first half of a fanned-out rebuild: the index from one listing, then the feeds in batches and the article pages in slices onto the rebuild queue.
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Context } from 'aws-lambda';
import { LambdaConfigError } from '../adapters/lambda-config.ts';
import { SqsFeedBatchQueue } from '../adapters/sqs-feed-batch-queue.ts';
import { batchPlannedFeeds } from '../core/site/rebuild-all.ts';
import { flushMetrics } from './handler-runtime.ts';
import { defaultProvider } from './lambda-credential-provider.ts';
import { announceRebuild, createRebuildRuntime } from './rebuild-publishing.ts';

/**
 * Articles per worker batch (REBUILD_BATCH_ARTICLES): a batch of feeds holding this many articles in all is about
 * 3 × (1 + articles / archivePageSize) documents, which a worker rebuilds well inside its timeout at the measured
 * per-document time (docs/deploy.md, "Rebuild fan-out").
 */
const DEFAULT_BATCH_ARTICLES = 20_000;
/** Feeds per batch at most (REBUILD_BATCH_FEEDS): many small feeds still make one message of bounded size. */
const DEFAULT_BATCH_FEEDS = 200;
/** Store pages (1,000 articles each) of article pages per worker message (REBUILD_ARTICLE_SLICE_PAGES). */
const DEFAULT_ARTICLE_SLICE_PAGES = 20;

const rebuild = createRebuildRuntime('rebuild-plan');
const { config, logger, metrics } = rebuild;
const queueUrl = process.env.REBUILD_QUEUE_URL?.trim();
if (!queueUrl) throw new LambdaConfigError('REBUILD_QUEUE_URL', 'is not set');
if (!config.region) throw new LambdaConfigError('AWS_REGION', 'is not set');
const queue = new SqsFeedBatchQueue({
  queueUrl,
  region: config.region,
  credentials: defaultProvider(),
  ...(process.env.AWS_ENDPOINT_URL_SQS ? { endpoint: process.env.AWS_ENDPOINT_URL_SQS } : {}),
});
const batchArticles = Number(process.env.REBUILD_BATCH_ARTICLES ?? DEFAULT_BATCH_ARTICLES);
const batchFeeds = Number(process.env.REBUILD_BATCH_FEEDS ?? DEFAULT_BATCH_FEEDS);
const articleSlicePages = Number(process.env.REBUILD_ARTICLE_SLICE_PAGES ?? DEFAULT_ARTICLE_SLICE_PAGES);

export interface RebuildPlanResult {
  documents: number;
  feeds: number;
  batches: number;
  renderMs: number;
}

/**
 * Lists the table once: publishes the index, feeds.opml, the summaries and the stylesheet (as a whole rebuild would),
 * then sends the feeds to the rebuild queue in batches of about REBUILD_BATCH_ARTICLES articles ("all" alone when it
 * is larger) and the article pages in slices of REBUILD_ARTICLE_SLICE_PAGES store pages, where `rebuild-feeds` workers
 * pick them up. The event is not read.
 *
 * @example
 * aws lambda invoke --function-name <RebuildPlanFunctionName> out.json  // out.json: {"feeds":2000,"batches":12,…}
 */
export async function handler(_event?: unknown, context?: Context): Promise<RebuildPlanResult> {
  if (context) logger.addContext(context);
  logger.setCorrelationId(context?.awsRequestId);
  const started = performance.now();
  try {
    const { site, tally } = rebuild.startRun();
    const plan = await site.planRebuild({ articleSlicePages });
    const batches = [
      ...batchPlannedFeeds(plan.feeds, batchArticles, batchFeeds).map((feeds) => ({ feeds })),
      ...plan.articleSlices.map((articles) => ({ articles })),
    ];
    await queue.send(batches);
    const renderMs = Math.round(performance.now() - started);
    metrics.addMetric('RebuildBatchesQueued', MetricUnit.Count, batches.length);
    logger.info('rebuild planned', { ...plan.report, batches: batches.length, written: tally.written, renderMs });
    await announceRebuild(config, tally, logger);
    return { documents: plan.report.documents, feeds: plan.feeds.length, batches: batches.length, renderMs };
  } finally {
    flushMetrics(metrics);
    logger.resetKeys();
  }
}
