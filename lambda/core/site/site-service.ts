// The site service: ingest articles, keep every feed rendered, publish and cache the documents. A facade over one file per job. Pure: ports only, no node:http/fs/AWS.
import type { Article } from '../articles/article.ts';
import type { Clock } from '../clock.ts';
import type { SiteConfig } from '../config/index.ts';
import { groupArticlesByFeed, isFeedPublished, type FeedSummary } from '../feeds/index.ts';
import type { ArticleStore } from '../../ports/article-store.ts';
import type { FeedDocument } from '../feeds/feed-document.ts';
import type { FeedPublisher } from '../../ports/feed-publisher.ts';
import { configFingerprintOf } from '../feeds/fragment-cache.ts';
import { FEED_SUMMARIES_PATH } from './feed-summaries-document.ts';
import { createArticlePages } from './article-pages.ts';
import { createFeedSummaryBook } from './feed-summaries.ts';
import { parseRenderState, RENDER_STATE_PATH, renderRenderStateDocument } from './render-state.ts';
import { createPublishedDocuments } from './published-documents.ts';
import {
  planRebuild,
  rebuildAll,
  rebuildArticlePages,
  rebuildFeeds,
  type ArticleSlice,
  type RebuildPlan,
  type RebuildReport,
} from './rebuild-all.ts';
import { renderChanges, type ArticleChangeImages } from './render-changes.ts';
import { renderWholeFeed } from './render-whole-feed.ts';
import { listWholeFeed, type SiteContext } from './site-context.ts';
import { storeArticles, type IngestInput, type StoreArticlesReport } from './store-articles.ts';
import { SerialQueue } from '../serial-queue.ts';

