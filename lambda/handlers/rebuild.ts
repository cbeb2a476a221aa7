// Lambda composition root: re-render every feed, the index and the stylesheet from the table (schedule and on demand).
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Context } from 'aws-lambda';
import { systemClock } from '../adapters/system-clock.ts';
import { createSiteService } from '../core/site/site-service.ts';
import { createHandlerRuntime, flushMetrics } from './handler-runtime.ts';
import { createS3FeedPublisher } from './create-s3-feed-publisher.ts';
import { pingWebSubHub } from './ping-websub-hub.ts';
import { recordingPublisher } from './recording-publisher.ts';

const { config, logger, metrics, store } = createHandlerRuntime('rebuild');
// S3 over aws4fetch rather than @aws-sdk/client-s3: ≈ −40 ms of cold start (bench/cold-start.bench.ts).
const publisher = recordingPublisher(createS3FeedPublisher(config));

export interface RebuildResult {
  documents: number;
  written: number;
  removed: number;
  renderMs: number;
}

/**
 * Re-renders the whole site. Unchanged documents are not rewritten (hash compare), so a rebuild of a
 * consistent site writes nothing. The event (EventBridge schedule or a manual invoke) is not read.
 *
 * @example
 * aws lambda invoke --function-name <RebuildFunctionName> out.json  // out.json: {"documents":42,"written":0,…}
 */
export async function handler(_event?: unknown, context?: Context): Promise<RebuildResult> {
  if (context) logger.addContext(context);
  logger.setCorrelationId(context?.awsRequestId);
  const started = performance.now();
  try {
    publisher.take();
    // A fresh service per run: nothing cached from an earlier run can hide a change.
    const site = createSiteService({ store, publisher, config: config.site, clock: systemClock });
    const docs = await site.renderAll();
    const { written, removed } = publisher.take();
    const renderMs = Math.round(performance.now() - started);
    metrics.addMetric('FeedsRendered', MetricUnit.Count, site.feedSummaries().length);
    metrics.addMetric('RenderTime', MetricUnit.Milliseconds, renderMs);
    logger.info('site rebuilt', { documents: docs.length, written: written.length, removed: removed.length, renderMs });
    const topics = [...written, ...removed].filter((p) => /^feeds\/[^/]+\.(rss|atom|json)$/.test(p));
    if (config.hubUrl && topics.length > 0) {
      const ping = await pingWebSubHub(config.hubUrl, topics.map((p) => `${config.site.baseUrl}${encodeURI(p)}`));
      if (!ping.ok) logger.warn('hub ping failed', { hub: config.hubUrl, ...ping });
    }
    return { documents: docs.length, written: written.length, removed: removed.length, renderMs };
  } finally {
    flushMetrics(metrics);
    logger.resetKeys();
  }
}
