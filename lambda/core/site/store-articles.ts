// Ingest without rendering: parse a body into articles and store the valid ones. Imports no feed renderer, so the ingest function does not bundle them. Pure: ports only.
import type { Article } from '../articles/article.ts';
import type { ArticleError, ArticleWarning } from '../articles/article-error.ts';
import type { ArticleFieldSources } from '../articles/page-reading.ts';
import type { Clock } from '../clock.ts';
import { articlesBaseUrlOf } from '../config/config-values.ts';
import type { SiteConfig } from '../config/site-config.ts';
import { feedKeysOf } from '../feeds/feed-keys.ts';
import { isFeedPublished } from '../feeds/feed-page.ts';
import type { ArticleStore, PutStatus } from '../../ports/article-store.ts';

/** Article validation (zod, sanitize-html, the date grammar) loads on the first ingest: render and serve never pay for it. */
let articlesModule: Promise<typeof import('../articles/index.ts')> | undefined;
const loadArticles = () => (articlesModule ??= import('../articles/index.ts'));

export interface IngestInput {
  body: string | Uint8Array;
  /** Undefined: detected from `name`'s extension or the content. */
  format?: 'json' | 'ndjson' | 'text' | 'html';
  /** The charset an HTTP Content-Type declared (HTML pages are decoded in it). */
  charset?: string;
  /** The file name, when the body came from a file (used for format detection and in errors). */
  name?: string;
}

interface IngestResult {
  /** Position in the body (0 for a single object or page text). */
  index: number;
  status: PutStatus;
  /** The article as stored. */
  article: Article;
  warnings: ArticleWarning[];
  /** For a page (HTML or text): where each field came from ("json-ld", "meta", "time", "text-line", "header", "body"). */
  from?: ArticleFieldSources;
}

/** What storing one body did: the valid articles stored, every problem of the invalid ones, and the feeds that changed. */
export interface StoreArticlesReport {
  results: IngestResult[];
  /** The first `config.limits.reportedErrors` errors (default 100). */
  errors: ArticleError[];
  /** How many more errors were found and not listed. */
  omittedErrors: number;
  /** How many articles were rejected (counted past the error cap). */
  rejectedArticles: number;
  /** The articles that passed validation (and so are in `results`), by position. */
  valid: Array<{ index: number; id: string }>;
  /** Published feed keys whose content changed (created or updated articles, old and new feeds of each). */
  affectedFeeds: string[];
  /** Each created or updated article before and after this write, for an incremental render. */
  changes: Array<{ before?: Article; after: Article }>;
}

export interface StoreArticlesOptions {
  store: ArticleStore;
  config: SiteConfig;
  clock: Clock;
  /** Zone article dates are read in when they name none. Default `config.timeZone`. */
  timeZone?: string;
  /** Largest body accepted. Default 1 MiB. */
  maxBodyBytes?: number;
}

/**
 * Parses one body and stores each valid article on its own; nothing of a rejected article is stored.
 *
 * @example
 * const report = await storeArticles({ body: JSON.stringify(article), format: 'json' }, { store, config, clock });
 * report.results[0].status //=> 'created'
 * report.affectedFeeds     //=> ['all', 'category:سياسة', 'source:وكالات']
 */
export async function storeArticles(input: IngestInput, options: StoreArticlesOptions): Promise<StoreArticlesReport> {
  const { store, config, clock } = options;
  // parseArticlesAsync loads the HTML reader (Readability, linkedom) only when the body is an HTML page.
  const { parseArticlesAsync } = await loadArticles();
  const parsed = await parseArticlesAsync(input, {
    timeZone: options.timeZone ?? config.timeZone,
    now: clock(),
    maxBodyBytes: options.maxBodyBytes ?? 1024 * 1024,
    baseUrl: articlesBaseUrlOf(config),
    ...(config.limits && { limits: config.limits }),
    ...(config.dateOrder && { dateOrder: config.dateOrder }),
  });
  const valid = parsed.articles.map((a) => ({ index: a.index, id: a.article.id }));
  const results: IngestResult[] = [];
  const affected = new Set<string>();
  const changes: StoreArticlesReport['changes'] = [];
  for (const { index, article, warnings, from } of parsed.articles) {
    const r = await store.put(article);
    results.push({ index, status: r.status, article: r.article, warnings, ...(from && { from }) });
    if (r.status !== 'unchanged') {
      for (const k of feedKeysOf(r.article)) affected.add(k);
      if (r.previous) for (const k of feedKeysOf(r.previous)) affected.add(k);
      changes.push(r.previous ? { before: r.previous, after: r.article } : { after: r.article });
    }
  }
  return {
    results,
    errors: parsed.errors,
    omittedErrors: parsed.omittedErrors,
    rejectedArticles: parsed.rejectedArticles,
    valid,
    affectedFeeds: [...affected].filter((k) => isFeedPublished(config, k)),
    changes,
  };
}
