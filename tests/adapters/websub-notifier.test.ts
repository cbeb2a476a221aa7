// The local WebSub notifier against a real hub on 127.0.0.1: one ping per batch of changed feeds, none for unchanged ones, pings that never overlap, a bounded timeout, failures logged once per batch.
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FolderFeedPublisher } from '../../lambda/adapters/folder-feed-publisher.ts';
import { MemoryArticleStore } from '../../lambda/adapters/memory-article-store.ts';
import { createWebSubNotifier } from '../../lambda/adapters/websub-notifier.ts';
import { fixedClock } from '../../lambda/core/clock.ts';
import { parseSiteConfig } from '../../lambda/core/config/index.ts';
import { createSiteService } from '../../lambda/core/site/site-service.ts';
import { createTestDocument } from './feed-document-factory.ts';

const cleanup: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const c of cleanup) await c();
});

/** A hub on 127.0.0.1 that records each ping and answers as `answer` says ('hang' never answers). */
async function startHub(answer: () => number | 'hang') {
  const pings: URLSearchParams[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const server: Server = createServer((req, res) => {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      pings.push(new URLSearchParams(body));
      const a = answer();
      if (a === 'hang') return;
      setTimeout(() => {
        inFlight--;
        res.writeHead(a).end();
      }, 30);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  cleanup.push(() => new Promise((r) => server.closeAllConnections() ?? server.close(r)));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, pings, maxInFlight: () => maxInFlight };
}

async function folder(): Promise<FolderFeedPublisher> {
  const dir = await mkdtemp(path.join(tmpdir(), 'nashra-websub-'));
  cleanup.push(() => rm(dir, { recursive: true, force: true }));
  return new FolderFeedPublisher({ root: dir, durable: false });
}

const article = (n: number, category: string) =>
  JSON.stringify({
    url: `https://news.example.sa/2024/05/websub-${n}`,
    title: `خبر رقم ${n} عن افتتاح مشروع جديد`,
    summary: 'ملخص الخبر.',
    categories: [category],
    source: 'وكالات',
    published: `2024-05-0${n}T08:00:00+03:00`,
  });

describe('createWebSubNotifier', () => {
  it('after an ingest that changed feeds: one ping with every changed feed (three formats each) under the public base URL; nothing for an unchanged one', async () => {
    const hub = await startHub(() => 204);
    const lines: string[] = [];
    const warnings: string[] = [];
    const notifier = createWebSubNotifier({
      hubUrl: hub.url,
      baseUrl: 'https://example.org/news/',
      log: (l) => lines.push(l),
      warn: (l) => warnings.push(l),
    });
    const config = parseSiteConfig({
      title: 'نشرة',
      description: 'أخبار',
      baseUrl: 'https://example.org/news/',
      timeZone: 'Asia/Riyadh',
      hub: hub.url,
    });
    const clock = fixedClock('2024-06-01T00:00:00Z');
    const site = createSiteService({ store: new MemoryArticleStore({ clock }), publisher: notifier.wrap(await folder()), config, clock });

    await site.ingest({ body: article(1, 'طاقة'), format: 'json' });
    notifier.notify();
    await notifier.settled();
    expect(hub.pings).toHaveLength(1);
    expect(hub.pings[0]!.get('hub.mode')).toBe('publish');
    const topics = hub.pings[0]!.getAll('hub.url').sort();
    for (const name of ['all', encodeURIComponent('category-طاقه'), encodeURIComponent('source-وكالات')]) {
      for (const f of ['rss', 'atom', 'json']) expect(topics).toContain(`https://example.org/news/feeds/${name}.${f}`);
    }
    expect(topics.every((t) => /^https:\/\/example\.org\/news\/feeds\/[^/]+\.(rss|atom|json)$/.test(t))).toBe(true);
    expect(lines).toEqual([`websub: pinged ${hub.url} for ${topics.length} feed URLs (HTTP 204)`]);

    await site.ingest({ body: article(1, 'طاقة'), format: 'json' });
    notifier.notify();
    await notifier.settled();
    expect(hub.pings).toHaveLength(1);
    expect(warnings).toEqual([]);
  });

  it('pings never overlap: changes noted while one is in flight go out together in the next', async () => {
    const hub = await startHub(() => 204);
    const notifier = createWebSubNotifier({ hubUrl: hub.url, baseUrl: 'https://example.org/', log: () => {}, warn: () => {} });
    const publisher = notifier.wrap(await folder());
    await publisher.publish(createTestDocument('feeds/all.rss', '<rss>1</rss>'));
    notifier.notify();
    for (const name of ['category-a', 'category-b', 'category-c']) {
      await publisher.publish(createTestDocument(`feeds/${name}.rss`, `<rss>${name}</rss>`));
      notifier.notify();
    }
    await publisher.publish(createTestDocument('feeds/all/archive/1.rss', '<rss>archive</rss>'));
    notifier.notify();
    await notifier.settled();
    expect(hub.maxInFlight()).toBe(1);
    expect(hub.pings.map((p) => p.getAll('hub.url'))).toEqual([
      ['https://example.org/feeds/all.rss'],
      ['https://example.org/feeds/category-a.rss', 'https://example.org/feeds/category-b.rss', 'https://example.org/feeds/category-c.rss'],
    ]);
  });

  it('a hub that never answers: the ping gives up after timeoutMs, one warning for the batch, and publishing went on', async () => {
    const hub = await startHub(() => 'hang');
    const warnings: string[] = [];
    const notifier = createWebSubNotifier({
      hubUrl: hub.url,
      baseUrl: 'https://example.org/',
      timeoutMs: 200,
      log: () => {},
      warn: (l) => warnings.push(l),
    });
    const publisher = notifier.wrap(await folder());
    expect(await publisher.publish(createTestDocument('feeds/all.rss', '<rss>x</rss>'))).toEqual({ path: 'feeds/all.rss', written: true });
    // notify() returns nothing to wait for, and returns before the hub could have failed: the publish is never held up.
    expect(notifier.notify()).toBeUndefined();
    expect(warnings).toEqual([]);
    const started = performance.now();
    // The hub never answers: settling at all is the timeout at work (it cannot come sooner than timeoutMs).
    await notifier.settled();
    expect(performance.now() - started).toBeGreaterThanOrEqual(150);
    expect(hub.pings).toHaveLength(1);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(
      /^websub: ping of http:\/\/127\.0\.0\.1:\d+\/ for 1 feed URL failed \(.*(abort|timeout).*\); subscribers see the change at their next poll$/i,
    );
  });

  it('a hub answering 500, or nothing listening: one warning per batch, never a throw', async () => {
    const hub = await startHub(() => 500);
    const warnings: string[] = [];
    const notifier = createWebSubNotifier({
      hubUrl: hub.url,
      baseUrl: 'https://example.org/',
      log: () => {},
      warn: (l) => warnings.push(l),
    });
    const publisher = notifier.wrap(await folder());
    await publisher.publish(createTestDocument('feeds/all.rss', '<rss>x</rss>'));
    await publisher.publish(createTestDocument('feeds/all.atom', '<feed>x</feed>'));
    notifier.notify();
    await notifier.settled();
    expect(warnings).toEqual([
      `websub: ping of ${hub.url} for 2 feed URLs failed (HTTP 500); subscribers see the change at their next poll`,
    ]);

    const closed = createWebSubNotifier({
      hubUrl: 'http://127.0.0.1:9/',
      baseUrl: 'https://example.org/',
      log: () => {},
      warn: (l) => warnings.push(l),
    });
    const p2 = closed.wrap(await folder());
    await p2.publish(createTestDocument('feeds/all.rss', '<rss>y</rss>'));
    closed.notify();
    await closed.settled();
    expect(warnings).toHaveLength(2);
    expect(warnings[1]).toMatch(/^websub: ping of http:\/\/127\.0\.0\.1:9\/ for 1 feed URL failed/);
  });
});
