// XML text helpers shared by the renderers: strip XML-illegal characters, escape text and attributes, safe CDATA. Pure.

/**
 * Characters XML 1.0 forbids (C0 controls except TAB/LF/CR, U+FFFE, U+FFFF) and lone surrogates.
 * Lone surrogates are not characters at all: they cannot be encoded as UTF-8.
 */
const XML_ILLEGAL =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Removes characters that are illegal in XML 1.0 (and lone surrogates); everything else is kept.
 *
 * @example
 * stripXmlIllegal('a\u0000b\uD800c') //=> 'abc'
 */
export function stripXmlIllegal(text: string): string {
  return text.replace(XML_ILLEGAL, '');
}

const TEXT_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/**
 * Escapes text content (`&`, `<`, `>`) after stripping illegal characters.
 *
 * @example
 * escapeXmlText('A & B <c> ]]>') //=> 'A &amp; B &lt;c&gt; ]]&gt;'
 */
export function escapeXmlText(text: string): string {
  return stripXmlIllegal(text).replace(/[&<>]/g, (c) => TEXT_ESCAPES[c]!);
}

/**
 * Escapes a double-quoted attribute value (`&`, `<`, `>`, `"`, and TAB/LF/CR as character
 * references so attribute-value normalization keeps them).
 *
 * @example
 * escapeXmlAttr('a&b<"c">') //=> 'a&amp;b&lt;&quot;c&quot;&gt;'
 */
export function escapeXmlAttr(text: string): string {
  return stripXmlIllegal(text).replace(/[&<>"\t\n\r]/g, (c) => TEXT_ESCAPES[c] ?? `&#${c.charCodeAt(0)};`);
}

/**
 * Wraps text in a CDATA section; every `]]>` inside is split across two sections, so any
 * number of them stays well-formed.
 *
 * @example
 * cdata('a]]>b]]>c') //=> '<![CDATA[a]]]]><![CDATA[>b]]]]><![CDATA[>c]]>'
 */
export function cdata(text: string): string {
  return `<![CDATA[${stripXmlIllegal(text).replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
}

/**
 * Strips characters JSON Feed readers cannot decode to text (the same set as XML, so every
 * format carries the same text).
 */
export const stripJsonIllegal = stripXmlIllegal;
