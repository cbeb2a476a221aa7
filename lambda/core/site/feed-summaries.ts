// The feeds that have articles (for the index page, feeds.opml and the summaries document), and the index written from them. Pure: ports only.
import type { Article } from '../articles/article.ts';
import type { SiteConfig } from '../config/index.ts';
import { feedKeysOf } from '../feeds/feed-keys.ts';
import { FeedNameTally, updatedIsoOf, updatedMsOf } from '../feeds/feed-page.ts';
import {
  feedTitleOf,
  isFeedPublished,
  renderIndexDocument,
  renderOpmlDocument,
  renderStylesheetDocument,
  type FeedPage,
  type FeedSummary,
} from '../feeds/index.ts';
import type { ArticleStore } from '../../ports/article-store.ts';
import type { FeedDocument } from '../feeds/feed-document.ts';
import { FEED_SUMMARIES_PATH, parseFeedSummaries, renderFeedSummariesDocument } from './feed-summaries-document.ts';
import type { PublishedDocuments } from './published-documents.ts';
import { STORE_PAGE } from './store-page.ts';

/** The summaries this process holds, how to find them when it holds none, and the index written from them. */
export interface FeedSummaryBook {
  /** The summaries; a process that has none yet reads the published summaries document, else scans the store. */
  ensure(): Promise<Map<string, FeedSummary>>;
  /** Forgets what this process holds (the next `ensure` reads the published document again). */
  forget(): void;
  /** Starts from an empty set (a full render fills it feed by feed). */
  restart(): void;
  /** Sets one feed's summary, when summaries are held. */
  set(key: string, summary: FeedSummary): void;
  /** Drops one feed's summary, when summaries are held. */
  delete(key: string): void;
  /** The held summaries, "all" first then by key. */
  list(): FeedSummary[];
  /** The held feed keys. */
  keys(): Iterable<string>;
  /**
   * Streams the whole store once and summarizes every published feed: O(number of feeds) memory. `onPage` sees each
   * store page as it is listed, with the cursor it was listed from (undefined for the first).
   */
  scan(
    onPage?: (items: Article[], from: string | undefined) => Promise<void>,
  ): Promise<{ summaries: Map<string, FeedSummary>; read: number }>;
  /** Feeds published before this render: those held, `alsoKnown`, and those in the published summaries (a fresh process). */
  previousKeys(alsoKnown: Iterable<string>): Promise<Set<string>>;
  /** Writes the index and feeds.opml (and the summaries document, and the stylesheet once per full render) into `out`. */
  writeIndex(out: FeedDocument[]): Promise<void>;
  /** The next `writeIndex` publishes the stylesheet again. */
  restyle(): void;
}

/** "all" first, then the other feeds by key (the order the index lists them in). */
function byFeedOrder(a: FeedSummary, b: FeedSummary): number {
  if (a.key === 'all' || b.key === 'all') return a.key === 'all' ? -1 : b.key === 'all' ? 1 : 0;
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

/**
 * A feed's summary from its current page (no page: no items), titled as that page is; `total` is the articles the feed holds in all.
 *
 * @example
 * summaryOfPage(config, 'all', currentPage, 120) //=> { key: 'all', title: 'نشرة', itemCount: 50, total: 120, lastModified: '2024-05-01T08:00:00.000Z' }
 */
export function summaryOfPage(config: SiteConfig, key: string, current: FeedPage | undefined, total?: number): FeedSummary {
  const items = current?.items.length ?? 0;
  return {
    key,
    title: current?.title ?? feedTitleOf(config, key),
    itemCount: items,
    ...(total !== undefined ? { total } : {}),
    ...(current && items > 0 ? { lastModified: current.updated } : {}),
  };
}

/**
 * Creates the summary book of one site service.
 *
 * @example
 * const summaries = createFeedSummaryBook({ store, config, docs });
 * (await summaries.ensure()).get('all')?.itemCount //=> 50
 */
export function createFeedSummaryBook(options: { store: ArticleStore; config: SiteConfig; docs: PublishedDocuments }): FeedSummaryBook {
  const { store, config, docs } = options;
  let summaries: Map<string, FeedSummary> | undefined;
  let stylesheetDone = false;

  async function readPublished(): Promise<FeedSummary[] | undefined> {
    const doc = docs.source ? await docs.source.get(FEED_SUMMARIES_PATH) : undefined;
    return doc ? parseFeedSummaries(config, doc) : undefined;
  }

  async function scan(
    onPage?: (items: Article[], from: string | undefined) => Promise<void>,
  ): Promise<{ summaries: Map<string, FeedSummary>; read: number }> {
    const seen = new Map<string, { members: number; newestMs: number; names: FeedNameTally }>();
    let read = 0;
    let cursor: string | undefined;
    do {
      const page = await store.listFeed('all', { limit: STORE_PAGE, ...(cursor ? { cursor } : {}) });
      if (onPage) await onPage(page.items, cursor);
      for (const a of page.items) {
        read++;
        for (const key of feedKeysOf(a)) {
          if (!isFeedPublished(config, key)) continue;
          let feed = seen.get(key);
          if (!feed) {
            feed = { members: 0, newestMs: Number.NEGATIVE_INFINITY, names: new FeedNameTally(key) };
            seen.set(key, feed);
          }
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

  async function ensure(): Promise<Map<string, FeedSummary>> {
    if (summaries) return summaries;
    const stored = await readPublished();
    summaries = stored ? new Map(stored.map((f) => [f.key, f])) : (await scan()).summaries;
    return summaries;
  }

  return {
    ensure,
    scan,
    forget: () => {
      summaries = undefined;
    },
    restart: () => {
      summaries = new Map();
    },
    set: (key, summary) => {
      summaries?.set(key, summary);
    },
    delete: (key) => {
      summaries?.delete(key);
    },
    list: () => [...(summaries?.values() ?? [])].sort(byFeedOrder),
    keys: () => summaries?.keys() ?? [],
    async previousKeys(alsoKnown) {
      const keys = new Set<string>([...alsoKnown, ...(summaries?.keys() ?? [])]);
      for (const f of (await readPublished()) ?? []) keys.add(f.key);
      return keys;
    },
    async writeIndex(out) {
      const list = [...(await ensure()).values()].sort(byFeedOrder);
      out.push(await docs.put(renderIndexDocument(config, list)), await docs.put(renderOpmlDocument(config, list)));
      // Published with the site (and so in `out`), but not in the document cache: it is bookkeeping for the next cold process.
      if (docs.publisher) {
        const doc = renderFeedSummariesDocument(list);
        await docs.publisher.publish(doc);
        out.push(doc);
      }
      if (!stylesheetDone) {
        out.push(await docs.put(renderStylesheetDocument(config)));
        stylesheetDone = true;
      }
    },
    restyle: () => {
      stylesheetDone = false;
    },
  };
}
