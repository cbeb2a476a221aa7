// The published-document ledger: what the site service published (bodies, or only hashes), what it removed (for 410 Gone), moving Last-Modified, and publishing/removing through the port. Pure: ports only.
import type { Clock } from '../clock.ts';
import { FEED_FORMATS, feedPathOf, toFeedDocument } from '../feeds/index.ts';
import type { FeedDocument } from '../feeds/feed-document.ts';
import type { FeedDocumentSource, FeedPublisher } from '../../ports/feed-publisher.ts';

/** Paths whose hash and Last-Modified a process that does not retain documents remembers (≈ 200 bytes each). */
const RECENT_PATHS = 10_000;
/** Removed paths remembered for 410 Gone, the most recent first to stay (≈ 100 bytes each). */
const REMOVED_PATHS = 10_000;

/** Where the removed paths are kept between runs: beside the feed summaries, in the folder no feed name can take. */
const REMOVED_DOCUMENTS_PATH = 'feeds/_site/removed-documents.json';

export interface PublishedDocuments {
  /** Where documents are also written (a folder locally, S3 in the cloud), if anywhere. */
  readonly publisher: FeedPublisher | undefined;
  /** The publisher, when it can read back what it holds (folder, S3): used to find pages an earlier process left. */
  readonly source: (FeedPublisher & FeedDocumentSource) | undefined;
  /** Paths rendered for each feed key this process rendered (to remove archive pages that no longer exist). */
  readonly feedPaths: Map<string, Set<string>>;
  /** Whether the documents are kept in memory (`get`, `paths`). */
  readonly retain: boolean;
  /** Records a rendered document (Last-Modified moved forward when its body changed) and publishes it. */
  put(rendered: FeedDocument): Promise<FeedDocument>;
  /** Forgets a path and removes it from the publisher. */
  drop(path: string): Promise<void>;
  /** Whether archive page `n` of a feed is published: known to this process, or (asked only when needed) to the publisher. */
  archivePageExists(key: string, n: number): Promise<boolean>;
  /** Whether a document was published at `path` and removed since (and not published again). */
  wasRemoved(path: string): boolean;
  /**
   * Reads the removed paths an earlier process kept (through the publisher's source), and from then on keeps them
   * there after every change (`saveRemoved`). Only the one process that owns the published site calls it.
   */
  loadRemoved(): Promise<void>;
  /** Publishes the removed paths, when `loadRemoved` ran and they changed since the last save. */
  saveRemoved(): Promise<void>;
  /** The retained document at a path. */
  get(path: string): FeedDocument | undefined;
  /** Every retained path, sorted. */
  paths(): string[];
}

export interface PublishedDocumentsOptions {
  publisher?: FeedPublisher | undefined;
  clock: Clock;
  /** Keep bodies in memory (default true); false keeps only the hash and Last-Modified of the most recent 10,000 paths. */
  retain?: boolean;
}

function sameLastModified(doc: FeedDocument, lastModified: string | undefined): FeedDocument {
  if (doc.lastModified === lastModified) return doc;
  const { lastModified: _dropped, ...rest } = doc;
  return lastModified === undefined ? rest : { ...rest, lastModified };
}

/**
 * Creates the ledger of published documents for one site service.
 *
 * @example
 * const docs = createPublishedDocuments({ publisher, clock: systemClock });
 * await docs.put(renderIndexDocument(config, summaries));
 * docs.get('index.html')?.contentType //=> 'text/html; charset=utf-8'
 */
