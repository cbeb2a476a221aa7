// FileArticleStore: the embedded default ArticleStore, one JSON file per article in a folder (default ./.nashra/), safe across processes.
import { createHash } from 'node:crypto';
import path from 'node:path';
import { mkdir, readFile, readdir, rename, stat, unlink, writeFile } from 'node:fs/promises';
import type { Article } from '../core/articles/article.ts';
import type { Clock } from '../core/clock.ts';
import { StoreError, type ArticleChange, type ArticleStore, type ListOptions, type Page, type PutResult } from '../ports/article-store.ts';
import { compareCodePoints } from '../core/compare-code-points.ts';
import { changeOrderKey, checkStorable, feedOrderKey, stampUpdated } from '../ports/article-store-keys.ts';
import { FileChangeLog, type LogLine } from './file-change-log.ts';
import { acquireFolderLock, LockBusyError, type FolderLock } from './folder-lock.ts';
import { entryOf, listChangesFromIndex, listFeedFromIndex, type IndexEntry } from './memory-article-store.ts';
import { syncDirectory, TEMP_FILE_MARK, writeFileAtomic } from './write-file-atomic.ts';
import { SerialQueue } from '../core/serial-queue.ts';

export interface FileArticleStoreOptions {
  /** The data folder; the store keeps `articles/`, `changes.log` and the `writer.lock` directory in it. Default "./.nashra". */
  directory?: string;
  clock: Clock;
  /** fsync files and the folder on every write (default true). Turn off only for throwaway data. */
  durable?: boolean;
  /** How long a writer waits for the lock before `StoreError('UNAVAILABLE')` (default 10 s). */
  lockTimeoutMs?: number;
  /**
   * A lock not refreshed for this long is stale and taken over (default 5 s, at least 2 s; the holder refreshes it every
   * half of this, and locks are held for milliseconds). After a writer is killed, the next one waits this long at most.
   */
  staleLockMs?: number;
  /** Compact the log once it has more lines than this and twice the articles (default 1000). */
  compactAfterLines?: number;
  /** Parsed articles kept in memory for listings, checked against the index's hash (default 5000; 0 turns it off). */
  cacheSize?: number;
}

/** The file name an article id is stored under: hex sha256 prefix (ids are URLs, Arabic text, anything). */
export function articleFileName(id: string): string {
  return `${createHash('sha256').update(id, 'utf8').digest('hex').slice(0, 40)}.json`;
}

/** Article files `putMany` writes at once. */
const PUT_MANY_PARALLEL = 32;

function isCode(err: unknown, code: string): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === code;
}

/**
 * An ArticleStore in a folder:
 * - `articles/<sha256(id)[0..40]>.json`: one article per file, written atomically (temp file, fsync, rename, fsync folder);
 * - `changes.log`: one JSON line per change, followed by every process (see `FileChangeLog`);
 * - `writer.lock`: the directory lock (proper-lockfile) held by the one process writing. A writer marks the folder
 *   (`store.needs-repair`) while it writes; the next writer that finds the mark (the last one died or lost its lock
 *   mid-write) repairs the folder first: drops temp files, re-reads the article files. A writer that was paused until
 *   its lock went stale and was taken over finds out before its next file operation, writes nothing more, fails with
 *   `StoreError('UNAVAILABLE')`, and leaves the new owner's lock alone.
 *
 * @example
 * const store = new FileArticleStore({ directory: '.nashra', clock: systemClock });
 * await store.put(article); //=> { status: 'created', article }
 */
export class FileArticleStore implements ArticleStore {
  readonly directory: string;
  private readonly articlesDir: string;
  private readonly lockPath: string;
  private readonly repairPath: string;
  private readonly clock: Clock;
  private readonly durable: boolean;
  private readonly lockTimeoutMs: number;
  private readonly staleLockMs: number;
  private readonly compactAfterLines: number;
  private readonly cacheSize: number;
  private readonly cache = new Map<string, { at: string; article: Article }>();
  private readonly log: FileChangeLog;
  private opened: Promise<void> | undefined;
  private readonly writers = new SerialQueue();
  /** The folder lock while this process writes under it. */
  private held: FolderLock | undefined;

