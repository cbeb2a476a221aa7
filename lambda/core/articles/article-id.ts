// Stable article ids from the publisher's key or the canonical URL (never the title). Pure: node:crypto only.
import { createHash } from 'node:crypto';

/** Query parameters that only track the click and never change the article. */
const TRACKING_PARAMS = /^(utm_[a-z]+|fbclid|gclid|mc_cid|mc_eid|ocid|ref|ref_src)$/i;

/**
 * The canonical form of an article URL: lower-case scheme and host (WHATWG URL does this),
 * no fragment, no default port, no tracking parameters, remaining parameters sorted.
 *
 * @example
 * normalizeArticleUrl('HTTPS://Example.COM:443/a/b?utm_source=x&b=2&a=1#top')
 * //=> 'https://example.com/a/b?a=1&b=2'
 */
export function normalizeArticleUrl(url: string): string {
  const u = new URL(url);
  u.hash = '';
  for (const name of [...u.searchParams.keys()]) if (TRACKING_PARAMS.test(name)) u.searchParams.delete(name);
  u.searchParams.sort();
  return u.toString();
}

/**
 * The article id: the first 26 hex digits of sha256("key:" + key) when the publisher gave a key,
 * else of sha256("url:" + normalized URL). Re-reading the same article yields the same id.
 *
 * @example
 * articleIdOf({ url: 'https://example.com/a?utm_source=x' }) === articleIdOf({ url: 'https://example.com/a' }) //=> true
 */
export function articleIdOf(input: { key?: string | undefined; url: string }): string {
  const basis = input.key !== undefined ? `key:${input.key.normalize('NFC')}` : `url:${normalizeArticleUrl(input.url)}`;
  return createHash('sha256').update(basis, 'utf8').digest('hex').slice(0, 26);
}
