// RSS 2.0 renderer: channel head through `feed` 6.0.0 (post-processed), items written here with the gaps closed. Pure.
import { Feed } from 'feed';
import type { Article } from '../articles/article.ts';
import type { SiteConfig } from '../config/site-config.ts';
import type { FeedPage } from './feed-page.ts';
import { imageTypeOf, isHttpUrl, resolveUrl, rfc822Of } from './item-fields.ts';
import type { DocumentFrame } from './document-frame.ts';
import type { PageLinks } from './page-links.ts';
import { cdata, escapeHtmlTextInXml, escapeXmlAttr, escapeXmlText, stripXmlIllegal } from './xml-text.ts';

const RSS_NAMESPACES = {
  atom: 'http://www.w3.org/2005/Atom',
  dc: 'http://purl.org/dc/elements/1.1/',
  content: 'http://purl.org/rss/1.0/modules/content/',
  fh: 'http://purl.org/syndication/history/1.0',
} as const;

/**
 * One `<item>`: title and summary as plain text escaped for HTML then XML (readers decode both as HTML), guid (`isPermaLink="false"` unless the id is the article's URL),
 * RFC 822 pubDate, summary, HTML in CDATA (every `]]>` split), `dc:creator` per author,
 * categories, and the lead image as an enclosure with its MIME type.
 *
 * @example
 * renderRssItem(config, article, html) //=> '        <item>\n            <title>…</title>…'
 */
export function renderRssItem(config: SiteConfig, article: Article, html: string): string {
  const url = resolveUrl(article.url, config.baseUrl);
  const permalink = isHttpUrl(article.id) && article.id === url;
  let out =
    '        <item>\n' +
    `            <title>${escapeHtmlTextInXml(article.title)}</title>\n` +
    `            <link>${escapeXmlText(url)}</link>\n` +
    `            <guid isPermaLink="${permalink}">${escapeXmlText(article.id)}</guid>\n` +
    `            <pubDate>${rfc822Of(article.published)}</pubDate>\n`;
  if (article.summary) out += `            <description>${escapeHtmlTextInXml(article.summary)}</description>\n`;
  out += `            <content:encoded>${cdata(html)}</content:encoded>\n`;
  for (const a of article.authors) out += `            <dc:creator>${escapeXmlText(a)}</dc:creator>\n`;
  for (const c of article.categories) out += `            <category>${escapeXmlText(c)}</category>\n`;
  const lead = article.images[0];
  if (lead) {
    out += `            <enclosure url="${escapeXmlAttr(resolveUrl(lead.url, config.baseUrl))}" length="${lead.length ?? 0}" type="${escapeXmlAttr(imageTypeOf(lead))}"/>\n`;
  }
  return `${out}        </item>\n`;
}

/** The channel head from `feed`: title, link, description, lastBuildDate, language, ttl, self and hub links. */
function feedHead(config: SiteConfig, page: FeedPage, links: PageLinks): string {
  const feed = new Feed({
    title: stripXmlIllegal(page.title),
    description: stripXmlIllegal(config.description),
    link: links.alternate,
    language: config.language,
    ttl: config.ttl,
    updated: new Date(page.updated),
    generator: 'nashra',
    feedLinks: { rss: links.self },
    ...(links.hub ? { hub: links.hub } : {}),
  });
  return feed.rss2();
}

/**
 * The RSS document around the items: `feed`'s channel head with the text/css stylesheet, every
 * namespace declared on `<rss>`, the RFC 5005 links and `fh:archive`; items go between head and tail.
 */
export function renderRssFrame(config: SiteConfig, page: FeedPage, links: PageLinks): DocumentFrame {
  const head = feedHead(config, page, links);
  const channelEnd = head.lastIndexOf('</channel>');
  const rootStart = head.indexOf('<rss');
  const rootEnd = head.indexOf('>', rootStart) + 1;
  if (channelEnd < 0 || rootStart < 0) throw new Error('feed 6.0.0 rss2() output has an unexpected shape');
  const ns = Object.entries(RSS_NAMESPACES)
    .map(([p, u]) => ` xmlns:${p}="${u}"`)
    .join('');
  let extra = '';
  if (links.prevArchive) extra += `        <atom:link rel="prev-archive" href="${escapeXmlAttr(links.prevArchive)}"/>\n`;
  if (links.nextArchive) extra += `        <atom:link rel="next-archive" href="${escapeXmlAttr(links.nextArchive)}"/>\n`;
  if (page.kind === 'archive') {
    extra += `        <atom:link rel="current" href="${escapeXmlAttr(links.current)}"/>\n`;
    extra += '        <fh:archive/>\n';
  }
  return {
    head:
      '<?xml version="1.0" encoding="utf-8"?>\n' +
      `<?xml-stylesheet type="text/css" href="${escapeXmlAttr(links.stylesheet)}"?>\n` +
      `<rss version="2.0"${ns}>` +
      head.slice(rootEnd, channelEnd).replace(/\s*$/, '\n') +
      extra,
    separator: '',
    tail: '    </channel>\n</rss>\n',
  };
}
