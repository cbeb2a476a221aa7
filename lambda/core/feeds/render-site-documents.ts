// Renders the whole site: every published feed (current + archives, three formats), index.html and feed.css. Pure.
import type { Article } from '../articles/article.ts';
import type { SiteConfig } from '../config/site-config.ts';
import type { FeedDocument } from './feed-document.ts';
import { feedTitleOf, groupArticlesByFeed } from './feed-page.ts';
import { renderFeedDocuments, type RenderOptions } from './render-feed-documents.ts';
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
    const docs = renderFeedDocuments(config, key, members, options);
    documents.push(...docs);
    feeds.push({
      key,
      title: feedTitleOf(config, key),
      itemCount: Math.min(new Set(members.map((a) => a.id)).size, config.itemLimit),
      ...(docs[0]?.lastModified ? { lastModified: docs[0].lastModified } : {}),
    });
  }
  documents.push(renderIndexDocument(config, feeds), renderStylesheetDocument(config));
  return { documents, feeds };
}
