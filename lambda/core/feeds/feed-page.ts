// The one feed model every format renders: item order, RFC 5005 archive pages, paths and URLs. Pure.
import type { Article } from '../articles/article.ts';
import type { SiteConfig } from '../config/site-config.ts';
import { compareCodePoints } from '../compare-code-points.ts';
import { feedKeysOf, feedNameOf } from './feed-keys.ts';

export type FeedFormat = 'rss' | 'atom' | 'json';
export const FEED_FORMATS: readonly FeedFormat[] = ['rss', 'atom', 'json'];

export const CONTENT_TYPES: Record<FeedFormat, string> = {
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
};

/** One document of a feed, before it is rendered in a format: the current feed or one archive page. */
export interface FeedPage {
  key: string;
  /** Feed name used in paths, e.g. "category-سياسة". */
  name: string;
  title: string;
  /** "current" (newest N items) or an archive page (complete, numbered from the oldest). */
  kind: 'current' | 'archive';
  /** Archive page number (1 = oldest), for archive pages. */
  number?: number;
  /** Newest first. */
  items: Article[];
  /** Newest item time (its `updated` when set), or the epoch when the page is empty. */
  updated: string;
  /** Number of the newest archive page older than this page, if any. */
  prevArchive?: number;
  /** Number of the next (newer) archive page, for archive pages that have one. */
  nextArchive?: number;
}

/** The epoch, used as the `updated` time of a feed with no items: never the clock. */
const EMPTY_FEED_UPDATED = '1970-01-01T00:00:00.000Z';

function instantMs(a: Pick<Article, 'published'>): number {
  return Date.parse(a.published.instant);
}

/**
 * Feed order: published instant descending, then id descending by code point (stable for ties). This is the
 * stores' `listFeed` order (`<instant>#<id>` descending), so a newest-first window read from a store is
 * exactly a prefix of a paginated feed.
 *
 * @example
 * [b, a].sort(compareFeedOrder) // newest first; same instant → larger id first
 */
export function compareFeedOrder(a: Pick<Article, 'id' | 'published'>, b: Pick<Article, 'id' | 'published'>): number {
  const d = instantMs(b) - instantMs(a);
  if (d !== 0) return d;
  return compareCodePoints(b.id, a.id);
}

/** The newest modification time of the items: `updated` when the article was really updated, else `published`. */
function newestUpdatedOf(items: readonly Article[]): string {
  let max = Number.NEGATIVE_INFINITY;
  for (const a of items) max = Math.max(max, updatedMsOf(a));
  return updatedIsoOf(max);
}

/**
 * One item's modification time in epoch ms (`updated` when set, else `published`): what `newestUpdatedOf` takes the max of,
 * for callers that keep a running max instead of the items.
 *
 * @example
 * updatedIsoOf(Math.max(updatedMsOf(a), updatedMsOf(b))) === newestUpdatedOf([a, b]) //=> true
 */
export function updatedMsOf(a: Pick<Article, 'published' | 'updated'>): number {
  return Date.parse(a.updated?.instant ?? a.published.instant);
}

/**
 * The ISO form of a running max of `updatedMsOf` (the epoch when there were no items), as `newestUpdatedOf` gives it.
 *
 * @example
 * updatedIsoOf(Number.NEGATIVE_INFINITY) //=> '1970-01-01T00:00:00.000Z'
 */
export function updatedIsoOf(maxMs: number): string {
  return Number.isFinite(maxMs) ? new Date(maxMs).toISOString() : EMPTY_FEED_UPDATED;
}

/** Path of a feed document relative to the site root (not URL-encoded). */
export function feedPathOf(key: string, format: FeedFormat, archive?: number): string {
  const name = feedNameOf(key);
  return archive === undefined ? `feeds/${name}.${format}` : `feeds/${name}/archive/${archive}.${format}`;
}

/** Absolute URL of a site path: each segment percent-encoded, under `baseUrl`. */
export function siteUrlOf(config: Pick<SiteConfig, 'baseUrl'>, path: string): string {
  return config.baseUrl + path.split('/').map(encodeURIComponent).join('/');
}

/** Title of a feed: the configured one, the site title for "all", else "<site title> — <name>". */
export function feedTitleOf(config: Pick<SiteConfig, 'title' | 'feeds'>, key: string): string {
  const configured = config.feeds.titles[key];
  if (configured) return configured;
  if (key === 'all') return config.title;
  const name = key.slice(key.indexOf(':') + 1).replaceAll('-', ' ');
  return `${config.title} — ${name}`;
}

