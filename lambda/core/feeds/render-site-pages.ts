// The site's browser-facing documents: index.html with feed autodiscovery and the RTL-aware feed.css. Pure.
import type { FeedDocument } from './feed-document.ts';
import { maxAgeOf } from '../config/config-values.ts';
import type { SiteConfig } from '../config/site-config.ts';
import { CONTENT_TYPES, FEED_FORMATS, feedPathOf, siteUrlOf, type FeedFormat } from './feed-page.ts';
import { toFeedDocument } from './render-feed-documents.ts';
import { FEED_GROUPS, feedKindOf } from './feed-groups.ts';
import { escapeXmlAttr, escapeXmlText } from './xml-text.ts';

/** What the index page needs to know about one published feed. */
export interface FeedSummary {
  key: string;
  title: string;
  /** Items in the current document (at most `itemLimit`). */
  itemCount: number;
  /** Articles the feed holds in all (current document and archive pages), as stored; absent in older summaries. */
  total?: number;
  /** Newest item time (ISO), when the feed has items. */
  lastModified?: string;
}

const FORMAT_LABELS: Record<FeedFormat, string> = { rss: 'RSS', atom: 'Atom', json: 'JSON Feed' };

/** Writing direction of a BCP 47 language: right-to-left for Arabic-script and Hebrew languages. */
function directionOfLanguage(language: string): 'rtl' | 'ltr' {
  return /^(ar|fa|he|iw|ur|ps|sd|ug|yi|ckb|dv)(-|$)/i.test(language) ? 'rtl' : 'ltr';
}

/** "١٢٣" for Arabic sites, "123" otherwise. */
function countText(config: SiteConfig, n: number): string {
  return new Intl.NumberFormat(`${config.language}-u-nu-${/^ar(-|$)/i.test(config.language) ? 'arab' : 'latn'}`).format(n);
}

/**
 * `index.html`: the feeds in groups (all, topics, sources, authors), each with its three formats, its article count
 * (all it holds, archives included, when known) and its newest day; one `<link rel="alternate">` per format for
 * autodiscovery (the "all" feed, else the first feed), and a link to `feeds.opml` with every feed. `lang`/`dir`
 * from the config; the configured `image` as the page icon. Written as polyglot HTML5 (also well-formed XML), so
 * xmllint can check its structure.
 *
 * @example
 * new TextDecoder().decode(renderIndexDocument(config, feeds).body) //=> '<!DOCTYPE html>\n<html xmlns="http://www.w3.org/1999/xhtml" lang="ar" xml:lang="ar" dir="rtl">…'
 */
