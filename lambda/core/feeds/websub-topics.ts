// Which published paths are WebSub topics (the current document of a feed, in each format), and their public URLs. Pure.
import { siteUrlOf } from './feed-page.ts';

/** A current feed document (`feeds/<name>.<format>`), not an archive page, the index or the site's bookkeeping. */
const TOPIC = /^feeds\/[^/]+\.(rss|atom|json)$/;

/**
 * Whether a published path is a WebSub topic (a current feed document).
 *
 * @example
 * isWebSubTopic('feeds/all.rss') //=> true
 * isWebSubTopic('feeds/all/archive/3.rss') //=> false
 */
export const isWebSubTopic = (path: string): boolean => TOPIC.test(path);

/**
 * The public URLs of the WebSub topics among `paths` (written or removed documents), each once, in first-seen order:
 * the same URLs the feeds advertise as rel="self", so a hub matches them to its subscriptions.
 *
 * @example
 * webSubTopicUrls({ baseUrl: 'https://example.org/news/' }, ['feeds/all.rss', 'feeds/all/archive/3.rss', 'index.html'])
 * //=> ['https://example.org/news/feeds/all.rss']
 */
export function webSubTopicUrls(config: { baseUrl: string }, paths: Iterable<string>): string[] {
  const out = new Set<string>();
  for (const p of paths) if (isWebSubTopic(p)) out.add(siteUrlOf(config, p));
  return [...out];
}
