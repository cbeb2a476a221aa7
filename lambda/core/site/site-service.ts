// The site service: ingest articles, keep every feed rendered, publish and cache the documents. A facade over one file per job. Pure: ports only, no node:http/fs/AWS.
import type { Article } from '../articles/article.ts';
import type { Clock } from '../clock.ts';
import type { SiteConfig } from '../config/index.ts';
import { groupArticlesByFeed, isFeedPublished, type FeedSummary } from '../feeds/index.ts';
import type { ArticleStore } from '../../ports/article-store.ts';
import type { FeedDocument } from '../feeds/feed-document.ts';
import type { FeedPublisher } from '../../ports/feed-publisher.ts';
import { createFeedSummaryBook } from './feed-summaries.ts';
import { createPublishedDocuments } from './published-documents.ts';
import { rebuildAll, type RebuildReport } from './rebuild-all.ts';
import { renderChanges, type ArticleChangeImages } from './render-changes.ts';
import { renderWholeFeed } from './render-whole-feed.ts';
import { listWholeFeed, type SiteContext } from './site-context.ts';
import { storeArticles, type IngestInput, type StoreArticlesReport } from './store-articles.ts';
import { SerialQueue } from '../serial-queue.ts';

export type { IngestInput } from './store-articles.ts';
export { feedKeysOfChange, type ArticleChangeImages } from './render-changes.ts';
export { RebuildConflictError } from './rebuild-all.ts';

/**
 * What one ingest did. Each article stands alone: the valid ones are stored (`results`), every
 * problem of the invalid ones is in `errors`, and nothing of a rejected article is stored.
 */
export interface IngestReport extends Omit<StoreArticlesReport, 'affectedFeeds' | 'changes'> {
  /** Feed keys re-rendered because of this ingest. */
  renderedFeeds: string[];
}

export interface SiteServiceOptions {
  store: ArticleStore;
  /** Where rendered documents are also written (a folder locally, S3 in the cloud). */
  publisher?: FeedPublisher | undefined;
  config: SiteConfig;
  clock: Clock;
  /** Zone article dates are read in when they name none. Default `config.timeZone`. */
  timeZone?: string;
  /** Largest body `ingest` accepts. Default 1 MiB. */
  maxBodyBytes?: number;
  /**
   * Keep every rendered document in memory for `getDocument` / `documentPaths` (the local server serves from it).
   * Default true. False (the Lambda functions, which publish to S3 and serve from there): no document body is kept,
   * only the hash and Last-Modified of the most recent 10,000 paths, so a warm process still moves Last-Modified forward.
   */
  retainDocuments?: boolean;
}

export interface SiteService {
  /**
   * Stores the articles, then renders what they change (incrementally, as `renderChanges`) together with every write
   * whose render failed before: a write the store accepted stays pending until a render of it succeeds, and each
   * later ingest (one whose articles are all unchanged included), delete or `renderPending` tries it again.
   * `render: false` stores only; the writes stay pending.
   */
  ingest(input: IngestInput, options?: { render?: boolean }): Promise<IngestReport>;
  /** Renders the writes still pending (a render that failed, or `ingest` with `render: false`); returns the documents. */
  renderPending(): Promise<FeedDocument[]>;
  /** How many accepted writes are not rendered yet. */
  pendingWrites(): number;
  /**
   * Re-renders what these writes change, reading only what that needs: for each published feed they touch, the
   * current page and the archive pages from the oldest changed position on (plus the page before, whose `next`
   * link may move), then the index. `only` limits it to some of the touched feeds. Same store, same bytes as
   * `renderAll`.
   */
  renderChanges(changes: Iterable<ArticleChangeImages>, options?: { only?: Iterable<string> }): Promise<FeedDocument[]>;
  /** Re-renders these feeds from the store (and the index); a feed with no articles left is removed. */
  renderFeeds(keys: Iterable<string>): Promise<FeedDocument[]>;
  /** Re-renders every feed, the index and the stylesheet from the store, holding the whole site; returns every document. Clears what was pending. */
  renderAll(): Promise<FeedDocument[]>;
  /**
   * Re-renders every feed, the index and the stylesheet like `renderAll` (same published bytes, same stale pages
   * removed), streaming: each feed is read newest-first page by page and its pages are published as they fill, so
   * memory stays O(itemLimit + archivePageSize + one store page + number of feeds) whatever the archive's size.
   * Returns counts, not documents. Throws `RebuildConflictError` when a feed changes under it three tries running.
   */
  rebuildAll(): Promise<RebuildReport>;
  /** Deletes an article and re-renders its feeds; returns it, or undefined when there was none. */
  deleteArticle(id: string): Promise<Article | undefined>;
  /** The current rendered document at a site path, from the in-memory cache. */
  getDocument(path: string): FeedDocument | undefined;
  /** Every cached document path, sorted. */
  documentPaths(): string[];
  /** The feeds that currently have articles. */
  feedSummaries(): FeedSummary[];
}