export function renderIndexDocument(config: SiteConfig, feeds: readonly FeedSummary[]): FeedDocument {
  const lang = escapeXmlAttr(config.language);
  const dir = directionOfLanguage(config.language);
  const main = feeds.find((f) => f.key === 'all') ?? feeds[0];
  const alternates = main
    ? FEED_FORMATS.map(
        (fmt) =>
          `<link rel="alternate" type="${CONTENT_TYPES[fmt].split(';')[0]}" title="${escapeXmlAttr(`${main.title} (${FORMAT_LABELS[fmt]})`)}" href="${escapeXmlAttr(siteUrlOf(config, feedPathOf(main.key, fmt)))}"/>`,
      ).join('\n')
    : '';
  const dayInZone = (instant: string, timeZone: string): string =>
    new Intl.DateTimeFormat('en-CA', { timeZone }).format(Date.parse(instant));
  const row = (f: FeedSummary): string => {
    const count = f.total ?? f.itemCount;
    return (
      `<li data-feed="${escapeXmlAttr(f.key)}"><span class="feed-title">${escapeXmlText(f.title)}</span> ` +
      FEED_FORMATS.map(
        (fmt) =>
          `<a href="${escapeXmlAttr(feedPathOf(f.key, fmt).split('/').map(encodeURIComponent).join('/'))}" type="${CONTENT_TYPES[fmt].split(';')[0]}">${FORMAT_LABELS[fmt]}</a>`,
      ).join(' · ') +
      ` <small>(<span class="count" data-count="${count}">${countText(config, count)}</span>` +
      `${f.lastModified ? `، <time datetime="${escapeXmlAttr(f.lastModified)}">${escapeXmlText(dayInZone(f.lastModified, config.timeZone))}</time>` : ''})</small></li>`
    );
  };
  const sections = FEED_GROUPS.map(({ kind, label }) => {
    const members = feeds.filter((f) => feedKindOf(f.key) === kind);
    if (members.length === 0) return '';
    return `<section class="feed-group" data-kind="${kind}">\n<h2>${escapeXmlText(label)} <small>(${countText(config, members.length)})</small></h2>\n<ul class="feeds">\n${members.map(row).join('\n')}\n</ul>\n</section>\n`;
  }).join('');
  const html = `<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" lang="${lang}" xml:lang="${lang}" dir="${dir}">
<head>
<meta charset="utf-8"/>
<meta name="viewport" content="width=device-width, initial-scale=1"/>
<title>${escapeXmlText(config.title)}</title>
<meta name="description" content="${escapeXmlAttr(config.description)}"/>
${alternates}
<link rel="outline" type="text/x-opml" title="${escapeXmlAttr(config.title)} (OPML)" href="feeds.opml"/>
${config.image ? `<link rel="icon" href="${escapeXmlAttr(config.image)}"/>\n` : ''}<link rel="stylesheet" href="feed.css"/>
</head>
<body>
<main>
<h1>${config.image ? `<img class="site-icon" src="${escapeXmlAttr(config.image)}" alt=""/> ` : ''}${escapeXmlText(config.title)}</h1>
<p>${escapeXmlText(config.description)}</p>
<p class="opml"><a href="feeds.opml" type="text/x-opml">كل الخلاصات في ملف OPML</a></p>
${sections}</main>
</body>
</html>
`;
  const newest = feeds
    .map((f) => f.lastModified)
    .filter((x): x is string => !!x)
    .sort()
    .at(-1);
  return toFeedDocument('index.html', html, 'text/html; charset=utf-8', `public, max-age=${maxAgeOf(config)}`, newest);
}

/**
 * `feed.css`: makes RSS and Atom documents readable when opened in a browser (no XSLT), and
 * styles index.html. Direction follows the config language; `xml:lang` on Atom overrides it.
 *
 * @example
 * new TextDecoder().decode(renderStylesheetDocument(config).body).includes('direction: rtl') //=> true
 */
