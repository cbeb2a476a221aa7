// Values derived from a validated SiteConfig (cache lifetime, article base URL). Zod-free, so renderers and read paths load no schema. Pure: no fs, no env.
import type { SiteConfig } from './site-config.ts';

/**
 * Cache-Control max-age in seconds: `maxAge`, else `ttl` minutes.
 *
 * @example
 * maxAgeOf({ ttl: 5 }) //=> 300
 * maxAgeOf({ ttl: 5, maxAge: 60 }) //=> 60
 */
export function maxAgeOf(config: Pick<SiteConfig, 'ttl' | 'maxAge'>): number {
  return config.maxAge ?? config.ttl * 60;
}

/**
 * The base URL page-text articles without a URL of their own get theirs under: `<baseUrl>articles/`.
 * One definition, so the server, the build CLI, the ingest CLI and the Lambda handlers agree.
 *
 * @example
 * articlesBaseUrlOf({ baseUrl: 'https://news.example' }) //=> 'https://news.example/articles/'
 */
export function articlesBaseUrlOf(config: Pick<SiteConfig, 'baseUrl'>): string {
  return new URL('articles/', config.baseUrl.endsWith('/') ? config.baseUrl : `${config.baseUrl}/`).href;
}
