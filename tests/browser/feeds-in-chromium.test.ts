// Browser test: real Chromium (playwright-core, /usr/bin/chromium) renders the index and an RSS feed as readable right-to-left Arabic.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalServer, type LocalServer } from '../../bin/commands/serve.ts';

const ARTIFACTS = path.resolve(import.meta.dirname, '../artifacts');
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

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
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
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
});
