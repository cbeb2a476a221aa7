// The index's feed summaries as a small JSON document published with the feeds, so a render can re-render the index without reading the whole store. Pure: no fs, no env, no clock.
import type { SiteConfig } from '../config/site-config.ts';
import { feedTitleOf, isFeedPublished, toFeedDocument, type FeedSummary } from '../feeds/index.ts';
import type { FeedDocument } from '../feeds/feed-document.ts';

/**
 * Where the summaries are published: under `feeds/`, which the render and rebuild functions may already write (the
 * stack grants them `feeds/*`, `index.html` and `feed.css` only), in a folder no feed name can take (feed names are
 * "all" or start with their kind), and not matching `feeds/<name>.<format>`, so it is never taken for a feed (WebSub topics).
 */
export const FEED_SUMMARIES_PATH = 'feeds/_site/feed-summaries.json';

interface StoredSummary {
  key: string;
  itemCount: number;
  lastModified?: string;
}

/**
 * The summaries as a document: `{"version":1,"feeds":[{"key","itemCount","lastModified"}]}`, in the given order.
 * Titles are left out: they come from the config when the document is read back.
 *
 * @example
 * renderFeedSummariesDocument([{ key: 'all', title: 'نشرة', itemCount: 50, lastModified: '2024-05-01T08:00:00.000Z' }]).path
 * //=> 'feeds/_site/feed-summaries.json'
 */
export function renderFeedSummariesDocument(summaries: readonly FeedSummary[]): FeedDocument {
  const feeds: StoredSummary[] = summaries.map((f) => ({
    key: f.key,
    itemCount: f.itemCount,
    ...(f.lastModified !== undefined ? { lastModified: f.lastModified } : {}),
  }));
  return toFeedDocument(FEED_SUMMARIES_PATH, `${JSON.stringify({ version: 1, feeds })}\n`, 'application/json; charset=utf-8', 'no-cache');
}

/**
 * Reads a document made by `renderFeedSummariesDocument` back into summaries (titles from `config`, feeds of kinds
 * the config no longer publishes dropped), or undefined when it is not one (then the caller reads the store).
 *
 * @example
 * parseFeedSummaries(config, renderFeedSummariesDocument(summaries)) //=> summaries
 * parseFeedSummaries(config, { ...doc, body: new TextEncoder().encode('{}') }) //=> undefined
 */
export function parseFeedSummaries(config: SiteConfig, doc: Pick<FeedDocument, 'body'>): FeedSummary[] | undefined {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(doc.body));
  } catch {
    return undefined;
  }
  const v = value as { version?: unknown; feeds?: unknown } | null;
  if (!v || typeof v !== 'object' || v.version !== 1 || !Array.isArray(v.feeds)) return undefined;
  const out: FeedSummary[] = [];
  for (const f of v.feeds as unknown[]) {
    const e = f as Partial<StoredSummary> | null;
    if (!e || typeof e.key !== 'string' || !Number.isInteger(e.itemCount) || (e.itemCount as number) < 0) return undefined;
    if (e.lastModified !== undefined && (typeof e.lastModified !== 'string' || !Number.isFinite(Date.parse(e.lastModified))))
      return undefined;
    if (!isFeedPublished(config, e.key)) continue;
    out.push({
      key: e.key,
      title: feedTitleOf(config, e.key),
      itemCount: e.itemCount as number,
      ...(e.lastModified !== undefined ? { lastModified: e.lastModified } : {}),
    });
  }
  return out;
}
