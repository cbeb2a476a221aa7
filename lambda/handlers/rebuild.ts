// Lambda composition root: re-render every feed, the index and the stylesheet from the table (schedule and on demand), streaming: memory does not grow with the archive.
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Context } from 'aws-lambda';
import { flushMetrics } from './handler-runtime.ts';
import { announceRebuild, createRebuildRuntime } from './rebuild-publishing.ts';

const rebuild = createRebuildRuntime('rebuild');
const { config, logger, metrics } = rebuild;

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
    const { site, tally } = rebuild.startRun();
    const report = await site.rebuildAll();
    const renderMs = Math.round(performance.now() - started);
    metrics.addMetric('FeedsRendered', MetricUnit.Count, report.feeds);
    metrics.addMetric('RenderTime', MetricUnit.Milliseconds, renderMs);
    logger.info('site rebuilt', {
      ...report,
      written: tally.written,
      removed: tally.removed,
      staleSkipped: rebuild.staleSkips(),
      renderMs,
    });
    await announceRebuild(config, tally, logger);
    return { documents: report.documents, written: tally.written, removed: tally.removed, renderMs };
  } finally {
    flushMetrics(metrics);
    logger.resetKeys();
  }
}
