// Renders a feed's documents (current + RFC 5005 archives) in RSS, Atom and JSON Feed 1.1, with cached item fragments. Pure.
import { createHash } from 'node:crypto';
import type { Article } from '../articles/article.ts';
import { archiveCacheControlOf, maxAgeOf } from '../config/config-values.ts';
import type { SiteConfig } from '../config/site-config.ts';
import type { FeedDocument } from './feed-document.ts';
import { CONTENT_TYPES, FEED_FORMATS, feedPathOf, paginateFeed, type FeedFormat, type FeedPage } from './feed-page.ts';
import { configFingerprintOf, defaultFragmentCache, fragmentKeyOf, type FragmentCache } from './fragment-cache.ts';
import { renderItemHtml } from './item-html.ts';
import { pageLinksOf } from './page-links.ts';
import { joinFrameBytes } from './document-frame.ts';
import { renderAtomEntry, renderAtomFrame } from './render-atom.ts';
import { renderJsonFrame, renderJsonItem } from './render-json.ts';
import { renderRssFrame, renderRssItem } from './render-rss.ts';

export interface RenderOptions {
  /** Item fragment cache; defaults to a process-wide bounded LRU. */
  cache?: FragmentCache;
  /** Formats to render (default all three). */
  formats?: readonly FeedFormat[];
}

const encoder = new TextEncoder();

const ITEM_RENDERERS = { rss: renderRssItem, atom: renderAtomEntry, json: renderJsonItem } as const;
const FRAME_RENDERERS = { rss: renderRssFrame, atom: renderAtomFrame, json: renderJsonFrame } as const;

/** One item in one format as UTF-8 bytes, from the cache unless the article or config changed. */
function itemBytes(config: SiteConfig, fp: string, format: FeedFormat, a: Article, cache: FragmentCache): Uint8Array {
  return cache.getOrRender(fragmentKeyOf(format, fp, a), () =>
    encoder.encode(
      ITEM_RENDERERS[format](
        config,
        a,
        cache.getOrRender(fragmentKeyOf('html', fp, a), () => renderItemHtml(config, a)),
      ),
    ),
  );
}

/**
 * Renders one page of a feed in one format to UTF-8 bytes. Item fragments are cached as bytes,
 * keyed by content hash + format + config fingerprint, so a re-render after one changed article
 * renders that article only and copies the rest.
 *
 * @example
 * new TextDecoder().decode(renderFeedPageBytes(config, paginateFeed(config, 'all', articles)[0], 'atom')) //=> '<?xml …</feed>\n'
 */
export function renderFeedPageBytes(
  config: SiteConfig,
  page: FeedPage,
  format: FeedFormat,
  cache: FragmentCache = defaultFragmentCache,
): Uint8Array {
  const fp = configFingerprintOf(config);
  const items = page.items.map((a) => itemBytes(config, fp, format, a, cache));
  return joinFrameBytes(FRAME_RENDERERS[format](config, page, pageLinksOf(config, page, format)), items);
}

/** Wraps rendered text or bytes as a `FeedDocument`: UTF-8 bytes, sha256, content type, cache control. */
export function toFeedDocument(
  path: string,
  content: string | Uint8Array,
  contentType: string,
  cacheControl: string,
  lastModified?: string,
): FeedDocument {
  const body = typeof content === 'string' ? encoder.encode(content) : content;
  return {
    path,
    body,
    contentType,
    cacheControl,
    hash: createHash('sha256').update(body).digest('hex'),
    ...(lastModified ? { lastModified } : {}),
  };
}

/**
 * Every document of one feed: the current feed (newest `itemLimit` items) and its complete
 * archive pages, each in RSS, Atom and JSON Feed 1.1. `articles` may hold the whole site;
 * only the feed's members are used. Same input, same bytes.
 *
 * @example
 * renderFeedDocuments(config, 'all', articles).map((d) => d.path)
 * //=> ['feeds/all.rss', 'feeds/all.atom', 'feeds/all.json', 'feeds/all/archive/1.rss', …]
 */
export function renderFeedDocuments(
  config: SiteConfig,
  feedKey: string,
  articles: readonly Article[],
  options: RenderOptions = {},
): FeedDocument[] {
  return renderFeedPageDocuments(config, paginateFeed(config, feedKey, articles), options);
}

/**
 * The documents of some pages of one feed (e.g. from `paginateFeedWindow`), each page in every format, in page order.
 *
 * @example
 * renderFeedPageDocuments(config, paginateFeedWindow(config, 'all', window)).map((d) => d.path)
 * //=> ['feeds/all.rss', 'feeds/all.atom', 'feeds/all.json', 'feeds/all/archive/399.rss', …]
 */
export function renderFeedPageDocuments(config: SiteConfig, pages: readonly FeedPage[], options: RenderOptions = {}): FeedDocument[] {
  const cache = options.cache ?? defaultFragmentCache;
  const formats = options.formats ?? FEED_FORMATS;
  const cacheControl = `public, max-age=${maxAgeOf(config)}`;
  const archiveCacheControl = archiveCacheControlOf(config);
  const docs: FeedDocument[] = [];
  for (const page of pages) {
    for (const format of formats) {
      docs.push(
        toFeedDocument(
          feedPathOf(page.key, format, page.kind === 'archive' ? page.number : undefined),
          renderFeedPageBytes(config, page, format, cache),
          CONTENT_TYPES[format],
          page.kind === 'archive' ? archiveCacheControl : cacheControl,
          page.items.length ? page.updated : undefined,
        ),
      );
    }
  }
  return docs;
}
