// Where an item links: the publisher's page when the article has one, else nashra's own article page. Pure.
import { createHash } from 'node:crypto';
import type { Article } from '../articles/article.ts';
import { articleIdOf } from '../articles/article-id.ts';
import { articlesBaseUrlOf } from '../config/config-values.ts';
import type { SiteConfig } from '../config/site-config.ts';
import { feedPathOf, siteUrlOf } from './feed-page.ts';
import { sourcesOf, slugifyFeedName } from './feed-keys.ts';
import { resolveUrl } from './item-fields.ts';

/**
 * Path of an article's page relative to the site root. Ids nashra makes are hex digests (`articleIdOf`) and are used
 * as they are; any other id (letters, digits, "-" and "_" only, up to 100 characters, else) is replaced by 26 hex
 * digits of its sha256, so the path is always one short, safe segment.
 *
 * @example
 * articlePagePathOf('3f2a9c0b7d1e4f5a6b7c8d9e0f') //=> 'articles/3f2a9c0b7d1e4f5a6b7c8d9e0f.html'
 */
export function articlePagePathOf(id: string): string {
  const name = /^[A-Za-z0-9_-]{1,100}$/.test(id) ? id : createHash('sha256').update(id).digest('hex').slice(0, 26);
  return `articles/${name}.html`;
}

/**
 * Whether the article's URL is one nashra made up for page text that carried none (`<baseUrl>articles/<file name>`,
 * id from the file name), rather than the publisher's.
 *
 * @example
 * hasMadeUpUrl(config, { id: articleIdOf({ key: 'cairo-metro', url }), url: 'https://nashra.example/articles/cairo-metro' }) //=> true
 */
export function hasMadeUpUrl(config: Pick<SiteConfig, 'baseUrl'>, article: Pick<Article, 'id' | 'url'>): boolean {
  const base = articlesBaseUrlOf(config);
  if (!article.url.startsWith(base)) return false;
  const rest = article.url.slice(base.length);
  if (rest.length === 0 || rest.includes('/')) return false;
  let name: string;
  try {
    name = decodeURIComponent(rest);
  } catch {
    return false;
  }
  return articleIdOf({ key: name, url: article.url }) === article.id;
}

/** Absolute URL of an article's page on this site. */
function articlePageUrlOf(config: Pick<SiteConfig, 'baseUrl'>, article: Pick<Article, 'id'>): string {
  return config.baseUrl + articlePagePathOf(article.id);
}

/**
 * The link of an item in every format: the publisher's URL when there is one, else the article's page here.
 *
 * @example
 * itemLinkOf(config, { id, url: 'https://www.aljazeera.net/news/2024/4/30/x' }) //=> 'https://www.aljazeera.net/news/2024/4/30/x'
 * itemLinkOf(config, pageTextWithoutUrl) //=> 'https://nashra.example/articles/<id>.html'
 */
export function itemLinkOf(config: Pick<SiteConfig, 'baseUrl'>, article: Pick<Article, 'id' | 'url'>): string {
  return hasMadeUpUrl(config, article) ? articlePageUrlOf(config, article) : resolveUrl(article.url, config.baseUrl);
}

/** One source of an article: its printed name, and the URL of nashra's feed of that source when source feeds are published. */
export interface ItemSource {
  name: string;
  /** The source's feed key and the absolute URL of its RSS feed, when source feeds are published. */
  key?: string;
  feedUrl?: string;
}

/**
 * The sources of an article with the RSS URL of each one's source feed (when the config publishes source feeds).
 *
 * @example
 * itemSourcesOf(config, { source: 'وأج، وكالات' }) //=> [{ name: 'وأج', feedUrl: '…/feeds/source-واج.rss' }, { name: 'وكالات', feedUrl: '…' }]
 */
export function itemSourcesOf(config: Pick<SiteConfig, 'baseUrl' | 'feeds'>, article: Pick<Article, 'source'>): ItemSource[] {
  if (!article.source) return [];
  // Few distinct sources, each on many items: split, fold and encode once per source and site.
  const key = `${config.feeds.source ? 1 : 0}|${config.baseUrl}|${article.source}`;
  const known = SOURCES.get(key);
  if (known) return known;
  const found = sourceListOf(config, article);
  if (SOURCES.size >= 10_000) SOURCES.clear();
  SOURCES.set(key, found);
  return found;
}

const SOURCES = new Map<string, ItemSource[]>();

function sourceListOf(config: Pick<SiteConfig, 'baseUrl' | 'feeds'>, article: Pick<Article, 'source'>): ItemSource[] {
  return sourcesOf(article).map((name) => {
    const slug = slugifyFeedName(name);
    if (!config.feeds.source || !slug) return { name };
    const key = `source:${slug}`;
    return { name, key, feedUrl: siteUrlOf(config, feedPathOf(key, 'rss')) };
  });
}
