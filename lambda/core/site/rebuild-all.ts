// Streaming rebuild: every feed re-rendered page by page as the store listing fills them, in O(itemLimit + archivePageSize) articles per feed, writes bounded in parallel. Pure: ports only.
import type { Article } from '../articles/article.ts';
import { feedKeysOf } from '../feeds/feed-keys.ts';
import { archiveFeedPage, archivePageSpan, currentFeedPage } from '../feeds/feed-page.ts';
import { FEED_FORMATS, feedPathOf, isFeedPublished, renderFeedPageDocuments, type FeedPage, type FeedSummary } from '../feeds/index.ts';
import type { FeedDocument } from '../feeds/feed-document.ts';
import { TaskPool, type TaskGroup } from '../task-pool.ts';
import { summaryOfPage } from './feed-summaries.ts';
import { pruneFeedPages } from './prune-feed-pages.ts';
import { renderWholeFeed } from './render-whole-feed.ts';
import type { SiteContext } from './site-context.ts';
import { STORE_PAGE } from './store-page.ts';

/** Tries per feed when the feed changes while it is read. */
const REBUILD_TRIES = 3;

/** What `rebuildAll` did, in numbers: it keeps no documents or articles. */
export interface RebuildReport {
  /** Documents published (written, or unchanged and skipped by the publisher), the article pages, index, feeds.opml, stylesheet and summaries included. */
  documents: number;
  /** Feeds rendered (those with articles). */
  feeds: number;
  /** Feeds removed because they no longer have articles. */
  feedsRemoved: number;
  /** Articles listed from the store, over both passes and every redo. */
  articlesRead: number;
  /** Feed listings read again because the feed changed while it was read. */
  redone: number;
  /** The most articles held at once while rendering a feed (≤ itemLimit + archivePageSize): the memory bound. */
  peakBuffered: number;
}

/** Some feeds (or article pages) failed while the others were rebuilt: each failure is in `errors`, by what failed. */
export class RebuildFailedError extends AggregateError {
  constructor(readonly failures: ReadonlyArray<{ feedKey: string; error: unknown }>) {
    super(
      failures.map((f) => f.error),
      `rebuild: ${failures.length} part(s) failed, the rest was published: ` +
        failures
          .slice(0, 10)
          .map((f) => `${JSON.stringify(f.feedKey)}: ${f.error instanceof Error ? f.error.message : String(f.error)}`)
          .join('; '),
    );
    this.name = 'RebuildFailedError';
  }
}

/** A feed kept changing while the rebuild read it, every try: its pages may be stale until the next render or rebuild. */
export class RebuildConflictError extends Error {
  constructor(
    readonly feedKey: string,
    readonly tries: number,
    readonly counted: number,
    readonly listed: number,
  ) {
    super(
      `rebuild: feed ${JSON.stringify(feedKey)} changed while it was read, ${tries} tries running (last: counted ${counted} members, listed ${listed}); ` +
        'run the rebuild again once writes settle',
    );
    this.name = 'RebuildConflictError';
  }
}

/**
 * One feed, one try: streams the listing newest-first and publishes the current page, then archive pages
 * complete..1 as each fills, given the member count `counted`. Holds only the articles a page still needs
 * (≤ itemLimit + archivePageSize). When the listing turns out longer or shorter than `counted` (a write meanwhile),
 * the pages published are wrong and the caller tries again; `listed` says so.
 */
async function streamFeedPages(
  ctx: SiteContext,
  key: string,
  counted: number,
  seen: (a: Article) => void,
  report: RebuildReport,
  published: (archive: number) => void,
  writes: TaskGroup,
): Promise<{ listed: number; summary?: FeedSummary }> {
  const { store, config, docs } = ctx;
  const complete = Math.floor(counted / config.archivePageSize);
  let buffer: Article[] = [];
  /** Newest-first position of buffer[0]. */
  let base = 0;
  let listed = 0;
  let next = complete;
  let summary: FeedSummary | undefined;
  let cursor: string | undefined;
  const publish = async (page: FeedPage) => {
    for (const doc of renderFeedPageDocuments(config, [page])) {
      // Waits for a free slot only: the write runs beside the listing, and its error is read at the feed's end.
      await writes.submit(() => docs.put(doc));
      report.documents++;
    }
  };
  do {
    const page = await store.listFeed(key, { limit: STORE_PAGE, ...(cursor ? { cursor } : {}) });
    report.articlesRead += page.items.length;
    cursor = page.cursor;
    for (const a of page.items) {
      seen(a);
      if (++listed > counted) return { listed };
      buffer.push(a);
      report.peakBuffered = Math.max(report.peakBuffered, buffer.length);
      if (!summary && listed === Math.min(config.itemLimit, counted)) {
        const current = currentFeedPage(config, key, counted, buffer);
        await publish(current);
        summary = summaryOfPage(config, key, current, counted);
      }
      if (!summary) continue;
      for (
        let span = archivePageSpan(config, counted, next);
        next >= 1 && listed >= span.end;
        span = archivePageSpan(config, counted, --next)
      ) {
        await publish(archiveFeedPage(config, key, counted, next, buffer.slice(span.start - base, span.end - base)));
        published(next);
      }
      const keepFrom = next >= 1 ? archivePageSpan(config, counted, next).start : listed;
      if (keepFrom > base) {
        buffer = buffer.slice(keepFrom - base);
        base = keepFrom;
      }
    }
  } while (cursor);
  return { listed, ...(summary ? { summary } : {}) };
}