/** Whether the config publishes feeds of this key's kind. */
export function isFeedPublished(config: Pick<SiteConfig, 'feeds'>, key: string): boolean {
  const kind = key === 'all' ? 'all' : key.slice(0, key.indexOf(':'));
  return kind === 'all' || kind === 'category' || kind === 'source' || kind === 'author' ? config.feeds[kind] : false;
}

/**
 * The articles of each published feed, by feed key, in the order given (one pass: feed keys per article).
 *
 * @example
 * groupArticlesByFeed(config, articles).get('category:سياسة')?.length //=> 12
 */
export function groupArticlesByFeed(config: Pick<SiteConfig, 'feeds'>, articles: readonly Article[]): Map<string, Article[]> {
  const byKey = new Map<string, Article[]>();
  for (const a of articles) {
    for (const key of feedKeysOf(a)) {
      if (!isFeedPublished(config, key)) continue;
      let list = byKey.get(key);
      if (!list) {
        list = [];
        byKey.set(key, list);
      }
      list.push(a);
    }
  }
  return byKey;
}

/**
 * Every feed key the config publishes for these articles: "all" first, then the rest sorted.
 *
 * @example
 * publishedFeedKeys(config, articles) //=> ['all', 'author:…', 'category:سياسة', 'source:وكالات']
 */
export function publishedFeedKeys(config: Pick<SiteConfig, 'feeds'>, articles: readonly Article[]): string[] {
  const keys = new Set<string>();
  for (const a of articles) for (const k of feedKeysOf(a)) if (k !== 'all' && isFeedPublished(config, k)) keys.add(k);
  const rest = [...keys].sort();
  return config.feeds.all ? ['all', ...rest] : rest;
}

/**
 * The newest part of a feed, as read from a store: enough to render the current page and the archive pages
 * from `fromArchive` on, without the older members.
 */
export interface FeedWindow {
  /** The feed's newest members in feed order (`compareFeedOrder`), without gaps. At least `requiredWindowLength` of them. */
  newest: readonly Article[];
  /** How many members the whole feed has. */
  total: number;
  /** The first archive page wanted (1 = all of them); older pages are left out. */
  fromArchive: number;
}

/**
 * How many of a feed's newest members `paginateFeedWindow` needs: the current page's and those of archive pages
 * `fromArchive` and newer.
 *
 * @example
 * requiredWindowLength({ itemLimit: 50, archivePageSize: 25 }, 10_000, 399) //=> 50 (pages 399-400: 50 items)
 * requiredWindowLength({ itemLimit: 50, archivePageSize: 25 }, 10_000, 1) //=> 10_000
 */
export function requiredWindowLength(
  config: Pick<SiteConfig, 'itemLimit' | 'archivePageSize'>,
  total: number,
  fromArchive: number,
): number {
  const fromOldest = (Math.max(1, fromArchive) - 1) * config.archivePageSize;
  return Math.min(total, Math.max(config.itemLimit, total - fromOldest));
}

/**
 * Where archive page `k` of a `total`-member feed lies in its newest-first order: positions [start, end). Pages hold
 * `archivePageSize` items numbered from the oldest (page 1), so page k holds oldest-first positions [(k-1)·size, k·size).
 *
 * @example
 * archivePageSpan({ archivePageSize: 25 }, 110, 4) //=> { start: 10, end: 35 } (the newest complete page)
 * archivePageSpan({ archivePageSize: 25 }, 110, 1) //=> { start: 85, end: 110 }
 */
export function archivePageSpan(config: Pick<SiteConfig, 'archivePageSize'>, total: number, k: number): { start: number; end: number } {
  const size = config.archivePageSize;
  return { start: total - k * size, end: total - (k - 1) * size };
}

/**
 * The current page of a `total`-member feed, from its newest members (the first `itemLimit` are used): its items,
 * time, and `prev-archive` link to the newest complete archive page. Used by `paginateFeedWindow` and by streaming renders.
 *
 * @example
 * currentFeedPage({ itemLimit: 50, archivePageSize: 25, title, feeds }, 'all', 110, newest).prevArchive //=> 4
 */
