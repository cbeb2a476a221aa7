// Lambda composition root: re-render every feed, the index and the stylesheet from the table (schedule and on demand), streaming: memory does not grow with the archive.
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Context } from 'aws-lambda';
import { systemClock } from '../adapters/system-clock.ts';
import { createSiteService } from '../core/site/site-service.ts';
import type { FeedPublisher } from '../ports/feed-publisher.ts';
import { createHandlerRuntime, flushMetrics } from './handler-runtime.ts';
import { createS3FeedPublisher, invalidateArchivePages } from './create-s3-feed-publisher.ts';
import { pingWebSubHub } from './ping-websub-hub.ts';
import { recordingPublisher, type RecordingPublisher } from './recording-publisher.ts';

const { config, logger, metrics, store, dynamo } = createHandlerRuntime('rebuild');
// S3 over aws4fetch rather than @aws-sdk/client-s3: ≈ −40 ms of cold start (bench/cold-start.bench.ts).
const versioned = createS3FeedPublisher(config, dynamo);
const recording = recordingPublisher(versioned);

export interface RebuildResult {
  documents: number;
  written: number;
  removed: number;
  renderMs: number;
}

/** A current feed document (not an archive page): a WebSub topic. */
const TOPIC = /^feeds\/[^/]+\.(rss|atom|json)$/;

/**
 * Counts what `inner` really wrote and removed, draining its record after every call, so a rebuild of a large archive
 * keeps two numbers and the WebSub topics (current feed documents: three per feed), not every path it wrote.
 */
function tallying(inner: RecordingPublisher) {
  // Archive pages changed: kept up to 16 (more than 15 become one wildcard invalidation anyway), so memory stays flat.
  const tally = { written: 0, removed: 0, topics: new Set<string>(), archive: new Set<string>() };
  const drain = () => {
    const { written, removed } = inner.take();
    tally.written += written.length;
    tally.removed += removed.length;
    for (const p of [...written, ...removed]) {
      if (TOPIC.test(p)) tally.topics.add(p);
      else if (p.includes('/archive/') && tally.archive.size < 16) tally.archive.add(p);
    }
  };
  const publisher: FeedPublisher & { get?: RecordingPublisher['get'] } = {
    publish: (doc) => inner.publish(doc).finally(drain),
    remove: (path) => inner.remove(path).finally(drain),
    ...(inner.get ? { get: inner.get } : {}),
  };
  return { publisher, tally };
}

/**
 * Re-renders the whole site with `site.rebuildAll()`: each feed is streamed from the table page by page and its pages
 * published as they fill, so the function holds O(itemLimit + archivePageSize + one store page) articles whatever the
 * archive's size. Unchanged documents are not rewritten (hash compare), so a rebuild of a consistent site writes
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
    const site = createSiteService({ store, publisher, config: config.site, clock: systemClock, retainDocuments: false });
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
    const invalidation = await invalidateArchivePages(config, [...tally.archive]);
    if (invalidation.error) logger.warn('archive invalidation failed', { error: invalidation.error });
    if (config.hubUrl && tally.topics.size > 0) {
      // The edge keeps current documents EDGE_TTL_SECONDS: after that, every edge serves what was just published.
      const edgeTtl = Number(process.env.EDGE_TTL_SECONDS ?? '0');
      if (edgeTtl > 0) await new Promise((r) => setTimeout(r, Math.min(edgeTtl, 60) * 1000));
      const ping = await pingWebSubHub(
        config.hubUrl,
        [...tally.topics].map((p) => `${config.site.baseUrl}${encodeURI(p)}`),
      );
      if (!ping.ok) logger.warn('hub ping failed', { hub: config.hubUrl, ...ping });
    }
    return { documents: report.documents, written: tally.written, removed: tally.removed, renderMs };
  } finally {
    flushMetrics(metrics);
    logger.resetKeys();
  }
}