/**
 * One feed: counts it (keys only), streams its pages, and tries again when the listing and the count disagree; then
 * removes pages past the new count (and the feed's current documents when it is empty).
 */
async function rebuildFeed(
  ctx: SiteContext,
  key: string,
  seen: (a: Article) => void,
  report: RebuildReport,
  pool: TaskPool,
): Promise<number> {
  const { store, config, docs, summaries } = ctx;
  let highest = 0;
  for (let attempt = 1; ; attempt++) {
    const counted = await store.countFeed(key);
    const writes = pool.group();
    let streamed: Awaited<ReturnType<typeof streamFeedPages>>;
    try {
      streamed = await streamFeedPages(
        ctx,
        key,
        counted,
        seen,
        report,
        (k) => {
          highest = Math.max(highest, k);
        },
        writes,
      );
    } catch (error) {
      await writes.settled();
      throw error;
    }
    // Every write of this try has settled before a retry or the prune touches the same paths.
    const failed = await writes.settled();
    if (failed.length > 0) throw failed[0];
    const { listed, summary } = streamed;
    if (listed !== counted) {
      if (attempt >= REBUILD_TRIES) throw new RebuildConflictError(key, attempt, counted, listed);
      report.redone++;
      continue;
    }
    const complete = Math.floor(counted / config.archivePageSize);
    // `highest`: pages an earlier try published under a larger count, when nothing could be probed.
    await pruneFeedPages(docs, key, { keepCurrent: counted > 0, archivesKept: complete, publishedUpTo: highest });
    if (summary) summaries.set(key, summary);
    else summaries.delete(key);
    if (docs.retain && counted > 0) {
      const paths = new Set<string>();
      for (let n = 0; n <= complete; n++) for (const f of FEED_FORMATS) paths.add(feedPathOf(key, f, n === 0 ? undefined : n));
      docs.feedPaths.set(key, paths);
    } else docs.feedPaths.delete(key);
    return counted;
  }
}

/** How many writes (and feeds) a rebuild keeps in flight when the context names none: one, as before the pool. */
const DEFAULT_CONCURRENCY = 1;

/**
 * Rebuilds the feeds `keys` (which may grow while this runs: `seen` appends), up to `pool.limit` feeds at a time, every
 * write through `pool`. A feed that fails is recorded in `failures` and the others go on.
 */
async function rebuildFeedList(
  ctx: SiteContext,
  keys: string[],
  seen: (a: Article) => void,
  report: RebuildReport,
  pool: TaskPool,
  onDone: (key: string, counted: number) => void,
): Promise<Array<{ feedKey: string; error: unknown }>> {
  const failures: Array<{ feedKey: string; error: unknown }> = [];
  const running = new Set<Promise<void>>();
  let next = 0;
  while (next < keys.length || running.size > 0) {
    while (next < keys.length && running.size < pool.limit) {
      const key = keys[next++]!;
      const run: Promise<void> = rebuildFeed(ctx, key, seen, report, pool).then(
        (counted) => onDone(key, counted),
        (error: unknown) => {
          failures.push({ feedKey: key, error });
        },
      );
      running.add(run);
      void run.then(() => running.delete(run));
    }
    // A finished feed may have queued new keys (`seen`): look again.
    if (running.size > 0) await Promise.race(running);
  }
  return failures;
}

/** One failure as itself (its own class, e.g. `RebuildConflictError`), several as a `RebuildFailedError`. */
function failureOf(failures: ReadonlyArray<{ feedKey: string; error: unknown }>): unknown {
  return failures.length === 1 ? failures[0]!.error : new RebuildFailedError(failures);
}

/**
 * Re-renders every feed, the index and the stylesheet, streaming (see `SiteService.rebuildAll`). Runs inside the site
 * service's render queue. Up to `ctx.concurrency` writes are in flight (feeds rendered side by side, each feed's pages
 * written while its listing goes on); a feed that fails does not stop the others: its summary from the first pass is
 * kept in the index, and the run throws once everything else is published (`RebuildFailedError` for several).
 *
 * @example
 * (await rebuildAll(ctx)).documents //=> 42
 */
