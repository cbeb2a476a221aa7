// parseArticles over JSON, arrays, NDJSON and page text: every bad-input class with its exact path and code.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseArticles, type ParseArticlesInput, type ParseArticlesOptions } from '../../../lambda/core/articles/index.ts';

const fixtures = path.resolve(import.meta.dirname, '../../fixtures');
const options = (): ParseArticlesOptions => ({ timeZone: 'Asia/Riyadh', now: new Date('2026-01-01T00:00:00Z') });
// Through the real date normalizer: these are parseArticles' own behaviours, end to end.
const parse = (input: ParseArticlesInput, extra: Partial<ParseArticlesOptions> = {}) => parseArticles(input, { ...options(), ...extra });
const fixture = (rel: string): ParseArticlesInput => ({
  body: new Uint8Array(readFileSync(path.join(fixtures, rel))),
  name: rel.split('/').pop()!,
});
const codes = (r: { errors: Array<{ path: string; code: string }> }) => r.errors.map((e) => [e.path, e.code]);

describe('parseArticles: JSON', () => {
  it('reads one object into one article at index 0', () => {
    const r = parse({ body: JSON.stringify({ url: 'https://e.com/a', title: 'عنوان', published: '2024-04-29T08:30:00Z' }) });
    expect(r.errors).toEqual([]);
    expect(r.articles).toHaveLength(1);
    const { article, index } = r.articles[0]!;
    expect(index).toBe(0);
    expect(article).toMatchObject({
      url: 'https://e.com/a',
      title: 'عنوان',
      language: 'ar',
      direction: 'rtl',
      authors: [],
      categories: [],
      images: [],
    });
    expect(article.published).toMatchObject({ raw: '2024-04-29T08:30:00Z', timeZone: 'Asia/Riyadh', instant: '2024-04-29T08:30:00.000Z' });
    expect(article.published.normalized.calendar).toBe('iso');
  });

  it('in a batch, passes the valid articles and reports each invalid one with its path and code', () => {
    const r = parse(fixture('json/batch-mixed.json'));
    expect(r.articles.map((a) => [a.index, a.article.title])).toEqual([
      [0, 'خبر صالح أول'],
      [6, 'خبر صالح ثان'],
    ]);
    expect(codes(r)).toEqual([
      ['$[1].title', 'MISSING_FIELD'],
      ['$[2].url', 'MISSING_FIELD'],
      ['$[3].url', 'URL_NOT_HTTP'],
      ['$[4].published', 'WEEKDAY_MISMATCH'],
      ['$[5].published', 'NO_DATE'],
    ]);
    for (const e of r.errors) {
      expect(e.name).toBe('batch-mixed.json');
      expect(e.field).toBe(e.path.split('.').pop());
      expect(e.message.length).toBeGreaterThan(10);
    }
    expect(r.errors.find((e) => e.code === 'WEEKDAY_MISMATCH')!.message).toContain('الثلاثاء');
  });

  it('reads a day-precision date as 12:00 of that day in the zone (the printed day for readers within 11 hours)', () => {
    const r = parse({ body: '{"url":"https://e.com/a","title":"t","published":"الخميس 14 مارس 2024"}' });
    expect(r.articles[0]!.article.published.instant).toBe('2024-03-14T09:00:00.000Z');
    expect(r.articles[0]!.article.published.normalized).toMatchObject({ date: '2024-03-14', precision: 'day' });
  });

  it('reports invalid JSON for the whole body at $', () => {
    const r = parse(fixture('json/truncated.json'));
    expect(codes(r)).toEqual([['$', 'INVALID_JSON']]);
    expect(r.errors[0]).toMatchObject({ field: '', name: 'truncated.json' });
    expect(r.articles).toEqual([]);
  });

  it('reports invalid UTF-8 bytes at $ (strict decoder)', () => {
    const r = parse(fixture('json/invalid-utf8.json'));
    expect(codes(r)).toEqual([['$', 'INVALID_UTF8']]);
    expect(r.articles).toEqual([]);
  });

  it('rejects a body over the size limit before reading it, and the limit is configurable', () => {
    const body = JSON.stringify({
      url: 'https://e.com/a',
      title: 'عنوان',
      published: '2024-04-29',
      content: `<p>${'ن'.repeat(600_000)}</p>`,
    });
    expect(codes(parse({ body }))).toEqual([['$', 'TOO_LARGE']]);
    expect(codes(parse({ body: new TextEncoder().encode(body) }))).toEqual([['$', 'TOO_LARGE']]);
    expect(parse({ body }, { maxBodyBytes: 2_000_000 }).articles).toHaveLength(1);
    expect(codes(parse({ body: '{"url":"https://e.com/a","title":"t","published":"2024-04-29"}' }, { maxBodyBytes: 20 }))).toEqual([
      ['$', 'TOO_LARGE'],
    ]);
  });

  it('strips XML-illegal control characters and records where', () => {
    const r = parse(fixture('json/control-characters.json'));
    expect(r.errors).toEqual([]);
    const { article, warnings } = r.articles[0]!;
    expect(article.title).toBe('عنوان فيه جرس');
    expect(article.summary).toBe('ملخص');
    expect(warnings.map((w) => [w.path, w.code])).toEqual([
      ['$.title', 'CONTROL_CHARACTERS_STRIPPED'],
      ['$.summary', 'CONTROL_CHARACTERS_STRIPPED'],
    ]);
    expect(warnings[1]!.message).toContain('2 control characters');
  });

  it('removes scripts, event handlers and javascript: URLs with sanitize-html, with a warning', () => {
    const r = parse(fixture('json/unsafe-html.json'));
    expect(r.errors).toEqual([]);
    const { article, warnings } = r.articles[0]!;
    expect(article.content).not.toMatch(/script|onclick|onerror|javascript:/i);
    expect(article.content).toContain('<h2>عنوان فرعي</h2>');
    expect(article.content).toContain('<img src="https://cdn.example.com/a.jpg" />');
    expect(warnings.map((w) => [w.path, w.code])).toEqual([
      ['$.tracking', 'UNKNOWN_FIELD'],
      ['$.content', 'HTML_SANITIZED'],
    ]);
    expect(warnings[1]!.message).toMatch(/<script>.*onclick.*javascript:/s);
  });

  it('reports a non-object element and an empty body', () => {
    expect(codes(parse({ body: '[1, {"url":"https://e.com/a","title":"t","published":"2024-04-29"}]' }))).toEqual([
      ['$[0]', 'NOT_AN_OBJECT'],
    ]);
    expect(codes(parse({ body: '  \n' }))).toEqual([['$', 'EMPTY_INPUT']]);
  });

  it('rejects an unknown zone in the header block before reading the date line', () => {
    const body = 'url: https://e.com/a\ntimezone: Mars/Olympus\n---\nالخميس 14 مارس 2024\n\nعنوان\n\nعنوان\n\nنص.';
    expect(codes(parse({ body, format: 'text' }))).toEqual([['$.timeZone', 'UNKNOWN_ZONE']]);
  });

  it('validates header-block values like JSON fields', () => {
    const body = 'url: mailto:desk@example.com\nimages: notaurl\n---\nالخميس 14 مارس 2024\n\nعنوان\n\nعنوان\n\nصورة - واس\nصورة - واس\nنص.';
    expect(codes(parse({ body, format: 'text' }))).toEqual([
      ['$.url', 'URL_NOT_HTTP'],
      ['$.images[0].url', 'INVALID_URL'],
    ]);
  });

  it('reports wrong types, empty strings, a bad language and an unknown zone', () => {
    const r = parse({
      body: JSON.stringify([
        { url: 'https://e.com/a', title: '  ', published: 42 },
        { url: 'https://e.com/b', title: 't', published: '2024-04-29', language: 'not a tag' },
        { url: 'https://e.com/c', title: 't', published: '2024-04-29', timeZone: 'Mars/Olympus' },
        { url: 'https://e.com/d', title: 't', published: '2024-04-29', images: [{ url: 'javascript:alert(1)' }] },
      ]),
    });
    expect(codes(r)).toEqual([
      ['$[0].title', 'EMPTY_FIELD'],
      ['$[0].published', 'INVALID_TYPE'],
      ['$[1].language', 'INVALID_LANGUAGE'],
      ['$[2].timeZone', 'UNKNOWN_ZONE'],
      ['$[3].images[0].url', 'URL_NOT_HTTP'],
    ]);
    expect(r.errors[4]!.field).toBe('images');
  });

  it('names every problem of one article at once: schema errors and an unreadable date together', () => {
    const r = parse({
      body: JSON.stringify([
        { url: 'ftp://e.com/a', title: '', published: '30 فبراير 2024', updated: 'الجمعة 3 مايو 2024' },
        { url: 'https://e.com/b', title: '', published: 'الإثنين 29 أبريل 2024' },
      ]),
    });
    expect(codes(r)).toEqual([
      ['$[0].url', 'URL_NOT_HTTP'],
      ['$[0].title', 'EMPTY_FIELD'],
      ['$[0].published', 'INVALID_DAY'],
      ['$[1].title', 'EMPTY_FIELD'],
    ]);
    expect(r.articles).toEqual([]);
  });

  it('rejects an unknown ingest zone for the whole body', () => {
    const r = parse({ body: '{"url":"https://e.com/a","title":"t","published":"2024-04-29"}' }, { timeZone: 'Mars/Olympus' });
    expect(r.errors.map((e) => [e.path, e.field, e.code])).toEqual([['$', 'timeZone', 'UNKNOWN_ZONE']]);
  });

  it('drops an updated date that is not after published, with a warning', () => {
    const r = parse({ body: '{"url":"https://e.com/a","title":"t","published":"2024-04-29T10:00:00Z","updated":"2024-04-29T09:00:00Z"}' });
    expect(r.articles[0]!.article.updated).toBeUndefined();
    expect(r.articles[0]!.warnings.map((w) => w.code)).toEqual(['UPDATED_NOT_AFTER_PUBLISHED']);
    const later = parse({
      body: '{"url":"https://e.com/a","title":"t","published":"2024-04-29T10:00:00Z","updated":"2024-04-30T09:00:00Z"}',
    });
    expect(later.articles[0]!.article.updated?.instant).toBe('2024-04-30T09:00:00.000Z');
  });
});

