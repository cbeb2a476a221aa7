// Feed keys: Arabic spellings folded, lists of sources and authors split, titles from the printed names, names bounded as file names.
import { describe, expect, it } from 'vitest';
import {
  canonicalFeedKey,
  feedKeysOf,
  feedNameOf,
  MAX_FEED_NAME_BYTES,
  slugifyFeedName,
  splitNameList,
} from '../../../lambda/core/feeds/feed-keys.ts';
import { feedDisplayNameOf, feedTitleOf } from '../../../lambda/core/feeds/feed-page.ts';

const bytes = (s: string) => new TextEncoder().encode(s).length;
const wellFormed = (s: string) => !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);

describe('feedNameOf', () => {
  it('keeps short names as key with ":" → "-"', () => {
    expect(feedNameOf('all')).toBe('all');
    expect(feedNameOf('category:سياسة')).toBe('category-سياسة');
  });

  it('bounds long names in UTF-8 bytes, keeps them distinct and stable', () => {
    const long = (c: string) => `category:${'تصنيف-طويل-جدا-'.repeat(30)}${c}`;
    const a = feedNameOf(long('أ'));
    const b = feedNameOf(long('ب'));
    expect(bytes(a)).toBeLessThanOrEqual(MAX_FEED_NAME_BYTES);
    expect(a).not.toBe(b);
    expect(feedNameOf(long('أ'))).toBe(a);
    expect(a).toMatch(/^category-تصنيف-.*-[0-9a-f]{10}$/);
    expect(wellFormed(a)).toBe(true);
  });

  it('feed keys of an article with a very long category give a usable name', () => {
    const [, key] = feedKeysOf({ categories: ['ع'.repeat(150) + '𝒜'.repeat(60)], authors: [] });
    expect(bytes(feedNameOf(key!))).toBeLessThanOrEqual(MAX_FEED_NAME_BYTES);
    expect(wellFormed(feedNameOf(key!))).toBe(true);
  });
});

describe('slugifyFeedName folds Arabic spelling variants', () => {
  it.each([
    ['اقتصاد', 'اقتصاد'],
    ['إقتصاد', 'اقتصاد'],
    ['الاقتصاد', 'اقتصاد'],
    ['الإقتصاد', 'اقتصاد'],
    ['آثار', 'اثار'],
    ['ٱلثقافة', 'ثقافه'],
    ['مستشفى', 'مستشفي'],
    ['سياسة', 'سياسه'],
    ['سياسـة', 'سياسه'],
    ['سِيَاسَة', 'سياسه'],
    ['الشرق الأوسط', 'شرق-الاوسط'],
    ['كرة القدم', 'كره-القدم'],
    ['الم', 'الم'],
    ['AFP', 'afp'],
    ['  وكالات  ', 'وكالات'],
  ])('%s → %s', (name, slug) => {
    expect(slugifyFeedName(name)).toBe(slug);
  });

  it('keeps ة inside a word and ه as written', () => {
    expect(slugifyFeedName('ةاب')).toBe('ةاب');
    expect(slugifyFeedName('وجه')).toBe('وجه');
  });
});

describe('splitNameList splits only where the text lists', () => {
  it.each([
    ['وأج، وكالات', ['وأج', 'وكالات']],
    ['وأج, وكالات', ['وأج', 'وكالات']],
    ['رويترز / أ ف ب', ['رويترز', 'أ ف ب']],
    ['رويترز/أ ف ب', ['رويترز', 'أ ف ب']],
    ['وليد خالد و سارة أحمد', ['وليد خالد', 'سارة أحمد']],
    ['واس؛ كونا', ['واس', 'كونا']],
    ['وليد خالد', ['وليد خالد']],
    ['وأج', ['وأج']],
    ['وكالات', ['وكالات']],
    ['وزارة الصحة والسكان', ['وزارة الصحة والسكان']],
    ['وأج ووكالات', ['وأج ووكالات']],
    ['، وكالات ،', ['وكالات']],
  ])('%s', (text, names) => {
    expect(splitNameList(text)).toEqual(names);
  });
});

describe('feedKeysOf', () => {
  it('puts an article with "وأج، وكالات" in both source feeds, and split authors in each author feed', () => {
    const keys = feedKeysOf({ categories: ['الاقتصاد'], source: 'وأج، وكالات', authors: ['وليد خالد و سارة أحمد'] });
    expect(keys).toEqual(['all', 'category:اقتصاد', 'source:واج', 'source:وكالات', 'author:وليد-خالد', 'author:ساره-احمد']);
  });

  it('gives اقتصاد, إقتصاد and الاقتصاد one feed key', () => {
    const keyOf = (c: string) => feedKeysOf({ categories: [c], authors: [] })[1];
    expect(new Set(['اقتصاد', 'إقتصاد', 'الاقتصاد'].map(keyOf))).toEqual(new Set(['category:اقتصاد']));
  });

  it('canonicalFeedKey folds the name part of a configured key', () => {
    expect(canonicalFeedKey('category:الاقتصاد')).toBe('category:اقتصاد');
    expect(canonicalFeedKey('source:AFP')).toBe('source:afp');
    expect(canonicalFeedKey('all')).toBe('all');
  });
});

describe('feed titles show the most common printed form', () => {
  const config = { title: 'نشرة', feeds: { all: true, category: true, source: true, author: true, titles: {} } };
  it('picks the form most items print, never the slug', () => {
    const items = [
      { categories: ['الاقتصاد'], authors: [] },
      { categories: ['اقتصاد'], authors: [] },
      { categories: ['الاقتصاد'], authors: [] },
      { categories: ['إقتصاد'], authors: [] },
    ];
    expect(feedDisplayNameOf('category:اقتصاد', items)).toBe('الاقتصاد');
    expect(feedTitleOf(config, 'source:afp', [{ categories: [], authors: [], source: 'AFP' }])).toBe('نشرة — AFP');
    expect(feedTitleOf(config, 'source:واج', [{ categories: [], authors: [], source: 'وأج، وكالات' }])).toBe('نشرة — وأج');
  });

  it('uses a configured title under any spelling of its key', () => {
    const titled = { ...config, feeds: { ...config.feeds, titles: { 'category:الإقتصاد': 'المال والأعمال' } } };
    expect(feedTitleOf(titled, 'category:اقتصاد', [{ categories: ['اقتصاد'], authors: [] }])).toBe('المال والأعمال');
  });
});
