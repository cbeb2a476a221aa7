// The site service: ingest articles, keep every feed rendered, publish and cache the documents. Pure: ports only, no node:http/fs/AWS.
import type { Article } from '../articles/article.ts';
import type { Clock } from '../clock.ts';
import type { SiteConfig } from '../config/index.ts';
import { feedKeysOf } from '../feeds/feed-keys.ts';
import {
  FEED_FORMATS,
  feedPathOf,
  feedTitleOf,
  groupArticlesByFeed,
  isFeedPublished,
  compareFeedOrder,
  paginateFeed,
  paginateFeedWindow,
  renderFeedDocuments,
  renderFeedPageDocuments,
  renderIndexDocument,
  renderOpmlDocument,
  renderStylesheetDocument,
  type FeedPage,
  type FeedSummary,
} from '../feeds/index.ts';
import { archiveFeedPage, archivePageSpan, currentFeedPage, FeedNameTally, updatedIsoOf, updatedMsOf } from '../feeds/feed-page.ts';
import type { ArticleStore } from '../../ports/article-store.ts';
import { FEED_SUMMARIES_PATH, parseFeedSummaries, renderFeedSummariesDocument } from './feed-summaries-document.ts';
import type { FeedDocument, FeedDocumentSource, FeedPublisher } from '../../ports/feed-publisher.ts';
import { storeArticles, type IngestInput, type StoreArticlesReport } from './store-articles.ts';
import { createArticlePages } from './article-pages.ts';

export type { IngestInput, IngestResult } from './store-articles.ts';

/**
 * What one ingest did. Each article stands alone: the valid ones are stored (`results`), every
 * problem of the invalid ones is in `errors`, and nothing of a rejected article is stored.
 */