export type { IngestInput } from './store-articles.ts';
export { feedKeysOfChange, type ArticleChangeImages } from './render-changes.ts';
export { RebuildConflictError, RebuildFailedError } from './rebuild-all.ts';

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
  /** Writes (and feeds) `rebuildAll`, `planRebuild` and `rebuildFeeds` keep in flight at once. Default 1. */
  rebuildConcurrency?: number;
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
   * Start-up: when the published site is marked rendered through the store's current change position (a clean stop
   * over an unchanged store), renders nothing; else renders every feed (`rebuildAll` when documents are not retained,
   * `renderAll` when they are) and marks it. Needs a store with `changePosition` and a publisher that reads back;
   * without them it always renders. Returns whether it rendered.
   */
  resume(): Promise<{ rendered: boolean }>;
  /**
   * At a clean stop: marks the published site rendered through the store's current position, if nothing is pending
   * and every change since `resume` was rendered by this process (a write by another process leaves it unmarked, so
   * the next start renders). Returns whether it marked.
   */
  markRendered(): Promise<boolean>;
  /**
   * Re-renders what these writes change, reading only what that needs: for each published feed they touch, the
   * current page and the archive pages from the oldest changed position on (plus the page before, whose `next`
   * link may move), then the index. `only` limits it to some of the touched feeds. Same store, same bytes as
   * `renderAll`.
   */
  renderChanges(changes: Iterable<ArticleChangeImages>, options?: { only?: Iterable<string> }): Promise<FeedDocument[]>;
  /** Re-renders these feeds from the store (and the index); a feed with no articles left is removed. */
  renderFeeds(keys: Iterable<string>): Promise<FeedDocument[]>;
  /**
   * Re-renders every feed, every article page, the index, feeds.opml and the stylesheet from the store, holding the whole
   * site; returns every document. Clears what was pending.
   */
  renderAll(): Promise<FeedDocument[]>;
  /**
   * Re-renders every feed, the index and the stylesheet like `renderAll` (same published bytes, same stale pages
   * removed), streaming: each feed is read newest-first page by page and its pages are published as they fill, so
   * memory stays O(itemLimit + archivePageSize + one store page + number of feeds) whatever the archive's size.
   * Returns counts, not documents. Throws `RebuildConflictError` when a feed changes under it three tries running.
   */
  rebuildAll(): Promise<RebuildReport>;
  /**
   * A fanned-out rebuild's first half: the article pages and the index from one listing, and the feeds left to rebuild
   * (`rebuildFeeds`, in any number of processes). Together: the bytes of `rebuildAll`.
   */
  planRebuild(options?: { articleSlicePages?: number }): Promise<RebuildPlan>;
  /** A fanned-out rebuild's article pages, one slice of the plan. */
  rebuildArticlePages(slice: ArticleSlice): Promise<RebuildReport>;
  /** A fanned-out rebuild's second half: rebuilds these feeds (or removes them, when empty) as `rebuildAll` does. */
  rebuildFeeds(keys: readonly string[]): Promise<RebuildReport>;
  /** Deletes an article, re-renders its feeds and removes its page; returns it, or undefined when there was none. */
  deleteArticle(id: string): Promise<Article | undefined>;
  /** The current rendered document at a site path, from the in-memory cache. */
  getDocument(path: string): FeedDocument | undefined;
  /**
   * Whether a document (a feed page, an article page) was published at `path` and removed since: known to this
   * process, or, after `resume`, to an earlier one (kept in `feeds/_site/removed-documents.json`, the latest 10,000).
   */
  wasRemoved(path: string): boolean;
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
  const articlePages = createArticlePages({ config, store, output: { put: docs.put, drop: docs.drop } });
  const ctx: SiteContext = {
    store,
    config,
    docs,
    summaries,
    articlePages,
    clock,
    ...(options.rebuildConcurrency !== undefined ? { concurrency: options.rebuildConcurrency } : {}),
  };
  const renders = new SerialQueue();
  /** Accepted writes not rendered yet, oldest first: kept until a render of them succeeds. */
  const pending: ArticleChangeImages[] = [];
  /** The store position `resume` found the site rendered through, and the ids this process rendered since. */
  let resumedAt: string | undefined;
  const renderedIds = new Set<string>();

  /** Runs renders one at a time, in call order; after each, the removed paths are kept (when this process keeps them). */
  function serialized<T>(task: () => Promise<T>): Promise<T> {
    return renders.run(async () => {
      const result = await task();
      await docs.saveRemoved();
      return result;
    });
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
      for (const c of batch) {
        const id = c.after?.id ?? c.before?.id;
        if (id !== undefined) renderedIds.add(id);
      }
    }
    return out;
  }

  async function resume(): Promise<{ rendered: boolean }> {
    // The process that resumes owns the published site: it also keeps the paths it removed (answered 410 Gone).
    await docs.loadRemoved();
    const position = store.changePosition ? await store.changePosition() : undefined;
    const stateDoc = position !== undefined && docs.source ? await docs.source.get(RENDER_STATE_PATH) : undefined;
    const state = stateDoc ? parseRenderState(stateDoc) : undefined;
    // A config change (another base URL, a renamed feed) changes the pages even over an unchanged store.
    const current =
      state !== undefined &&
      state.through === position &&
      state.config === configFingerprintOf(config) &&
      (await docs.source?.get(FEED_SUMMARIES_PATH)) !== undefined;
    if (!current) {
      if (docs.retain) await renderAll();
      else await serialized(() => rebuildAll(ctx));
      if (position !== undefined && docs.publisher)
        await docs.publisher.publish(renderRenderStateDocument(position, configFingerprintOf(config)));
    } else await summaries.ensure();
    resumedAt = position;
    renderedIds.clear();
    return { rendered: !current };
  }

  async function markRendered(): Promise<boolean> {
    if (resumedAt === undefined || !store.changePosition || !docs.publisher || pending.length > 0) return false;
    const position = await store.changePosition();
    let cursor: string | undefined;
    do {
      const page = await store.listChangedSince(resumedAt.split('#')[0] ?? '', { limit: 1000, ...(cursor ? { cursor } : {}) });
      for (const c of page.items) {
        // Changes at resumedAt's own instant are listed too; those up to the position itself were rendered before.
        if (`${c.at}#${c.id}` > resumedAt && !renderedIds.has(c.id)) return false;
      }
      cursor = page.cursor;
    } while (cursor);
    await docs.publisher.publish(renderRenderStateDocument(position, configFingerprintOf(config)));
    return true;
  }

  function renderAll(): Promise<FeedDocument[]> {
    return serialized(async () => {
      // Everything stored before the listing below is in it: what is pending now is rendered by this render.
      const covered = pending.length;
      const out: FeedDocument[] = [];
      const previous = await summaries.previousKeys(docs.feedPaths.keys());
      const started = clock().toISOString();
      const all = await listWholeFeed(store, 'all');
      const byKey = groupArticlesByFeed(config, all);
      await articlePages.publish(all, out);
      await articlePages.syncFromChangeLog(started);
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
    planRebuild: (opts) => serialized(() => planRebuild(ctx, opts)),
    rebuildArticlePages: (slice) => serialized(() => rebuildArticlePages(ctx, slice)),
    rebuildFeeds: (keys) => serialized(() => rebuildFeeds(ctx, keys)),
    renderPending: () => serialized(renderPendingNow),
    resume,
    markRendered,
    pendingWrites: () => pending.length,
    deleteArticle,
    getDocument: (path) => docs.get(path),
    wasRemoved: (path) => docs.wasRemoved(path),
    documentPaths: () => docs.paths(),
    feedSummaries: () => summaries.list(),
  };
}
