// Atom 1.0 renderer: feed head through `feed` 6.0.0 (post-processed), entries written here with the gaps closed. Pure.
import { Feed } from 'feed';
import type { Article } from '../articles/article.ts';
import type { SiteConfig } from '../config/site-config.ts';
import type { FeedPage } from './feed-page.ts';
import { atomIdOf, imageTypeOf, resolveUrl, rfc3339Of, updatedDateOf } from './item-fields.ts';
import type { DocumentFrame } from './document-frame.ts';
import type { PageLinks } from './page-links.ts';
import { escapeXmlAttr, escapeXmlText, stripXmlIllegal } from './xml-text.ts';

const FH_NAMESPACE = 'http://purl.org/syndication/history/1.0';

/**
 * One `<entry>`: a URI id (`urn:uuid:` for non-URL ids), alternate link, RFC 3339 `published`
 * and `updated` (= published unless really updated), authors, categories with `term`, image
 * enclosures with their MIME type, summary and escaped HTML content.
 *
 * @example
 * renderAtomEntry(config, article, html) //=> '    <entry>\n        <title type="text">…'
 */
export function renderAtomEntry(config: SiteConfig, article: Article, html: string): string {
  let out =
    '    <entry>\n' +
    `        <title type="text">${escapeXmlText(article.title)}</title>\n` +
    `        <id>${escapeXmlText(atomIdOf(article.id))}</id>\n` +
    `        <link rel="alternate" type="text/html" href="${escapeXmlAttr(resolveUrl(article.url, config.baseUrl))}"/>\n` +
    `        <published>${rfc3339Of(article.published)}</published>\n` +
    `        <updated>${rfc3339Of(updatedDateOf(article))}</updated>\n`;
  for (const a of article.authors) out += `        <author><name>${escapeXmlText(a)}</name></author>\n`;
  for (const c of article.categories) out += `        <category term="${escapeXmlAttr(c)}" label="${escapeXmlAttr(c)}"/>\n`;
  for (const img of article.images) {
    out +=
      `        <link rel="enclosure" type="${escapeXmlAttr(imageTypeOf(img))}"` +
      (img.length !== undefined ? ` length="${img.length}"` : '') +
      (img.caption ? ` title="${escapeXmlAttr(img.caption)}"` : '') +
      ` href="${escapeXmlAttr(resolveUrl(img.url, config.baseUrl))}"/>\n`;
  }
  if (article.summary) out += `        <summary type="text">${escapeXmlText(article.summary)}</summary>\n`;
  out += `        <content type="html">${escapeXmlText(html)}</content>\n`;
  return `${out}    </entry>\n`;
}

function feedHead(config: SiteConfig, page: FeedPage, links: PageLinks): string {
  const feed = new Feed({
    id: links.current,
    title: stripXmlIllegal(page.title),
    description: stripXmlIllegal(config.description),
    link: links.alternate,
    updated: new Date(page.updated),
    generator: 'nashra',
    author: { name: stripXmlIllegal(config.author ?? config.title) },
    feedLinks: { atom: links.self },
    ...(links.hub ? { hub: links.hub } : {}),
  });
  return feed.atom1();
}

/**
 * The Atom document around the entries: `feed`'s head with `xml:lang` and the `fh` namespace on
 * `<feed>`, the text/css stylesheet, the RFC 5005 links and `fh:archive`.
 */
export function renderAtomFrame(config: SiteConfig, page: FeedPage, links: PageLinks): DocumentFrame {
  const head = feedHead(config, page, links);
  const rootStart = head.indexOf('<feed');
  const rootEnd = head.indexOf('>', rootStart) + 1;
  const feedEnd = head.lastIndexOf('</feed>');
  if (rootStart < 0 || feedEnd < 0) throw new Error('feed 6.0.0 atom1() output has an unexpected shape');
  let extra = '';
  if (links.prevArchive) extra += `    <link rel="prev-archive" href="${escapeXmlAttr(links.prevArchive)}"/>\n`;
  if (links.nextArchive) extra += `    <link rel="next-archive" href="${escapeXmlAttr(links.nextArchive)}"/>\n`;
  if (page.kind === 'archive') {
    extra += `    <link rel="current" href="${escapeXmlAttr(links.current)}"/>\n`;
    extra += '    <fh:archive/>\n';
  }
  return {
    head:
      '<?xml version="1.0" encoding="utf-8"?>\n' +
      `<?xml-stylesheet type="text/css" href="${escapeXmlAttr(links.stylesheet)}"?>\n` +
      `<feed xmlns="http://www.w3.org/2005/Atom" xmlns:fh="${FH_NAMESPACE}" xml:lang="${escapeXmlAttr(config.language)}">` +
      head.slice(rootEnd, feedEnd).replace(/\s*$/, '\n') +
      extra,
    separator: '',
    tail: '</feed>\n',
  };
}
