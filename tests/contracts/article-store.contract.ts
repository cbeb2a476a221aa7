// The ArticleStore contract: one suite every store (memory, file, DynamoDB via dynalite) must pass.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Article } from '../../lambda/core/articles/article.ts';
import type { Clock } from '../../lambda/core/clock.ts';
import { StoreError, type ArticleChange, type ArticleStore, type Page } from '../../lambda/ports/article-store.ts';
import { compareCodePoints } from '../../lambda/core/compare-code-points.ts';
import { createTestArticle, editTestArticle, testArticleDate } from '../support/article-factory.ts';

/** A clock that moves one second forward per reading, so every write has its own instant. */
export function steppingClock(start = '2025-01-01T00:00:00.000Z'): Clock & { peek(): string } {
  let t = Date.parse(start);
  const clock = (() => {
    t += 1000;
    return new Date(t);
  }) as Clock & { peek(): string };
  clock.peek = () => new Date(t).toISOString();
  return clock;
}

export type MakeStore = (clock: Clock) => Promise<ArticleStore>;

async function collectFeed(store: ArticleStore, feedKey: string, limit: number): Promise<Article[]> {
  const out: Article[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < 1000; i++) {
    const page: Page<Article> = await store.listFeed(feedKey, { limit, cursor });
    expect(page.items.length).toBeLessThanOrEqual(limit);
    out.push(...page.items);
    if (!page.cursor) return out;
    cursor = page.cursor;
  }
  throw new Error('feed paging did not end');
}

async function collectChanges(store: ArticleStore, since: string, limit: number): Promise<ArticleChange[]> {
  const out: ArticleChange[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < 1000; i++) {
    const page = await store.listChangedSince(since, { limit, cursor });
    out.push(...page.items);
    if (!page.cursor) return out;
    cursor = page.cursor;
  }
  throw new Error('change paging did not end');
}

/** Expected feed order: newest instant first, equal instants by id descending (code point order). */
function feedOrder(articles: Article[]): string[] {
  return [...articles]
    .sort((a, b) => compareCodePoints(`${b.published.instant}#${b.id}`, `${a.published.instant}#${a.id}`))
    .map((a) => a.id);
}

function at(minute: number): string {
  return new Date(Date.UTC(2024, 4, 1, 8, minute)).toISOString();
}

async function expectStoreError(promise: Promise<unknown>, code: StoreError['code']): Promise<void> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(StoreError);
  expect((err as StoreError).code).toBe(code);
}

/**
 * Registers the contract tests for one ArticleStore implementation.
 * `makeStore` gets the clock the store must use and returns a fresh, empty store.
 */
