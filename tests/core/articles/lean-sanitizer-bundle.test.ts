// sanitizeContent bundled lean (postcss stubbed, sanitize-html's htmlparser2 cut to its Parser) gives the same HTML and warnings as the full library.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Metafile } from 'esbuild';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LEAN_SANITIZER_ALIASES } from '../../../infra/constructs/lean-sanitizer-aliases.ts';
import { sanitizeContent } from '../../../lambda/core/articles/sanitize-content.ts';
import { PROJECT_ROOT } from '../../../infra/constructs/nashra-function.ts';

const out = mkdtempSync(path.join(tmpdir(), 'nashra-lean-sanitizer-'));
let lean: typeof sanitizeContent;
let metafile: Metafile;

beforeAll(async () => {
  const outfile = path.join(out, 'sanitize.mjs');
  const r = await build({
    entryPoints: [path.join(PROJECT_ROOT, 'lambda/core/articles/sanitize-content.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    outfile,
    metafile: true,
    absWorkingDir: PROJECT_ROOT,
    alias: Object.fromEntries(LEAN_SANITIZER_ALIASES.map((a) => a.split('='))),
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
    logLevel: 'silent',
  });
  metafile = r.metafile;
  lean = ((await import(pathToFileURL(outfile).href)) as { sanitizeContent: typeof sanitizeContent }).sanitizeContent;
}, 60_000);

afterAll(() => rmSync(out, { recursive: true, force: true }));

/** Hand-picked cases: every removal kind, entities, broken markup, styles, Arabic text, tables, comments, CDATA. */
const CASES = [
  '<p onclick="x()">hi</p><script>alert(1)</script>',
  '<h2 onmouseover="x()">ع</h2><p>ن <a href=" javascript:alert(1)">ر</a></p><iframe src="https://x"></iframe><figure><figcaption>ص</figcaption></figure>',
  '<p style="color:red; background:url(javascript:alert(1))">ملوّن</p><span style="x">s</span>',
  '<div><p>غير مغلق<p>فقرة<br>سطر</div><img src="data:image/png;base64,xx" alt="صورة" onerror="x"><img src="https://e.com/a.jpg" width="10">',
  '<a href="mailto:a@b.c" title="t" target="_blank" rel="x">m</a><a href="//evil.example/">proto-relative</a><a href="vbscript:x">v</a>',
  '&lt;script&gt; &amp;amp; &nbsp; &#1575; &#x627; &copy; &unknown; <b>&quot;ق&quot;</b> 5 > 3 < 4',
  '<!-- تعليق --><![CDATA[x]]><?php echo 1 ?><style>p{}</style><noscript>n</noscript><template><p>t</p></template><textarea>ta</textarea>',
  '<svg><script>1</script><a xlink:href="javascript:1">s</a></svg><math><mi>x</mi></math><object data="x"></object><embed src="y">',
  '<table><caption>ج</caption><thead><tr><th dir="rtl" lang="ar">ع</th></tr></thead><tbody><tr><td>١</td></tr></tbody></table>',
  '<blockquote cite="javascript:x"><q cite="https://e.com">ق</q></blockquote><pre><code>&lt;x&gt;</code></pre><hr><sub>1</sub><sup>2</sup>',
  '<form action="x"><input value="v"><button>b</button></form><base href="x"><meta http-equiv="refresh"><link rel="stylesheet" href="x">',
  '<P ONCLICK=x>UPPER</P><a HREF="JAVASCRIPT:x">J</a><IMG SRC=x ONERROR=y>',
  '<frameset><frame src="x"></frameset><iframe srcdoc="<script>1</script>"></iframe>',
  '',
  'نص عادي بلا وسوم',
  '<p>a</p\n><p\tclass="x" id="y">b</p>< p>c</ p><p/>',
];

describe('the lean sanitizer bundle', () => {
  it('leaves postcss, source-map-js and the DOM half of htmlparser2 out', () => {
    const inputs = Object.keys(metafile.inputs);
    expect(inputs.some((f) => f.includes('node_modules/sanitize-html/index.js'))).toBe(true);
    expect(inputs.some((f) => f.includes('lambda/core/articles/postcss-stub.ts'))).toBe(true);
    for (const gone of [
      'node_modules/postcss/',
      'node_modules/source-map-js/',
      '/domhandler/',
      '/domutils/',
      '/dom-serializer/',
      'entities/lib/encode',
    ]) {
      expect(
        inputs.filter((f) => f.includes(gone)),
        gone,
      ).toEqual([]);
    }
  });

  it('gives the same HTML and the same warnings as sanitize-html in full, case by case', () => {
    for (const html of CASES) expect(lean(html), html).toEqual(sanitizeContent(html));
    // The cases do exercise removals, including a style attribute (postcss's only use, never reached).
    expect(CASES.filter((h) => sanitizeContent(h).removed.length > 0).length).toBeGreaterThanOrEqual(8);
  });

  it('gives the same HTML and warnings on generated markup', () => {
    const tag = fc.constantFrom('p', 'a', 'img', 'script', 'style', 'div', 'h2', 'svg', 'table', 'td', 'span', 'iframe', 'b', 'br');
    const attr = fc.tuple(
      fc.constantFrom('href', 'src', 'style', 'onclick', 'title', 'dir', 'lang', 'class', 'alt'),
      fc.oneof(fc.string(), fc.constantFrom('javascript:x', 'https://e.com/?a=1&b=2', 'color:red', '"q"')),
    );
    const piece = fc.oneof(
      fc
        .tuple(tag, fc.array(attr, { maxLength: 3 }))
        .map(([t, as]) => `<${t}${as.map(([k, v]) => ` ${k}="${v.replace(/"/g, '&quot;')}"`).join('')}>`),
      tag.map((t) => `</${t}>`),
      fc.string({ unit: 'grapheme' }),
      fc.constantFrom('&amp;', '&lt;', '&#x627;', '<!-- c -->', 'ع', '<', '>', '&'),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
        const html = pieces.join('');
        expect(lean(html)).toEqual(sanitizeContent(html));
      }),
      { numRuns: 1500 },
    );
  });
});
