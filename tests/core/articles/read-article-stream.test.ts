// readArticleStream: small inputs read exactly as parseArticlesAsync; large JSON arrays and NDJSON element by element, limits per article.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  parseArticlesAsync,
  readArticleStream,
  type ParseArticlesOptions,
  type ParsedArticle,
} from '../../../lambda/core/articles/index.ts';
import { splitArticleElements } from '../../../lambda/core/articles/split-article-elements.ts';
import { articleInputsOf } from '../../support/article-inputs.ts';

const options = (extra: Partial<ParseArticlesOptions> = {}): ParseArticlesOptions => ({
  timeZone: 'Asia/Riyadh',
  now: new Date('2026-12-05T00:00:00Z'),
  baseUrl: 'https://news.example/articles/',
  ...extra,
});

/** The bytes of `text` in chunks of `size` bytes (so chunk edges fall inside characters, strings and escapes). */
async function* chunksOf(text: string | Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  const bytes = typeof text === 'string' ? new TextEncoder().encode(text) : text;
  for (let i = 0; i < bytes.byteLength; i += size) yield bytes.subarray(i, i + size);
}

async function streamed(body: string | Uint8Array, name: string | undefined, chunk: number, extra: Partial<ParseArticlesOptions> = {}) {
  const articles: ParsedArticle[] = [];
  const report = await readArticleStream({ chunks: chunksOf(body, chunk), ...(name !== undefined && { name }) }, options(extra), (a) => {
    articles.push(a);
  });
  return { ...report, articles };
}

const fixtures = path.resolve(import.meta.dirname, '../../fixtures');
const samples = path.resolve(import.meta.dirname, '../../../samples/articles');
const codes = (r: { errors: Array<{ path: string; code: string }> }) => r.errors.map((e) => `${e.path} ${e.code}`);
const urls = (r: { articles: ParsedArticle[] }) => r.articles.map((a) => a.article.url);

describe('readArticleStream: inputs up to the body limit are read as parseArticlesAsync reads them', () => {
  const cases: Array<[string, string | Uint8Array, string | undefined]> = [
    ['a JSON array (sample)', readFileSync(path.join(samples, 'wire-briefs.json')), 'wire-briefs.json'],
    ['NDJSON (sample)', readFileSync(path.join(samples, 'culture-desk.ndjson')), 'culture-desk.ndjson'],
    ['page text (sample)', readFileSync(path.join(samples, 'cairo-metro-line.txt')), 'cairo-metro-line.txt'],
    ['an array with a syntax error', '[{"url":"https://e.com/a","title":"t","published":"2024-04-29"}, {"title": tru}]', 'bad.json'],
    [
      'NDJSON with a bad line and a bad article',
      '{"url":"https://e.com/a","title":"t","published":"2024-04-29"}\n{nope\n{"title":""}\n',
      undefined,
    ],
    ['an empty body', '   ', 'empty.json'],
    ['bytes that are not UTF-8', new Uint8Array([0x5b, 0xff, 0xfe, 0x5d]), 'latin.json'],
  ];
  it.each(cases)('%s', async (_label, body, name) => {
    const whole = await parseArticlesAsync({ body, ...(name !== undefined && { name }) }, options());
    for (const chunk of [1, 7, 1 << 20]) {
      const got = await streamed(body, name, chunk);
      expect(got.articles).toEqual(whole.articles);
      expect(got.errors).toEqual(whole.errors);
      expect(got.rejectedArticles).toBe(whole.rejectedArticles);
      expect(got.read).toBe(whole.articles.length);
    }
  });

  it('a saved HTML page over the body limit is still read whole, up to the page limit', async () => {
    const html = readFileSync(path.join(fixtures, 'real-pages', 'beirutobserver-paris-burglary.html'));
    const whole = await parseArticlesAsync({ body: html, name: 'page.html' }, options());
    const got = await streamed(html, 'page.html', 4096, { maxBodyBytes: 1024 });
    expect(html.byteLength).toBeGreaterThan(1024 * 40);
    expect(whole.articles).toHaveLength(1);
    expect(got.articles).toEqual(whole.articles);
  });
});

