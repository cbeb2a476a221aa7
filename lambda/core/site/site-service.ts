// The site service: ingest articles, keep every feed rendered, publish and cache the documents. Pure: ports only, no node:http/fs/AWS.
import type { Article } from '../articles/article.ts';
import type { ArticleError, ArticleWarning } from '../articles/article-error.ts';
import type { Clock } from '../clock.ts';
import { articlesBaseUrlOf } from '../config/config-values.ts';
import type { SiteConfig } from '../config/index.ts';
import { feedKeysOf } from '../feeds/feed-keys.ts';
import {
  FEED_FORMATS,
  feedPathOf,
  feedTitleOf,
  isFeedPublished,
  compareFeedOrder,
  paginateFeed,
  paginateFeedWindow,
  renderFeedDocuments,
  renderFeedPageDocuments,
  renderIndexDocument,
  renderStylesheetDocument,
  type FeedPage,
  type FeedSummary,
} from '../feeds/index.ts';
import type { ArticleStore, PutStatus } from '../../ports/article-store.ts';
import { FEED_SUMMARIES_PATH, parseFeedSummaries, renderFeedSummariesDocument } from './feed-summaries-document.ts';
import type { FeedDocument, FeedDocumentSource, FeedPublisher } from '../../ports/feed-publisher.ts';

/** Article validation (zod, sanitize-html, the date grammar) loads on the first ingest: render and serve never pay for it. */
let articlesModule: Promise<typeof import('../articles/index.ts')> | undefined;
const loadArticles = () => (articlesModule ??= import('../articles/index.ts'));

export interface IngestInput {
  body: string | Uint8Array;
  /** Undefined: detected from `name`'s extension or the content. */
  format?: 'json' | 'ndjson' | 'text';
  /** The file name, when the body came from a file (used for format detection and in errors). */
  name?: string;
}

export interface IngestResult {
  /** Position in the body (0 for a single object or page text). */
  index: number;
  status: PutStatus;
  /** The article as stored. */
  article: Article;
  warnings: ArticleWarning[];
}

/**
 * What one ingest did. Each article stands alone: the valid ones are stored (`results`), every
 * problem of the invalid ones is in `errors`, and nothing of a rejected article is stored.
 */
export interface IngestReport {
  results: IngestResult[];
  errors: ArticleError[];
  /** The articles that passed validation (and so are in `results`), by position. */
  valid: Array<{ index: number; id: string }>;
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
  /** Re-renders every feed, the index and the stylesheet from the store. */
  renderAll(): Promise<FeedDocument[]>;
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

const kindEnabled = isFeedPublished;

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
 * await site.renderChanges([{ before: previousVersion, after: storedVersion }]); // only the pages this edit can change
 * const report = await site.ingest({ body: JSON.stringify(article), format: 'json' });
 * report.results[0].status //=> 'created'
 * site.getDocument('feeds/all.rss')?.contentType //=> 'application/rss+xml; charset=utf-8'
 */
export function createSiteService(options: SiteServiceOptions): SiteService {
  const { store, publisher, config, clock } = options;
  const timeZone = options.timeZone ?? config.timeZone;
  const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024;
  const documents = new Map<string, FeedDocument>();
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
    const prev = documents.get(doc.path);
    if (prev && prev.hash === doc.hash) return prev;
    if (!prev || !doc.lastModified || !prev.lastModified) return doc;
    const prevMs = Date.parse(prev.lastModified);
    if (Date.parse(doc.lastModified) > prevMs) return doc;
    const moved = Math.max(clock().getTime(), Math.floor(prevMs / 1000) * 1000 + 1000);
    return { ...doc, lastModified: new Date(moved).toISOString() };
  }

  async function put(rendered: FeedDocument): Promise<FeedDocument> {
    const doc = withMovingLastModified(rendered);
    documents.set(doc.path, doc);
    if (publisher) await publisher.publish(doc);
    return doc;
  }

  async function drop(path: string): Promise<void> {
    documents.delete(path);
    if (publisher) await publisher.remove(path);
  }

  function summaryOfPage(key: string, current: FeedPage | undefined): FeedSummary {
    const items = current?.items.length ?? 0;
    return {
      key,
      title: feedTitleOf(config, key),
      itemCount: items,
      ...(current && items > 0 ? { lastModified: current.updated } : {}),
    };
  }

  function summaryOf(key: string, articles: Article[]): FeedSummary {
    return summaryOfPage(key, paginateFeed(config, key, articles)[0]);
  }

