// Renders the whole site: every published feed (current + archives, three formats), index.html and feed.css. Pure.
import type { Article } from '../articles/article.ts';
import type { SiteConfig } from '../config/site-config.ts';
import type { FeedDocument } from '../../ports/feed-publisher.ts';
import { publishedFeedKeys, feedTitleOf, paginateFeed } from './feed-page.ts';
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
  const documents: FeedDocument[] = [];
  const feeds: FeedSummary[] = [];
  for (const key of publishedFeedKeys(config, articles)) {
    const docs = renderFeedDocuments(config, key, articles, options);
    documents.push(...docs);
    const current = paginateFeed(config, key, articles)[0]!;
    feeds.push({
      key,
      title: feedTitleOf(config, key),
      itemCount: current.items.length,
      ...(docs[0]?.lastModified ? { lastModified: docs[0].lastModified } : {}),
    });
  }
  documents.push(renderIndexDocument(config, feeds), renderStylesheetDocument(config));
  return { documents, feeds };
}