describe('readArticleStream: a JSON array larger than the body limit', () => {
  const inputs = articleInputsOf(60);
  const body = JSON.stringify(inputs, null, 1);
  const small = { maxBodyBytes: 8 * 1024 };

  it('reads every article, in order, with its index, whatever the chunk size', async () => {
    expect(Buffer.byteLength(body)).toBeGreaterThan(small.maxBodyBytes * 4);
    const whole = await parseArticlesAsync({ body, name: 'export.json' }, options({ maxBodyBytes: 1 << 24 }));
    expect(whole.errors).toEqual([]);
    for (const chunk of [1, 3, 64, 4096, 100_000]) {
      const got = await streamed(body, 'export.json', chunk, small);
      expect(got.errors).toEqual([]);
      expect(got.articles).toEqual(whole.articles);
      expect(got.bytes).toBe(Buffer.byteLength(body));
    }
  });

  it('rejects a broken element with its index and reads the rest', async () => {
    const parts = inputs.slice(0, 20).map((a) => JSON.stringify(a));
    parts[4] = '{"url": "https://e.com/x", "title": tru}';
    parts[9] = JSON.stringify({ title: 'بلا رابط', published: '2026-01-01' });
    parts[13] = JSON.stringify({ ...inputs[13], content: 'س'.repeat(6000) });
    parts[15] = '';
    const got = await streamed(`[${parts.join(',\n')}]`, 'export.json', 333, { maxBodyBytes: 8 * 1024 });
    expect(codes(got)).toEqual(['$[4] INVALID_JSON', '$[9].url MISSING_FIELD', '$[13] TOO_LARGE', '$[15] INVALID_JSON']);
    expect(got.errors[0]).toMatchObject({ name: 'export.json', message: expect.stringMatching(/^element 4 is not valid JSON/) });
    expect(got.errors[2]?.message).toMatch(/^element 13 is \d+ bytes, over the limit of 8192 bytes for one article$/);
    expect(got.articles.map((a) => a.index)).toEqual([0, 1, 2, 3, 5, 6, 7, 8, 10, 11, 12, 14, 16, 17, 18, 19]);
    expect(got.rejectedArticles).toBe(4);
  });

  it('rejects the unfinished tail of an array cut short, after reading the articles before it', async () => {
    const cut = body.slice(0, Math.floor(body.length * 0.6));
    const got = await streamed(cut, 'export.json', 1000, small);
    const n = got.articles.length;
    expect(n).toBeGreaterThan(30);
    expect(urls(got)).toEqual(inputs.slice(0, n).map((a) => a.url));
    expect(codes(got)).toEqual([`$[${n}] TRUNCATED`]);
    expect(got.errors[0]?.message).toMatch(new RegExp(`^the input ends inside element ${n} \\(which starts at byte \\d+\\)`));
  });

  it('rejects an array whose closing "]" is missing, and content after it', async () => {
    const open = `[${inputs
      .slice(0, 12)
      .map((a) => JSON.stringify(a))
      .join(',')},`;
    expect(codes(await streamed(open, 'x.json', 500, small))).toEqual(['$[12] TRUNCATED']);
    const after = `[${inputs
      .slice(0, 12)
      .map((a) => JSON.stringify(a))
      .join(',')}] {"x":1}`;
    const got = await streamed(after, 'x.json', 500, small);
    expect(got.articles).toHaveLength(12);
    expect(codes(got)).toEqual(['$ INVALID_JSON']);
  });

  it('a single top-level object over the limit is one article too large', async () => {
    const got = await streamed(JSON.stringify({ ...inputs[0], content: 'ن'.repeat(10_000) }), 'one.json', 512, small);
    expect(codes(got)).toEqual(['$ TOO_LARGE']);
  });

  it('splitting is the same for any chunking of strings holding brackets, commas, quotes and backslashes (property)', async () => {
    const tricky = ['"a]b"', '{"t":"x\\"],["}', '{"t":"\\\\"}', '[1,[2,{"a":"}"}]]', '{"t":"\\\\\\"\\\\"}', '"ع,]"'];
    const text = `[${tricky.join(' , ')}]`;
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: text.length }), async (size) => {
        const got: string[] = [];
        for await (const e of splitArticleElements(chunksOf(text, size), { format: 'json', maxElementBytes: 1000 })) {
          got.push('text' in e ? JSON.stringify(JSON.parse(e.text)) : `error ${e.error.code}`);
        }
        expect(got).toEqual(tricky.map((t) => JSON.stringify(JSON.parse(t))));
      }),
      { numRuns: 60 },
    );
  });
});

