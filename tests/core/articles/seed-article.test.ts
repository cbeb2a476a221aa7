// The founding example: the seed page text read through the real date normalizer must give the fields.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseArticles } from '../../../lambda/core/articles/index.ts';
import { BOILERPLATE_LINES } from '../../../lambda/core/articles/boilerplate-lines.ts';

const repoRoot = path.resolve(import.meta.dirname, '../../..');
const seedDir = path.resolve(repoRoot, '../shared/seed');
const seedFile = path.join(seedDir, 'article-ar-001.txt');
const seedExists = existsSync(seedFile);
const reason = seedExists ? '' : ` (skipped: ${seedFile} is absent; the seed lives outside the repository)`;

describe(`seed article-ar-001.txt${reason}`, () => {
  const read = () =>
    parseArticles(
      { body: new Uint8Array(readFileSync(seedFile)), name: 'article-ar-001.txt' },
      { timeZone: 'Asia/Riyadh', now: new Date('2026-11-26T12:00:00Z'), baseUrl: 'https://nashra.example/articles/' },
    );

  it.skipIf(!seedExists)(`yields the title, date, lede, captions, subheadings and source the issue names${reason}`, () => {
    const r = read();
    expect(r.errors).toEqual([]);
    expect(r.articles).toHaveLength(1);
    const { article: a, warnings } = r.articles[0]!;
    expect(warnings).toEqual([]);
    expect(a.title).toBe('لافروف في الصين.. مباحثات حول التعاون الإستراتيجي وأمن أوراسيا');
    expect(a.published.raw).toBe('الإثنين 29 أبريل / أبريل 2024');
    expect(a.published.normalized).toMatchObject({ date: '2024-04-29', precision: 'day', calendar: 'gregorian' });
    expect(a.published.instant).toBe('2024-04-29T09:00:00.000Z'); // 12:00 in Riyadh (UTC+3), not the body's "اليوم الثلاثاء"
    expect(a.summary!.startsWith('عززت الصين وروسيا تعاونهما')).toBe(true);
    expect(a.captions).toEqual([
      { caption: 'محادثات بين لافروف ونظيره الصيني في بكين', credit: 'رويترز' },
      { caption: 'لقاء وزير الخارجية الصيني بنظيره الروسي في بكين', credit: 'رويترز' },
    ]);
    expect([...a.content.matchAll(/<h2>(.*?)<\/h2>/g)].map((m) => m[1])).toEqual([
      'تعزيز الشراكة الأمنية في أوراسيا',
      'العلاقات الصينية الروسية',
    ]);
    expect(a.source).toBe('وكالات');
    expect(a).toMatchObject({ language: 'ar', direction: 'rtl', url: 'https://nashra.example/articles/article-ar-001' });
    const paragraphs = [...a.content.matchAll(/<(?:p|h2|figcaption)>(.*?)<\/(?:p|h2|figcaption)>/g)].map((m) =>
      m[1]!.replace(/ <small>.*<\/small>$/, ''),
    );
    for (const chrome of BOILERPLATE_LINES) expect(paragraphs).not.toContain(chrome);
    expect(a.content).not.toMatch(/Changed|Close|شارك القصة|تابع القراءة|المصادر/);
  });

  it.skipIf(!seedExists)(`gives the same id and content hash when read again${reason}`, () => {
    const a = read().articles[0]!.article;
    const b = read().articles[0]!.article;
    expect(b.id).toBe(a.id);
    expect(b.contentHash).toBe(a.contentHash);
    expect(a.id).toMatch(/^[0-9a-f]{26}$/);
  });
});
