// Property: any Unicode in any field (or any page text, or any bytes) yields valid articles or clear errors, never an exception.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseArticles, type ParseReport } from '../../../lambda/core/articles/index.ts';

const options = { timeZone: 'Asia/Riyadh', now: new Date('2026-11-26T12:00:00Z'), baseUrl: 'https://nashra.example/articles/' };
const XML_ILLEGAL =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Any string: full Unicode including lone surrogates and controls, or Arabic-looking text. */
const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.string({ unit: 'grapheme', maxLength: 60 }),
  fc.constantFrom(
    'الإثنين 29 أبريل 2024',
    '2024-04-29T08:30:00Z',
    'https://e.com/a',
    'javascript:alert(1)',
    '<script>x</script>',
    'ar',
    'Asia/Riyadh',
    '',
  ),
);
const anyValue = fc.oneof(
  anyText,
  fc.integer(),
  fc.constant(null),
  fc.array(anyText, { maxLength: 3 }),
  fc.dictionary(anyText, anyText, { maxKeys: 2 }),
);
const field = (valid: fc.Arbitrary<unknown>) => fc.option(fc.oneof(valid, anyValue), { nil: undefined });

const article = fc.record(
  {
    key: field(anyText),
    url: field(fc.constantFrom('https://e.com/a', 'http://x.test/p?q=1')),
    title: field(anyText),
    summary: field(anyText),
    content: field(fc.string({ unit: 'binary', maxLength: 200 }).map((s) => `<p onclick="x">${s}</p><script>${s}</script>`)),
    authors: field(fc.array(anyText, { maxLength: 3 })),
    categories: field(fc.array(anyText, { maxLength: 3 })),
    source: field(anyText),
    images: field(fc.array(fc.record({ url: anyText, caption: field(anyText), credit: field(anyText) }), { maxLength: 2 })),
    language: field(fc.constantFrom('ar', 'en', 'fa-IR', 'x')),
    published: field(fc.constantFrom('الإثنين 29 أبريل 2024', '2024-04-29T08:30:00Z', '12 جمادى الأولى 1446 هـ')),
    updated: field(anyText),
    timeZone: field(fc.constantFrom('UTC', 'Africa/Casablanca', 'Nowhere/Land')),
  },
  { requiredKeys: [] },
);

function expectWellFormed(report: ParseReport): void {
  for (const e of report.errors) {
    expect(e.path).toMatch(/^\$/);
    expect(e.code).toMatch(/^[A-Z][A-Z0-9_]+$/);
    expect(e.message.trim().length).toBeGreaterThan(5);
  }
  for (const { article: a } of report.articles) {
    expect(a.title.trim().length).toBeGreaterThan(0);
    expect(a.url).toMatch(/^https?:\/\//);
    expect(a.id).toMatch(/^[0-9a-f]{26}$/);
    expect(a.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(Number.isNaN(Date.parse(a.published.instant))).toBe(false);
    expect(a.published.instant.endsWith('Z')).toBe(true);
    expect(JSON.stringify(a)).not.toMatch(XML_ILLEGAL);
    // Inside tags only (text "<" is escaped, so "<[^>]*" spans real tags): no script element, handler or script URL.
    expect(a.content).not.toMatch(/<script|<[^>]*\son\w+\s*=|<[^>]*(?:href|src)\s*=\s*"\s*javascript:/i);
  }
}

describe('parseArticles never throws', () => {
  it('on any JSON article, array or NDJSON of them', () => {
    fc.assert(
      fc.property(fc.array(article, { minLength: 1, maxLength: 3 }), fc.constantFrom('json', 'ndjson', 'single'), (items, shape) => {
        const body =
          shape === 'ndjson' ? items.map((i) => JSON.stringify(i)).join('\n') : JSON.stringify(shape === 'single' ? items[0] : items);
        const report = parseArticles({ body, ...(shape === 'ndjson' && { format: 'ndjson' as const }) }, options);
        expectWellFormed(report);
        // Every input item is either accepted or rejected, never both: nothing of a rejected article is returned.
        const accepted = report.articles.map((a) => a.index);
        const rejected = [...new Set(report.errors.map((e) => (shape === 'single' ? 0 : Number(/^\$\[(\d+)\]/.exec(e.path)![1]))))];
        expect(accepted.filter((i) => rejected.includes(i))).toEqual([]);
        expect([...accepted, ...rejected].sort()).toEqual(items.map((_, i) => i).slice(0, shape === 'single' ? 1 : items.length));
        // An accepted title is the input title, only trimmed and cleaned of XML-illegal characters.
        for (const { index, article: a } of report.articles) {
          const title = items[index]!.title as string;
          expect(a.title).toBe(title.replace(new RegExp(XML_ILLEGAL.source, 'g'), '').trim());
        }
      }),
      { numRuns: 300 },
    );
  });

  it('on any page text', () => {
    const line = fc.oneof(anyText, fc.constantFrom('شارك القصة', 'Close', 'المصادر:', 'وكالات', 'صورة - رويترز'));
    fc.assert(
      fc.property(fc.array(line, { maxLength: 20 }), fc.boolean(), (lines, withDate) => {
        const body = [...(withDate ? ['الإثنين 29 أبريل 2024', ''] : []), ...lines].join('\n');
        expectWellFormed(parseArticles({ body, format: 'text', name: 'page.txt' }, options));
      }),
      { numRuns: 300 },
    );
  });

  it('on any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.constantFrom('a.json', 'a.ndjson', 'a.txt', undefined), (bytes, name) => {
        expectWellFormed(parseArticles({ body: bytes, ...(name && { name }) }, options));
      }),
      { numRuns: 300 },
    );
  });
});
