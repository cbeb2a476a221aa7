// Which feeds an article belongs to: "all", one per category, source and author. Pure; shared by stores and renderers.
import { createHash } from 'node:crypto';
import type { Article } from '../articles/article.ts';

/**
 * Turns a category, source or author name into the slug used in feed names and URLs.
 * Arabic letters are kept (URLs carry them percent-encoded); spaces and punctuation become "-".
 *
 * @example
 * slugifyFeedName('الشرق الأوسط') //=> 'الشرق-الأوسط'
 */
function slugifyFeedName(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u064B-\u065F\u0670\u0640]/g, '') // harakat and tatweel
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
}

/**
 * The feed keys an article belongs to, e.g. ["all", "category:سياسة", "source:وكالات", "author:…"].
 * A feed key is also the feed's name once ":" is replaced by "-" (see `feedNameOf`).
 *
 * @example
 * feedKeysOf({ categories: ['سياسة'], source: 'وكالات', authors: [] } as Article)
 * //=> ['all', 'category:سياسة', 'source:وكالات']
 */
export function feedKeysOf(article: Pick<Article, 'categories' | 'source' | 'authors'>): string[] {
  const keys = new Set<string>(['all']);
  for (const c of article.categories) {
    const s = slugifyFeedName(c);
    if (s) keys.add(`category:${s}`);
  }
  if (article.source) {
    const s = slugifyFeedName(article.source);
    if (s) keys.add(`source:${s}`);
  }
  for (const a of article.authors) {
    const s = slugifyFeedName(a);
    if (s) keys.add(`author:${s}`);
  }
  return [...keys];
}

/** Longest feed name, in UTF-8 bytes, that is used as is: file systems cap a name at 255 bytes. */
export const MAX_FEED_NAME_BYTES = 180;

const encoder = new TextEncoder();

/**
 * The feed name used in paths (`feeds/<name>.rss`) for a feed key. A name longer than
 * `MAX_FEED_NAME_BYTES` is cut on a character boundary and suffixed with 10 hex digits of the
 * key's sha256, so it stays a valid, unique file name.
 *
 * @example
 * feedNameOf('category:سياسة') //=> 'category-سياسة'
 */
export function feedNameOf(key: string): string {
  const name = key.replace(':', '-');
  if (encoder.encode(name).length <= MAX_FEED_NAME_BYTES) return name;
  let cut = '';
  for (const ch of name) {
    if (encoder.encode(cut + ch).length > MAX_FEED_NAME_BYTES - 11) break;
    cut += ch;
  }
  return `${cut}-${createHash('sha256').update(key).digest('hex').slice(0, 10)}`;
}
