// Page text as real sites print it: masthead clocks, kickers, bylines, whole saved pages, update-only lines, Hijri off by two.
import { describe, expect, it } from 'vitest';
import { parseArticles } from '../../../lambda/core/articles/index.ts';

const now = new Date('2026-12-05T12:00:00Z');
const read = (text: string, timeZone = 'Asia/Riyadh') =>
  parseArticles({ body: text, format: 'text', name: 'page.txt' }, { timeZone, now, baseUrl: 'https://e.example/articles/' });
const lede = 'أكدت الوزارة في بيان صدر اليوم أن المشروع سيكتمل خلال العام المقبل، وأن العمل يسير وفق الخطة المرسومة.';
const codes = (r: ReturnType<typeof read>) => r.errors.map((e) => e.code);

describe('page text from real sites', () => {
  it('takes the date next to the headline, not the masthead clock of the visit', () => {
    const r = read(
      [
        'السبت - 12 تشرين الأول 2024',
        'الرئيسية',
        'محليات',
        'تقارير',
        'وزارة الصحة تطلق حملة تطعيم في المدارس',
        'الأحد 3 مارس 2019',
        lede,
      ].join('\n\n'),
    );
    expect(codes(r)).toEqual([]);
    expect(r.articles[0]!.article.published.normalized.date).toBe('2019-03-03');
    expect(r.articles[0]!.article.title).toBe('وزارة الصحة تطلق حملة تطعيم في المدارس');
    expect(r.articles[0]!.from).toMatchObject({ title: 'text-line', published: 'text-line', summary: 'body' });
  });

  it('refuses with AMBIGUOUS_DATE, listing what it saw, when the only date is far from the headline', () => {
    const r = read(
      [
        'الجمعة 29 نوفمبر 2024',
        'رئيس التحرير',
        'فلان الفلاني',
        'عاجل',
        'عرب وعالم',
        'السفارة تؤكد التزامها بأمن البلاد ودول المنطقة',
        'الموقع نيوز',
        lede,
      ].join('\n'),
    );
    expect(codes(r)).toEqual(['AMBIGUOUS_DATE']);
    expect(r.errors[0]!.message).toContain('"الجمعة 29 نوفمبر 2024"');
  });

  it('reads a whole saved page: 150 lines of menus and "منذ دقيقة" stamps before the article', () => {
    const chrome = Array.from({ length: 150 }, (_, i) => (i % 3 === 0 ? 'منذ دقيقة' : i % 3 === 1 ? `• قسم ${i}` : 'خبر'));
    const r = read(
      [...chrome, 'افتتاح أكبر محطة لتحلية المياه في المنطقة', 'الإثنين 29 أبريل 2024 - 10:35 ص', 'المحرر - متابعات', lede].join('\n'),
    );
    expect(codes(r)).toEqual([]);
    const a = r.articles[0]!.article;
    expect([a.title, a.published.instant, a.summary]).toEqual([
      'افتتاح أكبر محطة لتحلية المياه في المنطقة',
      '2024-04-29T07:35:00.000Z',
      lede,
    ]);
  });

  it('keeps a kicker printed twice and a byline out of the title and lede; titles may end in ")" or "!"', () => {
    for (const title of ['الفريق يفوز بالكأس بعد مباراة مثيرة (صور)', 'الفريق يفوز بالكأس بعد مباراة مثيرة!']) {
      const r = read(['رياضة', 'رياضة', title, 'الأحد 12 مايو 2024', 'كتب: أحمد علي', lede].join('\n\n'));
      expect(codes(r)).toEqual([]);
      const a = r.articles[0]!.article;
      expect([a.title, a.summary, a.authors]).toEqual([title, lede, ['أحمد علي']]);
    }
  });

  it('reads a caption with its credit in parentheses, and a source in quotes without the quotes', () => {
    const r = read(
      [
        'عنوان الخبر عن افتتاح المعرض',
        'عنوان الخبر عن افتتاح المعرض',
        'الأحد 12 مايو 2024',
        lede,
        'زوار المعرض في يومه الأول (تصوير: أحمد علي).',
        'زوار المعرض في يومه الأول (تصوير: أحمد علي).',
        'المصدر: «الأهرام»',
      ].join('\n\n'),
    );
    expect(codes(r)).toEqual([]);
    expect(r.articles[0]!.article.source).toBe('الأهرام');
    expect(r.articles[0]!.article.captions?.[0]?.caption).toContain('زوار المعرض في يومه الأول');
  });

  it('does not crash on a page whose only date is "آخر تحديث:": it is the update, and the page is refused', () => {
    const r = read(['آخر تحديث: الأحد 12 مايو 2024', 'عنوان', lede].join('\n'));
    expect(codes(r)).toEqual(['NO_PUBLISHED_DATE']);
    expect(r.errors[0]!.message).toContain('الأحد 12 مايو 2024');
    // With a published date as well, the update is kept as `updated`.
    const both = read(['عنوان الخبر الكامل هنا', 'نشر في: الأحد 12 مايو 2024 - آخر تحديث: الإثنين 13 مايو 2024', lede].join('\n'));
    expect(codes(both)).toEqual([]);
    expect([both.articles[0]!.article.published.normalized.date, both.articles[0]!.article.updated?.normalized.date]).toEqual([
      '2024-05-12',
      '2024-05-13',
    ]);
  });

  it('takes the printed Gregorian date of a "… هـ - الموافق … م" line whose Hijri half is two days off, with a warning', () => {
    const r = read(
      ['نتائج الدورة الأولى من الانتخابات البلدية', 'الخميس 7/3/1429 هـ - الموافق 13/3/2008 م', lede].join('\n'),
      'Asia/Qatar',
    );
    expect(codes(r)).toEqual([]);
    expect(r.articles[0]!.article.published.normalized.date).toBe('2008-03-13');
    expect(r.articles[0]!.warnings.map((w) => w.code)).toContain('HIJRI_MISMATCH');
  });
});
