// End to end behind a reverse proxy: the compiled `nashra serve --base-url …/news/` behind a node proxy that maps /news/ as docs/self-hosting/nginx.conf does; every link resolves, the WebSub hub is pinged, removed feeds are 410 across restarts.
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO, startServeProcess, type ServeProcess } from './serve-process.ts';
import { waitFor } from '../support/wait-for.ts';

/** The location prefix and the proxy_pass URI part of the nginx example: the mapping the proxy below applies. */
function nginxMapping(): { prefix: string; upstreamPath: string } {
  const conf = readFileSync(path.join(REPO, 'docs/self-hosting/nginx.conf'), 'utf8');
  const m = /location\s+(\/[^\s{]*\/)\s*\{[^}]*?proxy_pass\s+http:\/\/nashra(\/[^\s;]*);/.exec(conf);
  if (!m) throw new Error('docs/self-hosting/nginx.conf has no `location /…/ { proxy_pass http://nashra/…; }`');
  return { prefix: m[1]!, upstreamPath: m[2]! };
}

/** A hub that records every ping (form fields) and answers with `status`. */
function startHub(): Promise<{ server: Server; url: string; pings: URLSearchParams[]; status: { value: number } }> {
  const pings: URLSearchParams[] = [];
  const status = { value: 204 };
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => {
      if (req.method === 'POST') pings.push(new URLSearchParams(body));
      res.writeHead(status.value).end();
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, pings, status }),
    ),
  );
}

/**
 * The reverse proxy of the nginx example: `location <prefix> { proxy_pass http://nashra<upstreamPath>; }` replaces the
 * matched prefix by the URI part; `<prefix minus "/">` is redirected to the prefix; everything else is 404.
 */
function startProxy(
  mapping: { prefix: string; upstreamPath: string },
  upstream: { port: number },
): Promise<{ server: Server; port: number }> {
  const server = createServer((req, res) => {
    const url = req.url ?? '/';
    if (url === mapping.prefix.slice(0, -1)) {
      res.writeHead(301, { location: mapping.prefix }).end();
      return;
    }
    if (!url.startsWith(mapping.prefix)) {
      res.writeHead(404).end();
      return;
    }
    const upstreamReq = httpRequest(
      {
        host: '127.0.0.1',
        port: upstream.port,
        method: req.method,
        path: mapping.upstreamPath + url.slice(mapping.prefix.length),
        headers: {
          ...req.headers,
          'x-forwarded-for': req.socket.remoteAddress ?? '',
          'x-forwarded-proto': 'http',
          'x-forwarded-host': req.headers.host ?? '',
        },
      },
      (upstreamRes: IncomingMessage) => {
        res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
        upstreamRes.pipe(res);
      },
    );
    upstreamReq.on('error', () => res.writeHead(502).end());
    req.pipe(upstreamReq);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, port: (server.address() as AddressInfo).port })));
}

const close = (s: Server) => new Promise<void>((resolve) => s.close(() => resolve()));

const decodeXml = (s: string) => s.replaceAll('&amp;', '&').replaceAll('&quot;', '"').replaceAll('&#39;', "'");

