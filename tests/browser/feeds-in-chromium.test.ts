// Browser test: real Chromium (playwright-core; the binary npm test's preflight found) renders the index and an RSS feed as readable right-to-left Arabic.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalServer, type LocalServer } from '../../bin/commands/serve.ts';
import { launchChromium } from '../support/chromium.ts';

const ARTIFACTS = path.resolve(import.meta.dirname, '../artifacts');

describe('feeds in Chromium', () => {
  let dir: string;
  let server: LocalServer;
  let browser: Browser;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'nashra-browser-'));
    const configPath = path.join(dir, 'nashra.config.json');
    await writeFile(
      configPath,
      JSON.stringify({
        title: 'نشرة الأخبار العربية',
        description: 'آخر الأخبار من العواصم العربية',
        baseUrl: 'https://news.example/',
        timeZone: 'Asia/Riyadh',
      }),
    );
    server = await startLocalServer({
      configPath,
      dataDir: path.join(dir, 'data'),
      port: 0,
      token: 'browser-test-token-0123456789',
      log: () => undefined,
    });
    browser = await launchChromium();
    await mkdir(ARTIFACTS, { recursive: true });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('renders the index page right to left with the site title and feed links', async () => {
    const page = await browser.newPage({ viewport: { width: 1000, height: 800 }, locale: 'ar' });
    const res = await page.goto(server.url);
    expect(res?.status()).toBe(200);
    const body = page.locator('body');
    await expect.poll(() => body.evaluate((el) => getComputedStyle(el).direction)).toBe('rtl');
    // biome-ignore lint/performance/useDomNodeTextContent: Playwright's Locator.innerText (the text a reader sees), not the DOM property
    const text = await body.innerText();
    expect(text).toContain('نشرة الأخبار العربية');
    const links = await page.locator('a[href*="feeds/"]').count();
    expect(links).toBeGreaterThanOrEqual(3);
    await page.screenshot({ path: path.join(ARTIFACTS, 'index.png'), fullPage: false });
    await page.close();
  });

  it('renders the RSS feed with its CSS stylesheet: items readable, right to left', async () => {
    const page = await browser.newPage({ viewport: { width: 1000, height: 900 }, locale: 'ar' });
    const res = await page.goto(`${server.url}feeds/all.rss`);
    expect(res?.status()).toBe(200);
    // A browser navigation gets the RSS bytes as application/xml: Chromium shows application/rss+xml as plain text.
    expect(res?.headers()['content-type']).toBe('application/xml; charset=utf-8');
    expect(res?.headers().vary).toBe('Accept, Accept-Encoding');
    const first = server.site.feedSummaries().find((f) => f.key === 'all');
    expect(first?.itemCount).toBeGreaterThan(0);
    // The stylesheet applied: the XML tree viewer is not shown, and the item titles render with direction rtl.
    const item = page.locator('item > title').first();
    await expect.poll(() => item.evaluate((el) => getComputedStyle(el).direction)).toBe('rtl');
    expect(await item.evaluate((el) => getComputedStyle(el).display)).not.toBe('none');
    const title = (await item.textContent())?.trim() ?? '';
    expect(title).toMatch(/[\u0600-\u06FF]{3,}/);
    // biome-ignore lint/performance/useDomNodeTextContent: innerText is the rendered text a reader sees, which is what this checks
    const visible = await page.evaluate(() => document.body?.innerText ?? document.documentElement.textContent ?? '');
    expect(visible).toContain(title);
    await page.screenshot({ path: path.join(ARTIFACTS, 'feed-rss.png'), fullPage: false });
    await page.close();
  });

  it('shows each RSS item date in Arabic (Gregorian and Hijri) and hides the raw pubDate', async () => {
    const page = await browser.newPage({ viewport: { width: 1000, height: 900 }, locale: 'ar' });
    await page.goto(`${server.url}feeds/all.rss`);
    const dates = await page.evaluate(() => {
      const el = document.getElementsByTagNameNS('tag:nashra,2026:feed-extensions', 'date')[0];
      const pub = document.getElementsByTagName('pubDate')[0];
      return {
        text: el?.textContent ?? '',
        shown: el ? getComputedStyle(el).display : 'missing',
        height: el?.getBoundingClientRect().height ?? 0,
        pubDate: pub ? getComputedStyle(pub).display : 'missing',
        visible: document.documentElement.textContent ?? '',
      };
    });
    expect(dates.shown).toBe('block');
    expect(dates.height).toBeGreaterThan(0);
    expect(dates.pubDate).toBe('none');
    // Arabic-Indic digits, an Arabic Gregorian month and the Hijri era mark.
    expect(dates.text).toMatch(/[٠-٩]{4}/);
    expect(dates.text).toMatch(/يناير|فبراير|مارس|أبريل|مايو|يونيو|يوليو|أغسطس|سبتمبر|أكتوبر|نوفمبر|ديسمبر/);
    expect(dates.text).toContain('هـ');
    await page.screenshot({ path: path.join(ARTIFACTS, 'feed-rss-dates.png'), fullPage: false });
    await page.close();
  });

  it('opens an article page: right to left, title, Gregorian and Hijri dates, source, canonical link, links back to feeds', async () => {
    const paths = server.site.documentPaths().filter((p) => /^articles\/[^/]+\.html$/.test(p));
    expect(paths.length).toBeGreaterThan(0);
    // The Cairo metro page text carries no url: header, so its items link to this page.
    const doc = paths.map((p) => server.site.getDocument(p)!).find((d) => new TextDecoder().decode(d.body).includes('مترو'));
    expect(doc).toBeDefined();
    const page = await browser.newPage({ viewport: { width: 1000, height: 900 }, locale: 'ar' });
    const res = await page.goto(`${server.url}${doc!.path}`);
    expect(res?.status()).toBe(200);
    expect(res?.headers()['content-type']).toBe('text/html; charset=utf-8');
    const info = await page.evaluate(() => ({
      dir: getComputedStyle(document.body).direction,
      lang: document.documentElement.lang,
      title: document.querySelector('h1')?.textContent ?? '',
      gregorian: document.querySelector('.dates time')?.textContent ?? '',
      datetime: document.querySelector('.dates time')?.getAttribute('datetime') ?? '',
      hijri: document.querySelector('.dates .hijri')?.textContent ?? '',
      canonical: document.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? '',
      ogTitle: document.querySelector('meta[property="og:title"]')?.getAttribute('content') ?? '',
      feeds: Array.from(document.querySelectorAll('.article-feeds a')).map((a) => a.getAttribute('href') ?? ''),
      h1Right: document.querySelector('h1')!.getBoundingClientRect().right,
      width: document.documentElement.clientWidth,
      stylesheet: document.styleSheets.length,
    }));
    expect(info.dir).toBe('rtl');
    expect(info.lang).toBe('ar');
    expect(info.title).toMatch(/مترو/);
    expect(info.ogTitle).toBe(info.title);
    expect(info.gregorian).toMatch(/[٠-٩]{4}/);
    expect(info.datetime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d)$/);
    expect(info.hijri).toMatch(/[٠-٩]+ .+ [٠-٩]{4} هـ/);
    expect(info.canonical).toMatch(new RegExp(`/${doc!.path.replace('.', '\\.')}$`));
    expect(info.feeds).toContain('../feeds/all.rss');
    // Right to left: the heading sits against the right edge of the centred column, not the left.
    expect(info.h1Right).toBeGreaterThan(info.width / 2);
    expect(info.stylesheet).toBe(1);
    // Every feed link on the page resolves on this server.
    for (const href of info.feeds) {
      const r = await fetch(new URL(href, `${server.url}${doc!.path}`));
      expect(r.status, href).toBe(200);
    }
    await page.screenshot({ path: path.join(ARTIFACTS, 'article-page.png'), fullPage: false });
    await page.close();
  });
});
