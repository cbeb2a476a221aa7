// The links of one feed document in one format: self, alternate, current, RFC 5005 archives, WebSub hub. Pure.
import type { SiteConfig } from '../config/site-config.ts';
import { feedPathOf, siteUrlOf, type FeedFormat, type FeedPage } from './feed-page.ts';

export interface PageLinks {
  self: string;
  /** The site's HTML home (the index page). */
  alternate: string;
  /** The current (newest) document of this feed, in this format. */
  current: string;
  prevArchive?: string;
  nextArchive?: string;
  hub?: string;
  stylesheet: string;
}

/** Links of `page` in `format`, all absolute and percent-encoded. */
export function pageLinksOf(config: SiteConfig, page: FeedPage, format: FeedFormat): PageLinks {
  const url = (n?: number) => siteUrlOf(config, feedPathOf(page.key, format, n));
  return {
    self: url(page.kind === 'archive' ? page.number : undefined),
    alternate: config.baseUrl,
    current: url(),
    ...(page.prevArchive !== undefined ? { prevArchive: url(page.prevArchive) } : {}),
    ...(page.nextArchive !== undefined ? { nextArchive: url(page.nextArchive) } : {}),
    ...(config.hub ? { hub: config.hub } : {}),
    stylesheet: siteUrlOf(config, 'feed.css'),
  };
}