export function currentFeedPage(
  config: Pick<SiteConfig, 'itemLimit' | 'archivePageSize' | 'title' | 'feeds'>,
  key: string,
  total: number,
  newest: readonly Article[],
): FeedPage {
  const complete = Math.floor(total / config.archivePageSize);
  const items = newest.slice(0, config.itemLimit);
  return {
    key,
    name: feedNameOf(key),
    title: feedTitleOf(config, key),
    kind: 'current',
    items,
    updated: newestUpdatedOf(items),
    ...(complete > 0 ? { prevArchive: complete } : {}),
  };
}

/**
 * Archive page `k` of a `total`-member feed, given its items (newest first: the members at `archivePageSpan(config, total, k)`),
 * with its time and `prev-archive` / `next-archive` links. Used by `paginateFeedWindow` and by streaming renders.
 *
 * @example
 * archiveFeedPage(config, 'all', 110, 4, newest.slice(10, 35)) //=> { kind: 'archive', number: 4, prevArchive: 3, … } (no next: 4 is the newest)
 */
export function archiveFeedPage(
  config: Pick<SiteConfig, 'archivePageSize' | 'title' | 'feeds'>,
  key: string,
  total: number,
  k: number,
  items: readonly Article[],
): FeedPage {
  const complete = Math.floor(total / config.archivePageSize);
  return {
    key,
    name: feedNameOf(key),
    title: feedTitleOf(config, key),
    kind: 'archive',
    number: k,
    items: [...items],
    updated: newestUpdatedOf(items),
    ...(k > 1 ? { prevArchive: k - 1 } : {}),
    ...(k < complete ? { nextArchive: k + 1 } : {}),
  };
}

/**
 * The pages of a feed given only its newest members: the current page and archive pages `fromArchive`..complete,
 * the same pages (items, numbers, links, times) `paginateFeed` gives for the whole feed. Throws a RangeError
 * when `newest` is shorter than `requiredWindowLength`.
 *
 * @example
 * paginateFeedWindow(config, 'all', { newest: top100, total: 10_000, fromArchive: 399 }).map((p) => p.number ?? 'current')
 * //=> ['current', 399, 400]
 */
export function paginateFeedWindow(
  config: Pick<SiteConfig, 'itemLimit' | 'archivePageSize' | 'title' | 'feeds'>,
  key: string,
  window: FeedWindow,
): FeedPage[] {
  const { newest, total: n } = window;
  const from = Math.max(1, Math.floor(window.fromArchive));
  const size = config.archivePageSize;
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`feed ${key}: total must be a whole number, got ${n}`);
  const needed = requiredWindowLength(config, n, from);
  if (newest.length < needed || newest.length > n) {
    throw new RangeError(
      `feed ${key}: a window of ${newest.length} members cannot give archive pages ${from}+ of a ${n}-member feed (needs ${needed}..${n})`,
    );
  }
  const pages: FeedPage[] = [currentFeedPage(config, key, n, newest)];
  for (let k = from; k <= Math.floor(n / size); k++) {
    const { start, end } = archivePageSpan(config, n, k);
    pages.push(archiveFeedPage(config, key, n, k, newest.slice(start, end)));
  }
  return pages;
}

/**
 * Splits a feed into its current page (newest `itemLimit` items) and its RFC 5005 archive pages.
 * Archive pages hold exactly `archivePageSize` items, numbered from the oldest, so a page's
 * items never change when newer articles arrive; the newest, incomplete remainder is always
 * inside the current page because `archivePageSize <= itemLimit`. The whole-feed case of `paginateFeedWindow`.
 *
 * @example
 * paginateFeed(config, 'all', articles).map((p) => p.kind) //=> ['current', 'archive', 'archive']
 */
export function paginateFeed(
  config: Pick<SiteConfig, 'itemLimit' | 'archivePageSize' | 'title' | 'feeds'>,
  key: string,
  articles: readonly Article[],
): FeedPage[] {
  const seen = new Set<string>();
  const members: Article[] = [];
  for (const a of articles) {
    if (seen.has(a.id)) continue;
    if (key === 'all' || feedKeysOf(a).includes(key)) {
      seen.add(a.id);
      members.push(a);
    }
  }
  members.sort(compareFeedOrder);
  return paginateFeedWindow(config, key, { newest: members, total: members.length, fromArchive: 1 });
}
