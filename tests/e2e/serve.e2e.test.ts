// End to end: the real `nashra serve` process — feeds, 304 revalidation, POST with the printed token, incoming/ → rejected/, SIGINT, restart.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI } from '../support/compiled-cli.ts';
import { REPO, startServeProcess, type ServeProcess } from './serve-process.ts';
import { waitFor } from '../support/wait-for.ts';

const ARTICLE = {
  url: 'https://news.example.sa/2024/05/e2e-article',
  title: 'اختبار شامل: وصول أول قطار كهربائي إلى المدينة',
  summary: 'وصل أول قطار كهربائي إلى المدينة صباح اليوم.',
  content: '<p>وصل أول قطار كهربائي إلى محطة المدينة صباح اليوم وسط حضور رسمي.</p>',
  categories: ['نقل'],
  source: 'وكالات',
  published: 'الأربعاء 1 مايو 2024 الساعة 10:30 صباحا',
};

describe('nashra serve with a bad config', () => {
  it('exits 2 (config error) and names every bad field, creating nothing', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'nashra-e2e-bad-'));
    const configPath = path.join(dir, 'nashra.config.json');
    await writeFile(configPath, JSON.stringify({ title: 'نشرة', baseUrl: 'ftp://x', timeZone: 'Mars/Olympus' }));
    const r = spawnSync(process.execPath, [CLI, 'serve', '--config', configPath, '--data', path.join(dir, 'data')], {
      cwd: REPO,
      env: { ...process.env, PORT: '0' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/\$\.description/);
    expect(r.stderr).toMatch(/\$\.baseUrl/);
    expect(r.stderr).toMatch(/\$\.timeZone/);
    expect(r.stderr).not.toMatch(/\bat \S+:\d+/);
    expect(existsSync(path.join(dir, 'data'))).toBe(false);
    await rm(dir, { recursive: true, force: true });
  });
});

describe('nashra serve, end to end', () => {
  let dir: string;
  let dataDir: string;
  let configPath: string;
  let server: ServeProcess;
  let firstToken: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'nashra-e2e-'));
    dataDir = path.join(dir, 'data');
    configPath = path.join(dir, 'nashra.config.json');
    await writeFile(
      configPath,
      JSON.stringify({
        title: 'نشرة الاختبار الشامل',
        description: 'أخبار',
        baseUrl: 'https://news.example/',
        timeZone: 'Asia/Riyadh',
        ttl: 5,
      }),
    );
    server = await startServeProcess({ dataDir, configPath });
    firstToken = server.token;
  }, 60_000);

  afterAll(async () => {
    if (server?.proc.exitCode === null) await server.stop('SIGKILL').catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  });

  it('prints its URL, loads the samples, and keeps a generated token in data/token with mode 0600', async () => {
    expect(server.output()).toMatch(/Loaded \d+ sample article/);
    expect(server.output()).toContain('generated now');
    const st = await stat(path.join(dataDir, 'token'));
    expect(st.mode & 0o777).toBe(0o600);
    expect((await readFile(path.join(dataDir, 'token'), 'utf8')).trim()).toBe(firstToken);
    expect(existsSync(path.join(dataDir, 'site', 'feeds', 'all.rss'))).toBe(true);
  });

  it('serves each feed, and revalidating with the ETag gives 304', async () => {
    for (const [ext, type] of [
      ['rss', 'application/rss+xml'],
      ['atom', 'application/atom+xml'],
      ['json', 'application/feed+json'],
    ]) {
      const res = await fetch(`${server.url}feeds/all.${ext}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe(`${type}; charset=utf-8`);
      const body = await res.text();
      expect(body.length).toBeGreaterThan(500);
      expect(body).toContain(server.url);
      const etag = res.headers.get('etag')!;
      const again = await fetch(`${server.url}feeds/all.${ext}`, { headers: { 'if-none-match': etag } });
      expect(again.status).toBe(304);
    }
    const index = await fetch(server.url);
    expect(index.status).toBe(200);
    expect(await index.text()).toContain('نشرة الاختبار الشامل');
  });

  it('takes a POSTed article with the printed token and shows it in the feeds at once', async () => {
    const denied = await fetch(`${server.url}articles`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ARTICLE),
    });
    expect(denied.status).toBe(401);
    const res = await fetch(`${server.url}articles`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${server.token}` },
      body: JSON.stringify(ARTICLE),
    });
    expect(res.status).toBe(201);
    const stored = (await res.json()).results[0].article;
    expect(stored.published.instant).toBe('2024-05-01T07:30:00.000Z');
    expect(await (await fetch(`${server.url}feeds/all.atom`)).text()).toContain(ARTICLE.title);
    const category = await fetch(`${server.url}feeds/${encodeURIComponent('category-نقل')}.json`);
    expect((await category.json()).items[0].title).toBe(ARTICLE.title);
  });

  it('ingests a good file dropped into incoming/ and moves a bad one to rejected/ with its errors', async () => {
    const incoming = path.join(dataDir, 'incoming');
    const good = { ...ARTICLE, url: 'https://news.example.sa/2024/05/e2e-incoming', title: 'خبر من مجلد الوارد: افتتاح مكتبة عامة' };
    await writeFile(path.join(incoming, 'good.json'), JSON.stringify(good));
    // The bad file is renamed in, as a careful writer would.
    await writeFile(path.join(incoming, '.bad.json.tmp'), JSON.stringify({ url: 'notaurl', title: '', published: 'قريبا' }));
    await rename(path.join(incoming, '.bad.json.tmp'), path.join(incoming, 'bad.json'));

    await waitFor(() => existsSync(path.join(dataDir, 'rejected', 'bad.json.errors.json')), 'rejected/bad.json.errors.json', 15_000);
    await waitFor(() => existsSync(path.join(dataDir, 'processed', 'good.json')), 'processed/good.json', 15_000);
    expect(existsSync(path.join(dataDir, 'rejected', 'bad.json'))).toBe(true);
    expect(existsSync(path.join(incoming, 'bad.json'))).toBe(false);
    const report = JSON.parse(await readFile(path.join(dataDir, 'rejected', 'bad.json.errors.json'), 'utf8'));
    expect(report.file).toBe('bad.json');
    const fields = report.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['url', 'title']));
    for (const e of report.errors)
      expect(e).toMatchObject({ path: expect.stringMatching(/^\$/), code: expect.any(String), message: expect.any(String) });
    expect(await (await fetch(`${server.url}feeds/all.rss`)).text()).toContain(good.title);
  });

  it('exits 0 on SIGINT, and after a restart every article and the token are still there', async () => {
    expect(await server.stop('SIGINT')).toBe(0);
    expect(server.output()).toContain('shutting down');
    server = await startServeProcess({ dataDir, configPath });
    expect(server.token).toBe(firstToken);
    expect(server.output()).not.toMatch(/Loaded \d+ sample/);
    const rss = await (await fetch(`${server.url}feeds/all.rss`)).text();
    expect(rss).toContain(ARTICLE.title);
    expect(rss).toContain('خبر من مجلد الوارد');
    expect(await server.stop('SIGTERM')).toBe(0);
  }, 60_000);
});
