// Fixtures for the site tests: a stepping clock, a small paging config, and articles on few instants (many ties) in a few feeds. Fresh values per call.
import type { Article } from '../../../lambda/core/articles/article.ts';
import type { Clock } from '../../../lambda/core/clock.ts';
import { parseSiteConfig, type SiteConfig } from '../../../lambda/core/config/index.ts';
import { createSampleArticle, testArticleDate } from '../../support/article-factory.ts';

/** A clock one second further on at every read. */
export function steppingClock(): Clock {
  let t = Date.parse('2025-01-01T00:00:00.000Z');
  return () => {
    t += 1000;
    return new Date(t);
  };
}

/**
 * A site config with this paging, and feeds for "all", categories and authors (no sources).
 *
 * @example
 * siteConfig(3, 2).archivePageSize //=> 2
 */
export const siteConfig = (itemLimit: number, archivePageSize: number): SiteConfig =>
  parseSiteConfig({
    title: 'نشرة',
    description: 'أخبار',
    baseUrl: 'https://news.example/',
    timeZone: 'Asia/Riyadh',
    itemLimit,
    archivePageSize,
    feeds: { source: false },
  });

export const CATEGORIES = ['سياسة', 'اقتصاد', 'رياضة'];
export const AUTHORS = ['سارة', 'علي'];

/** Few instants (many ties, as date-only pages all resolve to midnight), decided by id. */
export function instantOf(slot: number): string {
  return new Date(Date.UTC(2024, 4, 1 + (slot >> 1), slot & 1 ? 9 : 0)).toISOString();
}

/**
 * An article at instant `slot`, in category `cat % 3` (or `category`) and author `cat % 2`.
 *
 * @example
 * articleOf('a1', 0, 4, 'خبر').categories //=> ['اقتصاد']
 */
export function articleOf(id: string, slot: number, cat: number, title = `خبر ${id}`, category = CATEGORIES[cat % 3]!): Article {
  return createSampleArticle({
    id,
    url: `https://news.example/a/${encodeURIComponent(id)}`,
    title,
    categories: [category],
    authors: [AUTHORS[cat % 2]!],
    images: [],
    published: testArticleDate(instantOf(slot), 'Asia/Riyadh', 'minute'),
  });
}