  constructor(options: FileArticleStoreOptions) {
    this.directory = path.resolve(options.directory ?? '.nashra');
    this.articlesDir = path.join(this.directory, 'articles');
    this.lockPath = path.join(this.directory, 'writer.lock');
    this.repairPath = path.join(this.directory, 'store.needs-repair');
    this.clock = options.clock;
    this.durable = options.durable ?? true;
    this.lockTimeoutMs = options.lockTimeoutMs ?? 10_000;
    this.staleLockMs = options.staleLockMs ?? 5_000;
    this.compactAfterLines = options.compactAfterLines ?? 1000;
    this.cacheSize = options.cacheSize ?? 5000;
    this.log = new FileChangeLog(path.join(this.directory, 'changes.log'), { durable: this.durable });
  }

  private get index() {
    return this.log.index;
  }

  /** Opens the folder (also done lazily by every method): reads the log, and repairs the folder if a writer crashed. */
  async open(): Promise<void> {
    this.opened ??= this.openNow();
    try {
      await this.opened;
    } catch (err) {
      this.opened = undefined;
      throw err;
    }
  }

  /** How many live articles the store holds (after following other processes' writes). */
  async size(): Promise<number> {
    await this.open();
    await this.log.follow();
    let n = 0;
    for (const e of this.index.entries.values()) if (e.kind === 'put') n++;
    return n;
  }

  /**
   * The key of the newest change in the log ('' when empty), after following other processes' writes.
   *
   * @example
   * await store.changePosition() //=> '2026-12-05T17:00:00.000Z#https://news.example.sa/a/1'
   */
  async changePosition(): Promise<string> {
    await this.open();
    await this.log.follow();
    let newest = '';
    for (const e of this.index.entries.values()) {
      const key = changeOrderKey(e.at, e.id);
      if (compareCodePoints(key, newest) > 0) newest = key;
    }
    return newest;
  }

  async put(article: Article): Promise<PutResult> {
    checkStorable(article);
    await this.open();
    // Replays skip the lock: the article file is the truth, and an equal hash means nothing to write.
    if (this.index.live(article.id)?.hash === article.contentHash) {
      const stored = await this.readArticle(article.id);
      if (stored && stored.contentHash === article.contentHash) return { status: 'unchanged', article: stored };
    }
    return this.withLock(async () => {
      const current = this.index.live(article.id);
      const previous = current ? await this.readArticle(article.id) : undefined;
      if (current && previous && current.hash === article.contentHash) {
        return { status: 'unchanged', article: previous };
      }
      const now = this.clock();
      const stored = previous ? stampUpdated(article, now) : article;
      await this.writeAtomic(path.join(this.articlesDir, articleFileName(stored.id)), JSON.stringify(stored));
      const entry = entryOf(stored, now.toISOString());
      await this.appendLog({ at: entry.at, id: entry.id, kind: 'put', hash: entry.hash, order: entry.order, feeds: entry.feeds });
      const copy = structuredClone(stored);
      return previous ? { status: 'updated', article: copy, previous } : { status: 'created', article: copy };
    });
  }

  /**
   * Stores many articles under one lock, writing their files in parallel and their log lines in one append: for
   * imports and benchmarks (100,000 articles in seconds, not minutes). Same results as `put` one by one; an article
   * appearing twice is stored in its last version.
   *
   * @example
   * (await store.putMany([a, b])).map((r) => r.status) //=> ['created', 'created']
   */
  async putMany(articles: readonly Article[]): Promise<PutResult[]> {
    for (const a of articles) checkStorable(a);
    await this.open();
    const last = new Map(articles.map((a, i) => [a.id, i]));
    return this.withLock(async () => {
      const results: PutResult[] = new Array(articles.length);
      const lines: LogLine[] = [];
      for (let from = 0; from < articles.length; from += PUT_MANY_PARALLEL) {
        const chunk = articles.slice(from, from + PUT_MANY_PARALLEL).map((a, k) => ({ article: a, i: from + k }));
        await Promise.all(
          chunk.map(async ({ article, i }) => {
            const previous = this.index.live(article.id) ? await this.readArticle(article.id) : undefined;
            if (previous && previous.contentHash === article.contentHash) {
              results[i] = { status: 'unchanged', article: previous };
              return;
            }
            const now = this.clock();
            const stored = previous ? stampUpdated(article, now) : article;
            results[i] = previous ? { status: 'updated', article: stored, previous } : { status: 'created', article: stored };
            if (last.get(article.id) !== i) return;
            await this.writeAtomic(path.join(this.articlesDir, articleFileName(stored.id)), JSON.stringify(stored));
            const e = entryOf(stored, now.toISOString());
            lines.push({ at: e.at, id: e.id, kind: 'put', hash: e.hash, order: e.order, feeds: e.feeds });
          }),
        );
      }
      await this.guard();
      await this.log.append(...lines);
      return results.map((r) => ({ ...r, article: structuredClone(r.article) }));
    });
  }

