// Incremental render: re-render only the pages a batch of writes can change (current page, archive pages from the oldest changed position). Pure: ports only.
import type { Article } from '../articles/article.ts';
import { feedKeysOf } from '../feeds/feed-keys.ts';
import { compareFeedOrder, isFeedPublished, paginateFeedWindow, renderFeedPageDocuments } from '../feeds/index.ts';
import type { FeedDocument } from '../feeds/feed-document.ts';
import { summaryOfPage } from './feed-summaries.ts';
import { pruneFeedPages } from './prune-feed-pages.ts';
import type { SiteContext } from './site-context.ts';
import { STORE_PAGE } from './store-page.ts';

/** One write as a change stream reports it: the article before and after (absent for an insert / a delete). */
export interface ArticleChangeImages {
  before?: Article | undefined;
  after?: Article | undefined;
}

/**
 * The feed keys a change touches, published or not: those of the before and after images.
 *
 * @example
 * feedKeysOfChange({ before: inPolitics, after: movedToSports }) //=> ['all', 'category:سياسة', 'category:رياضة']
 */
export function feedKeysOfChange(change: ArticleChangeImages): string[] {
  const keys = new Set<string>();
  if (change.before) for (const k of feedKeysOf(change.before)) keys.add(k);
  if (change.after) for (const k of feedKeysOf(change.after)) keys.add(k);
  return [...keys];
}

/** The later of two positions in feed order (the one listed after the other). */
function olderOf<T extends Pick<Article, 'id' | 'published'>>(a: T | undefined, b: T): T {
  return a === undefined || compareFeedOrder(b, a) > 0 ? b : a;
}

/**
 * Re-renders one feed after the batch's writes, reading the store only down to the oldest page they can change.
 * `oldest` is the oldest position in feed order among the batch's images and current versions in this feed: members
 * strictly older keep their places (oldest-first numbering), so archive pages made only of them keep their bytes.
 */
async function renderFeedWindow(
  ctx: SiteContext,
  key: string,
  changes: readonly ArticleChangeImages[],
  current: ReadonlyMap<string, Article | undefined>,
  out: FeedDocument[],
): Promise<void> {
  const { store, config, docs, summaries } = ctx;
  const inFeed = (a: Article | undefined): a is Article => a !== undefined && feedKeysOf(a).includes(key);
  // The batch's own articles as they are now (read by id): in or out of this feed, wherever the GSI has them.
  const mine = [...current.values()].filter(inFeed);
  let oldest: Article | undefined;
  for (const c of changes) {
    if (inFeed(c.before)) oldest = olderOf(oldest, c.before);
    if (inFeed(c.after)) oldest = olderOf(oldest, c.after);
  }
  for (const a of mine) oldest = olderOf(oldest, a);
  if (!oldest) return;
  const size = config.archivePageSize;
  let older = await store.countFeed(key, { olderThan: oldest });
  // The first archive page whose items can change, and the one before it, whose `next` link moves when the count of complete pages does.
  const from = Math.max(1, Math.floor(older / size));
  const newer: Article[] = [];
  const below: Article[] = [];
  let cursor: string | undefined;
  const needBelow = older - (from - 1) * size;
  // Enough for a change near the top in one read: what lies below `oldest` and is needed, the batch's (stale) entries, one to see the boundary.
  let limit = Math.min(STORE_PAGE, Math.max(config.itemLimit, needBelow) + current.size + 1);
  do {
    const page = await store.listFeed(key, { limit, ...(cursor ? { cursor } : {}) });
    for (const a of page.items) {
      if (current.has(a.id)) continue;
      (compareFeedOrder(a, oldest) < 0 ? newer : below).push(a);
    }
    cursor = page.cursor;
    limit = STORE_PAGE;
    // Every member at or above `oldest` is needed (the listing has passed it once one below shows), then enough below it.
  } while (cursor && (below.length === 0 || below.length < Math.max(needBelow, config.itemLimit - newer.length - mine.length)));
  // Count and listing are two reads: when the listing ended, it is the whole feed; it can also show more than was counted.
  older = cursor ? Math.max(older, below.length) : below.length;
  const total = newer.length + mine.length + older;
  const removedSome = changes.some((c) => inFeed(c.before) && !inFeed(current.get(c.before.id)));
  if (total === 0) {
    await pruneFeedPages(docs, key, { keepCurrent: false, archivesKept: 0 });
    docs.feedPaths.delete(key);
    summaries.delete(key);
    return;
  }
  const pages = paginateFeedWindow(config, key, {
    newest: [...newer, ...mine, ...below].sort(compareFeedOrder),
    total,
    fromArchive: from,
  });
  const known = docs.feedPaths.get(key);
  for (const doc of renderFeedPageDocuments(config, pages)) {
    known?.add(doc.path);
    out.push(await docs.put(doc));
  }
  if (removedSome) await pruneFeedPages(docs, key, { keepCurrent: true, archivesKept: Math.floor(total / size) });
  summaries.set(key, summaryOfPage(config, key, pages[0]));
}

/**
 * Re-renders what `changes` change (see `SiteService.renderChanges`), then the index, into the returned documents.
 * Runs inside the site service's render queue.
 *
 * @example
 * (await renderChanges(ctx, [{ after: stored }])).map((d) => d.path) //=> ['feeds/all.rss', 'feeds/all.atom', 'feeds/all.json', …, 'index.html', …]
 */
export async function renderChanges(
  ctx: SiteContext,
  changes: readonly ArticleChangeImages[],
  only: ReadonlySet<string> | undefined,
): Promise<FeedDocument[]> {
  const { store, config, docs, summaries } = ctx;
  const out: FeedDocument[] = [];
  const keys = new Set<string>();
  const ids = new Set<string>();
  for (const c of changes) {
    for (const k of feedKeysOfChange(c)) if (isFeedPublished(config, k) && (!only || only.has(k))) keys.add(k);
    const id = c.after?.id ?? c.before?.id;
    if (id !== undefined) ids.add(id);
  }
  if (keys.size === 0) return out;
  // Re-read the published summaries (one GET) rather than trust this process's memory: a rebuild may have run since.
  if (docs.source) summaries.forget();
  await summaries.ensure();
  // The feed listings (a GSI in DynamoDB) are eventually consistent; a read by id gives the batch's articles as they are.
  // Up to a batch (100 records) of reads: in parallel, not one round trip after another.
  const current = new Map<string, Article | undefined>(await Promise.all([...ids].map(async (id) => [id, await store.get(id)] as const)));
  for (const key of keys) await renderFeedWindow(ctx, key, changes, current, out);
  await summaries.writeIndex(out);
  return out;
}