/** Writes rendered together by `renderPending` (the most a DynamoDB stream batch holds). */
const PENDING_BATCH = 100;

/**
 * Creates the site service shared by the local server and the Lambda handlers. Renders are serialized,
 * and each reads the store after the writes that caused it, so the last render always shows the last write.
 *
 * @example
 * const site = createSiteService({ store, config, clock: systemClock });
 * await site.renderAll();
 * const rebuilt = createSiteService({ store, publisher, config, clock: systemClock, retainDocuments: false });
 * (await rebuilt.rebuildAll()).documents //=> 42 (every document published, none kept in memory)
 * await site.renderChanges([{ before: previousVersion, after: storedVersion }]); // only the pages this edit can change
 * const report = await site.ingest({ body: JSON.stringify(article), format: 'json' });
 * report.results[0].status //=> 'created'
 * site.getDocument('feeds/all.rss')?.contentType //=> 'application/rss+xml; charset=utf-8'
 */
export function createSiteService(options: SiteServiceOptions): SiteService {
  const { store, config, clock } = options;
  const timeZone = options.timeZone ?? config.timeZone;
  const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024;
  const docs = createPublishedDocuments({ publisher: options.publisher, clock, retain: options.retainDocuments ?? true });
  const summaries = createFeedSummaryBook({ store, config, docs });
  const ctx: SiteContext = { store, config, docs, summaries };
  const renders = new SerialQueue();
  /** Accepted writes not rendered yet, oldest first: kept until a render of them succeeds. */
  const pending: ArticleChangeImages[] = [];

  /** Runs renders one at a time, in call order. */
  function serialized<T>(task: () => Promise<T>): Promise<T> {
    return renders.run(task);
  }

  function renderFeeds(keys: Iterable<string>): Promise<FeedDocument[]> {
    const wanted = [...new Set(keys)].filter((k) => isFeedPublished(config, k));
    return serialized(async () => {
      const out: FeedDocument[] = [];
      await summaries.ensure();
      for (const key of wanted) await renderWholeFeed(ctx, key, await listWholeFeed(store, key), out);
      await summaries.writeIndex(out);
      return out;
    });
  }

  /**
   * Renders the pending writes, a batch (as a change stream delivers them) at a time; each batch leaves the list only
   * once its render succeeded. Runs inside the render queue.
   */
  async function renderPendingNow(): Promise<FeedDocument[]> {
    const out: FeedDocument[] = [];
    while (pending.length > 0) {
      const batch = pending.slice(0, PENDING_BATCH);
      out.push(...(await renderChanges(ctx, batch, undefined)));
      pending.splice(0, batch.length);
    }
    return out;
  }

  function renderAll(): Promise<FeedDocument[]> {
    return serialized(async () => {
      // Everything stored before the listing below is in it: what is pending now is rendered by this render.
      const covered = pending.length;
      const out: FeedDocument[] = [];
      const previous = await summaries.previousKeys(docs.feedPaths.keys());
      const byKey = groupArticlesByFeed(config, await listWholeFeed(store, 'all'));
      summaries.restart();
      for (const [key, list] of byKey) await renderWholeFeed(ctx, key, list, out);
      for (const key of previous) if (!byKey.has(key)) await renderWholeFeed(ctx, key, [], out);
      summaries.restyle();
      await summaries.writeIndex(out);
      pending.splice(0, covered);
      return out;
    });
  }

  async function ingest(input: IngestInput, opts: { render?: boolean } = {}): Promise<IngestReport> {
    const { affectedFeeds, changes, ...stored } = await storeArticles(input, { store, config, clock, timeZone, maxBodyBytes });
    pending.push(...changes);
    if (opts.render !== false && pending.length > 0) await serialized(renderPendingNow);
    return { ...stored, renderedFeeds: affectedFeeds };
  }

  async function deleteArticle(id: string): Promise<Article | undefined> {
    const gone = await store.delete(id);
    if (gone) pending.push({ before: gone });
    if (pending.length > 0) await serialized(renderPendingNow);
    return gone;
  }

  return {
    ingest,
    renderChanges: (changes, opts = {}) => {
      const list = [...changes];
      const only = opts.only ? new Set(opts.only) : undefined;
      return serialized(() => renderChanges(ctx, list, only));
    },
    renderFeeds,
    renderAll,
    rebuildAll: () =>
      serialized(async () => {
        const covered = pending.length;
        const report = await rebuildAll(ctx);
        pending.splice(0, covered);
        return report;
      }),
    renderPending: () => serialized(renderPendingNow),
    pendingWrites: () => pending.length,
    deleteArticle,
    getDocument: (path) => docs.get(path),
    documentPaths: () => docs.paths(),
    feedSummaries: () => summaries.list(),
  };
}
