// Streaming rebuild: every feed re-rendered page by page as the store listing fills them, in O(itemLimit + archivePageSize) articles. Pure: ports only.
import type { Article } from '../articles/article.ts';
import { feedKeysOf } from '../feeds/feed-keys.ts';
import { archiveFeedPage, archivePageSpan, currentFeedPage } from '../feeds/feed-page.ts';
import { FEED_FORMATS, feedPathOf, isFeedPublished, renderFeedPageDocuments, type FeedPage, type FeedSummary } from '../feeds/index.ts';
import type { FeedDocument } from '../feeds/feed-document.ts';
import { summaryOfPage } from './feed-summaries.ts';
import { pruneFeedPages } from './prune-feed-pages.ts';
import { renderWholeFeed } from './render-whole-feed.ts';
import type { SiteContext } from './site-context.ts';
import { STORE_PAGE } from './store-page.ts';

/** Tries per feed when the feed changes while it is read. */
const REBUILD_TRIES = 3;

/** What `rebuildAll` did, in numbers: it keeps no documents or articles. */
export interface RebuildReport {
  /** Documents published (written, or unchanged and skipped by the publisher), the index, stylesheet and summaries included. */
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
      await docs.put(doc);
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
        summary = summaryOfPage(config, key, current);
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
async function rebuildFeed(ctx: SiteContext, key: string, seen: (a: Article) => void, report: RebuildReport): Promise<number> {
  const { store, config, docs, summaries } = ctx;
  let highest = 0;
  for (let attempt = 1; ; attempt++) {
    const counted = await store.countFeed(key);
    const { listed, summary } = await streamFeedPages(ctx, key, counted, seen, report, (k) => {
      highest = Math.max(highest, k);
    });
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

/**
 * Re-renders every feed, the index and the stylesheet, streaming (see `SiteService.rebuildAll`). Runs inside the site
 * service's render queue.
 *
 * @example
 * (await rebuildAll(ctx)).documents //=> 42
 */
export async function rebuildAll(ctx: SiteContext): Promise<RebuildReport> {
  const { config, docs, summaries } = ctx;
  const report: RebuildReport = { documents: 0, feeds: 0, feedsRemoved: 0, articlesRead: 0, redone: 0, peakBuffered: 0 };
  const previous = await summaries.previousKeys(docs.feedPaths.keys());
  // Pass 1: the feeds there are (O(feeds) memory). Pass 2 takes each feed's summary from the page it publishes.
  const scan = await summaries.scan();
  report.articlesRead += scan.read;
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
  // `keys` grows while it is walked (see `seen`), so a plain for…of over the array also visits the feeds added.
  for (const key of keys) {
    if ((await rebuildFeed(ctx, key, seen, report)) > 0) report.feeds++;
    else if (previous.has(key)) report.feedsRemoved++;
  }
  for (const key of previous) {
    if (queued.has(key)) continue;
    await renderWholeFeed(ctx, key, [], []);
    report.feedsRemoved++;
  }
  summaries.restyle();
  const out: FeedDocument[] = [];
  await summaries.writeIndex(out);
  report.documents += out.length;
  return report;
}