/** Every URL a document names under `base`: absolute ones anywhere in the text, and href/src attributes resolved against the page. */
function linksUnder(base: string, pageUrl: string, text: string): string[] {
  const out = new Set<string>();
  const escaped = base.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  for (const m of text.matchAll(new RegExp(`${escaped}[^"'<>\\s\\\\)]*`, 'g'))) out.add(decodeXml(m[0]));
  for (const m of text.matchAll(/\b(?:href|src)="([^"]*)"/g)) {
    const url = new URL(decodeXml(m[1]!), pageUrl).href;
    if (url.startsWith(base)) out.add(url);
  }
  return [...out].map((u) => u.replace(/#.*$/, ''));
}

const ARTICLE = (n: number, category: string) => ({
  url: `https://news.example.sa/2024/05/proxy-${n}`,
  title: `خبر خلف الوكيل رقم ${n}: افتتاح جسر جديد`,
  summary: 'افتتح جسر جديد صباح اليوم.',
  content: '<p>افتتح جسر جديد فوق الوادي صباح اليوم بحضور رسمي.</p>',
  categories: [category],
  source: 'وكالات',
  // Newer than every sample, so it lands on the current page of `all`.
  published: `${n} نوفمبر 2026 الساعة 10:30 صباحا`,
});

describe('nashra serve behind a reverse proxy (docs/self-hosting/nginx.conf)', () => {
  const mapping = nginxMapping();
  let dir: string;
  let dataDir: string;
  let configPath: string;
  let hub: Awaited<ReturnType<typeof startHub>>;
  let proxy: { server: Server; port: number };
  const upstream = { port: 0 };
  let base: string;
  let nashra: ServeProcess;

  const start = async (args: string[]) => {
    nashra = await startServeProcess({ dataDir, configPath, args: ['--host', '127.0.0.1', '--port', '0', ...args] });
    upstream.port = Number(new URL(nashra.url).port);
  };
  const post = (article: object) =>
    fetch(`${base}articles`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${nashra.token}` },
      body: JSON.stringify(article),
    });

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'nashra-proxy-'));
    dataDir = path.join(dir, 'data');
    configPath = path.join(dir, 'nashra.config.json');
    hub = await startHub();
    await writeFile(
      configPath,
      JSON.stringify({
        title: 'نشرة الوكيل',
        description: 'أخبار خلف وكيل عكسي',
        // A placeholder: --base-url gives the public URL.
        baseUrl: 'https://nashra.example/',
        timeZone: 'Asia/Riyadh',
        itemLimit: 5,
        archivePageSize: 5,
        hub: hub.url,
      }),
    );
    proxy = await startProxy(mapping, upstream);
    base = `http://127.0.0.1:${proxy.port}${mapping.prefix}`;
    await start(['--base-url', base]);
  }, 60_000);

  afterAll(async () => {
    await nashra?.stop('SIGINT');
    await close(proxy.server);
    await close(hub.server);
    await rm(dir, { recursive: true, force: true });
  });

  it('maps /news/ the way the nginx example does', () => {
    expect(mapping).toEqual({ prefix: '/news/', upstreamPath: '/' });
    expect(nashra.output()).toContain(`public:   ${base}`);
  });

  it('every link in the index, feeds.opml, the feeds (three formats) and an article page resolves with 200 through the proxy', async () => {
    const seen = new Map<string, number>();
    const kinds = { self: 0, alternate: 0, hubSelf: 0, opmlXmlUrl: 0, articlePage: 0, stylesheet: 0, archive: 0 };
    const get = async (url: string) => {
      const res = await fetch(url, { redirect: 'manual' });
      seen.set(url, res.status);
      return res;
    };
    const visit = async (url: string): Promise<string[]> => {
      const res = await get(url);
      expect(res.status, url).toBe(200);
      const text = await res.text();
      // nashra's own listen address never leaks into a page.
      expect(text, url).not.toContain(nashra.url);
      const link = res.headers.get('link') ?? '';
      const hubSelf = /<([^>]+)>; rel="self"/.exec(link)?.[1];
      if (hubSelf) {
        kinds.hubSelf++;
        expect(hubSelf.startsWith(base), hubSelf).toBe(true);
        expect(link).toContain(`<${hub.url}>; rel="hub"`);
      }
      return [...linksUnder(base, url, text), ...(hubSelf ? [hubSelf] : [])];
    };

    const index = await visit(base);
    const opml = await visit(`${base}feeds.opml`);
    const opmlText = await (await fetch(`${base}feeds.opml`)).text();
    const xmlUrls = [...opmlText.matchAll(/xmlUrl="([^"]+)"/g)].map((m) => decodeXml(m[1]!));
    kinds.opmlXmlUrl = xmlUrls.filter((u) => u.startsWith(base)).length;
    expect(xmlUrls.length).toBeGreaterThan(1);
    expect(xmlUrls.every((u) => u.startsWith(base))).toBe(true);

    const feeds: string[] = [];
    for (const format of ['rss', 'atom', 'json']) feeds.push(...(await visit(`${base}feeds/all.${format}`)));
    const rss = await (await fetch(`${base}feeds/all.rss`)).text();
    const atom = await (await fetch(`${base}feeds/all.atom`)).text();
    const json = (await (await fetch(`${base}feeds/all.json`)).json()) as {
      feed_url: string;
      home_page_url: string;
      items: { url: string }[];
    };
    if (rss.includes(`<atom:link href="${base}feeds/all.rss" rel="self"`) || rss.includes(`rel="self" href="${base}feeds/all.rss"`))
      kinds.self++;
    if (atom.includes(`href="${base}feeds/all.atom"`)) kinds.self++;
    if (json.feed_url === `${base}feeds/all.json`) kinds.self++;
    if (json.home_page_url === base) kinds.alternate++;
    if (/rel="alternate"[^>]*href="([^"]+)"|href="([^"]+)"[^>]*rel="alternate"/.test(atom)) kinds.alternate++;
    kinds.stylesheet = rss.includes(`<?xml-stylesheet`) && rss.includes(`${base}feed.css`) ? 1 : 0;

    const articlePages = [...new Set([...feeds, ...index])].filter((u) => /\/articles\/[^/]+\.html$/.test(u));
    kinds.articlePage = articlePages.length;
    expect(json.items.some((i) => i.url.startsWith(`${base}articles/`) || articlePages.length > 0)).toBe(true);
    const article = articlePages[0] ? await visit(articlePages[0]) : [];

    const all = new Set([...index, ...opml, ...feeds, ...article, ...xmlUrls]);
    kinds.archive = [...all].filter((u) => u.includes('/archive/')).length;
    for (const url of all) {
      if (seen.has(url)) continue;
      const res = await get(url);
      await res.arrayBuffer();
    }
    const failures = [...seen].filter(([, status]) => status !== 200);
    expect(failures).toEqual([]);
    expect(seen.size).toBeGreaterThan(20);
    for (const [kind, n] of Object.entries(kinds)) expect(n, kind).toBeGreaterThan(0);
  }, 60_000);

  it("pings the hub with the changed feeds' public URLs after a publish, not after an unchanged one; a failing hub is logged and never fails the ingest", async () => {
    // The start-up render published every feed: it was announced too.
    await waitFor(() => hub.pings.length >= 1, 'the start-up ping');
    const before = hub.pings.length;
    const first = await post(ARTICLE(20, 'جسور'));
    expect(first.status).toBe(201);
    await waitFor(() => hub.pings.length === before + 1, 'the ping after an ingest');
    const ping = hub.pings[before]!;
    expect(ping.get('hub.mode')).toBe('publish');
    const topics = ping.getAll('hub.url');
    expect(topics).toContain(`${base}feeds/all.rss`);
    expect(topics).toContain(`${base}feeds/all.atom`);
    expect(topics).toContain(`${base}feeds/all.json`);
    expect(topics).toContain(`${base}feeds/${encodeURIComponent('category-جسور')}.rss`);
    expect(topics.every((t) => t.startsWith(`${base}feeds/`) && !t.includes('/archive/'))).toBe(true);

    // The same article again changes nothing: no ping. The next changing ingest's ping is the very next one the hub gets.
    expect((await post(ARTICLE(20, 'جسور'))).status).toBe(200);
    expect((await post(ARTICLE(21, 'طرق'))).status).toBe(201);
    await waitFor(() => hub.pings.length >= before + 2, 'the ping after the second ingest');
    const second = hub.pings[before + 1]!.getAll('hub.url');
    expect(second).toContain(`${base}feeds/${encodeURIComponent('category-طرق')}.rss`);
    expect(second).not.toContain(`${base}feeds/${encodeURIComponent('category-جسور')}.rss`);

    hub.status.value = 500;
    expect((await post(ARTICLE(22, 'سدود'))).status).toBe(201);
    await waitFor(() => hub.pings.length >= before + 3, 'the failing ping');
    await waitFor(() => /websub: ping of .* failed \(HTTP 500\)/.test(nashra.output()), 'the failure line');
    expect(nashra.output().match(/websub: ping of .* failed/g)).toHaveLength(1);
    hub.status.value = 204;
    expect((await fetch(`${base}feeds/${encodeURIComponent('category-سدود')}.rss`)).status).toBe(200);
  }, 60_000);

  it('a feed that was published and removed is 410 Gone, also after a restart; a path never published stays 404', async () => {
    const feed = `${base}feeds/${encodeURIComponent('category-سدود')}.atom`;
    const id = ((await (await post(ARTICLE(22, 'سدود'))).json()) as { results: { id: string }[] }).results[0]!.id;
    const del = await fetch(`${base}articles/${encodeURIComponent(id)}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${nashra.token}` },
    });
    expect(del.status).toBe(204);
    const gone = await fetch(feed);
    expect(gone.status).toBe(410);
    expect(gone.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
    expect(gone.headers.get('access-control-allow-origin')).toBe('*');
    expect((await fetch(`${base}articles/${encodeURIComponent(id)}.html`)).status).toBe(410);
    expect((await fetch(`${base}feeds/${encodeURIComponent('category-لم-تنشر')}.atom`)).status).toBe(404);

    expect(await nashra.stop('SIGINT')).toBe(0);
    await start(['--base-url', base]);
    expect((await fetch(feed)).status).toBe(410);
    expect((await fetch(`${base}feeds/${encodeURIComponent('category-لم-تنشر')}.atom`)).status).toBe(404);
  }, 60_000);

  it('a restart without --base-url renders the site again with the listen address (the config baseUrl is a placeholder)', async () => {
    expect(await nashra.stop('SIGINT')).toBe(0);
    await start([]);
    const rss = await (await fetch(`${nashra.url}feeds/all.rss`)).text();
    expect(rss).toContain(`${nashra.url}feeds/all.rss`);
    // Feed, archive and stylesheet links follow the new base (page-text articles keep the URL they were given at ingest).
    expect(rss).not.toContain(`${base}feeds/`);
    expect(rss).not.toContain(`${base}feed.css`);
    expect(nashra.output()).not.toContain('public:');
  }, 60_000);

  it('a public baseUrl in the config is kept (not replaced by the listen address), and its path prefix is served unstripped too', async () => {
    expect(await nashra.stop('SIGINT')).toBe(0);
    const config = JSON.parse(readFileSync(configPath, 'utf8')) as Record<string, unknown>;
    await writeFile(configPath, JSON.stringify({ ...config, baseUrl: 'https://akhbar.example.org.sa/news/' }));
    await start([]);
    expect(nashra.output()).toContain('public:   https://akhbar.example.org.sa/news/');
    const stripped = await fetch(`${nashra.url}feeds/all.atom`);
    const unstripped = await fetch(`${nashra.url}news/feeds/all.atom`);
    expect([stripped.status, unstripped.status]).toEqual([200, 200]);
    const atom = await stripped.text();
    expect(await unstripped.text()).toBe(atom);
    expect(atom).toContain('href="https://akhbar.example.org.sa/news/feeds/all.atom"');
    expect(atom).not.toContain(`${nashra.url}feeds/`);
    expect(stripped.headers.get('link')).toContain('<https://akhbar.example.org.sa/news/feeds/all.atom>; rel="self"');
  }, 60_000);
});