  function group(all: Article[]): Map<string, Article[]> {
    const byKey = new Map<string, Article[]>();
    for (const a of all) {
      for (const key of feedKeysOf(a)) {
        if (!kindEnabled(config, key)) continue;
        let list = byKey.get(key);
        if (!list) byKey.set(key, (list = []));
        list.push(a);
      }
    }
    return byKey;
  }

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
    const loaded = new Map<string, FeedSummary>();
    if (stored) for (const f of stored) loaded.set(f.key, f);
    else for (const [key, list] of group(await listAll('all'))) loaded.set(key, summaryOf(key, list));
    summaries = loaded;
    return loaded;
  }

  async function writeIndex(out: FeedDocument[]): Promise<void> {
    const list = [...(await ensureSummaries()).values()].sort(byFeedOrder);
    out.push(await put(renderIndexDocument(config, list)));
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
    const wanted = [...new Set(keys)].filter((k) => kindEnabled(config, k));
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
  async function writeFeedWindow(key: string, changes: readonly ArticleChangeImages[], current: ReadonlyMap<string, Article | undefined>, out: FeedDocument[]): Promise<void> {
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
    const pages = paginateFeedWindow(config, key, { newest: [...newer, ...mine, ...below].sort(compareFeedOrder), total, fromArchive: from });
    for (const doc of renderFeedPageDocuments(config, pages)) {
      known?.add(doc.path);
      out.push(await put(doc));
    }
    if (removedSome) await dropArchivesAfter(key, Math.floor(total / size), known);
    summaries?.set(key, summaryOfPage(key, pages[0]));
  }

  function renderChanges(changes: Iterable<ArticleChangeImages>, options: { only?: Iterable<string> } = {}): Promise<FeedDocument[]> {
    const list = [...changes];
    const only = options.only ? new Set(options.only) : undefined;
    return serialized(async () => {
      const out: FeedDocument[] = [];
      const keys = new Set<string>();
      const ids = new Set<string>();
      for (const c of list) {
        for (const k of feedKeysOfChange(c)) if (kindEnabled(config, k) && (!only || only.has(k))) keys.add(k);
        const id = c.after?.id ?? c.before?.id;
        if (id !== undefined) ids.add(id);
      }
      if (keys.size === 0) return out;
      // Re-read the published summaries (one GET) rather than trust this process's memory: a rebuild may have run since.
      if (source) summaries = undefined;
      await ensureSummaries();
      // The feed listings (a GSI in DynamoDB) are eventually consistent; a read by id gives the batch's articles as they are.
      const current = new Map<string, Article | undefined>();
      for (const id of ids) current.set(id, await store.get(id));
      for (const key of keys) await writeFeedWindow(key, list, current, out);
      await writeIndex(out);
      return out;
    });
  }

  function renderAll(): Promise<FeedDocument[]> {
    return serialized(async () => {
      const out: FeedDocument[] = [];
      const byKey = group(await listAll('all'));
      summaries = new Map();
      for (const [key, list] of byKey) await writeFeed(key, list, out);
      for (const key of [...feedPaths.keys()]) if (!byKey.has(key)) await writeFeed(key, [], out);
      stylesheetDone = false;
      await writeIndex(out);
      return out;
    });
  }

  async function ingest(input: IngestInput, opts: { render?: boolean } = {}): Promise<IngestReport> {
    const { parseArticles } = await loadArticles();
    const parsed = parseArticles(input, { timeZone, now: clock(), maxBodyBytes, baseUrl: articlesBaseUrlOf(config) });
    const valid = parsed.articles.map((a) => ({ index: a.index, id: a.article.id }));
    const results: IngestResult[] = [];
    const affected = new Set<string>();
    for (const { index, article, warnings } of parsed.articles) {
      const r = await store.put(article);
      results.push({ index, status: r.status, article: r.article, warnings });
      if (r.status !== 'unchanged') {
        for (const k of feedKeysOf(r.article)) affected.add(k);
        if (r.previous) for (const k of feedKeysOf(r.previous)) affected.add(k);
      }
    }
    const renderedFeeds = [...affected].filter((k) => kindEnabled(config, k));
    if (opts.render !== false && renderedFeeds.length > 0) await renderFeeds(renderedFeeds);
    return { results, errors: parsed.errors, valid, renderedFeeds };
  }

  async function deleteArticle(id: string): Promise<Article | undefined> {
    const gone = await store.delete(id);
    if (gone) await renderFeeds(feedKeysOf(gone));
    return gone;
  }

  return {
    ingest,
    renderChanges,
    renderFeeds,
    renderAll,
    deleteArticle,
    getDocument: (path) => documents.get(path),
    documentPaths: () => [...documents.keys()].sort(),
    feedSummaries: () => [...(summaries?.values() ?? [])].sort(byFeedOrder),
  };
}