export async function rebuildAll(ctx: SiteContext): Promise<RebuildReport> {
  const { config, docs, summaries } = ctx;
  const pool = new TaskPool(ctx.concurrency ?? DEFAULT_CONCURRENCY);
  const started = ctx.clock().toISOString();
  const report = emptyReport();
  const previous = await summaries.previousKeys(docs.feedPaths.keys());
  // Pass 1: the feeds there are (O(feeds) memory). Pass 2 takes each feed's summary from the page it publishes.
  // Pass 1 also publishes each article's page as it is listed.
  const { scan, failures } = await scanWithArticlePages(ctx, pool, report);
  summaries.restart();
  // "all" first, even when pass 1 found nothing: its listing shows every article written since, and so every new feed.
  const keys = [...new Set([...(isFeedPublished(config, 'all') ? ['all'] : []), ...scan.summaries.keys()])];
  const queued = new Set(keys);
  // A feed that gains its first article after pass 1 shows in the listings pass 2 reads.
  const seen = (a: Article) => {
    for (const k of feedKeysOf(a)) {
      if (queued.has(k) || !isFeedPublished(config, k)) continue;
      queued.add(k);
      keys.push(k);
    }
  };
  const feedFailures = await rebuildFeedList(ctx, keys, seen, report, pool, (key, counted) => {
    if (counted > 0) report.feeds++;
    else if (previous.has(key)) report.feedsRemoved++;
  });
  for (const { feedKey } of feedFailures) {
    // Its pages are as the last good run left them: the index keeps listing it as pass 1 found it.
    const found = scan.summaries.get(feedKey);
    if (found) summaries.set(feedKey, found);
  }
  failures.push(...feedFailures);
  for (const key of previous) {
    if (queued.has(key)) continue;
    await renderWholeFeed(ctx, key, [], []);
    report.feedsRemoved++;
  }
  await finishRun(ctx, started, report, failures);
  return report;
}

/**
 * The end of a whole or planned rebuild: the article pages changed while it ran, then the index, feeds.opml, the
 * summaries and the stylesheet; throws every feed failure collected on the way (the rest is published).
 */
async function finishRun(
  ctx: SiteContext,
  started: string,
  report: RebuildReport,
  failures: ReadonlyArray<{ feedKey: string; error: unknown }>,
): Promise<void> {
  report.documents += await ctx.articlePages.syncFromChangeLog(started);
  ctx.summaries.restyle();
  const out: FeedDocument[] = [];
  await ctx.summaries.writeIndex(out);
  report.documents += out.length;
  if (failures.length > 0) throw failureOf(failures);
}

function emptyReport(): RebuildReport {
  return { documents: 0, feeds: 0, feedsRemoved: 0, articlesRead: 0, redone: 0, peakBuffered: 0 };
}

/**
 * Pass 1: one listing of the store, summarizing every feed and publishing each article's page (writes through `pool`);
 * with `slicePages`, the article pages are not published but cut into slices of that many store pages for workers.
 */
async function scanWithArticlePages(ctx: SiteContext, pool: TaskPool, report: RebuildReport, slicePages?: number) {
  const pages = pool.group();
  const slices: ArticleSlice[] = [];
  let listed = 0;
  const scan = await ctx.summaries.scan(async (items, from) => {
    if (slicePages !== undefined) {
      if (listed++ % slicePages === 0 && items.length > 0) slices.push({ ...(from !== undefined ? { from } : {}), pages: slicePages });
      return;
    }
    for (const a of items) await pages.submit(() => ctx.articlePages.publish([a]));
    report.documents += items.length;
  });
  report.articlesRead += scan.read;
  const failures = (await pages.settled()).map((error) => ({ feedKey: 'articles/', error }));
  return { scan, failures, slices };
}

/** A run of the store's listing of every article: `pages` store pages from cursor `from` (the start when absent). */
export interface ArticleSlice {
  from?: string;
  pages: number;
}

/**
 * A fanned-out rebuild's article pages, one slice: lists `slice.pages` store pages of every article from `slice.from`
 * and publishes each article's page (writes bounded by `ctx.concurrency`).
 *
 * @example
 * (await rebuildArticlePages(ctx, { pages: 20 })).documents //=> 20000
 */
export async function rebuildArticlePages(ctx: SiteContext, slice: ArticleSlice): Promise<RebuildReport> {
  const pool = new TaskPool(ctx.concurrency ?? DEFAULT_CONCURRENCY);
  const writes = pool.group();
  const report = emptyReport();
  let cursor = slice.from;
  for (let n = 0; n < slice.pages; n++) {
    const page = await ctx.store.listFeed('all', { limit: STORE_PAGE, ...(cursor !== undefined ? { cursor } : {}) });
    report.articlesRead += page.items.length;
    for (const a of page.items) await writes.submit(() => ctx.articlePages.publish([a]));
    report.documents += page.items.length;
    cursor = page.cursor;
    if (cursor === undefined) break;
  }
  const failures = (await writes.settled()).map((error) => ({ feedKey: 'articles/', error }));
  if (failures.length > 0) throw failureOf(failures);
  return report;
}