export function renderStylesheetDocument(config: SiteConfig): FeedDocument {
  const dir = directionOfLanguage(config.language);
  const css = `/* nashra feed stylesheet: RSS 2.0 and Atom 1.0 in the browser, and the index page. */
@namespace atom url(http://www.w3.org/2005/Atom);
@namespace content url(http://purl.org/rss/1.0/modules/content/);
@namespace dc url(http://purl.org/dc/elements/1.1/);
@namespace fh url(http://purl.org/syndication/history/1.0);
@namespace xml url(http://www.w3.org/XML/1998/namespace);
@namespace nashra url(tag:nashra,2026:feed-extensions);

rss, atom|feed, html {
  display: block;
  direction: ${dir};
  unicode-bidi: isolate;
  font-family: "Noto Naskh Arabic", "Noto Sans Arabic", "Noto Sans", Tahoma, sans-serif;
  line-height: 1.7;
  background: #fafafa;
  color: #1b1b1b;
  margin: 0;
  padding: 1.5rem;
}
atom|feed[xml|lang|="ar"], atom|feed[xml|lang|="fa"], atom|feed[xml|lang|="ur"], atom|feed[xml|lang|="he"] { direction: rtl; }
atom|feed[xml|lang|="en"], atom|feed[xml|lang|="fr"] { direction: ltr; }
channel, atom|feed { display: block; max-width: 48rem; margin: 0 auto; }
channel > title, atom|feed > atom|title {
  display: block; font-size: 1.8rem; font-weight: bold; margin-block-end: 0.25rem;
}
channel > description, atom|feed > atom|subtitle { display: block; color: #555; margin-block-end: 1.5rem; }
item, atom|entry {
  display: block;
  background: #fff;
  border-inline-start: 4px solid #0b6e4f;
  padding: 0.75rem 1rem;
  margin-block: 0 1rem;
  border-radius: 4px;
}
item > title, atom|entry > atom|title { display: block; font-size: 1.2rem; font-weight: bold; }
/* Dates: the Arabic Gregorian and Hijri line (nashra:date); the RFC 822 / RFC 3339 forms are for readers, not people. */
item > nashra|date, atom|entry > nashra|date { display: block; color: #555; font-size: 0.85rem; unicode-bidi: isolate; }
item > pubDate, atom|entry > atom|published { display: none; }
item > description, atom|entry > atom|summary { display: block; margin-block-start: 0.4rem; }
item > dc|creator, atom|entry > atom|author { display: inline-block; color: #0b6e4f; font-size: 0.9rem; margin-inline-end: 0.75rem; }
/* The source: RSS <source> or dc:publisher, Atom categories with the source scheme (their label shown). */
item > source, item > dc|publisher { display: inline-block; color: #6b4e16; font-size: 0.9rem; margin-inline-end: 0.75rem; }
item > source::before, item > dc|publisher::before { content: "المصدر: "; }
atom|entry > atom|category[scheme="tag:nashra,2026:source"] { display: inline-block; color: #6b4e16; font-size: 0.9rem; margin-inline-end: 0.75rem; }
atom|entry > atom|category[scheme="tag:nashra,2026:source"]::before { content: "المصدر: " attr(label); }
item > category { display: inline-block; font-size: 0.8rem; background: #e8f3ef; padding: 0 0.5rem; margin-inline-end: 0.3rem; border-radius: 3px; }
/* Raw HTML, ids, links and bookkeeping are not readable as text: hide them. */
channel > link, channel > lastBuildDate, channel > docs, channel > generator, channel > language, channel > ttl,
channel > atom|link, fh|archive, item > link, item > guid, item > content|encoded, item > enclosure,
atom|feed > atom|id, atom|feed > atom|updated, atom|feed > atom|generator, atom|feed > atom|link, atom|feed > atom|author,
atom|entry > atom|id, atom|entry > atom|updated, atom|entry > atom|link, atom|entry > atom|category, atom|entry > atom|content {
  display: none;
}

/* index.html */
main { max-width: 48rem; margin: 0 auto; }
.feed-group h2 { font-size: 1.2rem; margin-block: 1.5rem 0.5rem; }
.site-icon { height: 1.6rem; vertical-align: middle; }
ul.feeds { list-style: none; padding: 0; }
ul.feeds li { background: #fff; padding: 0.6rem 1rem; margin-block-end: 0.5rem; border-inline-start: 4px solid #0b6e4f; }
.feed-title { font-weight: bold; margin-inline-end: 0.5rem; }
a { color: #0b6e4f; }

/* articles/<id>.html */
.article-page { display: block; max-width: 44rem; margin: 0 auto; background: #fff; padding: 1.5rem; border-radius: 4px; }
.article-page h1 { font-size: 1.8rem; line-height: 1.4; margin-block: 0.5rem; }
.article-page .dates, .article-page .updated { color: #555; font-size: 0.95rem; }
.article-page .byline, .article-page .source { color: #0b6e4f; margin-block: 0.25rem; }
.article-page .source { color: #6b4e16; }
.article-page .summary { font-size: 1.1rem; font-weight: bold; }
.article-page figure { margin: 1rem 0; }
.article-page img { max-width: 100%; height: auto; }
.article-page figcaption { color: #555; font-size: 0.85rem; }
.article-page .credit { color: #777; }
.article-page .credit::before { content: "— "; }
.article-page .article-feeds { border-block-start: 1px solid #ddd; margin-block-start: 1.5rem; font-size: 0.9rem; }
`;
  return toFeedDocument('feed.css', css, 'text/css; charset=utf-8', `public, max-age=${maxAgeOf(config)}`);
}
