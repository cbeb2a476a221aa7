// The ordering and cursor rules every ArticleStore shares, so all stores page the same way. Pure: no I/O, no clock reads.
import type { Article, ArticleDate } from '../core/articles/article.ts';
import { StoreError } from './article-store.ts';

/**
 * Normalizes an ISO instant to the fixed 24-character `toISOString()` form, so that string order is time order.
 *
 * @example
 * normalizeInstant('2024-04-29T10:00:00Z') //=> '2024-04-29T10:00:00.000Z'
 */
function normalizeInstant(value: string): string {
  const t = Date.parse(value);
  if (!Number.isFinite(t)) throw new RangeError(`not an ISO instant: ${JSON.stringify(value)}`);
  const iso = new Date(t).toISOString();
  if (iso.length !== 24) throw new RangeError(`instant out of the supported range (years 0000-9999): ${value}`);
  return iso;
}

/**
 * The key a feed is ordered by: `<published instant>#<id>`. Feeds list it descending
 * (newest first; equal instants by id, descending).
 *
 * @example
 * feedOrderKey({ id: 'a1', published: { instant: '2024-04-29T10:00:00Z' } } as Article)
 * //=> '2024-04-29T10:00:00.000Z#a1'
 */
export function feedOrderKey(article: Pick<Article, 'id' | 'published'>): string {
  return `${normalizeInstant(article.published.instant)}#${article.id}`;
}

/**
 * The key the change log is ordered by: `<changed at>#<id>`, listed ascending (oldest first).
 *
 * @example
 * changeOrderKey('2024-04-29T10:00:00.000Z', 'a1') //=> '2024-04-29T10:00:00.000Z#a1'
 */
export function changeOrderKey(at: string, id: string): string {
  return `${at}#${id}`;
}

/**
 * The smallest change key strictly after every change recorded at `since` ("" = from the beginning).
 * '$' sorts right after the '#' separator, so `<since>#…` < `<since>$`.
 *
 * @example
 * changeKeyAfter('2024-04-29T10:00:00Z') //=> '2024-04-29T10:00:00.000Z$'
 */
export function changeKeyAfter(since: string): string {
  return since === '' ? '' : `${normalizeInstant(since)}$`;
}

type CursorKind = 'feed' | 'changes';

interface CursorBody {
  v: 1;
  k: CursorKind;
  /** The feed key or the `since` the listing was asked for: a cursor only continues its own listing. */
  s: string;
  /** The order key of the last item returned. */
  p: string;
}

/**
 * Encodes a keyset cursor: the position after the last item returned. Opaque to callers.
 *
 * @example
 * decodeCursor(encodeCursor('feed', 'all', 'k'), 'feed', 'all') //=> 'k'
 */
export function encodeCursor(kind: CursorKind, scope: string, position: string): string {
  const body: CursorBody = { v: 1, k: kind, s: scope, p: position };
  return Buffer.from(JSON.stringify(body), 'utf8').toString('base64url');
}

/**
 * Decodes a cursor made by `encodeCursor` for the same listing; anything else is `StoreError('INVALID_CURSOR')`.
 *
 * @example
 * decodeCursor('nonsense', 'feed', 'all') // throws StoreError INVALID_CURSOR
 */
export function decodeCursor(cursor: string, kind: CursorKind, scope: string): string {
  let body: unknown;
  try {
    if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw new Error('not base64url');
    body = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch (cause) {
    throw new StoreError('invalid cursor: not a cursor this store issued', 'INVALID_CURSOR', { cause });
  }
  const b = body as Partial<CursorBody> | null;
  if (!b || typeof b !== 'object' || b.v !== 1 || typeof b.p !== 'string' || typeof b.s !== 'string') {
    throw new StoreError('invalid cursor: malformed', 'INVALID_CURSOR');
  }
  if (b.k !== kind || b.s !== scope) {
    throw new StoreError(`invalid cursor: it belongs to another listing (${String(b.k)} ${JSON.stringify(b.s)})`, 'INVALID_CURSOR');
  }
  return b.p;
}

/** Checks a page size: an integer 1..1000. */
export function checkLimit(limit: number): number {
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
    throw new RangeError(`limit must be an integer 1..1000, got ${String(limit)}`);
  }
  return limit;
}

/** Checks what a store relies on before writing: a non-empty id, a hash and a valid published instant. */
export function checkStorable(article: Article): void {
  if (typeof article?.id !== 'string' || article.id.length === 0) throw new RangeError('article.id must be a non-empty string');
  if (typeof article.contentHash !== 'string' || article.contentHash.length === 0) {
    throw new RangeError(`article ${article.id}: contentHash must be a non-empty string`);
  }
  normalizeInstant(article.published?.instant);
}

/**
 * The `updated` date a store stamps on a changed article when it carries none: the store clock's instant.
 *
 * @example
 * updatedFromClock(new Date('2024-04-29T10:00:00Z')).instant //=> '2024-04-29T10:00:00.000Z'
 */
function updatedFromClock(now: Date): ArticleDate {
  const iso = now.toISOString();
  return {
    raw: iso,
    timeZone: 'UTC',
    normalized: { ok: true, date: iso.slice(0, 10), instant: iso, precision: 'second', calendar: 'iso' },
    instant: iso,
  };
}

/** The article as a store keeps it after an update: `updated` from the article, else from the clock. */
export function stampUpdated(article: Article, now: Date): Article {
  return article.updated ? article : { ...article, updated: updatedFromClock(now) };
}
