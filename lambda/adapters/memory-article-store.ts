// MemoryArticleStore: the ArticleStore kept in a Map, for unit tests; also the sorted ArticleIndex the file store builds on.
import type { Article } from '../core/articles/article.ts';
import type { Clock } from '../core/clock.ts';
import { feedKeysOf } from '../core/feeds/feed-keys.ts';
import type { ArticleChange, ArticleStore, ListOptions, Page, PutResult } from '../ports/article-store.ts';
import {
  changeKeyAfter,
  changeOrderKey,
  checkLimit,
  checkStorable,
  decodeCursor,
  encodeCursor,
  feedOrderKey,
  stampUpdated,
} from '../ports/article-store-keys.ts';
import { compareCodePoints } from '../core/compare-code-points.ts';

/** What the index knows about one article (or one deleted article: a tombstone). */
export interface IndexEntry {
  id: string;
  /** contentHash of the stored version; "" for tombstones. */
  hash: string;
  /** `feedOrderKey` of the stored version; "" for tombstones. */
  order: string;
  /** Feed keys of the stored version; empty for tombstones. */
  feeds: string[];
  /** ISO instant of the last change (store clock). */
  at: string;
  kind: 'put' | 'delete';
}

/**
 * The sorted view of a store's articles: feed membership, newest first, and the change log, oldest first.
 * Holds no article bodies; each store keeps those its own way.
 *
 * @example
 * const index = new ArticleIndex();
 * index.set({ id: 'a', hash: 'h', order: '2024-01-01T00:00:00.000Z#a', feeds: ['all'], at: '2024-01-02T00:00:00.000Z', kind: 'put' });
 * index.feedPage('all', 10).entries.map((e) => e.id) //=> ['a']
 */
export class ArticleIndex {
  readonly entries = new Map<string, IndexEntry>();
  private readonly members = new Map<string, Set<string>>();
  private readonly sortedFeeds = new Map<string, IndexEntry[]>();
  private sortedChanges: IndexEntry[] | undefined;

  get(id: string): IndexEntry | undefined {
    return this.entries.get(id);
  }

  /** The live (not deleted) entry for an id. */
  live(id: string): IndexEntry | undefined {
    const e = this.entries.get(id);
    return e && e.kind === 'put' ? e : undefined;
  }

  /** Records an entry, replacing the id's previous one (and its feed memberships). */
  set(entry: IndexEntry): void {
    const old = this.entries.get(entry.id);
    if (old) {
      for (const f of old.feeds) {
        this.members.get(f)?.delete(old.id);
        this.sortedFeeds.delete(f);
      }
    }
    this.entries.set(entry.id, entry);
    for (const f of entry.feeds) {
      let set = this.members.get(f);
      if (!set) {
        set = new Set();
        this.members.set(f, set);
      }
      set.add(entry.id);
      this.sortedFeeds.delete(f);
    }
    this.sortedChanges = undefined;
  }

  clear(): void {
    this.entries.clear();
    this.members.clear();
    this.sortedFeeds.clear();
    this.sortedChanges = undefined;
  }

  /** A feed's entries sorted by order key, descending (built once per change of the feed). */
  private sortedFeed(feedKey: string): IndexEntry[] {
    let sorted = this.sortedFeeds.get(feedKey);
    if (!sorted) {
      sorted = [...(this.members.get(feedKey) ?? [])].map((id) => this.entries.get(id)!);
      sorted.sort((a, b) => compareCodePoints(b.order, a.order));
      this.sortedFeeds.set(feedKey, sorted);
    }
    return sorted;
  }

  /** Index of the first entry of a descending array whose key is < `before`. */
  private static firstBelow(sorted: readonly IndexEntry[], before: string): number {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compareCodePoints(sorted[mid]!.order, before) >= 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Entries of a feed, newest first, strictly after the `before` order key (exclusive) when given. */
  feedPage(feedKey: string, limit: number, before?: string): { entries: IndexEntry[]; more: boolean } {
    const sorted = this.sortedFeed(feedKey);
    const start = before === undefined ? 0 : ArticleIndex.firstBelow(sorted, before);
    const entries = sorted.slice(start, start + limit);
    return { entries, more: start + limit < sorted.length };
  }

  /** How many entries a feed holds, only those with an order key strictly below `before` when given. */
  feedCount(feedKey: string, before?: string): number {
    const sorted = this.sortedFeed(feedKey);
    return before === undefined ? sorted.length : sorted.length - ArticleIndex.firstBelow(sorted, before);
  }

  /** Entries changed at keys >= `from` (ascending), strictly after the `after` change key when given. */
  changePage(from: string, limit: number, after?: string): { entries: IndexEntry[]; more: boolean } {
    if (!this.sortedChanges) {
      this.sortedChanges = [...this.entries.values()].sort((a, b) =>
        compareCodePoints(changeOrderKey(a.at, a.id), changeOrderKey(b.at, b.id)),
      );
    }
    const sorted = this.sortedChanges;
    const first = (pred: (key: string) => boolean): number => {
      let lo = 0;
      let hi = sorted.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (pred(changeOrderKey(sorted[mid]!.at, sorted[mid]!.id))) hi = mid;
        else lo = mid + 1;
      }
      return lo;
    };
    const start =
      after !== undefined
        ? first((k) => compareCodePoints(k, after) > 0 && compareCodePoints(k, from) >= 0)
        : first((k) => compareCodePoints(k, from) >= 0);
    const entries = sorted.slice(start, start + limit);
    return { entries, more: start + limit < sorted.length };
  }
}

