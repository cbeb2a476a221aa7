// Renders a feed's documents (current + RFC 5005 archives) in RSS, Atom and JSON Feed 1.1, with cached item fragments. Pure.
import { createHash } from 'node:crypto';
import type { Article } from '../articles/article.ts';
import { maxAgeOf, type SiteConfig } from '../config/site-config.ts';
import type { FeedDocument } from '../../ports/feed-publisher.ts';
import { CONTENT_TYPES, FEED_FORMATS, feedPathOf, paginateFeed, type FeedFormat, type FeedPage } from './feed-page.ts';
import { configFingerprintOf, defaultFragmentCache, fragmentKeyOf, type FragmentCache } from './fragment-cache.ts';
import { renderItemHtml } from './item-html.ts';
import { pageLinksOf } from './page-links.ts';
import { renderAtomDocument, renderAtomEntry } from './render-atom.ts';
import { renderJsonDocument, renderJsonItem } from './render-json.ts';
import { renderRssDocument, renderRssItem } from './render-rss.ts';

export interface RenderOptions {
  /** Item fragment cache; defaults to a process-wide bounded LRU. */
  cache?: FragmentCache;
  /** Formats to render (default all three). */
  formats?: readonly FeedFormat[];
}

const encoder = new TextEncoder();

const ITEM_RENDERERS = { rss: renderRssItem, atom: renderAtomEntry, json: renderJsonItem } as const;
const DOC_RENDERERS = { rss: renderRssDocument, atom: renderAtomDocument, json: renderJsonDocument } as const;

/**
 * Renders one page of a feed in one format to text. Item fragments come from `cache` when the
 * article (content hash, instants) and the config are unchanged.
 *
 * @example
 * renderFeedPage(config, paginateFeed(config, 'all', articles)[0], 'atom') //=> '<?xml version="1.0" …</feed>\n'
 */
export function renderFeedPage(
  config: SiteConfig,
  page: FeedPage,
  format: FeedFormat,
  cache: FragmentCache = defaultFragmentCache,
): string {
  const fp = configFingerprintOf(config);
  const renderItem = ITEM_RENDERERS[format];
  const fragments = page.items.map((a: Article) =>
    cache.getOrRender(fragmentKeyOf(format, fp, a), () =>
      renderItem(config, a, cache.getOrRender(fragmentKeyOf('html', fp, a), () => renderItemHtml(a))),
    ),
  );
  return DOC_RENDERERS[format](config, page, pageLinksOf(config, page, format), fragments);
}

/** Wraps rendered text as a `FeedDocument`: UTF-8 bytes, sha256, content type, cache control. */
export function toFeedDocument(
  path: string,
  text: string,
  contentType: string,
  cacheControl: string,
  lastModified?: string,
): FeedDocument {
  const body = encoder.encode(text);
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
  const cache = options.cache ?? defaultFragmentCache;
  const formats = options.formats ?? FEED_FORMATS;
  const cacheControl = `public, max-age=${maxAgeOf(config)}`;
  const docs: FeedDocument[] = [];
  for (const page of paginateFeed(config, feedKey, articles)) {
    for (const format of formats) {
      docs.push(
        toFeedDocument(
          feedPathOf(feedKey, format, page.kind === 'archive' ? page.number : undefined),
          renderFeedPage(config, page, format, cache),
          CONTENT_TYPES[format],
          cacheControl,
          page.items.length ? page.updated : undefined,
        ),
      );
    }
  }
  return docs;
}
