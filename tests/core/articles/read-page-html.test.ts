// The saved-HTML reader: JSON-LD (@graph), meta, <time>, visible date line, cross-checks, images, charsets, refusals.
import { describe, expect, it } from 'vitest';
import { articleDateFunctions, loadHtmlReader, parseArticlesAsync } from '../../../lambda/core/articles/index.ts';
import { decodeHtmlBytes } from '../../../lambda/core/articles/decode-html-bytes.ts';
import { readPageHtml } from '../../../lambda/core/articles/read-page-html.ts';

const now = new Date('2026-12-05T12:00:00Z');
const read = (html: string | Uint8Array, timeZone = 'Asia/Riyadh', charset?: string) =>
  readPageHtml(html, { timeZone, now, dates: articleDateFunctions, ...(charset && { charset }) });
const body = 'نص الخبر الأول يروي ما جرى في الاجتماع بتفصيل كاف ليكون فقرة حقيقية من فقرات المقال. '.repeat(6);

/** Encodes text as windows-1256 bytes (TextEncoder writes UTF-8 only): the inverse of TextDecoder's table. */
function windows1256(text: string): Uint8Array {
  const table = new Map<string, number>();
  const decoded = new TextDecoder('windows-1256').decode(Uint8Array.from({ length: 256 }, (_, i) => i));
  for (const [i, ch] of [...decoded].entries()) table.set(ch, i);
  return Uint8Array.from([...text].map((ch) => table.get(ch) ?? 0x3f));
}

describe('readPageHtml', () => {
  it('reads JSON-LD inside @graph, with the visible headline as title and every field sourced', () => {
    const html = `<!doctype html><html lang="ar" dir="rtl"><head>
      <title>وزير يفتتح مشروعا جديدا - الموقع</title>
      <link rel="canonical" href="https://news.example/2024/05/12/story">
      <script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"الموقع"},
        {"@type":"NewsArticle","headline":"وزير يفتتح مشروعا جديدا - الموقع","datePublished":"2024-05-12T10:35:00+03:00",
         "dateModified":"2024-05-12T12:00:00+03:00","author":[{"@type":"Person","name":"سارة علي"}],"articleSection":["اقتصاد"],
         "image":{"@type":"ImageObject","url":"https://news.example/img/lead.jpg","caption":"الوزير خلال الافتتاح (تصوير: أحمد علي)"}}]}</script>
      </head><body><nav><a href="/">الرئيسية</a> السبت 7 ديسمبر 2024</nav><article><h1>وزير يفتتح مشروعا جديدا</h1>
      <div class="meta">الأحد 12 مايو 2024 - 10:35 ص</div><p>${body}</p><p>${body}</p>
      <figure><img src="/img/site.jpg"><figcaption>العمال في الموقع - رويترز</figcaption></figure><p>${body}</p></article></body></html>`;
    const r = read(html);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.candidate).toMatchObject({
      url: 'https://news.example/2024/05/12/story',
      title: 'وزير يفتتح مشروعا جديدا',
      published: '2024-05-12T10:35:00+03:00',
      updated: '2024-05-12T12:00:00+03:00',
      authors: ['سارة علي'],
      categories: ['اقتصاد'],
      language: 'ar',
    });
    expect(r.from).toMatchObject({
      url: 'meta',
      title: 'text-line',
      published: 'json-ld',
      authors: 'json-ld',
      summary: 'body',
      content: 'body',
    });
    expect(r.candidate.images).toEqual([
      { url: 'https://news.example/img/lead.jpg', caption: 'الوزير خلال الافتتاح', credit: 'تصوير: أحمد علي' },
      { url: 'https://news.example/img/site.jpg', caption: 'العمال في الموقع', credit: 'رويترز' },
    ]);
    expect(String(r.candidate.summary)).toMatch(/^نص الخبر الأول/);
    expect(r.warnings).toEqual([]);
  });

  it('keeps the metadata date when the visible line is more than a day away, and says so naming both', () => {
    const html = `<html><head><meta property="og:url" content="https://e.example/a"><meta property="article:published_time" content="2024-05-12T08:00:00Z">
      <meta property="og:title" content="عنوان الخبر المنشور اليوم"></head><body><h1>عنوان الخبر المنشور اليوم</h1><p>الخميس 16 مايو 2024</p><p>${body}</p></body></html>`;
    const r = read(html);
    expect(r.ok && r.candidate.published).toBe('2024-05-12T08:00:00Z');
    expect(r.ok && r.warnings.map((w) => w.code)).toEqual(['DATE_DISAGREES']);
    expect(r.ok && r.warnings[0]!.message).toMatch(/2024-05-12.*الخميس 16 مايو 2024/);
  });

  it('reads an instant without offset in the site zone, and the <time> near the headline over a masthead clock', async () => {
    const html = `<html><head><link rel="canonical" href="https://e.example/b"></head><body>
      <header><time datetime="2026-12-05T09:00">السبت</time></header>${'<div><a href="#">قسم</a></div>'.repeat(60)}
      <h1>خبر عن افتتاح الطريق الجديد</h1><time datetime="2023-02-01 14:30">1 فبراير 2023</time><p>${body}</p></body></html>`;
    const report = await parseArticlesAsync({ body: html, format: 'html' }, { timeZone: 'Africa/Cairo', now });
    expect(report.errors).toEqual([]);
    expect(report.articles[0]!.article.published.instant).toBe('2023-02-01T12:30:00.000Z');
    expect(report.articles[0]!.from?.published).toBe('time');
  });

  it('refuses a page whose only date is a last update, and one with no date near its headline', () => {
    const updatedOnly = `<html><head><link rel="canonical" href="https://e.example/c"></head><body><h1>عنوان خبر قديم من الأرشيف</h1>
      <p>الأربعاء، 28 آب/اغسطس 2013، آخر تحديث 14:00 (GMT+0400)</p><p>${body}</p></body></html>`;
    const r1 = read(updatedOnly);
    expect(r1.ok ? r1.candidate : r1.errors.map((e) => e.code)).toEqual(['NO_PUBLISHED_DATE']);
    const masthead = `<html><head><link rel="canonical" href="https://e.example/d"></head><body><div>السبت 7 ديسمبر 2024</div>
      ${'<div><a href="#">قسم من أقسام الموقع</a></div>'.repeat(60)}<h1>عنوان خبر بلا تاريخ</h1><p>${body}</p></body></html>`;
    const r2 = read(masthead);
    expect(r2.ok ? r2.candidate : r2.errors.map((e) => e.code)).toEqual(['NO_DATE_LINE']);
  });

  it('decodes a windows-1256 page by its <meta charset>, and refuses undeclared bytes that are not UTF-8', () => {
    const page = `<html><head><meta charset="windows-1256"><link rel="canonical" href="https://e.example/w"></head><body>
      <h1>افتتاح معرض الكتاب في المدينة</h1><p>الأحد 12 مايو 2024</p><p>${body}</p></body></html>`;
    const bytes = windows1256(page);
    const r = read(bytes);
    expect(r.ok && r.candidate.title).toBe('افتتاح معرض الكتاب في المدينة');
    const undeclared = windows1256(page.replace('<meta charset="windows-1256">', ''));
    const bad = read(undeclared);
    expect(bad.ok ? bad.candidate : bad.errors.map((e) => e.code)).toEqual(['INVALID_ENCODING']);
    // The transport's charset (an HTTP Content-Type) is enough on its own.
    const viaHeader = read(undeclared, 'Asia/Riyadh', 'windows-1256');
    expect(viaHeader.ok && viaHeader.candidate.title).toBe('افتتاح معرض الكتاب في المدينة');
  });

  it('decodes by BOM, transport charset, then <meta>; a bad label or bad bytes is INVALID_ENCODING', () => {
    expect(decodeHtmlBytes(new Uint8Array([0xef, 0xbb, 0xbf, 0xd8, 0xa7]))).toEqual({ ok: true, text: 'ا', charset: 'utf-8' });
    expect(decodeHtmlBytes(new TextEncoder().encode('<meta charset="klingon">'))).toMatchObject({ ok: false, code: 'INVALID_ENCODING' });
    expect(decodeHtmlBytes(Uint8Array.from([0x3c, 0x70, 0x3e, 0xc7]), 'utf-8')).toMatchObject({ ok: false, code: 'INVALID_ENCODING' });
  });
});

