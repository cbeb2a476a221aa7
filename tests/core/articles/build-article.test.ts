// The Article model helpers: stable id, content hash, direction, sanitizing.
import { describe, expect, it } from 'vitest';
import { articleIdOf, normalizeArticleUrl } from '../../../lambda/core/articles/article-id.ts';
import { contentHashOf, createArticle } from '../../../lambda/core/articles/build-article.ts';
import { directionOfLanguage } from '../../../lambda/core/articles/direction-of-language.ts';
import { sanitizeContent } from '../../../lambda/core/articles/sanitize-content.ts';
import { stripControlCharacters } from '../../../lambda/core/articles/strip-control-characters.ts';
import { fakeDateFunctions } from './support/fake-date-functions.ts';

const opts = { timeZone: 'UTC', now: new Date('2026-01-01T00:00:00Z'), dates: fakeDateFunctions };
const base = { url: 'https://e.com/news/1', title: 'عنوان', published: '2024-04-29T08:00:00Z', content: '<p>نص</p>' };
const build = (v: Record<string, unknown>) => {
  const r = createArticle(v, opts);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.article;
};

describe('article id', () => {
  it('comes from the canonical URL, never the title', () => {
    expect(build({ ...base, title: 'عنوان آخر' }).id).toBe(build(base).id);
    expect(build({ ...base, url: 'HTTPS://E.com:443/news/1?utm_source=x#top' }).id).toBe(build(base).id);
    expect(build({ ...base, url: 'https://e.com/news/2' }).id).not.toBe(build(base).id);
  });

  it("comes from the publisher's key when there is one", () => {
    expect(build({ ...base, key: 'k-1', url: 'https://e.com/moved' }).id).toBe(build({ ...base, key: 'k-1' }).id);
    expect(articleIdOf({ key: 'k-1', url: 'https://e.com/a' })).not.toBe(articleIdOf({ url: 'https://e.com/a' }));
  });

  it('normalizes URLs without dropping meaningful parameters', () => {
    expect(normalizeArticleUrl('https://E.com/a?b=2&a=1&fbclid=z#x')).toBe('https://e.com/a?a=1&b=2');
  });
});

describe('content hash', () => {
  it('ignores updated but changes with any content field', () => {
    const a = build(base);
    expect(build({ ...base, updated: '2024-05-01T00:00:00Z' }).contentHash).toBe(a.contentHash);
    expect(build({ ...base, content: '<p>نص آخر</p>' }).contentHash).not.toBe(a.contentHash);
    expect(build({ ...base, categories: ['سياسة'] }).contentHash).not.toBe(a.contentHash);
    expect(contentHashOf(a)).toBe(a.contentHash);
  });
});

describe('language and direction', () => {
  it.each([
    ['ar', 'rtl'],
    ['ar-EG', 'rtl'],
    ['fa', 'rtl'],
    ['ur', 'rtl'],
    ['he', 'rtl'],
    ['az-Arab', 'rtl'],
    ['en', 'ltr'],
    ['fr-MA', 'ltr'],
    ['ku-Latn', 'ltr'],
  ] as const)('%s is %s', (tag, dir) => expect(directionOfLanguage(tag)).toBe(dir));

  it('defaults to ar/rtl and canonicalizes the tag', () => {
    expect(build(base)).toMatchObject({ language: 'ar', direction: 'rtl' });
    expect(build({ ...base, language: 'EN-gb' })).toMatchObject({ language: 'en-GB', direction: 'ltr' });
  });
});

describe('sanitizeContent', () => {
  it('keeps structure and removes script elements, handlers and script URLs', () => {
    const r = sanitizeContent(
      '<h2 onmouseover="x()">ع</h2><p>ن <a href=" javascript:alert(1)">ر</a></p><iframe src="https://x"></iframe><figure><figcaption>ص</figcaption></figure>',
    );
    expect(r.html).toBe('<h2>ع</h2><p>ن <a>ر</a></p><figure><figcaption>ص</figcaption></figure>');
    expect(r.removed).toEqual([
      'removed 1 <iframe> element',
      'removed 1 event-handler attribute (onmouseover)',
      'removed 1 script URL (javascript:, vbscript: or data:)',
    ]);
  });

  it('reports nothing for clean HTML', () => {
    expect(sanitizeContent('<p>نص <a href="https://e.com/">رابط</a></p>').removed).toEqual([]);
  });
});

describe('stripControlCharacters', () => {
  it('removes XML-illegal characters and lone surrogates, keeps tab/newline and astral characters', () => {
    expect(stripControlCharacters('a\u0000\tb\n\uFFFE\uD800c😀')).toEqual({ text: 'a\tb\nc😀', removed: 3 });
  });
});
