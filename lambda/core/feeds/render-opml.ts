// feeds.opml: every published feed as an OPML 2.0 subscription list, grouped like the index (all, topics, sources, authors). Pure.
import type { FeedDocument } from './feed-document.ts';
import { maxAgeOf } from '../config/config-values.ts';
import type { SiteConfig } from '../config/site-config.ts';
import { feedPathOf, siteUrlOf } from './feed-page.ts';
import { FEED_GROUPS, feedKindOf } from './feed-groups.ts';
import { rfc822Of } from './item-fields.ts';
import type { FeedSummary } from './render-site-pages.ts';
import { toFeedDocument } from './render-feed-documents.ts';
import { escapeXmlAttr, escapeXmlText } from './xml-text.ts';

/**
 * `feeds.opml` (OPML 2.0): one `<outline type="rss">` per feed (`xmlUrl` its RSS document, `htmlUrl` the site),
 * inside one outline per group, so a reader can subscribe to all feeds or to one group in one step.
 *
 * @example
 * new TextDecoder().decode(renderOpmlDocument(config, feeds).body) //=> '<?xml version="1.0" encoding="utf-8"?>\n<opml version="2.0">…'
 */
export function renderOpmlDocument(config: SiteConfig, feeds: readonly FeedSummary[]): FeedDocument {
  const newest = feeds
    .map((f) => f.lastModified)
    .filter((x): x is string => !!x)
    .sort()
    .at(-1);
  const groups = FEED_GROUPS.map(({ kind, label }) => {
    const members = feeds.filter((f) => feedKindOf(f.key) === kind);
    if (members.length === 0) return '';
    const outlines = members
      .map(
        (f) =>
          `      <outline type="rss" text="${escapeXmlAttr(f.title)}" title="${escapeXmlAttr(f.title)}" ` +
          `xmlUrl="${escapeXmlAttr(siteUrlOf(config, feedPathOf(f.key, 'rss')))}" htmlUrl="${escapeXmlAttr(config.baseUrl)}" ` +
          `language="${escapeXmlAttr(config.language)}"/>`,
      )
      .join('\n');
    return `    <outline text="${escapeXmlAttr(label)}">\n${outlines}\n    </outline>\n`;
  }).join('');
  const xml =
    '<?xml version="1.0" encoding="utf-8"?>\n' +
    '<opml version="2.0">\n' +
    '  <head>\n' +
    `    <title>${escapeXmlText(config.title)}</title>\n` +
    (newest ? `    <dateModified>${rfc822Of({ instant: newest, timeZone: 'UTC' })}</dateModified>\n` : '') +
    `    <ownerName>${escapeXmlText(config.author ?? config.title)}</ownerName>\n` +
    `    <docs>http://opml.org/spec2.opml</docs>\n` +
    '  </head>\n' +
    '  <body>\n' +
    groups +
    '  </body>\n' +
    '</opml>\n';
  return toFeedDocument('feeds.opml', xml, 'text/x-opml; charset=utf-8', `public, max-age=${maxAgeOf(config)}`, newest);
}
