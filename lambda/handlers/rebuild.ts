// Lambda composition root: re-render every feed, the index and the stylesheet from the table (schedule and on demand), streaming: memory does not grow with the archive.
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Context } from 'aws-lambda';
import { systemClock } from '../adapters/system-clock.ts';
import { createSiteService } from '../core/site/site-service.ts';
import { createHandlerRuntime, flushMetrics } from './handler-runtime.ts';
import { createS3FeedPublisher } from './create-s3-feed-publisher.ts';
import { recordingPublisher } from './recording-publisher.ts';
import { announceRebuild, rebuildConcurrencyOf, tallying } from './rebuild-publishing.ts';

const { config, logger, metrics, store, dynamo } = createHandlerRuntime('rebuild');
// S3 over aws4fetch rather than @aws-sdk/client-s3: ≈ −40 ms of cold start (bench/cold-start.bench.ts).
const versioned = createS3FeedPublisher(config, dynamo);
const recording = recordingPublisher(versioned);
const concurrency = rebuildConcurrencyOf(process.env);

export interface RebuildResult {
  documents: number;
  written: number;
  removed: number;
  renderMs: number;
}

/**
 * Re-renders the whole site with `site.rebuildAll()`: each feed is streamed from the table page by page and its pages
 * published as they fill, so the function holds O(itemLimit + archivePageSize + one store page) articles whatever the
 * archive's size, with up to REBUILD_CONCURRENCY writes in flight (default 16). Unchanged documents are not rewritten (hash compare), so a rebuild of a consistent site writes
 * nothing. The event (EventBridge schedule or a manual invoke) is not read. A feed that keeps changing while it is
 * read fails the run (`RebuildConflictError`); EventBridge retries it.
 *
 * @example
 * aws lambda invoke --function-name <RebuildFunctionName> out.json  // out.json: {"documents":42,"written":0,…}
 */
export async function handler(_event?: unknown, context?: Context): Promise<RebuildResult> {
  if (context) logger.addContext(context);
  logger.setCorrelationId(context?.awsRequestId);
  const started = performance.now();
  try {
    recording.take();
    // This run's version: taken before any read; a render that read later wins over this run's older view.
    versioned.beginRun(Date.now());
    const { publisher, tally } = tallying(recording);
    // A fresh service per run: nothing cached from an earlier run can hide a change; nothing rendered is kept.
    const site = createSiteService({
      store,
      publisher,
      config: config.site,
      clock: systemClock,
      retainDocuments: false,
      rebuildConcurrency: concurrency,
    });
    const report = await site.rebuildAll();
    const renderMs = Math.round(performance.now() - started);
    metrics.addMetric('FeedsRendered', MetricUnit.Count, report.feeds);
    metrics.addMetric('RenderTime', MetricUnit.Milliseconds, renderMs);
    logger.info('site rebuilt', {
      ...report,
      written: tally.written,
      removed: tally.removed,
      staleSkipped: versioned.staleSkips(),
      renderMs,
    });
    await announceRebuild(config, tally, logger);
    return { documents: report.documents, written: tally.written, removed: tally.removed, renderMs };
  } finally {
    flushMetrics(metrics);
    logger.resetKeys();
  }
}
