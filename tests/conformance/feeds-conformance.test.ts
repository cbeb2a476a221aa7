// Conformance: every feed built from the samples, the seed and a seeded fast-check hostile set is well-formed (xmllint),
// valid Atom (jing, RFC 4287 RELAX NG), parsed by Universal Feed Parser with bozo=false and the same items and instants,
// and valid JSON Feed 1.1 (ajv, schemas/jsonfeed-1.1.schema.json). The external tools run once per batch of files.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Article } from '../../lambda/core/articles/article.ts';
import { parseArticles } from '../../lambda/core/articles/index.ts';
import { parseSiteConfig, type SiteConfig } from '../../lambda/core/config/index.ts';
import { FragmentCache, feedPathOf, paginateFeed, publishedFeedKeys, renderSiteDocuments } from '../../lambda/core/feeds/index.ts';
import { createSampleConfig } from '../core/feeds/sample-articles.ts';
import { writeDocuments } from '../core/feeds/render-helpers.ts';
import { feedparserParse, jingErrors, jsonFeedErrors, xmllintErrors, type ParsedFeed } from '../support/feed-tools.ts';
import { CLI } from '../support/compiled-cli.ts';
import { hostileArticle, hostileText } from './hostile-articles.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SAMPLES = path.join(ROOT, 'samples/articles');
const SEED = '/work/shared/seed';
const NOW = '2026-11-26T12:00:00Z';
const FC_SEED = 20240429;

/** What a rendered page must contain: item count and ordered instants (epoch seconds), per file. */
interface Expected {
  file: string;
  format: 'rss' | 'atom' | 'json';
  ids: string[];
  published: number[];
}

const work = mkdtempSync(path.join(tmpdir(), 'nashra-conformance-'));
const expected: Expected[] = [];

function expectationsFor(config: SiteConfig, articles: Article[], outDir: string): void {
  for (const key of publishedFeedKeys(config, articles)) {
    for (const page of paginateFeed(config, key, articles)) {
      for (const format of ['rss', 'atom', 'json'] as const) {
        expected.push({
          file: path.join(outDir, feedPathOf(key, format, page.kind === 'archive' ? page.number : undefined)),
          format,
          ids: page.items.map((a) => a.id),
          published: page.items.map((a) => Math.floor(Date.parse(a.published.instant) / 1000)),
        });
      }
    }
  }
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name))
    .filter((f) => !f.split(path.sep).includes('.meta')); // FolderFeedPublisher's header sidecars
}

let parsed: Map<string, ParsedFeed>;
/** How many random articles carry each hostile feature (the run must actually exercise them). */
const coverage: Record<string, number> = {};
let allFiles: string[];