describe('parseArticles: NDJSON', () => {
  it('reads one article per line; errors name the line as $[lineIndex]', () => {
    const r = parse(fixture('json/lines.ndjson'));
    expect(r.articles.map((a) => a.index)).toEqual([0, 4]);
    expect(codes(r)).toEqual([
      ['$[2]', 'INVALID_JSON'],
      ['$[3].url', 'INVALID_URL'],
    ]);
    expect(r.errors[0]!.message).toContain('line 3');
  });

  it('is detected from the content when there is no name', () => {
    const body =
      '{"url":"https://e.com/1","title":"a","published":"2024-04-29"}\n{"url":"https://e.com/2","title":"b","published":"2024-04-30"}\n';
    expect(parse({ body }).articles.map((a) => a.article.title)).toEqual(['a', 'b']);
  });
});

describe('parseArticles: page text', () => {
  it('needs a URL: from a header, or base URL + file name (the key)', () => {
    const text = readFileSync(path.join(fixtures, 'pages/mashriq-captions.txt'), 'utf8');
    expect(codes(parse({ body: text, format: 'text' }))).toEqual([['$.url', 'NO_URL']]);
    const r = parse({ body: text, name: 'desal-plant.txt' }, { baseUrl: 'https://news.example.com/articles' });
    expect(r.errors).toEqual([]);
    const a = r.articles[0]!.article;
    expect(a.url).toBe('https://news.example.com/articles/desal-plant');
    expect(a.captions).toHaveLength(2);
    expect(a.source).toBe('الأناضول');
    expect(a.content).toContain('<h2>كلفة أقل وانبعاثات أدنى</h2>');
    expect(a.content).toContain('<figcaption>فنيون يتفقدون خط الأنابيب الرئيسي <small>رويترز</small></figcaption>');
    expect(a.content).not.toMatch(/شارك القصة|تابع القراءة|Changed|Close|اقرأ أيضاً/);
    const again = parse({ body: text, name: 'other/dir/desal-plant.txt' }, { baseUrl: 'https://news.example.com/articles/' });
    expect(again.articles[0]!.article.id).toBe(a.id);
  });

  it('takes url, key, categories, authors, images and zone from the header block', () => {
    const r = parse(fixture('pages/header-block.txt'), { timeZone: 'UTC' });
    expect(r.errors).toEqual([]);
    const a = r.articles[0]!.article;
    expect(a).toMatchObject({ categories: ['اقتصاد', 'طاقة'], authors: ['ليلى حداد'], source: 'واس' });
    expect(a.images).toEqual([{ url: 'https://cdn.example.com/img/desal-1.jpg', caption: 'مدخل المحطة صباح الافتتاح', credit: 'واس' }]);
    expect(a.captions).toBeUndefined();
    expect(a.published).toMatchObject({ timeZone: 'Asia/Riyadh', instant: '2024-03-14T09:00:00.000Z' });
  });

  it('splits one line that carries both dates into published and updated', () => {
    const text = [
      'نشر في: الأربعاء 1 مايو 2024 - آخر تحديث: الخميس 2 مايو 2024 10:15 ص',
      '',
      'افتتاح معرض الرياض الدولي للكتاب',
      '',
      'افتتاح معرض الرياض الدولي للكتاب',
      '',
      'افتتح معرض الرياض الدولي للكتاب أبوابه أمام الزوار بمشاركة أكثر من ألف دار نشر.',
    ].join('\n');
    const r = parse({ body: text, name: 'book-fair.txt' }, { baseUrl: 'https://e.com/articles/', timeZone: 'Asia/Riyadh' });
    expect(r.errors).toEqual([]);
    const a = r.articles[0]!.article;
    expect(a.published).toMatchObject({ raw: 'الأربعاء 1 مايو 2024', normalized: { date: '2024-05-01' } });
    expect(a.updated).toMatchObject({ raw: 'الخميس 2 مايو 2024 10:15 ص', instant: '2024-05-02T07:15:00.000Z' });
  });

  it('carries the normalizer error of a contradictory date line at $.published', () => {
    const r = parse(fixture('pages/weekday-mismatch.txt'), { baseUrl: 'https://e.com/' });
    expect(codes(r)).toEqual([['$.published', 'WEEKDAY_MISMATCH']]);
    expect(r.errors[0]!.message).toContain('الثلاثاء 14 مارس 2024');
  });

  it('reports a page without a date line', () => {
    expect(codes(parse(fixture('pages/no-date.txt'), { baseUrl: 'https://e.com/' }))).toEqual([['$.published', 'NO_DATE_LINE']]);
  });

  it('strips control characters from page text with a warning at $', () => {
    const r = parse(fixture('pages/control-characters.txt'), { baseUrl: 'https://e.com/' });
    expect(r.errors).toEqual([]);
    expect(r.articles[0]!.article.title).toBe('خبر فيه محارف تحكم');
    expect(r.articles[0]!.warnings.map((w) => [w.path, w.code])).toEqual([['$', 'CONTROL_CHARACTERS_STRIPPED']]);
  });

  it('escapes page text as text: markup in the page never becomes HTML', () => {
    const r = parse(fixture('pages/script-in-text.txt'), { baseUrl: 'https://e.com/' });
    const a = r.articles[0]!.article;
    expect(a.title).toBe('عنوان <script>alert(1)</script> & "اقتباس"');
    expect(a.content).toBe('<p>نص يذكر وسم &lt;img src=x onerror=alert(1)&gt; كما هو مطبوع.</p>');
  });
});
