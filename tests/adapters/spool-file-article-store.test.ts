// SpoolFileArticleStore beyond the contract: the same listings as MemoryArticleStore after thousands of writes with repeated ids and tied instants, sorted in many small runs; a few bytes of memory per article.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Article } from '../../lambda/core/articles/article.ts';
import { feedKeysOf } from '../../lambda/core/feeds/feed-keys.ts';
import type { ArticleStore } from '../../lambda/ports/article-store.ts';
import { MemoryArticleStore } from '../../lambda/adapters/memory-article-store.ts';
import { SpoolFileArticleStore } from '../../lambda/adapters/spool-file-article-store.ts';
import { createTestArticle, editTestArticle, testArticleDate } from '../support/article-factory.ts';

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

async function spoolStore(clock: () => Date, runSize?: number): Promise<SpoolFileArticleStore> {
  const dir = await mkdtemp(path.join(tmpdir(), 'nashra-spool-'));
  dirs.push(dir);
  return new SpoolFileArticleStore({ directory: dir, clock, ...(runSize !== undefined ? { runSize } : {}) });
}

/** Ids of a whole feed listing, page by page. */
async function listIds(store: ArticleStore, feedKey: string, limit: number): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.listFeed(feedKey, { limit, ...(cursor ? { cursor } : {}) });
    ids.push(...page.items.map((a) => `${a.id} ${a.contentHash}`));
    cursor = page.cursor;
  } while (cursor);
  return ids;
}

async function listChanges(store: ArticleStore, since: string): Promise<string[]> {
  const out: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.listChangedSince(since, { limit: 97, ...(cursor ? { cursor } : {}) });
    out.push(...page.items.map((c) => `${c.at} ${c.id} ${c.kind} ${c.article?.contentHash ?? ''}`));
    cursor = page.cursor;
  } while (cursor);
  return out;
}

describe('SpoolFileArticleStore', () => {
  it('lists every feed and the change log as MemoryArticleStore does after 3,000 writes with repeated ids and ties', async () => {
    let t = Date.parse('2026-01-01T00:00:00Z');
    // Both stores read the same clock: one tick per write, so change instants match.
    const clock = () => new Date(t);
    const memory = new MemoryArticleStore({ clock });
    const spool = await spoolStore(clock, 50);
    const categories = ['سياسة', 'اقتصاد', 'رياضة', 'ثقافة'];
    const tiedAt = testArticleDate('2024-05-01T08:00:00.000Z');
    const articles: Article[] = Array.from({ length: 2000 }, (_, i) =>
      createTestArticle({
        categories: [categories[i % 4]!, ...(i % 5 === 0 ? ['منوعات'] : [])],
        authors: [`كاتب ${i % 7}`],
        ...(i % 10 === 0 ? { published: tiedAt } : {}),
      }),
    );
    const write = async (fn: (s: ArticleStore) => Promise<unknown>) => {
      t += 1000;
      const [a, b] = await Promise.all([fn(memory), fn(spool)]);
      expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    };
    for (const a of articles) await write((s) => s.put(a));
    for (let i = 0; i < 2000; i += 3) {
      const a = articles[i]!;
      if (i % 2 === 0) await write((s) => s.put(editTestArticle(a, { categories: ['العالم'], published: tiedAt })));
      else await write((s) => s.put(a));
      if (i % 9 === 0) await write((s) => s.delete(a.id));
      if (i % 27 === 0) await write((s) => s.put(a));
    }
    const feeds = new Set(['all', 'category:غير-موجود']);
    for (const a of articles) for (const k of feedKeysOf(a)) feeds.add(k);
    feeds.add('category:العالم');
    for (const key of feeds) {
      expect(await spool.countFeed(key), key).toBe(await memory.countFeed(key));
      expect(await listIds(spool, key, 83), key).toEqual(await listIds(memory, key, 83));
    }
    const olderThan = { id: articles[500]!.id, published: tiedAt };
    expect(await spool.countFeed('all', { olderThan })).toBe(await memory.countFeed('all', { olderThan }));
    expect(await listChanges(spool, '')).toEqual(await listChanges(memory, ''));
    expect(await listChanges(spool, '2026-01-01T00:40:00.000Z')).toEqual(await listChanges(memory, '2026-01-01T00:40:00.000Z'));
    await spool.close();
  });

  it('holds under 40 bytes of memory per article, whatever the articles hold', async () => {
    const spool = await spoolStore(() => new Date('2026-01-01T00:00:00Z'));
    const n = 20_000;
    const body = `<p>${'نص طويل للخبر. '.repeat(100)}</p>`;
    for (let i = 0; i < n; i++) await spool.put(createTestArticle({ content: body }));
    expect(await spool.countFeed('all')).toBe(n);
    expect(spool.memoryBytes / n).toBeLessThan(40);
    await spool.close();
  });
});
