// Which feeds an article belongs to: "all", one per category, source and author, with Arabic spellings folded. Pure; shared by stores and renderers.
import { createHash } from 'node:crypto';
import type { Article } from '../articles/article.ts';

type FeedKind = 'all' | 'category' | 'source' | 'author';

/** Harakat, superscript alef, Quranic marks and tatweel: never part of a feed key. */
const MARKS = /[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640]/g;

/**
 * Turns a category, source or author name into the slug used in feed keys, names and URLs. Arabic spelling
 * variants fold to one form so that one topic is one feed: diacritics and tatweel go, the hamza forms of alef
 * (أ إ آ ٱ) become ا, ى becomes ي, ة at the end of a word becomes ه, and a leading definite article ال is dropped
 * when at least three letters follow it. Latin letters are lower-cased; spaces and punctuation become "-".
 * Arabic letters are kept (URLs carry them percent-encoded).
 *
 * @example
 * slugifyFeedName('الاقتصاد') //=> 'اقتصاد'
 * slugifyFeedName('إقتصاد') //=> 'اقتصاد'
 * slugifyFeedName('الشرق الأوسط') //=> 'شرق-الاوسط'
 * slugifyFeedName('AFP') //=> 'afp'
 */
export function slugifyFeedName(name: string): string {
  const slug = name
    .normalize('NFKC')
    .toLowerCase()
    .replace(MARKS, '')
    .replace(/[أإآٱ]/g, 'ا')
    .replace(/ى/g, 'ي')
    .replace(/ة(?=$|[^\p{L}\p{N}])/gu, 'ه')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  // "ال" + at least three letters: the definite article (الاقتصاد), not a short word that starts with it (الم).
  return /^ال\p{L}{3}/u.test(slug) ? slug.slice(2) : slug;
}

/**
 * Splits a printed list of sources or authors into names. It splits only where the text clearly lists:
 * at Arabic and Latin commas (، ,), the Arabic semicolon and ";" , at "/", and at a standalone "و" between two
 * names (" و "). A "و" that starts a word is part of the name (وليد, وأج, وكالات) and never splits.
 * Empty pieces are dropped; each name is trimmed.
 *
 * @example
 * splitNameList('وأج، وكالات') //=> ['وأج', 'وكالات']
 * splitNameList('رويترز / أ ف ب') //=> ['رويترز', 'أ ف ب']
 * splitNameList('وليد خالد و سارة أحمد') //=> ['وليد خالد', 'سارة أحمد']
 * splitNameList('وكالات') //=> ['وكالات']
 */
export function splitNameList(text: string): string[] {
  return text
    .split(/\s*[،,؛;/]\s*|\s+و\s+/u)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/**
 * The sources of an article as names, in the order printed (a list like "وأج، وكالات" gives two).
 *
 * @example
 * sourcesOf({ source: 'وأج، وكالات' }) //=> ['وأج', 'وكالات']
 */
export function sourcesOf(article: Pick<Article, 'source'>): string[] {
  return article.source ? splitNameList(article.source) : [];
}

/**
 * The authors of an article as names: each entry split like a list ("سارة أحمد و وليد خالد" gives two).
 *
 * @example
 * authorsOf({ authors: ['سارة أحمد و وليد خالد'] }) //=> ['سارة أحمد', 'وليد خالد']
 */
export function authorsOf(article: Pick<Article, 'authors'>): string[] {
  return article.authors.flatMap(splitNameList);
}

/**
 * The printed names of an article behind each feed key it belongs to (except "all"): categories as given, sources
 * and authors split into names. Used for feed keys and for feed titles (the most common printed form).
 *
 * @example
 * [...feedNamesOf({ categories: ['الاقتصاد'], source: 'وأج، وكالات', authors: [] })]
 * //=> [['category:اقتصاد', 'الاقتصاد'], ['source:واج', 'وأج'], ['source:وكالات', 'وكالات']]
 */
export function feedNamesOf(article: Pick<Article, 'categories' | 'source' | 'authors'>): Array<[key: string, name: string]> {
  const out: Array<[string, string]> = [];
  const add = (kind: FeedKind, name: string) => {
    const s = slugifyFeedName(name);
    if (s) out.push([`${kind}:${s}`, name.trim()]);
  };
  for (const c of article.categories) add('category', c);
  for (const s of sourcesOf(article)) add('source', s);
  for (const a of authorsOf(article)) add('author', a);
  return out;
}

/**
 * The feed keys an article belongs to, e.g. ["all", "category:سياسه", "source:وكالات", "author:…"].
 * A feed key is also the feed's name once ":" is replaced by "-" (see `feedNameOf`).
 *
 * @example
 * feedKeysOf({ categories: ['سياسة'], source: 'وأج، وكالات', authors: [] } as Article)
 * //=> ['all', 'category:سياسه', 'source:واج', 'source:وكالات']
 */
export function feedKeysOf(article: Pick<Article, 'categories' | 'source' | 'authors'>): string[] {
  const keys = new Set<string>(['all']);
  for (const [key] of feedNamesOf(article)) keys.add(key);
  return [...keys];
}

/**
 * The feed key a configured key stands for (`feeds.titles` may be written with any spelling: "category:الاقتصاد").
 *
 * @example
 * canonicalFeedKey('category:الاقتصاد') //=> 'category:اقتصاد'
 * canonicalFeedKey('all') //=> 'all'
 */
export function canonicalFeedKey(key: string): string {
  const colon = key.indexOf(':');
  if (colon < 0) return key;
  return `${key.slice(0, colon)}:${slugifyFeedName(key.slice(colon + 1))}`;
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
 * feedNameOf('category:سياسه') //=> 'category-سياسه'
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
