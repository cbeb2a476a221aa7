// Public entry of the feeds module: feed keys, pagination, renderers and the site pages. Pure: no fs, no env, no clock.
export { feedKeysOf, feedNameOf, slugifyFeedName, type FeedKind } from './feed-keys.ts';
export {
  CONTENT_TYPES,
  EMPTY_FEED_UPDATED,
  FEED_FORMATS,
  compareFeedOrder,
  feedPathOf,
  feedTitleOf,
  groupArticlesByFeed,
  isFeedPublished,
  newestUpdatedOf,
  paginateFeed,
  paginateFeedWindow,
  requiredWindowLength,
  type FeedWindow,
  publishedFeedKeys,
  siteUrlOf,
  type FeedFormat,
  type FeedPage,
} from './feed-page.ts';
export { FragmentCache, configFingerprintOf, defaultFragmentCache, type Fragment, type FragmentCacheOptions } from './fragment-cache.ts';
export {
  renderFeedDocuments,
  renderFeedPageDocuments,
  renderFeedPage,
  renderFeedPageBytes,
  toFeedDocument,
  type RenderOptions,
} from './render-feed-documents.ts';
export { renderIndexDocument, renderStylesheetDocument, directionOfLanguage, type FeedSummary } from './render-site-pages.ts';
export { renderSiteDocuments } from './render-site-documents.ts';
export { stripXmlIllegal, escapeXmlAttr, escapeXmlText, cdata } from './xml-text.ts';