describe('readArticleStream: NDJSON larger than the body limit', () => {
  const inputs = articleInputsOf(40);
  const lines = inputs.map((a) => JSON.stringify(a));
  const small = { maxBodyBytes: 4 * 1024 };

  it('reads every line, blank lines and CRLF included, with its line index', async () => {
    const body = `${lines.slice(0, 10).join('\r\n')}\n\n${lines.slice(10).join('\n')}\n`;
    const got = await streamed(body, 'export.ndjson', 777, small);
    expect(got.errors).toEqual([]);
    expect(urls(got)).toEqual(inputs.map((a) => a.url));
    expect(got.articles[10]?.index).toBe(11);
  });

  it('rejects a bad line with its line number and an oversized one, and reads the rest', async () => {
    const body = [
      ...lines.slice(0, 5),
      '{"url": nope',
      ...lines.slice(5, 9),
      JSON.stringify({ ...inputs[9], content: 'م'.repeat(5000) }),
      ...lines.slice(10),
    ].join('\n');
    const got = await streamed(body, 'export.jsonl', 100, small);
    expect(codes(got)).toEqual(['$[5] INVALID_JSON', '$[10] TOO_LARGE']);
    expect(got.errors[0]?.message).toMatch(/^line 6 is not valid JSON/);
    expect(got.errors[1]?.message).toMatch(/^line 11 is \d+ bytes, over the limit of 4096 bytes for one article$/);
    expect(got.articles).toHaveLength(39);
  });

  it('rejects a last line cut short (no newline, not complete JSON) as TRUNCATED', async () => {
    const body = lines.join('\n');
    const got = await streamed(body.slice(0, body.length - 40), 'export.ndjson', 1000, small);
    expect(codes(got)).toEqual(['$[39] TRUNCATED']);
    expect(got.errors[0]?.message).toMatch(/^line 40, the last, has no newline and is not complete JSON/);
    expect(got.articles).toHaveLength(39);
  });

  it('sniffs NDJSON and a JSON array from the first bytes when the name says nothing', async () => {
    const nd = await streamed(`${lines.join('\n')}\n`, 'export', 999, small);
    expect(nd.errors).toEqual([]);
    expect(nd.articles).toHaveLength(40);
    const arr = await streamed(`[${lines.join(',')}]`, undefined, 999, small);
    expect(arr.errors).toEqual([]);
    expect(arr.articles).toHaveLength(40);
  });

  it('refuses page text over the body limit whole, without holding it', async () => {
    const got = await streamed(`عنوان\n${'سطر من نص الصفحة.\n'.repeat(2000)}`, 'page.txt', 4096, small);
    expect(codes(got)).toEqual(['$ TOO_LARGE']);
    expect(got.errors[0]?.message).toMatch(/^the body is \d+ bytes, over the limit of 4096 bytes$/);
  });
});

describe("readArticleStream: the site's date order reaches every streamed article", () => {
  // Over the body limit, so it is read element by element (not handed whole to parseArticlesAsync).
  const line = (i: number) => JSON.stringify({ url: `https://e.com/${i}`, title: `خبر ${i}`, published: '04/05/2021' });
  const body = Array.from({ length: 40 }, (_, i) => line(i)).join('\n');
  const small = { maxBodyBytes: 1024 };

  it('without an order, "04/05/2021" is refused as AMBIGUOUS in every element', async () => {
    const got = await streamed(body, 'export.ndjson', 256, small);
    expect(got.articles).toHaveLength(0);
    expect(new Set(got.errors.map((e) => e.code))).toEqual(new Set(['AMBIGUOUS']));
  });

  it('with dateOrder dmy it is 4 May, with mdy 5 April', async () => {
    for (const [order, date] of [
      ['dmy', '2021-05-04'],
      ['mdy', '2021-04-05'],
    ] as const) {
      const got = await streamed(body, 'export.ndjson', 256, { ...small, dateOrder: order });
      expect(got.errors).toEqual([]);
      expect(got.articles).toHaveLength(40);
      expect(new Set(got.articles.map((a) => a.article.published.normalized?.date))).toEqual(new Set([date]));
    }
  });
});
