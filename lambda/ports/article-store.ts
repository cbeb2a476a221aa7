// The ArticleStore port: the five things the core needs from article storage. Implemented under lambda/adapters/.
import type { Article } from '../core/articles/article.ts';

export type PutStatus = 'created' | 'updated' | 'unchanged';

export interface PutResult {
  status: PutStatus;
  /** The article as stored (with `updated` set when status is "updated"). */
  article: Article;
  /** The stored version before this put, when there was one. */
  previous?: Article;
}

export interface Page<T> {
  items: T[];
  /** Opaque; pass back to get the next page. Absent on the last page. */
  cursor?: string;
}

export interface ListOptions {
  /** Page size, 1..1000. */
  limit: number;
  cursor?: string;
}

/** One change, as returned by `listChangedSince`, oldest first. */
export interface ArticleChange {
  id: string;
  kind: 'put' | 'delete';
  /** ISO instant the change was recorded (by the store's injected clock). */
  at: string;
  /** The article after the change; absent for deletes. */
  article?: Article;
}

export interface ArticleStore {
  /**
   * Stores an article idempotently. Same id and same `contentHash`: "unchanged", nothing written.
   * Same id and new content: "updated", and `updated` is set (from the article if it carries one, else the store's clock).
   */
  put(article: Article): Promise<PutResult>;
  get(id: string): Promise<Article | undefined>;
  /** A feed's articles (feed key from `feedKeysOf`), newest `published.instant` first, ties by id. */
  listFeed(feedKey: string, options: ListOptions): Promise<Page<Article>>;
  /**
   * How many articles a feed holds, counting keys only (no article body is read). With `olderThan`, only those
   * listed after that position in `listFeed` order: an earlier instant, or the same instant and a smaller id.
   * The position need not belong to a stored article (e.g. an article's old place before an edit or delete).
   */
  countFeed(feedKey: string, options?: { olderThan?: Pick<Article, 'id' | 'published'> }): Promise<number>;
  /** Changes recorded strictly after `since` (ISO instant), oldest first. */
  listChangedSince(since: string, options: ListOptions): Promise<Page<ArticleChange>>;
  /** Deletes; returns the deleted article, or undefined when there was none. */
  delete(id: string): Promise<Article | undefined>;
  /**
   * Optional: the key of the newest change recorded ('' when none), cheap to read. A store that has it lets the site
   * service skip the start-up render when the published site was rendered through this position.
   */
  changePosition?(): Promise<string>;
}

/** Domain errors every store raises instead of its technology's own. */
export class StoreError extends Error {
  constructor(
    message: string,
    readonly code: 'CONFLICT' | 'UNAVAILABLE' | 'INVALID_CURSOR' | 'CORRUPT',
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'StoreError';
  }
}
