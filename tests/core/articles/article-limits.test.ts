// What one body may hold: capped error reports, bounded JSON depth, no prototype keys, categories/authors and year limits.
import { describe, expect, it } from 'vitest';
import { parseArticles, type ParseArticlesInput, type ParseArticlesOptions } from '../../../lambda/core/articles/index.ts';

const now = new Date('2026-12-05T12:00:00Z');
const parse = (input: ParseArticlesInput, extra: Partial<ParseArticlesOptions> = {}) =>
  parseArticles(input, { timeZone: 'Asia/Riyadh', now, ...extra });
const article = (extra: Record<string, unknown> = {}) => ({ url: 'https://e.com/a', title: 'عنوان', published: '2024-04-29', ...extra });
const codes = (r: { errors: Array<{ path: string; code: string }> }) => r.errors.map((e) => [e.path, e.code]);
/** `depth` nested arrays around 1: depth 3 is [[[1]]]. */
const nested = (depth: number) => `${'['.repeat(depth)}1${']'.repeat(depth)}`;

describe('error reports are capped', () => {
  it('lists the first 100 errors of 5,000 empty objects and counts the other 14,900', () => {
    const r = parse({ body: `[${Array(5000).fill('{}').join(',')}]` });
    expect(r.articles).toEqual([]);
    expect(r.errors).toHaveLength(100);
    expect(r.omittedErrors).toBe(5000 * 3 - 100); // url, title and published missing in each
    expect(r.rejectedArticles).toBe(5000); // counted past the cap
    expect(codes(r).slice(0, 3)).toEqual([
      ['$[0].url', 'MISSING_FIELD'],
      ['$[0].title', 'MISSING_FIELD'],
      ['$[0].published', 'MISSING_FIELD'],
    ]);
  });

  it('caps NDJSON lines that are not JSON, and honours a configured cap', () => {
    const r = parse({ body: Array(300).fill('{not json').join('\n'), format: 'ndjson' }, { limits: { reportedErrors: 7 } });
    expect(r.errors.map((e) => e.code)).toEqual(Array(7).fill('INVALID_JSON'));
    expect(r.omittedErrors).toBe(293);
  });

  it('counts nothing as omitted when every error fits', () => {
    const r = parse({ body: JSON.stringify([article(), {}]) });
    expect([r.articles.length, r.errors.length, r.omittedErrors]).toEqual([1, 3, 0]);
  });
});

describe('JSON depth is bounded', () => {
  it('refuses an article nested 6,000 deep with TOO_DEEP, not a stack overflow', () => {
    const body = `{"url":"https://e.com/a","title":"t","published":"2024-04-29","extra":${nested(6000)}}`;
    const r = parse({ body });
    expect(codes(r)).toEqual([['$', 'TOO_DEEP']]);
    expect(r.errors[0]!.message).toContain('more than 64 levels deep');
    expect(r.errors[0]!.message).toContain('$.extra[0]');
  });

  it('accepts 64 levels and refuses 65 (the article object is level 1), per array item', () => {
    const ok = parse({ body: `{"url":"https://e.com/a","title":"t","published":"2024-04-29","x":${nested(63)}}` });
    expect([ok.articles.length, ok.errors]).toEqual([1, []]);
    const deep = parse({
      body: `[{"url":"https://e.com/a","title":"t","published":"2024-04-29","x":${nested(64)}}, ${JSON.stringify(article({ url: 'https://e.com/b' }))}]`,
    });
    expect(codes(deep)).toEqual([['$[0]', 'TOO_DEEP']]);
    expect(deep.articles.map((a) => a.index)).toEqual([1]);
  });

  it('refuses a bare nested array body line by line in NDJSON, and follows a configured depth', () => {
    const r = parse({ body: `${nested(5000)}\n${JSON.stringify(article())}`, format: 'ndjson' });
    expect(codes(r)).toEqual([['$[0]', 'TOO_DEEP']]);
    expect(r.articles).toHaveLength(1);
    const shallow = parse({ body: JSON.stringify(article({ images: [{ url: 'https://e.com/i.jpg' }] })) }, { limits: { jsonDepth: 2 } });
    expect(codes(shallow)).toEqual([['$', 'TOO_DEEP']]);
  });
});

