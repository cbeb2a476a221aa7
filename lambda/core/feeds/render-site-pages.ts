// The site's browser-facing documents: index.html with feed autodiscovery and the RTL-aware feed.css. Pure.
import type { FeedDocument } from './feed-document.ts';
import { maxAgeOf } from '../config/config-values.ts';
import type { SiteConfig } from '../config/site-config.ts';
import { CONTENT_TYPES, FEED_FORMATS, feedPathOf, siteUrlOf, type FeedFormat } from './feed-page.ts';
import { toFeedDocument } from './render-feed-documents.ts';
import { escapeXmlAttr, escapeXmlText } from './xml-text.ts';

/** What the index page needs to know about one published feed. */
export interface FeedSummary {
  key: string;
  title: string;
  itemCount: number;
  /** Newest item time (ISO), when the feed has items. */
  lastModified?: string;
}

const FORMAT_LABELS: Record<FeedFormat, string> = { rss: 'RSS', atom: 'Atom', json: 'JSON Feed' };

/** Writing direction of a BCP 47 language: right-to-left for Arabic-script and Hebrew languages. */
function directionOfLanguage(language: string): 'rtl' | 'ltr' {
  return /^(ar|fa|he|iw|ur|ps|sd|ug|yi|ckb|dv)(-|$)/i.test(language) ? 'rtl' : 'ltr';
}

/**
 * `index.html`: every feed with its three formats, and a `<link rel="alternate">` autodiscovery
 * tag per feed and format; `lang`/`dir` from the config. Written as polyglot HTML5 (also
 * well-formed XML), so xmllint can check its structure.
 *
 * @example
 * new TextDecoder().decode(renderIndexDocument(config, feeds).body) //=> '<!DOCTYPE html>\n<html xmlns="http://www.w3.org/1999/xhtml" lang="ar" xml:lang="ar" dir="rtl">…'
 */
export function renderIndexDocument(config: SiteConfig, feeds: readonly FeedSummary[]): FeedDocument {
  const lang = escapeXmlAttr(config.language);
  const dir = directionOfLanguage(config.language);
  const alternates = feeds
    .flatMap((f) =>
      FEED_FORMATS.map(
        (fmt) =>
          `<link rel="alternate" type="${CONTENT_TYPES[fmt].split(';')[0]}" title="${escapeXmlAttr(`${f.title} (${FORMAT_LABELS[fmt]})`)}" href="${escapeXmlAttr(siteUrlOf(config, feedPathOf(f.key, fmt)))}"/>`,
      ),
    )
    .join('\n');
  const dayInZone = (instant: string, timeZone: string): string =>
    new Intl.DateTimeFormat('en-CA', { timeZone }).format(Date.parse(instant));
  const rows = feeds
    .map(
      (f) =>
        `<li><span class="feed-title">${escapeXmlText(f.title)}</span> ` +
        FEED_FORMATS.map(
          (fmt) =>
            `<a href="${escapeXmlAttr(feedPathOf(f.key, fmt).split('/').map(encodeURIComponent).join('/'))}" type="${CONTENT_TYPES[fmt].split(';')[0]}">${FORMAT_LABELS[fmt]}</a>`,
        ).join(' · ') +
        ` <small>(${f.itemCount}${f.lastModified ? `, <time datetime="${escapeXmlAttr(f.lastModified)}">${escapeXmlText(dayInZone(f.lastModified, config.timeZone))}</time>` : ''})</small></li>`,
    )
    .join('\n');
  const html = `<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" lang="${lang}" xml:lang="${lang}" dir="${dir}">
<head>
<meta charset="utf-8"/>
<meta name="viewport" content="width=device-width, initial-scale=1"/>
<title>${escapeXmlText(config.title)}</title>
<meta name="description" content="${escapeXmlAttr(config.description)}"/>
${alternates}
<link rel="stylesheet" href="feed.css"/>
</head>
<body>
<main>
<h1>${escapeXmlText(config.title)}</h1>
<p>${escapeXmlText(config.description)}</p>
<ul class="feeds">
${rows}
</ul>
</main>
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
item > pubDate, atom|entry > atom|published { display: block; color: #666; font-size: 0.85rem; unicode-bidi: isolate; direction: ltr; text-align: end; }
item > description, atom|entry > atom|summary { display: block; margin-block-start: 0.4rem; }
item > dc|creator, atom|entry > atom|author { display: inline-block; color: #0b6e4f; font-size: 0.9rem; margin-inline-end: 0.75rem; }
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
ul.feeds { list-style: none; padding: 0; }
ul.feeds li { background: #fff; padding: 0.6rem 1rem; margin-block-end: 0.5rem; border-inline-start: 4px solid #0b6e4f; }
.feed-title { font-weight: bold; margin-inline-end: 0.5rem; }
a { color: #0b6e4f; }
`;
  return toFeedDocument('feed.css', css, 'text/css; charset=utf-8', `public, max-age=${maxAgeOf(config)}`);
}
