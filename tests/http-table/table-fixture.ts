// The site behind the request table: a MemoryArticleStore, a fixed clock, a token and 25 generated Arabic articles.
import { createApp, type App } from '../../lambda/core/http/create-app.ts';
import { parseSiteConfig, type SiteConfig } from '../../lambda/core/config/index.ts';
import { fixedClock } from '../../lambda/core/clock.ts';
import { createSiteService, type SiteService } from '../../lambda/core/site/site-service.ts';
import { MemoryArticleStore } from '../../lambda/adapters/memory-article-store.ts';

export interface TableFixture {
  site: SiteService;
  config: SiteConfig;
  /** The bearer token POST /articles needs. */
  token: string;
  /** The POST body limit every adapter must enforce (413 past it). */
  maxBodyBytes: number;
  /** A fresh `createApp` over this site (wrap its `fetch` in an adapter to run the table through it). */
  createApp(): App;
}

const CATEGORIES = ['سياسة', 'اقتصاد', 'رياضة'];

/** Article input #n of the generated set: dates one hour apart, newest last. */
export function tableArticleInput(n: number): Record<string, unknown> {
  const published = new Date(Date.UTC(2024, 3, 1, 6) + n * 3_600_000).toISOString();
  return {
    key: `table-${n}`,
    url: `https://news.example.sa/2024/04/table-${n}`,
    title: `خبر الجدول رقم ${n}: الرياض تستضيف اجتماعا إقليميا`,
    summary: `ملخص الخبر رقم ${n} عن الاجتماع الإقليمي في الرياض.`,
    content: `<p>قالت مصادر مطلعة إن الاجتماع رقم ${n} ناقش ملفات التعاون الاقتصادي والأمني.</p><p>وأضافت أن الوفود ستواصل المشاورات خلال الأسبوع المقبل.</p>`,
    authors: ['سارة المحمد'],
    categories: [CATEGORIES[n % CATEGORIES.length]],
    source: 'وكالات',
    published,
  };
}

/**
 * Builds the table's site: 25 articles ingested and rendered, token "table-token", 64 KiB body limit.
 *
 * @example
 * const fx = await createTableFixture();
 * const results = await runRequestTable(fx.createApp().fetch, fx);
 */
export async function createTableFixture(): Promise<TableFixture> {
  const config = parseSiteConfig({
    title: 'نشرة الاختبار',
    description: 'أخبار تجريبية لجدول الطلبات',
    baseUrl: 'http://127.0.0.1/',
    language: 'ar',
    timeZone: 'Asia/Riyadh',
    itemLimit: 20,
    archivePageSize: 10,
    ttl: 5,
    hub: 'https://hub.example.net/',
  });
  const clock = fixedClock('2024-05-01T00:00:00Z');
  const store = new MemoryArticleStore({ clock });
  const maxBodyBytes = 64 * 1024;
  const site = createSiteService({ store, config, clock, maxBodyBytes });
  const body = Array.from({ length: 25 }, (_, i) => JSON.stringify(tableArticleInput(i))).join('\n');
  const report = await site.ingest({ body, format: 'ndjson' }, { render: false });
  if (report.errors.length > 0) throw new Error(`table fixture did not ingest: ${JSON.stringify(report.errors)}`);
  await site.renderAll();
  const token = 'table-token';
  return {
    site,
    config,
    token,
    maxBodyBytes,
    createApp: () => createApp({ site, config, auth: { token }, maxBodyBytes, onError: () => undefined }),
  };
}
