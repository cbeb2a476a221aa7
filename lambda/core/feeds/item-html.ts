// The HTML body of a feed item: the article's content wrapped with its direction and language, with its Hijri date. Pure.
import type { Article, ArticleImage } from '../articles/article.ts';
import type { SiteConfig } from '../config/site-config.ts';
import { formatHijriDate } from '../dates/index.ts';
import { numeralsOf } from './arabic-date-line.ts';
import { itemLinkOf } from './item-link.ts';
import { escapeXmlAttr, escapeXmlText, stripXmlIllegal } from './xml-text.ts';

function renderFigure(image: ArticleImage): string {
  const caption = [image.caption, image.credit].filter(Boolean).join(' — ');
  return (
    `<figure><img src="${escapeXmlAttr(image.url)}" alt="${escapeXmlAttr(image.caption ?? '')}">` +
    (caption ? `<figcaption>${escapeXmlText(caption)}</figcaption>` : '') +
    '</figure>'
  );
}

const encoder = new TextEncoder();

/**
 * Bytes of content one item may carry in full: the feed's byte budget shared by its items. A feed of
 * 36 articles of 880 KB made a 79 MB `all.atom`; with the default budget (5 MB, 50 items) an item
 * carries at most 100 KB of content.
 *
 * @example
 * itemContentBudgetOf({ feedByteBudget: 5_000_000, itemLimit: 50 }) //=> 100000
 */
function itemContentBudgetOf(config: Pick<SiteConfig, 'feedByteBudget' | 'itemLimit'>): number {
  return Math.floor(config.feedByteBudget / config.itemLimit);
}

/** The content an item carries: the sanitized HTML, or, over the budget, the summary and a link to the whole text. */
function contentWithinBudget(config: Pick<SiteConfig, 'feedByteBudget' | 'itemLimit' | 'baseUrl'>, article: Article): string {
  const budget = itemContentBudgetOf(config);
  // UTF-8 is at most 3 bytes per UTF-16 unit: most contents are decided without encoding them.
  if (article.content.length * 3 <= budget || encoder.encode(article.content).length <= budget) return stripXmlIllegal(article.content);
  const summary = article.summary ?? article.title;
  return (
    `<p>${escapeXmlText(summary)}</p>` +
    `<p class="nashra-more"><a href="${escapeXmlAttr(itemLinkOf(config, article))}">اقرأ النص كاملاً</a></p>`
  );
}

/**
 * The item's HTML: `<div dir=… lang=…>` around the Hijri date (Umm al-Qura, in the article's
 * zone), the lead image and the sanitized content (over the feed's byte budget: the summary and a
 * link to the whole text). Illegal XML characters are stripped.
 *
 * @example
 * renderItemHtml(config, article)
 * //=> '<div dir="rtl" lang="ar"><p class="nashra-date"><time datetime="2024-04-29T21:00:00.000Z">٢٠ شوال ١٤٤٥ هـ</time></p>…</div>'
 */
export function renderItemHtml(config: Pick<SiteConfig, 'feedByteBudget' | 'itemLimit' | 'baseUrl'>, article: Article): string {
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
    contentWithinBudget(config, article) +
    '</div>'
  );
}
