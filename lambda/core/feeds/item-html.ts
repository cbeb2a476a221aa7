// The HTML body of a feed item: the article's content wrapped with its direction and language, with its Hijri date. Pure.
import type { Article, ArticleImage } from '../articles/article.ts';
import { formatHijriDate } from '../dates/index.ts';
import { numeralsOf } from './arabic-date-line.ts';
import { escapeXmlAttr, escapeXmlText, stripXmlIllegal } from './xml-text.ts';

function renderFigure(image: ArticleImage): string {
  const caption = [image.caption, image.credit].filter(Boolean).join(' — ');
  return (
    `<figure><img src="${escapeXmlAttr(image.url)}" alt="${escapeXmlAttr(image.caption ?? '')}">` +
    (caption ? `<figcaption>${escapeXmlText(caption)}</figcaption>` : '') +
    '</figure>'
  );
}

/**
 * The item's HTML: `<div dir=… lang=…>` around the Hijri date (Umm al-Qura, in the article's
 * zone), the lead image and the sanitized content. Illegal XML characters are stripped.
 *
 * @example
 * renderItemHtml(article)
 * //=> '<div dir="rtl" lang="ar"><p class="nashra-date"><time datetime="2024-04-29T21:00:00.000Z">٢٠ شوال ١٤٤٥ هـ</time></p>…</div>'
 */
export function renderItemHtml(article: Article): string {
  const instant = new Date(article.published.instant);
  const hijri = formatHijriDate(article.published.instant, {
    numerals: numeralsOf(article.language),
    timeZone: article.published.timeZone,
  });
  const lead = article.images[0];
  return (
    `<div dir="${article.direction === 'ltr' ? 'ltr' : 'rtl'}" lang="${escapeXmlAttr(article.language)}">` +
    `<p class="nashra-date"><time datetime="${instant.toISOString()}">${escapeXmlText(hijri)}</time></p>` +
    (lead ? renderFigure(lead) : '') +
    // content is sanitized HTML from the article model; only XML-illegal characters are removed here.
    stripXmlIllegal(article.content) +
    '</div>'
  );
}
