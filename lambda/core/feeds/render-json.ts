// JSON Feed 1.1 renderer: head from `feed` 6.0.0's json1() upgraded to 1.1, items written here. Pure.
import { Feed } from 'feed';
import type { Article } from '../articles/article.ts';
import type { SiteConfig } from '../config/site-config.ts';
import type { FeedPage } from './feed-page.ts';
import { imageTypeOf, resolveUrl, rfc3339Of } from './item-fields.ts';
import type { DocumentFrame } from './document-frame.ts';
import type { PageLinks } from './page-links.ts';
import { stripXmlIllegal } from './xml-text.ts';

const JSON_FEED_VERSION = 'https://jsonfeed.org/version/1.1';

// JSON Feed readers cannot decode the characters XML forbids either: the same set is stripped, so every format carries the same text.
const clean = (s: string) => stripXmlIllegal(s);

/**
 * One JSON Feed 1.1 item, serialized: id (any string), url, title, HTML, summary, image,
 * `date_published`/`date_modified` (RFC 3339; modified only when really updated), `authors`,
 * `tags`, `language` and image `attachments` with `mime_type`.
 *
 * @example
 * JSON.parse(renderJsonItem(config, article, html)).authors //=> [{ name: 'سارة' }]
 */
export function renderJsonItem(config: SiteConfig, article: Article, html: string): string {
  const item: Record<string, unknown> = {
    id: clean(article.id),
    url: resolveUrl(article.url, config.baseUrl),
    title: clean(article.title),
    content_html: html,
  };
  if (article.summary) item.summary = clean(article.summary);
  const lead = article.images[0];
  if (lead) item.image = resolveUrl(lead.url, config.baseUrl);
  item.date_published = rfc3339Of(article.published);
  if (article.updated) item.date_modified = rfc3339Of(article.updated);
  if (article.authors.length) item.authors = article.authors.map((name) => ({ name: clean(name) }));
  if (article.categories.length) item.tags = article.categories.map(clean);
  item.language = article.language;
  if (article.images.length) {
    item.attachments = article.images.map((img) => ({
      url: resolveUrl(img.url, config.baseUrl),
      mime_type: imageTypeOf(img),
      ...(img.caption ? { title: clean(img.caption) } : {}),
      ...(img.length !== undefined ? { size_in_bytes: img.length } : {}),
    }));
  }
  return `        ${JSON.stringify(item)}`;
}

/**
 * The JSON Feed 1.1 document around the items. `feed`'s json1() gives the head (title,
 * home_page_url, feed_url, description); it is upgraded to 1.1 with `language`, `authors`, `hubs`,
 * `next_url` (the next older archive page) and the `_rfc5005` extension for the archive links.
 */
export function renderJsonFrame(config: SiteConfig, page: FeedPage, links: PageLinks): DocumentFrame {
  const v1 = JSON.parse(
    new Feed({
      title: clean(page.title),
      description: clean(config.description),
      link: links.alternate,
      feedLinks: { json: links.self },
    }).json1(),
  ) as Record<string, unknown>;
  const head: Record<string, unknown> = {
    version: JSON_FEED_VERSION,
    title: v1.title,
    home_page_url: v1.home_page_url,
    feed_url: v1.feed_url,
    description: v1.description,
    language: config.language,
    authors: [{ name: clean(config.author ?? config.title) }],
  };
  if (links.prevArchive) head.next_url = links.prevArchive;
  if (links.hub) head.hubs = [{ type: 'WebSub', url: links.hub }];
  head._rfc5005 = {
    about: 'https://www.rfc-editor.org/rfc/rfc5005',
    archive: page.kind === 'archive',
    current: links.current,
    ...(links.prevArchive ? { prev_archive: links.prevArchive } : {}),
    ...(links.nextArchive ? { next_archive: links.nextArchive } : {}),
  };
  const headJson = JSON.stringify(head, null, 4);
  return {
    head: `${headJson.slice(0, -2)},\n    "items": [\n`,
    separator: ',\n',
    tail: `${page.items.length ? '\n' : ''}    ]\n}\n`,
  };
}
