// Feed test fixtures: a fresh SiteConfig and sample feed per call, never a shared mutable fixture; articles come from the one factory in tests/support/article-factory.ts.
import type { Article, ArticleDate } from '../../../lambda/core/articles/article.ts';
import { parseSiteConfig, type SiteConfig } from '../../../lambda/core/config/index.ts';
import { createSampleArticles, testArticleDate } from '../../support/article-factory.ts';

export { createSampleArticle, createSampleArticles } from '../../support/article-factory.ts';

/**
 * An ArticleDate for an instant at minute precision (`'day'`: the start of the day in `timeZone`), from the one factory.
 *
 * @example
 * sampleDate('2024-04-30T09:15:00.000Z').normalized.precision //=> 'minute'
 */
export function sampleDate(instant: string, timeZone = 'Asia/Riyadh', precision: 'day' | 'minute' = 'minute'): ArticleDate {
  return testArticleDate(instant, timeZone, precision);
}

/** The site config of the tests (fresh object per call). */
export function createSampleConfig(overrides: Record<string, unknown> = {}): SiteConfig {
  return parseSiteConfig({
    title: 'نشرة',
    description: 'أخبار عربية من مصادر متعددة',
    baseUrl: 'https://news.example/',
    language: 'ar',
    timeZone: 'Asia/Riyadh',
    itemLimit: 20,
    archivePageSize: 10,
    ttl: 5,
    ...overrides,
  });
}

/** A fresh config plus `count` articles, for tests that render whole feeds. */
export function createSampleFeed(count = 3, configOverrides: Record<string, unknown> = {}): { config: SiteConfig; articles: Article[] } {
  return { config: createSampleConfig(configOverrides), articles: createSampleArticles(count) };
}