/** One feed of a fanned-out rebuild plan, with its size (articles) to batch by. */
export interface PlannedFeed {
  key: string;
  articles: number;
}

/** What the planning step of a fanned-out rebuild did and the feeds it leaves to the workers. */
export interface RebuildPlan {
  /** Every feed to rebuild: the published ones with articles ("all" first), then those that emptied (0 articles: removed). */
  feeds: PlannedFeed[];
  /** The article pages left to workers (`rebuildArticlePages`), when the plan was asked to slice them; else none. */
  articleSlices: ArticleSlice[];
  report: RebuildReport;
}

/**
 * The first half of a fanned-out rebuild (see `rebuildFeeds` for the second): lists the store once, publishes every
 * article page (or, with `articleSlicePages`, cuts them into slices for `rebuildArticlePages`), then the index, feeds.opml, the summaries and the stylesheet from that listing (the summaries a
 * whole rebuild would take from each feed's current page: the same bytes), and returns the feeds for the workers.
 * A feed that gains its first article after the listing is not in the plan: the stream render publishes it.
 *
 * @example
 * (await planRebuild(ctx)).feeds[0] //=> { key: 'all', articles: 1250 }
 */
export async function planRebuild(ctx: SiteContext, options: { articleSlicePages?: number } = {}): Promise<RebuildPlan> {
  const { config, docs, summaries } = ctx;
  const pool = new TaskPool(ctx.concurrency ?? DEFAULT_CONCURRENCY);
  const started = ctx.clock().toISOString();
  const report = emptyReport();
  const previous = await summaries.previousKeys(docs.feedPaths.keys());
  const { scan, failures, slices } = await scanWithArticlePages(ctx, pool, report, options.articleSlicePages);
  summaries.restart();
  const feeds: PlannedFeed[] = [];
  if (isFeedPublished(config, 'all')) feeds.push({ key: 'all', articles: scan.summaries.get('all')?.total ?? 0 });
  for (const [key, summary] of scan.summaries) {
    summaries.set(key, summary);
    if (key !== 'all') feeds.push({ key, articles: summary.total ?? summary.itemCount });
  }
  for (const key of previous) if (!scan.summaries.has(key)) feeds.push({ key, articles: 0 });
  report.feeds = scan.summaries.size;
  await finishRun(ctx, started, report, failures);
  return { feeds, articleSlices: slices, report };
}

/**
 * The second half of a fanned-out rebuild: rebuilds these feeds exactly as `rebuildAll` does (streamed, writes bounded
 * by `ctx.concurrency`), and removes the pages of those that have no articles left. Leaves the index alone.
 *
 * @example
 * (await rebuildFeeds(ctx, ['all', 'category:سياسة'])).feeds //=> 2
 */
export async function rebuildFeeds(ctx: SiteContext, keys: readonly string[]): Promise<RebuildReport> {
  const pool = new TaskPool(ctx.concurrency ?? DEFAULT_CONCURRENCY);
  const report = emptyReport();
  const failures = await rebuildFeedList(
    ctx,
    [...keys],
    () => {},
    report,
    pool,
    (_key, counted) => {
      if (counted > 0) report.feeds++;
      else report.feedsRemoved++;
    },
  );
  if (failures.length > 0) throw failureOf(failures);
  return report;
}

/**
 * Packs planned feeds into batches of at most `maxArticles` articles each (a feed larger than that alone in its
 * batch), largest first, so each worker's run is about the same length; at most `maxFeeds` feeds per batch.
 *
 * @example
 * batchPlannedFeeds([{ key: 'all', articles: 900 }, { key: 'a', articles: 400 }, { key: 'b', articles: 500 }], 1000, 50)
 * //=> [['all'], ['b', 'a']]
 */
export function batchPlannedFeeds(feeds: readonly PlannedFeed[], maxArticles: number, maxFeeds: number): string[][] {
  const batches: Array<{ keys: string[]; articles: number }> = [];
  for (const feed of [...feeds].sort((a, b) => b.articles - a.articles)) {
    // First fit over the open batches (largest first keeps the count of batches near the minimum).
    const open = batches.find((b) => b.keys.length < maxFeeds && b.articles + feed.articles <= maxArticles);
    if (open) {
      open.keys.push(feed.key);
      open.articles += feed.articles;
    } else batches.push({ keys: [feed.key], articles: feed.articles });
  }
  return batches.map((b) => b.keys);
}