  async get(id: string): Promise<Article | undefined> {
    await this.open();
    return this.readArticle(id);
  }

  async listFeed(feedKey: string, options: ListOptions): Promise<Page<Article>> {
    await this.open();
    await this.log.follow();
    return listFeedFromIndex(this.index, feedKey, options, (e) => this.loadListed(e));
  }

  async countFeed(feedKey: string, options: { olderThan?: Pick<Article, 'id' | 'published'> } = {}): Promise<number> {
    await this.open();
    await this.log.follow();
    return this.index.feedCount(feedKey, options.olderThan && feedOrderKey(options.olderThan));
  }

  async listChangedSince(since: string, options: ListOptions): Promise<Page<ArticleChange>> {
    await this.open();
    await this.log.follow();
    return listChangesFromIndex(this.index, since, options, (e) => this.loadListed(e));
  }

  async delete(id: string): Promise<Article | undefined> {
    await this.open();
    return this.withLock(async () => {
      if (!this.index.live(id)) return undefined;
      const previous = await this.readArticle(id);
      await this.guard();
      await unlink(path.join(this.articlesDir, articleFileName(id))).catch((err: unknown) => {
        if (!isCode(err, 'ENOENT')) throw err;
      });
      if (this.durable) await syncDirectory(this.articlesDir);
      await this.appendLog({ at: this.clock().toISOString(), id, kind: 'delete' });
      return previous;
    });
  }

  // ---- opening and repair ----

  private async openNow(): Promise<void> {
    await mkdir(this.articlesDir, { recursive: true });
    await this.log.follow();
    if ((await this.exists(this.repairPath)) || !(await this.looksConsistent())) {
      // Look again under the lock (another process may be mid-write); `withLock` repairs when the mark is there.
      await this.withLock(async () => {
        if (!(await this.looksConsistent())) await this.repair();
      });
    }
  }

  /** Cheap check of the folder listing against the index: no temp files, one file per live article. */
  private async looksConsistent(): Promise<boolean> {
    const names = await readdir(this.articlesDir);
    if (names.some((n) => n.includes(TEMP_FILE_MARK))) return false;
    const files = new Set(names.filter((n) => n.endsWith('.json')));
    let live = 0;
    for (const e of this.index.entries.values()) {
      if (e.kind !== 'put') continue;
      live++;
      if (!files.has(articleFileName(e.id))) return false;
    }
    return live === files.size;
  }

  /** Re-reads every article file and brings the log in line with them. Runs only under the lock. */
  private async repair(): Promise<void> {
    const names = await readdir(this.articlesDir);
    await this.guard();
    for (const name of names) {
      if (name.includes(TEMP_FILE_MARK)) await unlink(path.join(this.articlesDir, name)).catch(() => undefined);
    }
    const onDisk = new Set<string>();
    for (const name of names) {
      if (!name.endsWith('.json') || name.includes(TEMP_FILE_MARK)) continue;
      const file = path.join(this.articlesDir, name);
      let article: Article;
      try {
        article = JSON.parse(await readFile(file, 'utf8')) as Article;
        checkStorable(article);
        if (articleFileName(article.id) !== name) throw new Error('file name does not match the id');
      } catch {
        // Not written by this store (atomic writes never leave half files): keep it aside for a person to look at.
        await this.guard();
        await rename(file, `${file}.corrupt`).catch(() => undefined);
        continue;
      }
      onDisk.add(article.id);
      const e = this.index.live(article.id);
      const fresh = entryOf(article, '');
      if (!e || e.hash !== fresh.hash || e.order !== fresh.order || e.feeds.join('\n') !== fresh.feeds.join('\n')) {
        await this.appendLog({
          at: this.clock().toISOString(),
          id: fresh.id,
          kind: 'put',
          hash: fresh.hash,
          order: fresh.order,
          feeds: fresh.feeds,
        });
      }
    }
    for (const e of [...this.index.entries.values()]) {
      if (e.kind === 'put' && !onDisk.has(e.id)) await this.appendLog({ at: this.clock().toISOString(), id: e.id, kind: 'delete' });
    }
  }

