// Renders the whole site: every published feed (current + archives, three formats), the article pages, feeds.opml, index.html and feed.css. Pure.
import type { Article } from '../articles/article.ts';
import type { SiteConfig } from '../config/site-config.ts';
import type { FeedDocument } from './feed-document.ts';
import { compareCodePoints } from '../compare-code-points.ts';
import { groupArticlesByFeed, paginateFeed } from './feed-page.ts';
import { renderFeedPageDocuments, type RenderOptions } from './render-feed-documents.ts';
import { renderArticlePage } from './render-article-page.ts';
import { renderOpmlDocument } from './render-opml.ts';
import { renderIndexDocument, renderStylesheetDocument, type FeedSummary } from './render-site-pages.ts';

/**
 * Every document of the site for these articles, plus the feed summaries the index lists.
 *
 * @example
 * renderSiteDocuments(config, articles).documents.at(-1)?.path //=> 'feed.css'
 */
export function renderSiteDocuments(
  config: SiteConfig,
  articles: readonly Article[],
  options: RenderOptions = {},
): { documents: FeedDocument[]; feeds: FeedSummary[] } {
  // Group once (feed keys per article), instead of filtering every article for every feed; "all" even when empty.
  const groups = groupArticlesByFeed(config, articles);
  if (config.feeds.all && !groups.has('all')) groups.set('all', []);
  const keys = [...groups.keys()].filter((k) => k !== 'all').sort();
  if (config.feeds.all) keys.unshift('all');
  const documents: FeedDocument[] = [];
  const feeds: FeedSummary[] = [];
  for (const key of keys) {
    const members = groups.get(key)!;
    const pages = paginateFeed(config, key, members);
    const docs = renderFeedPageDocuments(config, pages, options);
    documents.push(...docs);
    feeds.push({
      key,
      title: pages[0]!.title,
      itemCount: pages[0]!.items.length,
      total: new Set(members.map((a) => a.id)).size,
      ...(docs[0]?.lastModified ? { lastModified: docs[0].lastModified } : {}),
    });
  }
  // One page per article, in id order (same input in any order, same documents); the last version of an id wins.
  const byId = new Map(articles.map((a) => [a.id, a]));
  for (const id of [...byId.keys()].sort(compareCodePoints)) documents.push(renderArticlePage(config, byId.get(id)!));
  documents.push(renderOpmlDocument(config, feeds), renderIndexDocument(config, feeds), renderStylesheetDocument(config));
  return { documents, feeds };
}
