// One article as a readable page (articles/<id>.html): right to left, Gregorian and Hijri dates, byline, source, images, body, OpenGraph. Pure.
import type { Article, ArticleImage } from '../articles/article.ts';
import { maxAgeOf } from '../config/config-values.ts';
import type { SiteConfig } from '../config/site-config.ts';
import type { FeedDocument } from './feed-document.ts';
import { arabicDateLineOf } from './arabic-date-line.ts';
import { authorsOf, feedNamesOf } from './feed-keys.ts';
import { feedPathOf, isFeedPublished } from './feed-page.ts';
import { resolveUrl, rfc3339Of, updatedDateOf } from './item-fields.ts';
import { articlePagePathOf, hasMadeUpUrl, itemLinkOf, itemSourcesOf } from './item-link.ts';
import { toFeedDocument } from './render-feed-documents.ts';
import { escapeXmlAttr, escapeXmlText, stripXmlIllegal } from './xml-text.ts';

const KIND_LABELS: Record<string, string> = { category: 'الموضوع', source: 'المصدر', author: 'الكاتب' };

/** A path from an article page (one folder down) to a site path, each segment percent-encoded. */
const fromPage = (sitePath: string): string => `../${sitePath.split('/').map(encodeURIComponent).join('/')}`;

function figure(config: SiteConfig, image: ArticleImage): string {
  const caption = image.caption ? `<span class="caption">${escapeXmlText(image.caption)}</span>` : '';
  const credit = image.credit ? `<span class="credit">${escapeXmlText(image.credit)}</span>` : '';
  return (
    `<figure><img src="${escapeXmlAttr(resolveUrl(image.url, config.baseUrl))}" alt="${escapeXmlAttr(image.caption ?? '')}" loading="lazy"/>` +
    (caption || credit ? `<figcaption>${caption}${caption && credit ? ' ' : ''}${credit}</figcaption>` : '') +
    '</figure>'
  );
}

const meta = (property: string, content: string): string => `<meta property="${property}" content="${escapeXmlAttr(content)}"/>\n`;

/**
 * The page of one article, as polyglot HTML5 (also well-formed XML, so xmllint can check it): `lang`/`dir` from the
 * article; the title; the Gregorian and Hijri dates in Arabic with `<time datetime>` (publisher's offset); the byline
 * (authors split like feed keys), the source, the images with captions and credits (and captions printed without an
 * image), the sanitized body; `<link rel="canonical">` to the publisher's URL (or this page when there is none);
 * OpenGraph `article` tags; and links to the feeds the article is in. Links to the site are relative, so the page
 * works wherever the site is served.
 *
 * @example
 * renderArticlePage(config, article).path //=> 'articles/3f2a9c0b7d1e4f5a6b7c8d9e0f.html'
 */