export function createPublishedDocuments(options: PublishedDocumentsOptions): PublishedDocuments {
  const { publisher, clock } = options;
  const retain = options.retain ?? true;
  const documents = new Map<string, FeedDocument>();
  /** Without retained documents: the hash and Last-Modified of recently published paths, oldest first (bounded). */
  const recent = new Map<string, Pick<FeedDocument, 'hash' | 'lastModified'>>();
  const feedPaths = new Map<string, Set<string>>();
  /** Removed paths, oldest first (bounded); a path published again leaves it. */
  const removed = new Set<string>();
  let keepRemoved = false;
  let removedChanged = false;
  const forgetRemoved = (path: string) => {
    if (removed.delete(path)) removedChanged = true;
  };
  const source =
    publisher && typeof (publisher as Partial<FeedDocumentSource>).get === 'function'
      ? (publisher as FeedPublisher & FeedDocumentSource)
      : undefined;

  /**
   * Last-Modified is the newest item's time, but a feed also changes without a newer item (a
   * backdated article, an edit, a deletion). Then the date must still move forward, or a client
   * revalidating with If-Modified-Since alone would get 304 for changed content: use the later of
   * the clock and one second past the previous date.
   */
  function withMovingLastModified(doc: FeedDocument): FeedDocument {
    const prev = documents.get(doc.path) ?? recent.get(doc.path);
    if (prev && prev.hash === doc.hash) return sameLastModified(doc, prev.lastModified);
    if (!prev || !doc.lastModified || !prev.lastModified) return doc;
    const prevMs = Date.parse(prev.lastModified);
    if (Date.parse(doc.lastModified) > prevMs) return doc;
    const moved = Math.max(clock().getTime(), Math.floor(prevMs / 1000) * 1000 + 1000);
    return { ...doc, lastModified: new Date(moved).toISOString() };
  }

  function remember(doc: FeedDocument): void {
    if (retain) {
      documents.set(doc.path, doc);
      return;
    }
    recent.delete(doc.path);
    recent.set(doc.path, { hash: doc.hash, ...(doc.lastModified !== undefined ? { lastModified: doc.lastModified } : {}) });
    if (recent.size > RECENT_PATHS) recent.delete(recent.keys().next().value as string);
  }

  return {
    publisher,
    source,
    feedPaths,
    retain,
    async put(rendered) {
      const doc = withMovingLastModified(rendered);
      remember(doc);
      forgetRemoved(doc.path);
      if (publisher) await publisher.publish(doc);
      return doc;
    },
    async drop(path) {
      documents.delete(path);
      recent.delete(path);
      if (publisher) await publisher.remove(path);
      forgetRemoved(path);
      removed.add(path);
      removedChanged = true;
      if (removed.size > REMOVED_PATHS) removed.delete(removed.values().next().value as string);
    },
    wasRemoved: (path) => removed.has(path),
    async loadRemoved() {
      const doc = source ? await source.get(REMOVED_DOCUMENTS_PATH) : undefined;
      const earlier = doc ? parseRemovedPaths(doc) : [];
      const now = [...removed];
      removed.clear();
      for (const p of [...earlier, ...now].slice(-REMOVED_PATHS)) if (!documents.has(p)) removed.add(p);
      keepRemoved = true;
    },
    async saveRemoved() {
      if (!keepRemoved || !removedChanged || !publisher) return;
      removedChanged = false;
      await publisher.publish(
        toFeedDocument(
          REMOVED_DOCUMENTS_PATH,
          `${JSON.stringify({ version: 1, paths: [...removed] })}\n`,
          'application/json; charset=utf-8',
          'no-cache',
        ),
      );
    },
    async archivePageExists(key, n) {
      const known = feedPaths.get(key);
      for (const f of FEED_FORMATS) {
        const path = feedPathOf(key, f, n);
        if (known?.has(path) || documents.has(path)) return true;
      }
      return source ? (await source.get(feedPathOf(key, 'rss', n))) !== undefined : false;
    },
    get: (path) => documents.get(path),
    paths: () => [...documents.keys()].sort(),
  };
}

/**
 * The paths a removed-documents document lists (oldest first), or none when it is not one.
 *
 * @example
 * parseRemovedPaths({ body: new TextEncoder().encode('{"version":1,"paths":["feeds/old.rss"]}') }) //=> ['feeds/old.rss']
 */
function parseRemovedPaths(doc: Pick<FeedDocument, 'body'>): string[] {
  try {
    const v = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(doc.body)) as { version?: unknown; paths?: unknown };
    return v.version === 1 && Array.isArray(v.paths) ? v.paths.filter((p): p is string => typeof p === 'string') : [];
  } catch {
    return [];
  }
}
