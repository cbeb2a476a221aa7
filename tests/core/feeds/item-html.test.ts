// Item HTML: direction/language wrapper from the article and the Hijri date through formatHijriDate.
import { describe, expect, it } from 'vitest';
import { renderItemHtml } from '../../../lambda/core/feeds/item-html.ts';
import { createSampleArticle, createSampleConfig, sampleDate } from './sample-articles.ts';

describe('renderItemHtml', () => {
  it('wraps Arabic content in dir="rtl" lang="ar" with the Umm al-Qura date in Arabic digits', () => {
    // 2024-04-29 21:30 UTC is already 30 April in Riyadh: 21 Shawwal 1445.
    const html = renderItemHtml(
      createSampleConfig(),
      createSampleArticle({ published: sampleDate('2024-04-29T21:30:00.000Z', 'Asia/Riyadh') }),
    );
    expect(html.startsWith('<div dir="rtl" lang="ar">')).toBe(true);
    expect(html.endsWith('</div>')).toBe(true);
    expect(html).toContain('<time datetime="2024-04-29T21:30:00.000Z">٢١ شوال ١٤٤٥ هـ</time>');
  });

  it('reads the Hijri day in the article zone (a start-of-day instant stays on its day)', () => {
    // Day precision: start of 2024-04-29 in Cairo (UTC+3 in summer time) is 2024-04-28T21:00Z.
    const html = renderItemHtml(
      createSampleConfig(),
      createSampleArticle({ published: sampleDate('2024-04-28T21:00:00.000Z', 'Africa/Cairo', 'day') }),
    );
    expect(html).toContain('٢٠ شوال ١٤٤٥ هـ');
  });

  it('takes direction and language from the article, with Latin digits for non-Arabic', () => {
    const html = renderItemHtml(
      createSampleConfig(),
      createSampleArticle({
        language: 'en',
        direction: 'ltr',
        content: '<p>Hello</p>',
        images: [],
        published: sampleDate('2024-04-29T12:00:00.000Z', 'UTC'),
      }),
    );
    expect(html).toBe(
      '<div dir="ltr" lang="en"><p class="nashra-date"><time datetime="2024-04-29T12:00:00.000Z">20 شوال 1445 هـ</time></p><p>Hello</p></div>',
    );
  });

  it('renders the lead image as an escaped figure', () => {
    const html = renderItemHtml(
      createSampleConfig(),
      createSampleArticle({ images: [{ url: 'https://x.example/a.jpg?a=1&b="2"', caption: 'صورة <1>', credit: 'رويترز' }] }),
    );
    expect(html).toContain(
      '<figure><img src="https://x.example/a.jpg?a=1&amp;b=&quot;2&quot;" alt="صورة &lt;1&gt;"><figcaption>صورة &lt;1&gt; — رويترز</figcaption></figure>',
    );
  });
});