/** The index entry for a stored article. */
export function entryOf(article: Article, at: string): IndexEntry {
  return {
    id: article.id,
    hash: article.contentHash,
    order: feedOrderKey(article),
    feeds: feedKeysOf(article),
    at,
    kind: 'put',
  };
}

/** Shared listing logic: turns index pages into store pages, loading bodies through `load` (missing ones skipped). */
export async function listFeedFromIndex(
  index: ArticleIndex,
  feedKey: string,
  options: ListOptions,
  load: (entry: IndexEntry) => Promise<Article | undefined>,
): Promise<Page<Article>> {
  const limit = checkLimit(options.limit);
  let before = options.cursor === undefined ? undefined : decodeCursor(options.cursor, 'feed', feedKey);
  const items: Article[] = [];
  let lastKey: string | undefined;
  for (;;) {
    const { entries, more } = index.feedPage(feedKey, limit - items.length, before);
    for (const e of entries) {
      const a = await load(e);
      lastKey = e.order;
      if (a) items.push(a);
    }
    const last = entries.at(-1);
    if (!more || !last) return { items, cursor: undefined };
    if (items.length >= limit) return { items, cursor: encodeCursor('feed', feedKey, lastKey!) };
    before = last.order;
  }
}

/** Shared change listing over an index (see `listFeedFromIndex`). */
export async function listChangesFromIndex(
  index: ArticleIndex,
  since: string,
  options: ListOptions,
  load: (entry: IndexEntry) => Promise<Article | undefined>,
): Promise<Page<ArticleChange>> {
  const limit = checkLimit(options.limit);
  const from = changeKeyAfter(since);
  const after = options.cursor === undefined ? undefined : decodeCursor(options.cursor, 'changes', since);
  const { entries, more } = index.changePage(from, limit, after);
  const items: ArticleChange[] = [];
  for (const e of entries) {
    if (e.kind === 'delete') {
      items.push({ id: e.id, kind: 'delete', at: e.at });
    } else {
      const article = await load(e);
      items.push(article ? { id: e.id, kind: 'put', at: e.at, article } : { id: e.id, kind: 'delete', at: e.at });
    }
  }
  const last = entries.at(-1);
  return { items, cursor: more && last ? encodeCursor('changes', since, changeOrderKey(last.at, last.id)) : undefined };
}

/**
 * An ArticleStore in memory, with copies in and out so callers cannot change stored articles.
 *
 * @example
 * const store = new MemoryArticleStore({ clock: () => new Date('2024-05-01T00:00:00Z') });
 * (await store.put(article)).status //=> 'created'
 * (await store.put(article)).status //=> 'unchanged'
 */
export class MemoryArticleStore implements ArticleStore {
  private readonly clock: Clock;
  private readonly index = new ArticleIndex();
  private readonly bodies = new Map<string, Article>();

  constructor(options: { clock: Clock }) {
    this.clock = options.clock;
  }

  async put(article: Article): Promise<PutResult> {
    checkStorable(article);
    const current = this.bodies.get(article.id);
    if (current && current.contentHash === article.contentHash) {
      return { status: 'unchanged', article: structuredClone(current) };
    }
    const now = this.clock();
    const stored = structuredClone(current ? stampUpdated(article, now) : article);
    this.bodies.set(stored.id, stored);
    this.index.set(entryOf(stored, now.toISOString()));
    return current
      ? { status: 'updated', article: structuredClone(stored), previous: current }
      : { status: 'created', article: structuredClone(stored) };
  }

  async get(id: string): Promise<Article | undefined> {
    const a = this.bodies.get(id);
    return a && structuredClone(a);
  }

  async listFeed(feedKey: string, options: ListOptions): Promise<Page<Article>> {
    return listFeedFromIndex(this.index, feedKey, options, async (e) => this.get(e.id));
  }

  async countFeed(feedKey: string, options: { olderThan?: Pick<Article, 'id' | 'published'> } = {}): Promise<number> {
    return this.index.feedCount(feedKey, options.olderThan && feedOrderKey(options.olderThan));
  }

  async listChangedSince(since: string, options: ListOptions): Promise<Page<ArticleChange>> {
    return listChangesFromIndex(this.index, since, options, async (e) => this.get(e.id));
  }

  async delete(id: string): Promise<Article | undefined> {
    const current = this.bodies.get(id);
    if (!current) return undefined;
    this.bodies.delete(id);
    this.index.set({ id, hash: '', order: '', feeds: [], at: this.clock().toISOString(), kind: 'delete' });
    return current;
  }
}