export function describeArticleStoreContract(name: string, makeStore: MakeStore, options: { propertyRuns?: number } = {}): void {
  const propertyRuns = options.propertyRuns ?? 25;
  describe(`ArticleStore contract: ${name}`, () => {
    it('property: paging while articles are inserted, updated and deleted shows every untouched article exactly once, in order', async () => {
      type Op = { kind: 'insert'; minute: number } | { kind: 'update'; pick: number; minute: number } | { kind: 'delete'; pick: number };
      const minute = fc.integer({ min: 0, max: 5 }); // few instants: many ties, decided by id
      const op: fc.Arbitrary<Op> = fc.oneof(
        fc.record({ kind: fc.constant('insert' as const), minute }),
        fc.record({ kind: fc.constant('update' as const), pick: fc.nat(), minute }),
        fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }),
      );
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.tuple(fc.constantFrom('a', 'b', 'ج', 'د', '😀'), minute), { minLength: 1, maxLength: 10 }),
          fc.integer({ min: 1, max: 4 }),
          fc.array(fc.array(op, { maxLength: 3 }), { maxLength: 6 }),
          async (initial, limit, between) => {
            const store = await makeStore(steppingClock());
            const live = new Map<string, Article>();
            const lastChange = new Map<string, { seq: number; kind: 'put' | 'delete' }>();
            let seq = 0;
            let n = 0;
            for (const [prefix, m] of initial) {
              const a = createTestArticle({ id: `${prefix}${n++}`, published: testArticleDate(at(m)) });
              await store.put(a);
              live.set(a.id, a);
              lastChange.set(a.id, { seq: seq++, kind: 'put' });
            }
            const untouched = new Set(live.keys());
            const seen: Article[] = [];
            let page = await store.listFeed('all', { limit });
            for (let round = 0; ; round++) {
              seen.push(...page.items);
              if (!page.cursor) break;
              for (const o of between[round] ?? []) {
                const ids = [...live.keys()];
                if (o.kind === 'insert') {
                  const a = createTestArticle({ id: `n${n++}`, published: testArticleDate(at(o.minute)) });
                  await store.put(a);
                  live.set(a.id, a);
                  lastChange.set(a.id, { seq: seq++, kind: 'put' });
                } else if (ids.length > 0) {
                  const id = ids[o.pick % ids.length]!;
                  untouched.delete(id);
                  if (o.kind === 'delete') {
                    await store.delete(id);
                    live.delete(id);
                    lastChange.set(id, { seq: seq++, kind: 'delete' });
                  } else {
                    const edited = editTestArticle(live.get(id)!, { published: testArticleDate(at(o.minute)), title: `t${n++}` });
                    await store.put(edited);
                    live.set(id, edited);
                    lastChange.set(id, { seq: seq++, kind: 'put' });
                  }
                }
              }
              page = await store.listFeed('all', { limit, cursor: page.cursor });
            }
            const keys = seen.map((a) => `${a.published.instant}#${a.id}`);
            for (let i = 1; i < keys.length; i++) expect(compareCodePoints(keys[i - 1]!, keys[i]!)).toBeGreaterThan(0);
            // Only an article updated while paging may show twice (it moved past the cursor: a new version).
            const count = new Map<string, number>();
            for (const a of seen) count.set(a.id, (count.get(a.id) ?? 0) + 1);
            for (const [id, c] of count) if (c > 1) expect(untouched.has(id)).toBe(false);
            for (const id of untouched) expect(count.get(id)).toBe(1);
            // Afterwards the store agrees with the model: the feed, and the change log (latest change per id, in order).
            expect((await collectFeed(store, 'all', 1000)).map((a) => a.id)).toEqual(feedOrder([...live.values()]));
            const expectedChanges = [...lastChange.entries()].sort((x, y) => x[1].seq - y[1].seq).map(([id, c]) => [id, c.kind]);
            expect((await collectChanges(store, '', 3)).map((c) => [c.id, c.kind])).toEqual(expectedChanges);
          },
        ),
        { numRuns: propertyRuns },
      );
    });

    it('creates, gets, and reports an identical put as unchanged without writing', async () => {
      const clock = steppingClock();
      const store = await makeStore(clock);
      const a = createTestArticle();
      const first = await store.put(a);
      expect(first.status).toBe('created');
      expect(first.article).toEqual(a);
      expect(first.previous).toBeUndefined();
      expect(await store.get(a.id)).toEqual(a);

      const afterCreate = clock.peek();
      const again = await store.put(structuredClone(a));
      expect(again.status).toBe('unchanged');
      expect(again.article).toEqual(a);
      expect(again.article.updated).toBeUndefined();
      // Nothing written: no change recorded after the first put.
      expect((await store.listChangedSince(afterCreate, { limit: 10 })).items).toEqual([]);
      expect(await store.get('no-such-id')).toBeUndefined();
    });

    it('updates new content under the same id, stamping `updated` from the store clock', async () => {
      const clock = steppingClock();
      const store = await makeStore(clock);
      const a = createTestArticle();
      await store.put(a);
      const edited = editTestArticle(a);
      const before = clock.peek();
      const r = await store.put(edited);
      expect(r.status).toBe('updated');
      expect(r.previous).toEqual(a);
      expect(r.article.title).toBe(edited.title);
      expect(r.article.updated).toBeDefined();
      expect(Date.parse(r.article.updated!.instant)).toBeGreaterThan(Date.parse(before));
      expect(r.article.updated!.instant <= clock.peek()).toBe(true);
      expect(await store.get(a.id)).toEqual(r.article);
      // The same content again (even with the stamped `updated`) is unchanged.
      expect((await store.put(edited)).status).toBe('unchanged');
      expect((await store.put(r.article)).status).toBe('unchanged');
    });

    it('keeps the `updated` an article carries', async () => {
      const store = await makeStore(steppingClock());
      const a = createTestArticle();
      await store.put(a);
      const updated = testArticleDate('2024-04-30T09:15:00+03:00');
      const r = await store.put(editTestArticle(a, { title: 'عنوان جديد', updated }));
      expect(r.status).toBe('updated');
      expect(r.article.updated).toEqual(updated);
    });

    it('returns copies: changing a returned article does not change the store', async () => {
      const store = await makeStore(steppingClock());
      const a = createTestArticle();
      const r = await store.put(a);
      r.article.title = 'mutated';
      a.categories.push('mutated');
      const got = await store.get(a.id);
      expect(got?.title).not.toBe('mutated');
      expect(got?.categories).not.toContain('mutated');
      got!.title = 'mutated again';
      expect((await store.get(a.id))?.title).not.toBe('mutated again');
    });

    it('lists a feed newest first, ties by id, paging through everything', async () => {
      const store = await makeStore(steppingClock());
      const ids = ['a', 'z', 'ع', 'ب', '😀', 'id#with#hashes', 'M'];
      const articles = ids.map((id, i) => createTestArticle({ id, published: testArticleDate(at(i % 3)) }));
      articles.push(createTestArticle({ id: 'late', published: testArticleDate('2024-05-01T11:00:00+03:00') }));
      for (const a of articles) await store.put(a);
      const expected = feedOrder(articles);
      for (const limit of [1, 2, 3, 100]) {
        expect((await collectFeed(store, 'all', limit)).map((a) => a.id)).toEqual(expected);
      }
      const first = await store.listFeed('all', { limit: 8 });
      expect(first.items.map((a) => a.id)).toEqual(expected);
      expect(first.cursor).toBeUndefined();
      expect(await store.listFeed('category:nothing-here', { limit: 5 })).toEqual({ items: [] });
    });

    it('a cursor misses and repeats nothing when articles are inserted between pages', async () => {
      const store = await makeStore(steppingClock());
      const originals = Array.from({ length: 10 }, (_, i) => createTestArticle({ published: testArticleDate(at(i * 2)) }));
      for (const a of originals) await store.put(a);
      const seen: string[] = [];
      const page1 = await store.listFeed('all', { limit: 4 });
      seen.push(...page1.items.map((a) => a.id));
      // Newer than everything, in the part already read, and in the unread part (between two originals).
      const newest = createTestArticle({ published: testArticleDate(at(59)) });
      const inRead = createTestArticle({ published: testArticleDate(at(17)) });
      const inUnread = createTestArticle({ published: testArticleDate(at(5)) });
      for (const a of [newest, inRead, inUnread]) await store.put(a);
      let cursor = page1.cursor;
      expect(cursor).toBeDefined();
      while (cursor) {
        const page = await store.listFeed('all', { limit: 4, cursor });
        seen.push(...page.items.map((a) => a.id));
        cursor = page.cursor;
      }
      expect(new Set(seen).size).toBe(seen.length);
      for (const a of originals) expect(seen).toContain(a.id);
      expect(seen).toContain(inUnread.id);
      expect(seen).not.toContain(newest.id);
      expect(seen).not.toContain(inRead.id);
    });

    it('pages through a larger feed', async () => {
      const store = await makeStore(steppingClock());
      const articles = Array.from({ length: 130 }, (_, i) =>
        createTestArticle({ published: testArticleDate(at(i % 40)), categories: i % 2 ? ['رياضة'] : ['سياسة'] }),
      );
      for (const a of articles) await store.put(a);
      expect((await collectFeed(store, 'all', 50)).map((a) => a.id)).toEqual(feedOrder(articles));
      expect((await collectFeed(store, 'all', 120)).map((a) => a.id)).toEqual(feedOrder(articles));
      const sports = articles.filter((_, i) => i % 2);
      expect((await collectFeed(store, 'category:رياضة', 1000)).map((a) => a.id)).toEqual(feedOrder(sports));
    });

    it('files articles under category, source and author feeds, and moves them when those change', async () => {
      const store = await makeStore(steppingClock());
      const a = createTestArticle({ categories: ['سياسة', 'الشرق الأوسط'], source: 'وكالات', authors: ['سارة'] });
      await store.put(a);
      for (const key of ['all', 'category:سياسة', 'category:الشرق-الأوسط', 'source:وكالات', 'author:سارة']) {
        expect((await store.listFeed(key, { limit: 10 })).items.map((x) => x.id)).toEqual([a.id]);
      }
      const moved = editTestArticle(a, { categories: ['اقتصاد'], source: undefined, authors: ['سارة'] });
      expect((await store.put(moved)).status).toBe('updated');
      expect((await store.listFeed('category:سياسة', { limit: 10 })).items).toEqual([]);
      expect((await store.listFeed('category:الشرق-الأوسط', { limit: 10 })).items).toEqual([]);
      expect((await store.listFeed('source:وكالات', { limit: 10 })).items).toEqual([]);
      const econ = (await store.listFeed('category:اقتصاد', { limit: 10 })).items;
      expect(econ.map((x) => x.id)).toEqual([a.id]);
      expect(econ[0]!.categories).toEqual(['اقتصاد']);
      expect((await store.listFeed('author:سارة', { limit: 10 })).items.map((x) => x.id)).toEqual([a.id]);
    });

    it('moves an article within a feed when its published instant changes', async () => {
      const store = await makeStore(steppingClock());
      const x = createTestArticle({ published: testArticleDate(at(1)) });
      const y = createTestArticle({ published: testArticleDate(at(2)) });
      await store.put(x);
      await store.put(y);
      expect((await collectFeed(store, 'all', 1)).map((a) => a.id)).toEqual([y.id, x.id]);
      await store.put(editTestArticle(x, { published: testArticleDate(at(3)) }));
      expect((await collectFeed(store, 'all', 1)).map((a) => a.id)).toEqual([x.id, y.id]);
    });

    it('counts a feed, and the members listed after a position (ties by id), without the position being stored', async () => {
      const store = await makeStore(steppingClock());
      const ids = ['a', 'z', 'ع', 'ب', '😀', 'M'];
      const articles = ids.map((id, i) =>
        createTestArticle({ id, published: testArticleDate(at(i % 2)), categories: i < 4 ? ['سياسة'] : ['رياضة'] }),
      );
      for (const a of articles) await store.put(a);
      expect(await store.countFeed('all')).toBe(6);
      expect(await store.countFeed('category:سياسة')).toBe(4);
      expect(await store.countFeed('category:nothing-here')).toBe(0);
      expect(await store.countFeed('category:nothing-here', { olderThan: articles[0]! })).toBe(0);
      const order = feedOrder(articles);
      // For each member: exactly the ones listed after it.
      for (const a of articles) {
        expect(await store.countFeed('all', { olderThan: a }), a.id).toBe(order.length - 1 - order.indexOf(a.id));
      }
      // Positions that belong to no stored article: between ties, before everything, after everything.
      expect(await store.countFeed('all', { olderThan: { id: 'b', published: testArticleDate(at(0)) } })).toBe(
        articles.filter((x) => x.published.instant < at(0) || (x.published.instant === at(0) && compareCodePoints(x.id, 'b') < 0)).length,
      );
      expect(await store.countFeed('all', { olderThan: { id: 'x', published: testArticleDate(at(59)) } })).toBe(6);
      expect(await store.countFeed('all', { olderThan: { id: 'x', published: testArticleDate('2000-01-01T00:00:00Z') } })).toBe(0);
      // The instant is compared as a time, whatever its offset is written in.
      expect(
        await store.countFeed('all', {
          olderThan: { id: 'a', published: { ...testArticleDate(at(0)), instant: '2024-05-01T11:00:00+03:00' } },
        }),
      ).toBe(order.length - 1 - order.indexOf('a'));
      // Counts follow moves, category changes and deletes.
      await store.put(editTestArticle(articles[0]!, { published: testArticleDate(at(30)), categories: ['رياضة'] }));
      await store.delete(articles[1]!.id);
      expect(await store.countFeed('all')).toBe(5);
      expect(await store.countFeed('category:سياسة')).toBe(2);
      expect(await store.countFeed('category:رياضة')).toBe(3);
      expect(await store.countFeed('all', { olderThan: { id: 'a', published: testArticleDate(at(30)) } })).toBe(4);
    });

    it('deletes: returns the article once, then it is gone everywhere', async () => {
      const store = await makeStore(steppingClock());
      const a = createTestArticle({ categories: ['ثقافة'] });
      const b = createTestArticle({ categories: ['ثقافة'] });
      await store.put(a);
      await store.put(b);
      expect(await store.delete(a.id)).toEqual(a);
      expect(await store.delete(a.id)).toBeUndefined();
      expect(await store.delete('never-stored')).toBeUndefined();
      expect(await store.get(a.id)).toBeUndefined();
      expect((await store.listFeed('all', { limit: 10 })).items.map((x) => x.id)).toEqual([b.id]);
      expect((await store.listFeed('category:ثقافة', { limit: 10 })).items.map((x) => x.id)).toEqual([b.id]);
      // Stored again after a delete: created anew.
      expect((await store.put(a)).status).toBe('created');
      expect((await store.get(a.id))?.title).toBe(a.title);
    });

    it('lists what changed since a point, oldest first, latest change per article, deletes included', async () => {
      const clock = steppingClock();
      const store = await makeStore(clock);
      const t0 = clock.peek();
      const a = createTestArticle();
      const b = createTestArticle();
      const c = createTestArticle();
      await store.put(a);
      await store.put(b);
      await store.put(c);
      const afterPuts = clock.peek();
      const a2 = (await store.put(editTestArticle(a))).article;
      await store.delete(b.id);
      await store.put(c); // unchanged: not a change

      const all = await collectChanges(store, t0, 1000);
      expect(all.map((ch) => [ch.id, ch.kind])).toEqual([
        [c.id, 'put'],
        [a.id, 'put'],
        [b.id, 'delete'],
      ]);
      expect(all[1]!.article).toEqual(a2);
      expect(all[2]!.article).toBeUndefined();
      for (let i = 1; i < all.length; i++) expect(all[i - 1]!.at <= all[i]!.at).toBe(true);
      expect(Date.parse(all[0]!.at)).toBeGreaterThan(Date.parse(t0));

      // Paging gives the same, one at a time.
      expect(await collectChanges(store, t0, 1)).toEqual(all);
      // Strictly after `since`.
      expect((await collectChanges(store, afterPuts, 10)).map((ch) => ch.id)).toEqual([a.id, b.id]);
      expect((await collectChanges(store, all[1]!.at, 10)).map((ch) => ch.id)).toEqual([b.id]);
      expect(await collectChanges(store, clock.peek(), 10)).toEqual([]);
      // "" means from the beginning.
      expect((await collectChanges(store, '', 2)).map((ch) => ch.id)).toEqual([c.id, a.id, b.id]);
    });

    it('rejects invalid cursors with StoreError INVALID_CURSOR', async () => {
      const store = await makeStore(steppingClock());
      for (let i = 0; i < 3; i++) await store.put(createTestArticle({ categories: ['سياسة'] }));
      const page = await store.listFeed('all', { limit: 1 });
      expect(page.cursor).toBeDefined();
      await expectStoreError(store.listFeed('all', { limit: 1, cursor: 'not a cursor!' }), 'INVALID_CURSOR');
      await expectStoreError(store.listFeed('all', { limit: 1, cursor: 'eyJ2IjoyfQ' }), 'INVALID_CURSOR');
      await expectStoreError(store.listFeed('category:سياسة', { limit: 1, cursor: page.cursor }), 'INVALID_CURSOR');
      await expectStoreError(store.listChangedSince('', { limit: 1, cursor: page.cursor }), 'INVALID_CURSOR');
      const changes = await store.listChangedSince('', { limit: 1 });
      expect(changes.cursor).toBeDefined();
      await expectStoreError(store.listChangedSince('2020-01-01T00:00:00Z', { limit: 1, cursor: changes.cursor }), 'INVALID_CURSOR');
    });

    it('refuses bad input before writing anything', async () => {
      const store = await makeStore(steppingClock());
      await expect(store.put(createTestArticle({ id: '' }))).rejects.toThrow(/id/);
      await expect(
        store.put({ ...createTestArticle(), published: testArticleDate('2024-01-01T00:00:00Z'), contentHash: '' }),
      ).rejects.toThrow(/contentHash/);
      await expect(store.listFeed('all', { limit: 0 })).rejects.toThrow(/limit/);
      expect((await store.listChangedSince('', { limit: 10 })).items).toEqual([]);
    });
  });
}
