// Public entry of the feeds module: feed keys, pagination, renderers and the site pages. Pure: no fs, no env, no clock.
export { feedKeysOf } from './feed-keys.ts';
export {
  FEED_FORMATS,
  compareFeedOrder,
  feedPathOf,
  feedTitleOf,
  groupArticlesByFeed,
  isFeedPublished,
  paginateFeed,
  paginateFeedWindow,
  requiredWindowLength,
  publishedFeedKeys,
  type FeedFormat,
  type FeedPage,
} from './feed-page.ts';
export { FragmentCache } from './fragment-cache.ts';
export {
  renderFeedDocuments,
  renderFeedPageDocuments,
  renderFeedPageBytes,
  toFeedDocument,
} from './render-feed-documents.ts';
export { renderIndexDocument, renderStylesheetDocument, type FeedSummary } from './render-site-pages.ts';
export { renderSiteDocuments } from './render-site-documents.ts';