beforeAll(() => {
  // 1. samples + seed through the real CLI.
  const cliOut = path.join(work, 'cli');
  const r = spawnSync(process.execPath, [CLI, 'build', '--articles', SAMPLES, '--articles', SEED, '--out', cliOut, '--now', NOW], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (r.status !== 0) throw new Error(`nashra build failed (${r.status}): ${r.stderr}`);
  const config = parseSiteConfig(JSON.parse(readFileSync(path.join(ROOT, 'nashra.config.json'), 'utf8')));
  const byId = new Map<string, Article>();
  for (const dir of [SAMPLES, SEED]) {
    for (const file of filesUnder(dir).sort()) {
      const report = parseArticles(
        { body: readFileSync(file), name: path.relative(dir, file) },
        { timeZone: config.timeZone, now: new Date(NOW), baseUrl: `${config.baseUrl}articles/` },
      );
      for (const { article } of report.articles) byId.set(article.id, article);
    }
  }
  expect(byId.size).toBeGreaterThanOrEqual(10);
  expectationsFor(config, [...byId.values()], cliOut);

  // 2. seeded fast-check sites of hostile articles, small pages so archives exist.
  const sites = fc.sample(
    fc.record({
      articles: fc.array(hostileArticle, { minLength: 0, maxLength: 14 }),
      title: hostileText(30).filter((t) => t.length > 0),
      description: hostileText(60).filter((t) => t.length > 0),
      allTitle: hostileText(20).filter((t) => t.length > 0),
    }),
    { seed: FC_SEED, numRuns: 12 },
  );
  sites.forEach(({ articles, title, description, allTitle }, i) => {
    const siteConfig = createSampleConfig({
      title,
      description,
      itemLimit: 4,
      archivePageSize: 3,
      hub: 'https://hub.example/?a=1&b=<2>',
      feeds: { titles: { all: allTitle } },
    });
    const out = path.join(work, `random-${i}`);
    // The same articles in another order must give the same bytes.
    const again = renderSiteDocuments(siteConfig, [...articles].reverse(), { cache: new FragmentCache() }).documents;
    const first = renderSiteDocuments(siteConfig, articles, { cache: new FragmentCache() }).documents;
    if (articles.length === new Set(articles.map((a) => a.id)).size) {
      expect(again.map((d) => `${d.path} ${d.hash}`)).toEqual(first.map((d) => `${d.path} ${d.hash}`));
    }
    writeDocuments(out, renderSiteDocuments(siteConfig, articles, { cache: new FragmentCache() }).documents);
    expectationsFor(siteConfig, articles, out);
  });

  const randomArticles = sites.flatMap((x) => x.articles);
  const text = (a: Article) => [a.id, a.title, a.summary ?? '', a.content, ...a.authors, ...a.categories].join('\n');
  const features: Record<string, (a: Article) => boolean> = {
    'lone surrogate': (a) => /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text(a)),
    'C0 control': (a) => /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/.test(text(a)),
    'U+FFFE/U+FFFF': (a) => /[\uFFFE\uFFFF]/.test(text(a)),
    ']]> in content': (a) => a.content.includes(']]>'),
    'bidi mark': (a) => /[\u200E\u200F\u202A-\u202E\u2066-\u2069\u061C]/.test(text(a)),
    'field over 50 KB': (a) => [a.title, a.summary ?? '', a.content].some((f) => f.length > 50_000),
    'category over 300 chars': (a) => a.categories.some((c) => c.length > 300),
    'updated article': (a) => a.updated !== undefined,
  };
  for (const [name, has] of Object.entries(features)) coverage[name] = randomArticles.filter(has).length;
  allFiles = filesUnder(work);
  const xmlFeeds = allFiles.filter((f) => f.endsWith('.rss') || f.endsWith('.atom'));
  parsed = new Map(feedparserParse(xmlFeeds).map((p) => [p.file, p]));
}, 120_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('feed conformance (samples + seed via the CLI, and seeded hostile random sites)', () => {
  it('the seeded random set exercises every hostile feature', () => {
    for (const [name, count] of Object.entries(coverage)) expect(count, name).toBeGreaterThan(0);
  });

  it('rendered every expected document, and only those plus index.html and feed.css', () => {
    const feedFiles = allFiles.filter((f) => !f.endsWith('index.html') && !f.endsWith('feed.css'));
    expect(new Set(feedFiles)).toEqual(new Set(expected.map((e) => e.file)));
    expect(expected.filter((e) => e.file.includes('/archive/')).length).toBeGreaterThan(0);
  });

  it('every RSS and Atom document is well-formed XML (xmllint --noout)', () => {
    const files = allFiles.filter((f) => f.endsWith('.rss') || f.endsWith('.atom'));
    expect(files.length).toBeGreaterThan(50);
    expect(xmllintErrors(files)).toEqual(new Map());
  });

  it('every Atom document passes the RFC 4287 RELAX NG schema (jing) and has a feed-level author', () => {
    const files = allFiles.filter((f) => f.endsWith('.atom'));
    expect(jingErrors(files)).toEqual([]);
    for (const f of files) expect(readFileSync(f, 'utf8')).toMatch(/<feed[^>]*>[\s\S]*?<author>\s*<name>/);
  });

  it('Universal Feed Parser: bozo false, same item count, same order, same instants', () => {
    const problems: string[] = [];
    for (const e of expected.filter((x) => x.format !== 'json')) {
      const p = parsed.get(e.file);
      if (!p) {
        problems.push(`${e.file}: not parsed`);
        continue;
      }
      if (p.bozo) problems.push(`${e.file}: bozo ${p.bozoException}`);
      if (p.version !== (e.format === 'rss' ? 'rss20' : 'atom10')) problems.push(`${e.file}: version ${p.version}`);
      if (p.entries.length !== e.ids.length) problems.push(`${e.file}: ${p.entries.length} entries, expected ${e.ids.length}`);
      const got = p.entries.map((x) => x.published);
      if (JSON.stringify(got) !== JSON.stringify(e.published)) problems.push(`${e.file}: instants ${got} ≠ ${e.published}`);
      if (e.format === 'rss') {
        const guids = p.entries.map((x) => x.id);
        const want = e.ids.map((id) =>
          id.replace(
            /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
            '',
          ),
        );
        // XML turns CR/CRLF into LF, and feedparser strips surrounding whitespace the way Python's str.strip() does.
        const PY_SPACE = '[\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]';
        const edges = new RegExp(`^${PY_SPACE}+|${PY_SPACE}+$`, 'gu');
        const norm = (s: string | null) => (s ?? '').replace(/\r\n?/g, '\n').replace(edges, '');
        if (JSON.stringify(guids.map(norm)) !== JSON.stringify(want.map(norm)))
          problems.push(`${e.file}: guids differ: ${JSON.stringify(guids)} vs ${JSON.stringify(want)}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('every JSON Feed is valid JSON Feed 1.1 with the same items and instants', () => {
    const problems: string[] = [];
    for (const e of expected.filter((x) => x.format === 'json')) {
      const doc = JSON.parse(readFileSync(e.file, 'utf8'));
      for (const err of jsonFeedErrors(doc)) problems.push(`${e.file}: ${err}`);
      const got = doc.items.map((i: { date_published: string }) => Math.floor(Date.parse(i.date_published) / 1000));
      if (JSON.stringify(got) !== JSON.stringify(e.published)) problems.push(`${e.file}: instants differ`);
      if (doc.items.length !== e.ids.length) problems.push(`${e.file}: item count`);
    }
    expect(problems).toEqual([]);
  });

  it('index.html is well-formed polyglot HTML (xmllint) and links every current feed for autodiscovery', () => {
    const indexes = allFiles.filter((f) => f.endsWith('index.html'));
    expect(xmllintErrors(indexes)).toEqual(new Map());
    for (const index of indexes) {
      const html = readFileSync(index, 'utf8');
      const dir = path.dirname(index);
      const currentFeeds = expected.filter((e) => path.dirname(path.dirname(e.file)) === dir && !e.file.includes('/archive/'));
      const alternates = [...html.matchAll(/<link rel="alternate" type="([^"]+)"/g)].map((m) => m[1]);
      expect(alternates).toHaveLength(currentFeeds.length);
    }
  });
});
