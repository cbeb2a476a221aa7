// Browser claims through real Chromium: feeds opened in a browser are styled by feed.css (RTL, items as cards, raw HTML hidden),
// and index.html has lang/dir and one autodiscovery link per feed and format.
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FragmentCache, renderSiteDocuments } from '../../lambda/core/feeds/index.ts';
import type { FeedDocument } from '../../lambda/core/feeds/feed-document.ts';
import { createSampleArticles, createSampleConfig } from '../core/feeds/sample-articles.ts';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

let browser: Browser;
let page: Page;
let documents: FeedDocument[];

beforeAll(async () => {
  ({ documents } = renderSiteDocuments(createSampleConfig(), createSampleArticles(5), { cache: new FragmentCache() }));
  const byPath = new Map(documents.map((d) => [d.path, d]));
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  page = await browser.newPage();
  // Every request is answered from the rendered documents: nothing leaves the process.
  await page.route('**/*', async (route) => {
    const u = new URL(route.request().url());
    const doc = u.host === 'news.example' ? byPath.get(decodeURIComponent(u.pathname.slice(1))) : undefined;
    if (!doc) return route.fulfill({ status: 404, body: 'not found' });
    return route.fulfill({ status: 200, headers: { 'content-type': doc.contentType }, body: Buffer.from(doc.body) });
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

describe('feeds in a browser (Chromium, CSS stylesheet, no XSLT)', () => {
  for (const [path, itemTag, rawTag] of [
    ['feeds/all.rss', 'item', 'content:encoded'],
    ['feeds/all.atom', 'entry', 'content'],
  ] as const) {
    it(`${path} is rendered right-to-left with items as blocks and raw HTML hidden`, async () => {
      const response = await page.goto(`https://news.example/${path}`);
      expect(response?.status()).toBe(200);
      const style = await page.evaluate(
        ([itemTag, rawTag]) => {
          const root = document.documentElement;
          const item = document.getElementsByTagName(itemTag)[0]!;
          const raw = document.getElementsByTagName(rawTag)[0]!;
          const title = item.getElementsByTagName('title')[0]!;
          return {
            sheets: document.styleSheets.length,
            direction: getComputedStyle(root).direction,
            itemDisplay: getComputedStyle(item).display,
            rawDisplay: getComputedStyle(raw).display,
            titleWeight: getComputedStyle(title).fontWeight,
            titleBox: title.getBoundingClientRect().height,
          };
        },
        [itemTag, rawTag] as const,
      );
      expect(style).toMatchObject({ sheets: 1, direction: 'rtl', itemDisplay: 'block', rawDisplay: 'none', titleWeight: '700' });
      expect(style.titleBox).toBeGreaterThan(0);
    });
  }

  it('index.html sets lang/dir and has an autodiscovery link per feed and format', async () => {
    await page.goto('https://news.example/index.html');
    const info = await page.evaluate(() => ({
      lang: document.documentElement.lang,
      dir: document.documentElement.dir,
      alternates: Array.from(document.querySelectorAll('link[rel="alternate"]')).map((l) => [
        l.getAttribute('type'),
        (l as HTMLLinkElement).href,
      ]),
      items: document.querySelectorAll('ul.feeds li').length,
    }));
    const feedCount = documents.filter((d) => /^feeds\/[^/]+\.rss$/.test(d.path)).length;
    expect(info.lang).toBe('ar');
    expect(info.dir).toBe('rtl');
    expect(info.items).toBe(feedCount);
    expect(info.alternates).toHaveLength(feedCount * 3);
    expect(new Set(info.alternates.map(([t]) => t))).toEqual(
      new Set(['application/rss+xml', 'application/atom+xml', 'application/feed+json']),
    );
    expect(info.alternates).toContainEqual(['application/atom+xml', 'https://news.example/feeds/all.atom']);
  });
});
