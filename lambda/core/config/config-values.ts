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
 * Seconds readers, proxies and the CDN may keep an archive page (`feeds/<name>/archive/<n>.<format>`): a day. An archive
 * page holds a fixed set of old items, so it changes only when one of them is edited or deleted, or when the next page
 * fills and it gains its `next-archive` link. It is not `immutable`: those rare changes must still reach a reader who
 * revalidates after a day. The cloud's CloudFront archive behaviour uses the same lifetime (infra/constructs/site-distribution.ts).
 */
export const ARCHIVE_MAX_AGE_SECONDS = 86_400;

/**
 * Cache-Control of archive pages: a day, or the current documents' max-age when the config sets a longer one.
 *
 * @example
 * archiveCacheControlOf({ ttl: 5 }) //=> 'public, max-age=86400'
 */
export function archiveCacheControlOf(config: Pick<SiteConfig, 'ttl' | 'maxAge'>): string {
  return `public, max-age=${Math.max(ARCHIVE_MAX_AGE_SECONDS, maxAgeOf(config))}`;
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
