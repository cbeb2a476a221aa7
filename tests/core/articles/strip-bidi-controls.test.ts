// Bidi override and isolate characters are stripped from titles, authors, categories and source, with a warning.
import { describe, expect, it } from 'vitest';
import { parseArticles } from '../../../lambda/core/articles/index.ts';
import { stripBidiControls } from '../../../lambda/core/articles/strip-bidi-controls.ts';

const now = new Date('2024-05-02T00:00:00Z');

describe('stripBidiControls', () => {
  it.each([
    ['عاجل\u202Egnp.exe', 'عاجلgnp.exe', 1],
    ['\u2067خبر\u2069 \u202Aأ\u202C', 'خبر أ', 4],
    ['نص \u200Fعادي\u200E', 'نص \u200Fعادي\u200E', 0],
  ])('%j → %j (%i removed)', (input, text, removed) => {
    expect(stripBidiControls(input)).toEqual({ text, removed });
  });
});

describe('articles', () => {
  it('strips bidi controls from plain-text fields and says where', () => {
    const body = JSON.stringify({
      url: 'https://news.example/a',
      title: 'عاجل \u202Eخبر',
      authors: ['سارة\u2066 \u2069'],
      categories: ['\u202Bاقتصاد\u202C'],
      source: 'واس\u202E',
      summary: 'ملخص \u202E يبقى',
      published: '2024-05-01T10:00:00Z',
    });
    const report = parseArticles({ body: new TextEncoder().encode(body), name: 'a.json' }, { timeZone: 'Asia/Riyadh', now });
    expect(report.errors).toEqual([]);
    const { article, warnings } = report.articles[0]!;
    expect(article.title).toBe('عاجل خبر');
    expect(article.authors).toEqual(['سارة ']);
    expect(article.categories).toEqual(['اقتصاد']);
    expect(article.source).toBe('واس');
    expect(warnings.filter((w) => w.code === 'BIDI_CONTROLS_STRIPPED').map((w) => w.path)).toEqual([
      '$.title',
      '$.authors[0]',
      '$.categories[0]',
      '$.source',
    ]);
  });
});