export interface IngestReport extends Omit<StoreArticlesReport, 'affectedFeeds'> {
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

/** One write as a change stream reports it: the article before and after (absent for an insert / a delete). */
export interface ArticleChangeImages {
  before?: Article | undefined;
  after?: Article | undefined;
}

export interface SiteService {
  ingest(input: IngestInput, options?: { render?: boolean }): Promise<IngestReport>;
  /**
   * Re-renders what these writes change, reading only what that needs: for each published feed they touch, the
   * current page and the archive pages from the oldest changed position on (plus the page before, whose `next`
   * link may move), then the index. `only` limits it to some of the touched feeds. Same store, same bytes as
   * `renderAll`.
   */
  renderChanges(changes: Iterable<ArticleChangeImages>, options?: { only?: Iterable<string> }): Promise<FeedDocument[]>;
  /** Re-renders these feeds from the store (and the index); a feed with no articles left is removed. */
  renderFeeds(keys: Iterable<string>): Promise<FeedDocument[]>;
  /** Re-renders every feed, the index and the stylesheet from the store, holding the whole site; returns every document. */
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

const PAGE = 1000;
/** Paths whose hash and Last-Modified a process that does not retain documents remembers (≈ 200 bytes each). */
const RECENT_PATHS = 10_000;
/** Tries per feed in `rebuildAll` when the feed changes while it is read. */
const REBUILD_TRIES = 3;

/**
 * The feed keys a change touches, published or not: those of the before and after images.
 *
 * @example
 * feedKeysOfChange({ before: inPolitics, after: movedToSports }) //=> ['all', 'category:سياسة', 'category:رياضة']
 */
export function feedKeysOfChange(change: ArticleChangeImages): string[] {
  const keys = new Set<string>();
  if (change.before) for (const k of feedKeysOf(change.before)) keys.add(k);
  if (change.after) for (const k of feedKeysOf(change.after)) keys.add(k);
  return [...keys];
}

/** The later of two positions in feed order (the one listed after the other). */
function olderOf<T extends Pick<Article, 'id' | 'published'>>(a: T | undefined, b: T): T {
  return a === undefined || compareFeedOrder(b, a) > 0 ? b : a;
}

/** "all" first, then the other feeds by key (the order the index lists them in). */
function byFeedOrder(a: FeedSummary, b: FeedSummary): number {
  if (a.key === 'all' || b.key === 'all') return a.key === 'all' ? -1 : b.key === 'all' ? 1 : 0;
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

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
  const { store, publisher, config, clock } = options;
  const timeZone = options.timeZone ?? config.timeZone;
  const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024;
  const retain = options.retainDocuments ?? true;
  const documents = new Map<string, FeedDocument>();
  /** Without retained documents: the hash and Last-Modified of recently published paths, oldest first (bounded). */
  const recent = new Map<string, Pick<FeedDocument, 'hash' | 'lastModified'>>();
  /** Paths rendered for each feed key, to remove archive pages that no longer exist. */
  const feedPaths = new Map<string, Set<string>>();
  let summaries: Map<string, FeedSummary> | undefined;
  let stylesheetDone = false;
  let queue: Promise<unknown> = Promise.resolve();

  /** Runs renders one at a time, in call order. */
  function serialized<T>(task: () => Promise<T>): Promise<T> {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
  }

  async function listAll(key: string): Promise<Article[]> {
    const out: Article[] = [];
    let cursor: string | undefined;
    do {
      const page = await store.listFeed(key, { limit: PAGE, ...(cursor ? { cursor } : {}) });
      out.push(...page.items);
      cursor = page.cursor;
    } while (cursor);
    return out;
  }

  /**
   * Last-Modified is the newest item's time, but a feed also changes without a newer item (a
   * backdated article, an edit, a deletion). Then the date must still move forward, or a client
   * revalidating with If-Modified-Since alone would get 304 for changed content: use the later of
   * the clock and one second past the previous date.
   */
  function withMovingLastModified(doc: FeedDocument): FeedDocument {
    const prev = documents.get(doc.path) ?? recent.get(doc.path);
    if (prev && prev.hash === doc.hash) return sameLastModified(doc, prev.lastModified);
    if (!prev || !doc.lastModified || !prev.lastModified) return doc;
    const prevMs = Date.parse(prev.lastModified);
    if (Date.parse(doc.lastModified) > prevMs) return doc;
    const moved = Math.max(clock().getTime(), Math.floor(prevMs / 1000) * 1000 + 1000);
    return { ...doc, lastModified: new Date(moved).toISOString() };
  }

  function sameLastModified(doc: FeedDocument, lastModified: string | undefined): FeedDocument {
    if (doc.lastModified === lastModified) return doc;
    const { lastModified: _dropped, ...rest } = doc;
    return lastModified === undefined ? rest : { ...rest, lastModified };
  }

  function remember(doc: FeedDocument): void {
    if (retain) {
      documents.set(doc.path, doc);
      return;
    }
    recent.delete(doc.path);
    recent.set(doc.path, { hash: doc.hash, ...(doc.lastModified !== undefined ? { lastModified: doc.lastModified } : {}) });
    if (recent.size > RECENT_PATHS) recent.delete(recent.keys().next().value as string);
  }

  async function put(rendered: FeedDocument): Promise<FeedDocument> {
    const doc = withMovingLastModified(rendered);
    remember(doc);
    if (publisher) await publisher.publish(doc);
    return doc;
  }

  async function drop(path: string): Promise<void> {
    documents.delete(path);
    recent.delete(path);
    if (publisher) await publisher.remove(path);
  }

  function summaryOfPage(key: string, current: FeedPage | undefined, total?: number): FeedSummary {
    const items = current?.items.length ?? 0;
    return {
      key,
      title: current?.title ?? feedTitleOf(config, key),
      itemCount: items,
      ...(total !== undefined ? { total } : {}),
      ...(current && items > 0 ? { lastModified: current.updated } : {}),
    };
  }

  function summaryOf(key: string, articles: Article[]): FeedSummary {
    return summaryOfPage(key, paginateFeed(config, key, articles)[0], new Set(articles.map((a) => a.id)).size);
  }

  const articlePages = createArticlePages({ config, store, output: { put, drop } });

  /** A publisher that can read back what it holds (folder, S3): used to find pages an earlier process left. */
  const source =
    publisher && typeof (publisher as Partial<FeedDocumentSource>).get === 'function'
      ? (publisher as FeedPublisher & FeedDocumentSource)
      : undefined;

  /**
   * This process never rendered `key`, so it does not know which pages an earlier run published.
   * Archive pages are numbered from the oldest: remove pages after the last one kept while they exist.
   */
  async function dropEarlierPages(key: string, archivesKept: number, currentKept: boolean): Promise<void> {
    if (!publisher) return;
    if (!currentKept) for (const f of FEED_FORMATS) await publisher.remove(feedPathOf(key, f));
    if (!source) return;
    for (let n = archivesKept + 1; n <= archivesKept + 10_000; n++) {
      if (!(await source.get(feedPathOf(key, 'rss', n)))) break;
      for (const f of FEED_FORMATS) await publisher.remove(feedPathOf(key, f, n));
    }
  }

  async function writeFeed(key: string, articles: Article[], out: FeedDocument[]): Promise<void> {
    const known = feedPaths.has(key);
    const before = feedPaths.get(key) ?? new Set<string>();
    if (articles.length === 0) {
      for (const p of before) await drop(p);
      if (!known) await dropEarlierPages(key, 0, false);
      feedPaths.delete(key);
      summaries?.delete(key);
      return;
    }
    const docs = renderFeedDocuments(config, key, articles);
    if (!known) {
      const archivePrefix = feedPathOf(key, 'rss', 0).replace(/0\.rss$/, '');
      const archives = docs.filter((d) => d.path.startsWith(archivePrefix) && d.path.endsWith('.rss')).length;
      await dropEarlierPages(key, archives, true);
    }
    const now = new Set<string>();
    for (const doc of docs) {
      now.add(doc.path);
      out.push(await put(doc));
    }
    for (const p of before) if (!now.has(p)) await drop(p);
    feedPaths.set(key, now);
    summaries?.set(key, summaryOf(key, articles));
  }

  /**
   * The index's feed summaries. A process that has none yet reads them from the summaries document an earlier render
   * published (one GET), and reads the whole store only when that document is missing or unreadable.
   */
  async function ensureSummaries(): Promise<Map<string, FeedSummary>> {
    if (summaries) return summaries;
    const doc = source ? await source.get(FEED_SUMMARIES_PATH) : undefined;
    const stored = doc ? parseFeedSummaries(config, doc) : undefined;
    summaries = stored ? new Map(stored.map((f) => [f.key, f])) : (await scanFeeds()).summaries;
    return summaries;
  }

  /**
   * Streams the "all" listing newest-first, one store page at a time, keeping per published feed only its member
   * count and what its summary needs (the current page's item count and newest time, as `summaryOf` gives them):
   * O(number of feeds) memory, whatever the archive's size.
   */
  async function scanFeeds(onPage?: (items: Article[]) => Promise<void>): Promise<{ summaries: Map<string, FeedSummary>; read: number }> {
    const seen = new Map<string, { members: number; newestMs: number; names: FeedNameTally }>();
    let read = 0;
    let cursor: string | undefined;
    do {
      const page = await store.listFeed('all', { limit: PAGE, ...(cursor ? { cursor } : {}) });
      if (onPage) await onPage(page.items);
      for (const a of page.items) {
        read++;
        for (const key of feedKeysOf(a)) {
          if (!isFeedPublished(config, key)) continue;
          let feed = seen.get(key);
          if (!feed) seen.set(key, (feed = { members: 0, newestMs: Number.NEGATIVE_INFINITY, names: new FeedNameTally(key) }));
          // Listed newest first: a feed's first itemLimit members are its current page (its time and its title's name).
          if (feed.members < config.itemLimit) {
            feed.newestMs = Math.max(feed.newestMs, updatedMsOf(a));
            feed.names.add(a);
          }
          feed.members++;
        }
      }
      cursor = page.cursor;
    } while (cursor);
    const found = new Map<string, FeedSummary>();
    for (const [key, feed] of seen) {
      found.set(key, {
        key,
        title: feedTitleOf(config, key, feed.names),
        itemCount: Math.min(feed.members, config.itemLimit),
        total: feed.members,
        lastModified: updatedIsoOf(feed.newestMs),
      });
    }
    return { summaries: found, read };
  }

  /** Feeds published before this render: those this process rendered or summarized, and those in the published summaries (a fresh process). */
  async function previousFeedKeys(): Promise<Set<string>> {
    const keys = new Set<string>([...feedPaths.keys(), ...(summaries?.keys() ?? [])]);
    const doc = source ? await source.get(FEED_SUMMARIES_PATH) : undefined;
    for (const f of (doc && parseFeedSummaries(config, doc)) || []) keys.add(f.key);
    return keys;
  }

  async function writeIndex(out: FeedDocument[]): Promise<void> {
    const list = [...(await ensureSummaries()).values()].sort(byFeedOrder);
    out.push(await put(renderIndexDocument(config, list)), await put(renderOpmlDocument(config, list)));
    // Published with the site (and so in `out`), but not in the document cache: it is bookkeeping for the next cold process.
    if (publisher) {
      const doc = renderFeedSummariesDocument(config, list);
      await publisher.publish(doc);
      out.push(doc);
    }
    if (!stylesheetDone) {
      const css = renderStylesheetDocument(config);
      out.push(await put(css));
      stylesheetDone = true;
    }
  }

  function renderFeeds(keys: Iterable<string>): Promise<FeedDocument[]> {
    const wanted = [...new Set(keys)].filter((k) => isFeedPublished(config, k));
    return serialized(async () => {
      const out: FeedDocument[] = [];
      await ensureSummaries();
      for (const key of wanted) await writeFeed(key, await listAll(key), out);
      await writeIndex(out);
      return out;
    });
  }

  /** Whether archive page `n` of a feed is published: known to this process, or (asked only when needed) to the publisher. */
  async function archiveExists(key: string, n: number, known: Set<string> | undefined): Promise<boolean> {
    for (const f of FEED_FORMATS) {
      const path = feedPathOf(key, f, n);
      if (known?.has(path) || documents.has(path)) return true;
    }
    return source ? (await source.get(feedPathOf(key, 'rss', n))) !== undefined : false;
  }

  /** Removes archive pages after `complete` while they exist (numbered from the oldest, so they end at the first gap). */
  async function dropArchivesAfter(key: string, complete: number, known: Set<string> | undefined): Promise<void> {
    if (!publisher && !known) return;
    for (let n = complete + 1; n <= complete + 10_000; n++) {
      if (!(await archiveExists(key, n, known))) break;
      for (const f of FEED_FORMATS) {
        const path = feedPathOf(key, f, n);
        known?.delete(path);
        await drop(path);
      }
    }
  }

  /**
   * Re-renders one feed after the batch's writes, reading the store only down to the oldest page they can change.
   * `oldest` is the oldest position in feed order among the batch's images and current versions in this feed: members
   * strictly older keep their places (oldest-first numbering), so archive pages made only of them keep their bytes.
   */
  async function writeFeedWindow(
    key: string,
    changes: readonly ArticleChangeImages[],
    current: ReadonlyMap<string, Article | undefined>,
    out: FeedDocument[],
  ): Promise<void> {
    const inFeed = (a: Article | undefined): a is Article => a !== undefined && feedKeysOf(a).includes(key);
    // The batch's own articles as they are now (read by id): in or out of this feed, wherever the GSI has them.
    const mine = [...current.values()].filter(inFeed);
    let oldest: Article | undefined;
    for (const c of changes) {
      if (inFeed(c.before)) oldest = olderOf(oldest, c.before);
      if (inFeed(c.after)) oldest = olderOf(oldest, c.after);
    }
    for (const a of mine) oldest = olderOf(oldest, a);
    if (!oldest) return;
    const size = config.archivePageSize;
    let older = await store.countFeed(key, { olderThan: oldest });
    // The first archive page whose items can change, and the one before it, whose `next` link moves when the count of complete pages does.
    const from = Math.max(1, Math.floor(older / size));
    const newer: Article[] = [];
    const below: Article[] = [];
    let cursor: string | undefined;
    const needBelow = older - (from - 1) * size;
    // Enough for a change near the top in one read: what lies below `oldest` and is needed, the batch's (stale) entries, one to see the boundary.
    let limit = Math.min(PAGE, Math.max(config.itemLimit, needBelow) + current.size + 1);
    do {
      const page = await store.listFeed(key, { limit, ...(cursor ? { cursor } : {}) });
      for (const a of page.items) {
        if (current.has(a.id)) continue;
        (compareFeedOrder(a, oldest) < 0 ? newer : below).push(a);
      }
      cursor = page.cursor;
      limit = PAGE;
      // Every member at or above `oldest` is needed (the listing has passed it once one below shows), then enough below it.
    } while (cursor && (below.length === 0 || below.length < Math.max(needBelow, config.itemLimit - newer.length - mine.length)));
    // Count and listing are two reads: when the listing ended, it is the whole feed; it can also show more than was counted.
    older = cursor ? Math.max(older, below.length) : below.length;
    const total = newer.length + mine.length + older;
    const known = feedPaths.get(key);
    const removedSome = changes.some((c) => inFeed(c.before) && !inFeed(current.get(c.before.id)));
    if (total === 0) {
      for (const f of FEED_FORMATS) {
        known?.delete(feedPathOf(key, f));
        await drop(feedPathOf(key, f));
      }
      await dropArchivesAfter(key, 0, known);
      feedPaths.delete(key);
      summaries?.delete(key);
      return;
    }
    const pages = paginateFeedWindow(config, key, {
      newest: [...newer, ...mine, ...below].sort(compareFeedOrder),
      total,
      fromArchive: from,
    });
    for (const doc of renderFeedPageDocuments(config, pages)) {
      known?.add(doc.path);
      out.push(await put(doc));
    }
    if (removedSome) await dropArchivesAfter(key, Math.floor(total / size), known);
    summaries?.set(key, summaryOfPage(key, pages[0], total));
  }

  function renderChanges(changes: Iterable<ArticleChangeImages>, options: { only?: Iterable<string> } = {}): Promise<FeedDocument[]> {
    const list = [...changes];
    const only = options.only ? new Set(options.only) : undefined;
    return serialized(async () => {
      const out: FeedDocument[] = [];
      const keys = new Set<string>();
      const ids = new Set<string>();
      for (const c of list) {
        for (const k of feedKeysOfChange(c)) if (isFeedPublished(config, k) && (!only || only.has(k))) keys.add(k);
        const id = c.after?.id ?? c.before?.id;
        if (id !== undefined) ids.add(id);
      }
      if (keys.size === 0) return out;
      // Re-read the published summaries (one GET) rather than trust this process's memory: a rebuild may have run since.
      if (source) summaries = undefined;
      await ensureSummaries();
      // The feed listings (a GSI in DynamoDB) are eventually consistent; a read by id gives the batch's articles as they are.
      // Up to a batch (100 records) of reads: in parallel, not one round trip after another.
      const current = new Map<string, Article | undefined>(
        await Promise.all([...ids].map(async (id) => [id, await store.get(id)] as const)),
      );
      for (const key of keys) await writeFeedWindow(key, list, current, out);
      await articlePages.sync(current, out);
      await writeIndex(out);
      return out;
    });
  }

  function renderAll(): Promise<FeedDocument[]> {
    return serialized(async () => {
      const out: FeedDocument[] = [];
      const previous = await previousFeedKeys();
      const started = clock().toISOString();
      const all = await listAll('all');
      const byKey = groupArticlesByFeed(config, all);
      await articlePages.publish(all, out);
      await articlePages.syncFromChangeLog(started);
      summaries = new Map();
      for (const [key, list] of byKey) await writeFeed(key, list, out);
      for (const key of previous) if (!byKey.has(key)) await writeFeed(key, [], out);
      stylesheetDone = false;
      await writeIndex(out);
      return out;
    });
  }

  /**
   * Pass 2 of `rebuildAll` for one feed, one try: streams the listing newest-first and publishes the current page,
   * then archive pages complete..1 as each fills, given the member count `counted`. Holds only the articles a page
   * still needs (≤ itemLimit + archivePageSize). When the listing turns out longer or shorter than `counted` (a write
   * meanwhile), the pages published are wrong and the caller tries again; `listed` says so.
   */
  async function streamFeedPages(
    key: string,
    counted: number,
    seen: (a: Article) => void,
    report: RebuildReport,
    published: (archive: number) => void,
  ): Promise<{ listed: number; summary?: FeedSummary }> {
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
        await put(doc);
        report.documents++;
      }
    };
    do {
      const page = await store.listFeed(key, { limit: PAGE, ...(cursor ? { cursor } : {}) });
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
          summary = summaryOfPage(key, current, counted);
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
   * Pass 2 of `rebuildAll` for one feed: counts it (keys only), streams its pages, and tries again when the listing
   * and the count disagree; then removes pages past the new count (and the feed's current documents when it is empty).
   */
  async function rebuildFeed(key: string, seen: (a: Article) => void, report: RebuildReport): Promise<number> {
    const known = feedPaths.get(key);
    let highest = 0;
    for (let attempt = 1; ; attempt++) {
      const counted = await store.countFeed(key);
      const { listed, summary } = await streamFeedPages(key, counted, seen, report, (k) => (highest = Math.max(highest, k)));
      if (listed !== counted) {
        if (attempt >= REBUILD_TRIES) throw new RebuildConflictError(key, attempt, counted, listed);
        report.redone++;
        continue;
      }
      const complete = Math.floor(counted / config.archivePageSize);
      if (counted === 0) {
        for (const f of FEED_FORMATS) {
          known?.delete(feedPathOf(key, f));
          await drop(feedPathOf(key, f));
        }
      }
      await dropArchivesAfter(key, complete, known);
      // Pages an earlier try published under a larger count, when nothing could be probed.
      for (let n = complete + 1; n <= highest; n++) for (const f of FEED_FORMATS) await drop(feedPathOf(key, f, n));
      if (summary) summaries?.set(key, summary);
      else summaries?.delete(key);
      if (retain && counted > 0) {
        const paths = new Set<string>();
        for (let n = 0; n <= complete; n++) for (const f of FEED_FORMATS) paths.add(feedPathOf(key, f, n === 0 ? undefined : n));
        feedPaths.set(key, paths);
      } else feedPaths.delete(key);
      return counted;
    }
  }

  function rebuildAll(): Promise<RebuildReport> {
    return serialized(async () => {
      const started = clock().toISOString();
      const report: RebuildReport = { documents: 0, feeds: 0, feedsRemoved: 0, articlesRead: 0, redone: 0, peakBuffered: 0 };
      const previous = await previousFeedKeys();
      // Pass 1: the feeds there are (O(feeds) memory). Pass 2 takes each feed's summary from the page it publishes.
      // Pass 1 also publishes each article's page as it is listed.
      const scan = await scanFeeds(async (items) => {
        await articlePages.publish(items);
        report.documents += items.length;
      });
      report.articlesRead += scan.read;
      summaries = new Map();
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
      for (let i = 0; i < keys.length; i++) {
        if ((await rebuildFeed(keys[i]!, seen, report)) > 0) report.feeds++;
        else if (previous.has(keys[i]!)) report.feedsRemoved++;
      }
      for (const key of previous) {
        if (queued.has(key)) continue;
        await writeFeed(key, [], []);
        report.feedsRemoved++;
      }
      report.documents += await articlePages.syncFromChangeLog(started);
      stylesheetDone = false;
      const out: FeedDocument[] = [];
      await writeIndex(out);
      report.documents += out.length;
      return report;
    });
  }

  async function ingest(input: IngestInput, opts: { render?: boolean } = {}): Promise<IngestReport> {
    const { affectedFeeds, ...stored } = await storeArticles(input, { store, config, clock, timeZone, maxBodyBytes });
    if (opts.render !== false && affectedFeeds.length > 0) await renderFeeds(affectedFeeds);
    if (opts.render !== false) await articlePages.publish(stored.results.map((r) => r.article));
    return { ...stored, renderedFeeds: affectedFeeds };
  }

  async function deleteArticle(id: string): Promise<Article | undefined> {
    const gone = await store.delete(id);
    if (gone) await renderFeeds(feedKeysOf(gone));
    if (gone) await articlePages.remove(gone.id);
    return gone;
  }

  return {
    ingest,
    renderChanges,
    renderFeeds,
    renderAll,
    rebuildAll,
    deleteArticle,
    getDocument: (path) => documents.get(path),
    documentPaths: () => [...documents.keys()].sort(),
    feedSummaries: () => [...(summaries?.values() ?? [])].sort(byFeedOrder),
  };
}
