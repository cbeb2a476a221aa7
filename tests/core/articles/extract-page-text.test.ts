// Page-text extraction by structure: date line, duplicated title, captions with credit, subheadings, footer, boilerplate.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractPageText, readPageHeader } from '../../../lambda/core/articles/extract-page-text.ts';
import { isBoilerplateLine } from '../../../lambda/core/articles/boilerplate-lines.ts';
import { fakeDateFunctions } from './support/fake-date-functions.ts';

const pages = path.resolve(import.meta.dirname, '../../fixtures/pages');
const page = (name: string) => readFileSync(path.join(pages, name), 'utf8');
const readDate = (line: string) => fakeDateFunctions.normalizeArabicDate(line, { timeZone: 'UTC', now: new Date('2026-01-01T00:00:00Z') });

describe('extractPageText', () => {
  it('reads a seed-shaped page by structure', () => {
    const f = extractPageText(page('mashriq-captions.txt'), { readDate });
    expect(f.dateLine).toBe('الخميس 14 مارس 2024');
    expect(f.title).toBe('افتتاح أكبر محطة لتحلية المياه بالطاقة الشمسية على ساحل البحر الأحمر');
    expect(f.lede).toBe('افتتحت السلطات اليوم محطة لتحلية مياه البحر تعمل بالطاقة الشمسية بطاقة إنتاجية تبلغ 300 ألف متر مكعب يوميًا.');
    expect(f.captions).toEqual([
      { caption: 'ألواح شمسية تغذي وحدات التحلية في المحطة الجديدة', credit: 'الأناضول' },
      { caption: 'فنيون يتفقدون خط الأنابيب الرئيسي', credit: 'رويترز' },
    ]);
    expect(f.subheadings).toEqual(['كلفة أقل وانبعاثات أدنى']);
    expect(f.source).toBe('الأناضول');
    expect(f.boilerplate).toEqual(['Changed', 'شارك القصة', 'اقرأ أيضاً: أسعار الكهرباء في الصيف المقبل', 'تابع القراءة', 'Close']);
    expect(f.blocks.map((b) => b.kind)).toEqual(['caption', 'paragraph', 'paragraph', 'subheading', 'paragraph', 'caption', 'paragraph']);
    const allText = JSON.stringify(f.blocks);
    for (const b of f.boilerplate) expect(allText).not.toContain(b);
  });

  it('finds the date line wherever it sits near the top, not by line number', () => {
    const text = page('mashriq-captions.txt').split('\n');
    const moved = [text[2], '', text[0], '', ...text.slice(4)].join('\n');
    const f = extractPageText(moved, { readDate });
    expect(f.dateLine).toBe('الخميس 14 مارس 2024');
    expect(f.title).toBe('افتتاح أكبر محطة لتحلية المياه بالطاقة الشمسية على ساحل البحر الأحمر');
  });

  it('ignores a date mentioned below the top lines', () => {
    const body = ['عنوان', '', 'عنوان', ...Array.from({ length: 10 }, (_, i) => `فقرة رقم ${i}.`), 'الخميس 14 مارس 2024'].join('\n');
    const f = extractPageText(body, { readDate });
    expect(f.dateLine).toBeUndefined();
  });

  it('keeps the first rejected date-like line so its error can be carried', () => {
    const f = extractPageText(page('weekday-mismatch.txt'), { readDate });
    expect(f.dateLine).toBeUndefined();
    expect(f.dateLineError).toMatchObject({ line: 'الثلاثاء 14 مارس 2024', code: 'WEEKDAY_MISMATCH' });
  });

  it('falls back to the first short line as title and drops English chrome', () => {
    const f = extractPageText(page('no-duplicated-title.txt'), { readDate });
    expect(f.title).toBe('عنوان يظهر مرة واحدة فقط');
    expect(f.boilerplate).toEqual(['Share', 'Read more', 'Advertisement']);
    expect(f.lede).toBe('فقرة أولى من الخبر تأتي بعد العنوان مباشرة.');
  });

  it('reads the optional header block and an inline source footer', () => {
    const text = page('header-block.txt');
    expect(readPageHeader(text).header).toMatchObject({ key: 'desal-2024-0314', categories: 'اقتصاد، طاقة', timezone: 'Asia/Riyadh' });
    const f = extractPageText(text, { readDate });
    expect(f.title).toBe('محطة تحلية جديدة تدخل الخدمة');
    expect(f.source).toBe('واس');
    expect(f.captions).toEqual([{ caption: 'مدخل المحطة صباح الافتتاح', credit: 'واس' }]);
  });

  it('keeps a short line above the title as a kicker, not as the lede', () => {
    const f = extractPageText(page('kicker-above-title.txt'), { readDate });
    expect(f.kicker).toBe('علوم');
    expect(f.title).toBe('تلسكوب عربي جديد يرصد أول صوره من قمة جبل');
    expect(f.lede).toBe('التقط تلسكوب جديد أول صوره من مرصد على قمة جبل بعد عامين من أعمال التركيب.');
    expect(f.captions).toEqual([{ caption: 'التلسكوب عند اكتمال تركيبه', credit: 'الأناضول' }]);
  });

  it('reads a byline after the captions, splitting names on commas only', () => {
    const f = extractPageText(page('byline-after-caption.txt'), { readDate });
    expect(f.authors).toEqual(['وليد منصور', 'هدى سالم']);
    expect(f.lede).toBe('تجوب حافلة حُوّلت إلى مكتبة قرى صعيد مصر كل أسبوع.');
    expect(f.captions).toEqual([{ caption: 'الحافلة المكتبة في إحدى القرى', credit: 'خاص' }]);
  });

  it('does not take key: value prose as a header without the closing ---', () => {
    expect(readPageHeader('note: this is text\nمزيد من النص').header).toEqual({});
  });
});

describe('isBoilerplateLine', () => {
  it.each([
    'Changed',
    'Close',
    'شارك القصة',
    'تابع القراءة',
    'Share',
    'Read more',
    'Advertisement',
    'اقرأ أيضاً',
    'إعلان',
    'إقرأ أيضا:',
    'ADVERTISEMENT',
  ])('"%s" is chrome', (line) => expect(isBoilerplateLine(line)).toBe(true));
  it.each(['المصادر:', 'وكالات', 'عززت الصين وروسيا تعاونهما', 'Share prices rose sharply today.'])('"%s" is not chrome', (line) => {
    expect(isBoilerplateLine(line)).toBe(false);
  });
});

describe('extractPageText on hostile shapes', () => {
  // Correctness, not speed: these would hang a backtracking line pattern; the test timeout catches a hang.
  it('reads a duplicated 200 KB line with long runs of spaces and many separators', () => {
    const long = `a${' '.repeat(100_000)}b${' - x'.repeat(25_000)}`;
    const f = extractPageText(['الخميس 14 مارس 2024', '', 'عنوان', '', 'عنوان', '', long, long, 'نص.'].join('\n'), { readDate });
    expect(f.title).toBe('عنوان');
    expect(f.captions).toHaveLength(1);
    expect(f.captions[0]!.credit).toBeUndefined();
  });

  it('collapses white space inside lines', () => {
    const f = extractPageText('الخميس 14 مارس 2024\n\nعنوان\t\tالخبر\n\nعنوان  الخبر\n\nنص   الخبر.', { readDate });
    expect(f.title).toBe('عنوان الخبر');
    expect(f.lede).toBe('نص الخبر.');
  });
});
