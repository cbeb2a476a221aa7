// Test doubles for the site service: an in-memory publisher that can read back, a store that counts what it reads, and one whose feed listings lag a write.
import { MemoryArticleStore } from '../../../lambda/adapters/memory-article-store.ts';
import type { Article } from '../../../lambda/core/articles/article.ts';
import type { Clock } from '../../../lambda/core/clock.ts';
import type { ArticleChange, ArticleStore, ListOptions, Page, PutResult } from '../../../lambda/ports/article-store.ts';
import type { FeedDocumentSource, FeedPublisher } from '../../../lambda/ports/feed-publisher.ts';
import type { FeedDocument } from '../../../lambda/core/feeds/feed-document.ts';

/** A publisher over a Map (path → document), with `get`, counting writes, removes and reads. */
export function createMemoryPublisher(files = new Map<string, FeedDocument>()) {
  const stats = { written: 0, removed: 0, gets: 0 };
  const publisher: FeedPublisher & FeedDocumentSource = {
    async get(path) {
      stats.gets++;
      return files.get(path);
    },
    async publish(doc) {
      const written = files.get(doc.path)?.hash !== doc.hash;
      if (written) stats.written++;
      files.set(doc.path, doc);
      return { path: doc.path, written };
    },
    async remove(path) {
      if (files.delete(path)) stats.removed++;
    },
  };
  return { publisher, files, stats };
}

/** Path → body as hex, for comparing two published sites byte for byte. */
export function bytesByPath(files: ReadonlyMap<string, FeedDocument>): Map<string, string> {
  return new Map(
    [...files.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([p, d]) => [p, Buffer.from(d.body).toString('hex')]),
  );
}

/** Wraps a store and counts what it reads: articles listed, gets, counts. */
export class CountingArticleStore implements ArticleStore {
  readonly reads = { listed: 0, listCalls: 0, gets: 0, counts: 0 };
  constructor(private readonly inner: ArticleStore) {}
  reset(): void {
    Object.assign(this.reads, { listed: 0, listCalls: 0, gets: 0, counts: 0 });
  }
  put(article: Article): Promise<PutResult> {
    return this.inner.put(article);
  }
  async get(id: string): Promise<Article | undefined> {
    this.reads.gets++;
    return this.inner.get(id);
  }
  async listFeed(feedKey: string, options: ListOptions): Promise<Page<Article>> {
    const page = await this.inner.listFeed(feedKey, options);
    this.reads.listCalls++;
    this.reads.listed += page.items.length;
    return page;
  }
  async countFeed(feedKey: string, options?: { olderThan?: Pick<Article, 'id' | 'published'> }): Promise<number> {
    this.reads.counts++;
    return this.inner.countFeed(feedKey, options);
  }
  listChangedSince(since: string, options: ListOptions): Promise<Page<ArticleChange>> {
    return this.inner.listChangedSince(since, options);
  }
  delete(id: string): Promise<Article | undefined> {
    return this.inner.delete(id);
  }
}

/**
 * A store whose feed listings and counts (a DynamoDB GSI) lag one write behind `get` (the table): each write reaches
 * the listings only when the next write happens, or on `settle()`.
 */
export class LaggingArticleStore implements ArticleStore {
  readonly table: MemoryArticleStore;
  private readonly index: MemoryArticleStore;
  private pending: (() => Promise<unknown>) | undefined;
  constructor(clock: Clock) {
    this.table = new MemoryArticleStore({ clock });
    this.index = new MemoryArticleStore({ clock });
  }
  /** Applies the write the listings still miss. */
  async settle(): Promise<void> {
    const p = this.pending;
    this.pending = undefined;
    await p?.();
  }
  async put(article: Article): Promise<PutResult> {
    await this.settle();
    const r = await this.table.put(article);
    if (r.status !== 'unchanged') this.pending = () => this.index.put(r.article);
    return r;
  }
  async delete(id: string): Promise<Article | undefined> {
    await this.settle();
    const gone = await this.table.delete(id);
    if (gone) this.pending = () => this.index.delete(id);
    return gone;
  }
  get(id: string): Promise<Article | undefined> {
    return this.table.get(id);
  }
  listFeed(feedKey: string, options: ListOptions): Promise<Page<Article>> {
    return this.index.listFeed(feedKey, options);
  }
  countFeed(feedKey: string, options?: { olderThan?: Pick<Article, 'id' | 'published'> }): Promise<number> {
    return this.index.countFeed(feedKey, options);
  }
  listChangedSince(since: string, options: ListOptions): Promise<Page<ArticleChange>> {
    return this.table.listChangedSince(since, options);
  }
}
