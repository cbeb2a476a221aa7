// Hostile text fields through the real readers: rss-parser, feedparser and a Chromium page that inserts fields the way web readers do.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import Parser from 'rss-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Article } from '../../lambda/core/articles/article.ts';
import { parseArticles } from '../../lambda/core/articles/index.ts';
import { FragmentCache, renderFeedDocuments } from '../../lambda/core/feeds/index.ts';
import { createSampleConfig } from '../core/feeds/sample-articles.ts';
import { writeDocuments } from '../core/feeds/render-helpers.ts';
import { chromiumLaunchOptions } from '../support/chromium.ts';
import { PYTHON } from '../support/feed-tools.ts';
import { spawnSync } from 'node:child_process';

/** Text a publisher might carry in a plain-text field; each must reach the reader as the characters written. */
const HOSTILE_TEXT = [
  'كتب أن <img src=x onerror="alert(1)"> تنفذ',
  '<b>عاجل</b>',
  'a < b && c > d',
  '<script>alert(2)</script>',
  '&lt;script&gt; مكتوب هكذا',
  '<svg onload=alert(3)>',
  '"><iframe src=javascript:alert(4)>',
];

/** Markup no reader may end up with from any field; sanitized content may keep harmless elements (`<b>`, `<img src>`). */
const FORBIDDEN = 'script, svg, iframe, object, embed, [onerror], [onload], [onclick], [href^="javascript:"], [src^="javascript:"]';
/** Plain-text fields (titles, summaries, descriptions) must not become any element at all. */
const PLAIN_FIELDS = ['title', 'summary', 'description'];

const config = createSampleConfig();
const now = new Date('2024-05-02T00:00:00Z');

function hostileArticles(): Article[] {
  const body = JSON.stringify(
    HOSTILE_TEXT.map((text, i) => ({
      url: `https://news.example/a/${i}`,
      title: text,
      summary: text,
      content: `<p>${text}</p><p onclick="alert(5)">فقرة</p><script>alert(6)</script>`,
      authors: [`كاتب ${i} ${text}`],
      categories: [`قسم ${text}`],
      published: `2024-05-01T0${i}:00:00Z`,
    })),
  );
  const report = parseArticles({ body: new TextEncoder().encode(body), name: 'hostile.json' }, { timeZone: 'Asia/Riyadh', now });
  expect(report.errors).toEqual([]);
  return report.articles.map((a) => a.article);
}

interface ReaderField {
  reader: string;
  format: 'rss' | 'atom' | 'json';
  field: string;
  value: string;
  /** How a reader inserts it: HTML for fields the format (or the parser's own type) says are HTML, else text. */
  as: 'html' | 'text';
  /** The text a person must see (for plain-text fields). */
  expected?: string;
}

const FEEDPARSER_FIELDS = `
import json, sys, feedparser
out = []
for f in json.load(sys.stdin):
    d = feedparser.parse(f)
    for e in d.entries:
        for key in ("title", "summary"):
            det = e.get(key + "_detail")
            if det is not None:
                out.append({"file": f, "field": key, "type": det.type, "value": det.value})
        for c in e.get("content", []):
            out.append({"file": f, "field": "content", "type": c.type, "value": c.value})
json.dump(out, sys.stdout)
`;

