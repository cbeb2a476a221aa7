// Every sample article (served by `npm start`, used by the build examples) reads cleanly through the real normalizer.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseArticles, type Article } from '../../../lambda/core/articles/index.ts';
import { isBoilerplateLine } from '../../../lambda/core/articles/boilerplate-lines.ts';
import { feedKeysOf } from '../../../lambda/core/feeds/feed-keys.ts';

const dir = path.resolve(import.meta.dirname, '../../../samples/articles');
const files = readdirSync(dir).sort();
const read = (file: string) =>
  parseArticles(
    { body: new Uint8Array(readFileSync(path.join(dir, file))), name: file },
    { timeZone: 'Asia/Riyadh', now: new Date('2026-11-26T12:00:00Z'), baseUrl: 'https://nashra.example/articles/' },
  );

describe('samples/articles', () => {
  it('has at least six page texts and some JSON/NDJSON', () => {
    expect(files.filter((f) => f.endsWith('.txt')).length).toBeGreaterThanOrEqual(6);
    expect(files.filter((f) => /\.(nd)?json$/.test(f)).length).toBeGreaterThanOrEqual(2);
  });

  it.each(files)('%s reads without errors or warnings', (file) => {
    const r = read(file);
    expect(r.errors).toEqual([]);
    expect(r.articles.length).toBeGreaterThan(0);
    for (const { article, warnings } of r.articles) {
      expect(warnings).toEqual([]);
      expect(article.title.length).toBeGreaterThan(10);
      expect(article.summary?.length).toBeGreaterThan(20);
      expect(article.published.instant >= '2024-01-01' && article.published.instant < '2027-01-01').toBe(true);
      const blocks = [...article.content.matchAll(/<(p|h2|figcaption)>(.*?)<\/\1>/g)].map((m) => m[2]!);
      expect(blocks.length).toBeGreaterThan(0);
      expect(blocks.filter((b) => isBoilerplateLine(b))).toEqual([]);
    }
  });

  const all = (): Article[] => files.flatMap((f) => read(f).articles.map((a) => a.article));

  it('covers the naming systems the issue asks for: Levantine, Maghreb, Morocco, Hijri, and a time with a zone', () => {
    const systems = new Set(all().map((a) => a.published.normalized.system));
    for (const s of ['syriac', 'maghreb', 'morocco', 'hijri', 'mashriq']) expect(systems).toContain(s);
    expect(all().some((a) => a.published.normalized.precision === 'minute' && a.published.normalized.calendar === 'gregorian')).toBe(true);
  });

  it('gives every article a distinct id and spreads over category, source and author feeds', () => {
    const articles = all();
    expect(new Set(articles.map((a) => a.id)).size).toBe(articles.length);
    const keys = new Set(articles.flatMap((a) => feedKeysOf(a)));
    expect([...keys].filter((k) => k.startsWith('category:')).length).toBeGreaterThanOrEqual(5);
    expect([...keys].filter((k) => k.startsWith('source:')).length).toBeGreaterThanOrEqual(5);
    expect([...keys].filter((k) => k.startsWith('author:')).length).toBeGreaterThanOrEqual(3);
  });

  it('has a page with no captions and a page with English chrome', () => {
    const byFile = Object.fromEntries(files.map((f) => [f, read(f).articles[0]!.article]));
    expect(byFile['cairo-metro-line.txt']!.captions).toBeUndefined();
    expect(byFile['amman-startup-funding.txt']!.captions).toEqual([{ caption: 'مؤسسا الشركة خلال عرض التطبيق في عمّان', credit: 'AFP' }]);
  });
});