describe('parseArticles on HTML', () => {
  it("turns an exception inside a reader into that input's EXTRACT_FAILED, naming the file", async () => {
    const { parseArticlesWith } = await import('../../../lambda/core/articles/parse-articles.ts');
    const report = parseArticlesWith(
      articleDateFunctions,
      { body: '<html><body><h1>x</h1></body></html>', name: 'broken.html' },
      {
        timeZone: 'UTC',
        now,
        readHtml: () => {
          throw new TypeError("Cannot read properties of undefined (reading 'text')");
        },
      },
    );
    expect(report.articles).toEqual([]);
    expect(report.errors).toEqual([
      expect.objectContaining({
        code: 'EXTRACT_FAILED',
        name: 'broken.html',
        message: expect.stringMatching(/broken\.html.*reading 'text'/),
      }),
    ]);
  });

  it('loads the HTML reader once, lazily, and sniffs HTML without an extension', async () => {
    const a = await loadHtmlReader();
    expect(await loadHtmlReader()).toBe(a);
    const report = await parseArticlesAsync(
      {
        body: `<!DOCTYPE html><html><head><link rel="canonical" href="https://e.example/s"></head><body><h1>عنوان الخبر الكامل هنا</h1><p>الأحد 12 مايو 2024</p><p>${body}</p></body></html>`,
      },
      { timeZone: 'Asia/Riyadh', now },
    );
    expect(report.articles.map((x) => x.article.published.normalized.date)).toEqual(['2024-05-12']);
  });
});