describe('__proto__, constructor and prototype keys', () => {
  it('never lend fields to an article: a title only under __proto__ is a missing title', () => {
    const r = parse({ body: '{"url":"https://e.com/a","published":"2024-04-29","__proto__":{"title":"مدسوس"}}' });
    expect(r.articles).toEqual([]);
    expect(codes(r)).toEqual([['$.title', 'MISSING_FIELD']]);
  });

  it('are dropped with an UNKNOWN_FIELD warning, at the top and inside images', () => {
    const body =
      '{"url":"https://e.com/a","title":"t","published":"2024-04-29","constructor":{"name":"x"},"__proto__":{"polluted":1},' +
      '"images":[{"url":"https://e.com/i.jpg","__proto__":{"caption":"مدسوس"}}]}';
    const r = parse({ body });
    expect(r.errors).toEqual([]);
    const { article: a, warnings } = r.articles[0]!;
    expect(a.images).toEqual([{ url: 'https://e.com/i.jpg' }]);
    expect(Object.getPrototypeOf(a)).toBe(Object.prototype);
    expect(warnings.filter((w) => w.code === 'UNKNOWN_FIELD').map((w) => w.path)).toEqual([
      '$.constructor',
      '$.__proto__',
      '$.images[0].__proto__',
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('categories and authors per article', () => {
  it('accepts 20 categories and refuses 21, and 2,000, with TOO_MANY_ITEMS that names the limit', () => {
    const cats = (n: number) => Array.from({ length: n }, (_, i) => `قسم ${i}`);
    expect(parse({ body: JSON.stringify(article({ categories: cats(20) })) }).articles).toHaveLength(1);
    for (const n of [21, 2000]) {
      const r = parse({ body: JSON.stringify(article({ categories: cats(n) })) });
      expect(codes(r)).toEqual([['$.categories', 'TOO_MANY_ITEMS']]);
      expect(r.errors[0]!.message).toBe(`${n} categories given; one article may carry at most 20 (each one is a feed)`);
    }
  });

  it('refuses 21 authors, and follows configured limits', () => {
    const names = Array.from({ length: 21 }, (_, i) => `كاتب ${i}`);
    expect(codes(parse({ body: JSON.stringify(article({ authors: names })) }))).toEqual([['$.authors', 'TOO_MANY_ITEMS']]);
    const wider = parse({ body: JSON.stringify(article({ authors: names })) }, { limits: { authorsPerArticle: 30 } });
    expect(wider.articles[0]!.article.authors).toHaveLength(21);
    const narrow = parse({ body: JSON.stringify(article({ categories: ['أ', 'ب', 'ج'] })) }, { limits: { categoriesPerArticle: 2 } });
    expect(codes(narrow)).toEqual([['$.categories', 'TOO_MANY_ITEMS']]);
  });
});

describe('publication years', () => {
  const year = (published: string, extra: Partial<ParseArticlesOptions> = {}) =>
    parse({ body: JSON.stringify(article({ published })) }, extra);

  it('refuses years 1-99 instead of storing them 1,900 years later', () => {
    const r = year('0050-06-15');
    expect(r.articles).toEqual([]);
    expect(codes(r)).toEqual([['$.published', 'YEAR_OUT_OF_RANGE']]);
    expect(r.errors[0]!.message).toBe('published "0050-06-15" was read as 0050-06-15: the year 50 is outside the accepted range 1900–2027');
  });

  it('refuses 9999-12-31 and any later year as a date in the future (the normalizer, before the range); refuses years before 1900; accepts 1900', () => {
    expect(codes(year('9999-12-31'))).toEqual([['$.published', 'FUTURE_DATE']]);
    expect(codes(year('2028-01-01'))).toEqual([['$.published', 'FUTURE_DATE']]);
    expect(codes(year('1899-12-31'))).toEqual([['$.published', 'YEAR_OUT_OF_RANGE']]);
    expect(codes(year('0050-06-15'))).toEqual([['$.published', 'YEAR_OUT_OF_RANGE']]);
    expect(year('1900-01-01').articles[0]!.article.published.instant).toMatch(/^1900-01-01T/); // Riyadh was on local mean time then
    expect(year('2025-12-31').articles).toHaveLength(1);
  });

  it('checks updated too, and follows a configured range', () => {
    const r = parse({ body: JSON.stringify(article({ updated: '9999-01-01T00:00:00Z' })) });
    expect(codes(r)).toEqual([['$.updated', 'FUTURE_DATE']]);
    expect(year('1850-03-01', { limits: { minYear: 1800 } }).articles).toHaveLength(1);
    expect(codes(year('1950-03-01', { limits: { minYear: 1960 } }))).toEqual([['$.published', 'YEAR_OUT_OF_RANGE']]);
  });
});
