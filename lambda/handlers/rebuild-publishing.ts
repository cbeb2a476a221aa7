// What the rebuild handlers share: their runtime (store, versioned S3 publisher, write bound), a run's site service and tally of what was really written, and the edge invalidation and hub ping after a run.
import type { Logger } from '@aws-lambda-powertools/logger';
import type { LambdaConfig } from '../adapters/lambda-config.ts';
import { LambdaConfigError } from '../adapters/lambda-config.ts';
import type { FeedPublisher } from '../ports/feed-publisher.ts';
import { invalidateArchivePages } from './create-s3-feed-publisher.ts';
import { pingWebSubHub } from '../adapters/ping-websub-hub.ts';
import { isWebSubTopic, webSubTopicUrls } from '../core/feeds/websub-topics.ts';
import { systemClock } from '../adapters/system-clock.ts';
import { createSiteService, type SiteService } from '../core/site/site-service.ts';
import { createHandlerRuntime, type HandlerRuntime } from './handler-runtime.ts';
import { createS3FeedPublisher } from './create-s3-feed-publisher.ts';
import { recordingPublisher, type RecordingPublisher } from './recording-publisher.ts';

/** Writes in flight per rebuild process when REBUILD_CONCURRENCY is unset (bench/rebuild-scale.bench.ts). */
export const DEFAULT_REBUILD_CONCURRENCY = 16;

/**
 * REBUILD_CONCURRENCY: the writes (S3 and ledger requests) a rebuild process keeps in flight, 1–256.
 *
 * @example
 * rebuildConcurrencyOf({ REBUILD_CONCURRENCY: '32' }) //=> 32
 * rebuildConcurrencyOf({}) //=> 16
 */
export function rebuildConcurrencyOf(env: Record<string, string | undefined>): number {
  const raw = env.REBUILD_CONCURRENCY?.trim();
  if (!raw) return DEFAULT_REBUILD_CONCURRENCY;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 256)
    throw new LambdaConfigError('REBUILD_CONCURRENCY', `must be a whole number from 1 to 256, got ${JSON.stringify(raw)}`);
  return n;
}

export interface RebuildTally {
  written: number;
  removed: number;
  topics: Set<string>;
  archive: Set<string>;
}

/**
 * Counts what `inner` really wrote and removed, draining its record after every call, so a rebuild of a large archive
 * keeps two numbers and the WebSub topics (current feed documents: three per feed), not every path it wrote.
 *
 * @example
 * const { publisher, tally } = tallying(recordingPublisher(s3));
 * await publisher.publish(doc); tally.written //=> 1
 */
export function tallying(inner: RecordingPublisher) {
  // Archive pages changed: kept up to 16 (more than 15 become one wildcard invalidation anyway), so memory stays flat.
  const tally: RebuildTally = { written: 0, removed: 0, topics: new Set<string>(), archive: new Set<string>() };
  const drain = () => {
    const { written, removed } = inner.take();
    tally.written += written.length;
    tally.removed += removed.length;
    for (const p of [...written, ...removed]) {
      if (isWebSubTopic(p)) tally.topics.add(p);
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
 * After a run: invalidates the changed archive pages at the edge, then (once the edge's TTL of current documents is up)
 * pings the hub for the current feed documents written. Failures are logged, never thrown: the documents are published.
 *
 * @example
 * await announceRebuild(config, tally, logger); // CloudFront invalidation of archive pages, then the hub ping
 */
export async function announceRebuild(config: LambdaConfig, tally: RebuildTally, logger: Logger): Promise<void> {
  const invalidation = await invalidateArchivePages(config, [...tally.archive]);
  if (invalidation.error) logger.warn('archive invalidation failed', { error: invalidation.error });
  if (config.hubUrl && tally.topics.size > 0) {
    // The edge keeps current documents EDGE_TTL_SECONDS: after that, every edge serves what was just published.
    const edgeTtl = Number(process.env.EDGE_TTL_SECONDS ?? '0');
    if (edgeTtl > 0) await new Promise((r) => setTimeout(r, Math.min(edgeTtl, 60) * 1000));
    const ping = await pingWebSubHub(config.hubUrl, webSubTopicUrls(config.site, tally.topics));
    if (!ping.ok) logger.warn('hub ping failed', { hub: config.hubUrl, ...ping });
  }
}

/**
 * A rebuild handler's cold-start setup and its runs. `startRun()` begins a run: it clears the record, takes this run's
 * version before any read (a render that read later wins over this run's older view), and returns a fresh site service
 * (nothing cached from an earlier run can hide a change; nothing rendered is kept) and the run's tally.
 *
 * @example
 * const rebuild = createRebuildRuntime('rebuild');
 * const { site, tally } = rebuild.startRun(); await site.rebuildAll(); await announceRebuild(rebuild.config, tally, rebuild.logger);
 */
export function createRebuildRuntime(
  functionName: string,
): HandlerRuntime & { startRun(): { site: SiteService; tally: RebuildTally }; staleSkips(): number } {
  const runtime = createHandlerRuntime(functionName);
  // S3 over aws4fetch rather than @aws-sdk/client-s3: ≈ −40 ms of cold start (bench/cold-start.bench.ts).
  const versioned = createS3FeedPublisher(runtime.config, runtime.dynamo);
  const recording = recordingPublisher(versioned);
  const concurrency = rebuildConcurrencyOf(process.env);
  return {
    ...runtime,
    /** Publishes skipped because the stored document was rendered from a newer version. */
    staleSkips: () => versioned.staleSkips(),
    startRun() {
      recording.take();
      versioned.beginRun(Date.now());
      const { publisher, tally } = tallying(recording);
      const site = createSiteService({
        store: runtime.store,
        publisher,
        config: runtime.config.site,
        clock: systemClock,
        retainDocuments: false,
        rebuildConcurrency: concurrency,
      });
      return { site, tally };
    },
  };
}
