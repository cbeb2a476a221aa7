// XML text helpers shared by the renderers: strip XML-illegal characters, escape text and attributes, safe CDATA. Pure.

/**
 * Characters XML 1.0 forbids (C0 controls except TAB/LF/CR, U+FFFE, U+FFFF) and lone surrogates.
 * Lone surrogates are not characters at all: they cannot be encoded as UTF-8.
 */
const XML_ILLEGAL =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Any character that might need stripping (all surrogates included, paired or not). */
const SUSPECT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF\uD800-\uDFFF]/;

/**
 * Removes characters that are illegal in XML 1.0 (and lone surrogates); everything else is kept.
 *
 * @example
 * stripXmlIllegal('a\u0000b\uD800c') //=> 'abc'
 */
export function stripXmlIllegal(text: string): string {
  // Fast path: a plain character-class scan is far cheaper than the surrogate look-arounds.
  return SUSPECT.test(text) ? text.replace(XML_ILLEGAL, '') : text;
}

const TEXT_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/**
 * Escapes text content (`&`, `<`, `>`) after stripping illegal characters.
 *
 * @example
 * escapeXmlText('A & B <c> ]]>') //=> 'A &amp; B &lt;c&gt; ]]&gt;'
 */
export function escapeXmlText(text: string): string {
  const t = stripXmlIllegal(text);
  // Three native passes beat one callback per match on markup-heavy text (escaped HTML in Atom).
  return TEXT_SPECIAL.test(t) ? t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;') : t;
}

const TEXT_SPECIAL = /[&<>]/;

/**
 * Plain text for an XML element that readers decode as HTML (RSS `<title>` and `<description>`): escaped
 * for HTML first, then for XML, so `<img onerror>` or `a < b` reach the reader as the characters written.
 *
 * @example
 * escapeHtmlTextInXml('a < b <img>') //=> 'a &amp;lt; b &amp;lt;img&amp;gt;'
 */
export function escapeHtmlTextInXml(text: string): string {
  return escapeXmlText(escapeXmlText(text));
}

/**
 * Escapes a double-quoted attribute value (`&`, `<`, `>`, `"`, and TAB/LF/CR as character
 * references so attribute-value normalization keeps them).
 *
 * @example
 * escapeXmlAttr('a&b<"c">') //=> 'a&amp;b&lt;&quot;c&quot;&gt;'
 */
export function escapeXmlAttr(text: string): string {
  const t = stripXmlIllegal(text);
  return ATTR_SPECIAL.test(t) ? t.replace(ATTR_SPECIAL_G, (c) => TEXT_ESCAPES[c] ?? `&#${c.charCodeAt(0)};`) : t;
}

const ATTR_SPECIAL = /[&<>"\t\n\r]/;
const ATTR_SPECIAL_G = /[&<>"\t\n\r]/g;

/**
 * Wraps text in a CDATA section; every `]]>` inside is split across two sections, so any
 * number of them stays well-formed.
 *
 * @example
 * cdata('a]]>b]]>c') //=> '<![CDATA[a]]]]><![CDATA[>b]]]]><![CDATA[>c]]>'
 */
export function cdata(text: string): string {
  const t = stripXmlIllegal(text);
  return `<![CDATA[${t.includes(']]>') ? t.replaceAll(']]>', ']]]]><![CDATA[>') : t}]]>`;
}