export function renderArticlePage(config: SiteConfig, article: Article): FeedDocument {
  const lang = escapeXmlAttr(article.language);
  const dir = article.direction === 'ltr' ? 'ltr' : 'rtl';
  const canonical = itemLinkOf(config, article);
  const dates = arabicDateLineOf(article.published, article.language);
  const authors = authorsOf(article);
  const sources = itemSourcesOf(config, article);
  const lead = article.images[0];

  let head =
    meta('og:type', 'article') +
    meta('og:title', article.title) +
    meta('og:url', canonical) +
    meta('og:site_name', config.title) +
    meta('og:locale', article.language.replace('-', '_')) +
    meta('article:published_time', rfc3339Of(article.published));
  if (article.summary) head += meta('og:description', article.summary);
  if (lead) head += meta('og:image', resolveUrl(lead.url, config.baseUrl));
  if (lead?.caption) head += meta('og:image:alt', lead.caption);
  if (article.updated) head += meta('article:modified_time', rfc3339Of(article.updated));
  for (const a of authors) head += meta('article:author', a);
  if (article.categories[0]) head += meta('article:section', article.categories[0]);
  for (const c of article.categories.slice(1)) head += meta('article:tag', c);

  let byline = '';
  if (authors.length)
    byline += `<p class="byline">بقلم: ${authors.map((a) => `<span class="author">${escapeXmlText(a)}</span>`).join('، ')}</p>\n`;
  if (sources.length) {
    byline += `<p class="source">المصدر: ${sources
      .map((s) =>
        s.key ? `<a href="${escapeXmlAttr(fromPage(feedPathOf(s.key, 'rss')))}">${escapeXmlText(s.name)}</a>` : escapeXmlText(s.name),
      )
      .join('، ')}</p>\n`;
  }

  const figures = article.images.map((img) => figure(config, img)).join('\n');
  const captions = (article.captions ?? [])
    .map(
      (c) =>
        `<figure class="caption-only"><figcaption><span class="caption">${escapeXmlText(c.caption)}</span>` +
        (c.credit ? ` <span class="credit">${escapeXmlText(c.credit)}</span>` : '') +
        '</figcaption></figure>',
    )
    .join('\n');

  const feeds = [
    ...(isFeedPublished(config, 'all') ? [`<li><a href="${escapeXmlAttr(fromPage(feedPathOf('all', 'rss')))}">كل الأخبار</a></li>`] : []),
    ...[...new Map(feedNamesOf(article)).entries()]
      .filter(([key]) => isFeedPublished(config, key))
      .map(
        ([key, name]) =>
          `<li>${KIND_LABELS[key.slice(0, key.indexOf(':'))]}: <a href="${escapeXmlAttr(fromPage(feedPathOf(key, 'rss')))}">${escapeXmlText(name)}</a></li>`,
      ),
  ].join('\n');

  const publisherLink = hasMadeUpUrl(config, article)
    ? ''
    : `<p class="publisher"><a href="${escapeXmlAttr(canonical)}" rel="external">اقرأ المقال على موقع الناشر</a></p>\n`;

  const html = `<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" lang="${lang}" xml:lang="${lang}" dir="${dir}">
<head>
<meta charset="utf-8"/>
<meta name="viewport" content="width=device-width, initial-scale=1"/>
<title>${escapeXmlText(article.title)} — ${escapeXmlText(config.title)}</title>
${article.summary ? `<meta name="description" content="${escapeXmlAttr(article.summary)}"/>\n` : ''}<link rel="canonical" href="${escapeXmlAttr(canonical)}"/>
${head}<link rel="alternate" type="application/rss+xml" title="${escapeXmlAttr(config.title)}" href="${escapeXmlAttr(fromPage(feedPathOf('all', 'rss')))}"/>
<link rel="stylesheet" href="../feed.css"/>
</head>
<body>
<article class="article-page">
<header>
<p class="site"><a href="../">${escapeXmlText(config.title)}</a></p>
<h1>${escapeXmlText(article.title)}</h1>
<p class="dates"><time datetime="${escapeXmlAttr(rfc3339Of(article.published))}">${escapeXmlText(dates.gregorian)}</time> · <span class="hijri">${escapeXmlText(dates.hijri)}</span></p>
${article.updated ? `<p class="updated">حُدّث: <time datetime="${escapeXmlAttr(rfc3339Of(updatedDateOf(article)))}">${escapeXmlText(arabicDateLineOf(article.updated, article.language).gregorian)}</time></p>\n` : ''}${byline}</header>
${article.summary ? `<p class="summary">${escapeXmlText(article.summary)}</p>\n` : ''}${figures}${figures ? '\n' : ''}<div class="body">${stripXmlIllegal(article.content)}</div>
${captions}${captions ? '\n' : ''}${publisherLink}<nav class="article-feeds">
<h2>في الخلاصات</h2>
<ul>
${feeds}
</ul>
</nav>
</article>
</body>
</html>
`;
  return toFeedDocument(
    articlePagePathOf(article.id),
    html,
    'text/html; charset=utf-8',
    `public, max-age=${maxAgeOf(config)}`,
    updatedDateOf(article).instant,
  );
}
