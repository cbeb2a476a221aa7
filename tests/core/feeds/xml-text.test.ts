// XML text helpers: properties over any UTF-16 input (lone surrogates and controls included).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cdata, escapeXmlAttr, escapeXmlText, stripXmlIllegal } from '../../../lambda/core/feeds/xml-text.ts';

const ILLEGAL =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const anyUnits = fc
  .array(
    fc.oneof(
      fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
      fc.constantFrom(']]>', '&', '<', '"', '😀', 'ع'),
    ),
    { maxLength: 60 },
  )
  .map((xs) => xs.join(''));

describe('xml-text', () => {
  it('examples', () => {
    expect(stripXmlIllegal('a\u0000b\uD800c\uDE00d😀')).toBe('abcd😀');
    expect(escapeXmlText('A & B <c> ]]>')).toBe('A &amp; B &lt;c&gt; ]]&gt;');
    expect(escapeXmlAttr('a&b<"c">\t\n')).toBe('a&amp;b&lt;&quot;c&quot;&gt;&#9;&#10;');
    expect(cdata('a]]>b]]>c')).toBe('<![CDATA[a]]]]><![CDATA[>b]]]]><![CDATA[>c]]>');
  });

  it('stripXmlIllegal leaves no illegal character, keeps legal ones, and is idempotent', () => {
    fc.assert(
      fc.property(anyUnits, (s) => {
        const t = stripXmlIllegal(s);
        expect(ILLEGAL.test(t)).toBe(false);
        expect(stripXmlIllegal(t)).toBe(t);
        if (!ILLEGAL.test(s)) expect(t).toBe(s);
      }),
    );
  });

  it('escaped text and attributes contain no raw < or ", and every & starts an entity', () => {
    fc.assert(
      fc.property(anyUnits, (s) => {
        for (const t of [escapeXmlText(s), escapeXmlAttr(s)]) {
          expect(t).not.toMatch(/</);
          expect(t).not.toMatch(/&(?!amp;|lt;|gt;|quot;|#\d+;)/);
        }
        expect(escapeXmlAttr(s)).not.toMatch(/"/);
      }),
    );
  });

  it('cdata never closes early: unwrapping the sections gives back the stripped text', () => {
    fc.assert(
      fc.property(anyUnits, (s) => {
        const c = cdata(s);
        const inner = [...c.matchAll(/<!\[CDATA\[([\s\S]*?)\]\]>/g)].map((m) => m[1]).join('');
        expect(inner).toBe(stripXmlIllegal(s));
        expect(c.replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, '')).toBe('');
      }),
    );
  });
});