describe('hostile text fields reach readers as the characters written, never as markup', () => {
  let dir: string;
  let browser: Browser;
  const fields: ReaderField[] = [];
  const articles = hostileArticles();
  const titleOf = new Map(articles.map((a) => [a.title, a]));

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'nashra-hostile-'));
    const docs = renderFeedDocuments(config, 'all', articles, { cache: new FragmentCache() });
    const files = writeDocuments(dir, docs);
    const rssFile = files.find((f) => f.endsWith('all.rss'))!;
    const atomFile = files.find((f) => f.endsWith('all.atom'))!;
    const jsonDoc = docs.find((d) => d.path.endsWith('all.json'))!;

    // rss-parser gives RSS fields as strings; RSS readers treat title and description as HTML.
    const rss = await new Parser().parseString(new TextDecoder().decode(docs.find((d) => d.path.endsWith('all.rss'))!.body));
    for (const item of rss.items) {
      fields.push({ reader: 'rss-parser', format: 'rss', field: 'title', value: item.title ?? '', as: 'html' });
      fields.push({ reader: 'rss-parser', format: 'rss', field: 'description', value: item.content ?? '', as: 'html' });
      fields.push({ reader: 'rss-parser', format: 'rss', field: 'content:encoded', value: item['content:encoded'] ?? '', as: 'html' });
    }
    // feedparser reports each field's type: text/html is inserted as HTML, text/plain as text.
    const r = spawnSync(PYTHON, ['-c', FEEDPARSER_FIELDS], { input: JSON.stringify([rssFile, atomFile]), encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    for (const f of JSON.parse(r.stdout) as Array<{ file: string; field: string; type: string; value: string }>) {
      fields.push({
        reader: 'feedparser',
        format: f.file === rssFile ? 'rss' : 'atom',
        field: f.field,
        value: f.value,
        as: f.type === 'text/html' || f.type === 'application/xhtml+xml' ? 'html' : 'text',
      });
    }
    // JSON Feed: title and summary are plain text, content_html is HTML.
    const json = JSON.parse(new TextDecoder().decode(jsonDoc.body)) as { items: Array<Record<string, string>> };
    for (const item of json.items) {
      fields.push({ reader: 'JSON.parse', format: 'json', field: 'title', value: item.title!, as: 'text' });
      fields.push({ reader: 'JSON.parse', format: 'json', field: 'summary', value: item.summary!, as: 'text' });
      fields.push({ reader: 'JSON.parse', format: 'json', field: 'content_html', value: item.content_html!, as: 'html' });
    }
    browser = await chromium.launch(chromiumLaunchOptions());
  });

  afterAll(async () => {
    await browser?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('every reader sees every item', () => {
    for (const reader of ['rss-parser', 'feedparser', 'JSON.parse']) {
      expect(fields.filter((f) => f.reader === reader && f.field === 'title').length, reader).toBeGreaterThanOrEqual(HOSTILE_TEXT.length);
    }
  });

  it('no element or handler from the input appears, and no script runs, in a page that inserts each field as readers do', async () => {
    const page = await browser.newPage();
    const dialogs: string[] = [];
    page.on('dialog', async (d) => {
      dialogs.push(d.message());
      await d.dismiss();
    });
    await page.setContent('<!doctype html><html dir="rtl"><body></body></html>');
    const results = await page.evaluate(
      ({ fields, forbidden, plainFields }) =>
        fields.map((f) => {
          const div = document.createElement('div');
          if (f.as === 'html') div.innerHTML = f.value;
          else div.textContent = f.value;
          document.body.append(div);
          const bad = Array.from(div.querySelectorAll(plainFields.includes(f.field) ? '*' : forbidden)).map((e) =>
            e.outerHTML.slice(0, 80),
          );
          return { bad, text: div.textContent ?? '' };
        }),
      { fields, forbidden: FORBIDDEN, plainFields: PLAIN_FIELDS },
    );
    await page.waitForTimeout(200); // an onerror would fire on the failed image load by now
    await page.close();
    const failures = results.flatMap((r, i) =>
      r.bad.length ? [`${fields[i]!.reader} ${fields[i]!.format} ${fields[i]!.field}: ${r.bad}`] : [],
    );
    expect(failures).toEqual([]);
    expect(dialogs).toEqual([]);
  });

  it('titles and summaries show the text as written, in every format and reader', async () => {
    const page = await browser.newPage();
    const shown = await page.evaluate(
      (fields) =>
        fields.map((f) => {
          const div = document.createElement('div');
          if (f.as === 'html') div.innerHTML = f.value;
          else div.textContent = f.value;
          return div.textContent ?? '';
        }),
      fields,
    );
    await page.close();
    const plain = fields.flatMap((f, i) => (PLAIN_FIELDS.includes(f.field) ? [{ f, text: shown[i]!.trim() }] : []));
    expect(plain.length).toBeGreaterThan(0);
    const wrong = plain.filter(({ text }) => !titleOf.has(text)).map(({ f, text }) => `${f.reader} ${f.format} ${f.field}: ${text}`);
    expect(wrong).toEqual([]);
  });
});
