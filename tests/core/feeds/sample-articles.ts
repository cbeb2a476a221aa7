// Test factory: a fresh Article / SiteConfig / article list per call, never a shared mutable fixture.
import { createHash } from 'node:crypto';
import type { Article, ArticleDate } from '../../../lambda/core/articles/article.ts';
import { parseSiteConfig, type SiteConfig } from '../../../lambda/core/config/index.ts';

/** An ArticleDate for an instant; `precision: 'day'` makes it the start of the day in `timeZone`. */
export function sampleDate(instant: string, timeZone = 'Asia/Riyadh', precision: 'day' | 'minute' = 'minute'): ArticleDate {
  return {
    raw: instant,
    timeZone,
    normalized: {
      ok: true,
      date: instant.slice(0, 10),
      instant: precision === 'day' ? null : instant,
      precision,
      calendar: 'iso',
    },
    instant,
  };
}

function hashOf(a: Omit<Article, 'contentHash' | 'updated'>): string {
  return createHash('sha256').update(JSON.stringify(a)).digest('hex');
}

/** A realistic Arabic article; override any field. `contentHash` is recomputed from the result. */
export function createSampleArticle(overrides: Partial<Omit<Article, 'contentHash'>> = {}): Article {
  const base: Omit<Article, 'contentHash'> = {
    id: 'aj-2024-04-30-lavrov',
    url: 'https://news.example/2024/04/30/lavrov-china',
    title: 'لافروف في الصين.. مباحثات حول التعاون الإستراتيجي وأمن أوراسيا',
    summary: 'عززت الصين وروسيا تعاونهما الاقتصادي والدبلوماسي في السنوات الأخيرة.',
    content:
      '<p>أكد وزير الخارجية الصيني وانغ يي اليوم الثلاثاء أن بكين تعتزم العمل على "تعزيز التعاون الإستراتيجي" مع موسكو.</p><h2>تعزيز الشراكة الأمنية</h2><p>وقال لافروف في مؤتمر صحفي…</p>',
    authors: ['سارة أحمد'],
    categories: ['سياسة', 'العالم'],
    source: 'وكالات',
    images: [
      {
        url: 'https://news.example/img/lavrov.jpg',
        caption: 'لافروف ووانغ يي في بكين',
        credit: 'رويترز',
        type: 'image/jpeg',
        length: 48213,
      },
    ],
    language: 'ar',
    direction: 'rtl',
    published: sampleDate('2024-04-30T09:15:00.000Z'),
    ...overrides,
  };
  const { updated, ...hashed } = base;
  return { ...base, contentHash: hashOf(hashed) } as Article;
}

/** `count` distinct articles, one hour apart (newest first by index 0 = newest), rotating categories/authors. */
export function createSampleArticles(count: number, start = '2024-04-30T09:00:00.000Z'): Article[] {
  const t0 = Date.parse(start);
  return Array.from({ length: count }, (_, i) =>
    createSampleArticle({
      id: `art-${String(i).padStart(5, '0')}`,
      url: `https://news.example/a/${i}`,
      title: `خبر رقم ${i}: عنوان عربي`,
      categories: [['سياسة', 'اقتصاد', 'رياضة'][i % 3]!],
      authors: [['سارة أحمد', 'محمد علي'][i % 2]!],
      published: sampleDate(new Date(t0 - i * 3_600_000).toISOString()),
    }),
  );
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
