// `nashra build` over files that repeat ids (changed, unchanged, changed back, within one file) and tie on published instants writes the same bytes, `.meta/` included, as rendering the surviving articles in memory.
import { spawnSync } from 'node:child_process';
import { createReadStream, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readArticleStream, type Article } from '../../lambda/core/articles/index.ts';
import { articlesBaseUrlOf, parseSiteConfig } from '../../lambda/core/config/index.ts';
import { renderSiteDocuments } from '../../lambda/core/feeds/index.ts';
import { FolderFeedPublisher } from '../../lambda/adapters/folder-feed-publisher.ts';
import { CLI } from '../support/compiled-cli.ts';
import { articleInputOf, articleInputsOf, type ArticleInput } from '../support/article-inputs.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const CONFIG = path.join(ROOT, 'nashra.config.json');
const NOW = '2026-12-05T12:00:00Z';
const work = mkdtempSync(path.join(tmpdir(), 'nashra-build-repeated-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Every file under `dir` (relative paths, sorted). */
function filesUnder(dir: string, prefix = ''): string[] {
  return readdirSync(path.join(dir, prefix), { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? filesUnder(dir, path.join(prefix, e.name)) : [path.join(prefix, e.name)]))
    .sort();
}

/** Article `n`, edited: a new title, another category, and a published minute moved by `shift` days. */
function changed(n: number, shift: number): ArticleInput {
  const a = articleInputOf(n, 300);
  const base = articleInputOf(n + shift * 1440, 300);
  return { ...a, title: `${a.title} (مُحدَّث ${shift})`, categories: ['منوعات'], published: base.published };
}

describe('nashra build: repeated ids', () => {
  it('writes what an in-memory render of the surviving version of each id writes, byte for byte', async () => {
    const dir = path.join(work, 'articles');
    mkdirSync(dir);
    const ndjson = (inputs: ArticleInput[]) => `${inputs.map((a) => JSON.stringify(a)).join('\n')}\n`;
    // a: 1,200 articles, and 40 that share one published minute (ties broken by id).
    const tied = articleInputsOf(40, 5000, 300).map((a) => ({ ...a, published: articleInputOf(7, 300).published }));
    writeFileSync(path.join(dir, 'a.ndjson'), ndjson([...articleInputsOf(1200, 0, 300), ...tied]));
    // b: 100 changed, 100 the same again, 400 new.
    const b = [
      ...Array.from({ length: 100 }, (_, i) => changed(1000 + i, 3)),
      ...articleInputsOf(100, 1100, 300),
      ...articleInputsOf(400, 1200, 300),
    ];
    writeFileSync(path.join(dir, 'b.json'), JSON.stringify(b));
    // c: 20 of b's changes changed back, 10 changed twice within the file.
    const c = [
      ...articleInputsOf(20, 1000, 300),
      ...Array.from({ length: 10 }, (_, i) => changed(1300 + i, 5)),
      ...Array.from({ length: 10 }, (_, i) => changed(1300 + i, 9)),
    ];
    writeFileSync(path.join(dir, 'c.ndjson'), ndjson(c));

    const out = path.join(work, 'out');
    const r = spawnSync(process.execPath, [CLI, 'build', '--articles', dir, '--out', out, '--now', NOW, '--config', CONFIG], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 240_000,
    });
    expect(r.stderr).toMatch(/nashra build: 1640 articles read from 3 files, 0 rejected/);
    expect(r.stderr.split('\n').filter((l) => l.includes('duplicate id'))).toHaveLength(100 + 20 + 20);
    expect(r.status).toBe(0);

    // The reference: the same files read the same way, the later version of an id kept unless it is the same content.
    const config = parseSiteConfig(JSON.parse(readFileSync(CONFIG, 'utf8')));
    const byId = new Map<string, Article>();
    for (const name of ['a.ndjson', 'b.json', 'c.ndjson']) {
      await readArticleStream(
        { chunks: createReadStream(path.join(dir, name)), name },
        { timeZone: config.timeZone, now: new Date(NOW), baseUrl: articlesBaseUrlOf(config) },
        ({ article }) => {
          if (byId.get(article.id)?.contentHash === article.contentHash) return;
          byId.delete(article.id);
          byId.set(article.id, article);
        },
      );
    }
    expect(byId.size).toBe(1640);
    const reference = path.join(work, 'reference');
    const publisher = new FolderFeedPublisher({ root: reference, durable: false });
    for (const doc of renderSiteDocuments(config, [...byId.values()]).documents) await publisher.publish(doc);

    const built = filesUnder(out);
    expect(built).toEqual(filesUnder(reference));
    expect(built.filter((f) => f.startsWith('.meta/')).length).toBeGreaterThan(1640);
    for (const f of built) expect(readFileSync(path.join(out, f)).equals(readFileSync(path.join(reference, f))), f).toBe(true);
    // The edits are there: a changed article moved to its new category, and one changed back is in its old one.
    const moved = built
      .filter((f) => f.startsWith('feeds/category-منوعات') && f.endsWith('.json'))
      .map((f) => readFileSync(path.join(out, f), 'utf8'))
      .join('\n');
    expect(moved).toContain('https://news.example.sa/export/1050');
    expect(moved).not.toContain('https://news.example.sa/export/1010"');
    expect(moved).toContain('(مُحدَّث 9)');
    expect(moved).not.toContain('(مُحدَّث 5)');
  }, 300_000);
});