  // ---- the change log ----

  /** Appends one line (under the lock, index caught up), then compacts when the log has grown. */
  private async appendLog(line: LogLine): Promise<void> {
    await this.guard();
    await this.log.append(line);
    if (this.log.lineCount > this.compactAfterLines && this.log.lineCount > 2 * this.index.entries.size) {
      await this.writeAtomic(this.log.file, this.log.compactedText());
      await this.log.follow();
    }
  }

  // ---- files ----

  /** An article for a listing: from the cache when it holds the version the index names, else from its file. */
  private async loadListed(entry: IndexEntry): Promise<Article | undefined> {
    const cached = this.cache.get(entry.id);
    if (cached && cached.at === entry.at && cached.article.contentHash === entry.hash) return structuredClone(cached.article);
    const a = await this.readArticle(entry.id);
    if (a && this.cacheSize > 0 && a.contentHash === entry.hash) {
      this.cache.delete(entry.id);
      if (this.cache.size >= this.cacheSize) this.cache.delete(this.cache.keys().next().value as string);
      this.cache.set(entry.id, { at: entry.at, article: structuredClone(a) });
    }
    return a;
  }

  private async readArticle(id: string): Promise<Article | undefined> {
    const file = path.join(this.articlesDir, articleFileName(id));
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (err) {
      if (isCode(err, 'ENOENT')) return undefined;
      throw new StoreError(`cannot read article ${id}`, 'UNAVAILABLE', { cause: err });
    }
    try {
      const a = JSON.parse(text) as Article;
      return a.id === id ? a : undefined;
    } catch (cause) {
      throw new StoreError(`article file ${file} is not valid JSON`, 'CORRUPT', { cause });
    }
  }

  /** Temp file in the same folder, fsync, rename over the target, fsync the folder; only while the lock is ours. */
  private async writeAtomic(file: string, text: string): Promise<void> {
    await this.guard();
    await writeFileAtomic(file, text, { durable: this.durable });
  }

  private async exists(file: string): Promise<boolean> {
    try {
      await stat(file);
      return true;
    } catch {
      return false;
    }
  }

  // ---- the lock ----

  /** Throws unless this process still holds the folder lock (called before every file operation under it). */
  private async guard(): Promise<void> {
    if (!this.held) throw new StoreError('file store: a write outside the lock', 'UNAVAILABLE');
    await this.held.assertHeld();
  }

  /**
   * Runs `fn` holding both the in-process writer queue and the folder lock, with the index caught up, the folder
   * repaired if the last writer left it marked, and the folder marked while `fn` writes.
   */
  private withLock<T>(fn: () => Promise<T>): Promise<T> {
    return this.writers.run(async () => {
      let held: FolderLock;
      try {
        held = await acquireFolderLock(this.lockPath, { timeoutMs: this.lockTimeoutMs, staleMs: this.staleLockMs });
      } catch (err) {
        if (err instanceof LockBusyError)
          throw new StoreError(`store is locked by another process for over ${this.lockTimeoutMs} ms (${err.message})`, 'UNAVAILABLE');
        throw new StoreError(`cannot take the store lock: ${(err as Error).message}`, 'UNAVAILABLE', { cause: err });
      }
      this.held = held;
      let marked = false;
      try {
        const size = await this.log.follow();
        // A torn last line (writer killed mid-append) would glue onto the next line: cut it off.
        await this.guard();
        await this.log.cutTornTail(size);
        if (await this.exists(this.repairPath)) await this.repair();
        else {
          await this.guard();
          await writeFile(this.repairPath, '');
        }
        marked = true;
        const result = await fn();
        await this.guard();
        await unlink(this.repairPath);
        return result;
      } catch (err) {
        // Whatever was half done stays marked for the next writer to repair (writing the mark needs no lock).
        if (marked) await writeFile(this.repairPath, '').catch(() => undefined);
        if (err instanceof StoreError || err instanceof RangeError) throw err;
        throw new StoreError(`file store write failed: ${(err as Error).message}`, 'UNAVAILABLE', { cause: err });
      } finally {
        this.held = undefined;
        await held.release();
      }
    });
  }
}
