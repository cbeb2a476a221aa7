// FileArticleStore: the embedded default ArticleStore, one JSON file per article in a folder (default ./.nashra/), safe across processes.
import { createHash, randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import path from 'node:path';
import { mkdir, open, readFile, readdir, rename, stat, truncate, unlink, writeFile } from 'node:fs/promises';
import type { Article } from '../core/articles/article.ts';
import type { Clock } from '../core/clock.ts';
import { StoreError, type ArticleChange, type ArticleStore, type ListOptions, type Page, type PutResult } from '../ports/article-store.ts';
import { changeOrderKey, checkStorable, feedOrderKey, stampUpdated } from '../ports/article-store-keys.ts';
import { compareCodePoints } from '../core/compare-code-points.ts';
import { ArticleIndex, entryOf, listChangesFromIndex, listFeedFromIndex, type IndexEntry } from './memory-article-store.ts';
import { syncDirectory, TEMP_FILE_MARK, writeFileAtomic } from './write-file-atomic.ts';

export interface FileArticleStoreOptions {
  /** The data folder; the store keeps `articles/`, `changes.log` and `store.lock` in it. Default "./.nashra". */
  directory?: string;
  clock: Clock;
  /** fsync files and the folder on every write (default true). Turn off only for throwaway data. */
  durable?: boolean;
  /** How long a writer waits for the lock before `StoreError('UNAVAILABLE')` (default 10 s). */
  lockTimeoutMs?: number;
  /** A lock older than this is stale even if its process seems alive (default 30 s; locks are held for milliseconds). */
  staleLockMs?: number;
  /** Compact the log once it has more lines than this and twice the articles (default 1000). */
  compactAfterLines?: number;
  /** Parsed articles kept in memory for listings, checked against the index's hash (default 5000; 0 turns it off). */
  cacheSize?: number;
}

/** One line of `changes.log`. */
interface LogLine {
  at: string;
  id: string;
  kind: 'put' | 'delete';
  hash?: string;
  order?: string;
  feeds?: string[];
}

interface LockInfo {
  pid: number;
  host: string;
  nonce: string;
  at: string;
}

const TEMP_MARK = TEMP_FILE_MARK;

/** The file name an article id is stored under: hex sha256 prefix (ids are URLs, Arabic text, anything). */
export function articleFileName(id: string): string {
  return `${createHash('sha256').update(id, 'utf8').digest('hex').slice(0, 40)}.json`;
}

function isCode(err: unknown, code: string): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === code;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return !isCode(err, 'ESRCH');
  }
}

/** Runs async sections one at a time, in call order. */
class Mutex {
  private tail: Promise<unknown> = Promise.resolve();
  run<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.tail.then(fn, fn);
    this.tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }
}

/**
 * An ArticleStore in a folder:
 * - `articles/<sha256(id)[0..40]>.json`: one article per file, written atomically (temp file, fsync, rename, fsync folder);
 * - `changes.log`: one JSON line per change (id, hash, feed keys, order key); the index every process rebuilds at start-up
 *   and follows by reading what others appended; compacted to one line per article when it grows;
 * - `store.lock`: held (created with `wx`) by the one process writing; a lock whose process died, or older than
 *   `staleLockMs`, is broken, and the breaker repairs the folder (drops temp files, re-reads the article files).
 *
 * @example
 * const store = new FileArticleStore({ directory: '.nashra', clock: systemClock });
 * await store.put(article); //=> { status: 'created', article }
 */
export class FileArticleStore implements ArticleStore {
  readonly directory: string;
  private readonly articlesDir: string;
  private readonly logPath: string;
  private readonly lockPath: string;
  private readonly breakerPath: string;
  private readonly waitingPath: string;
  private readonly repairPath: string;
  private readonly clock: Clock;
  private readonly durable: boolean;
  private readonly lockTimeoutMs: number;
  private readonly staleLockMs: number;
  private readonly compactAfterLines: number;
  private readonly cacheSize: number;
  private readonly cache = new Map<string, { at: string; article: Article }>();

  private readonly index = new ArticleIndex();
  private logIno = -1;
  private logOffset = 0;
  private logLines = 0;
  private opened: Promise<void> | undefined;
  private readonly writers = new Mutex();
  private readonly follower = new Mutex();

  constructor(options: FileArticleStoreOptions) {
    this.directory = path.resolve(options.directory ?? '.nashra');
    this.articlesDir = path.join(this.directory, 'articles');
    this.logPath = path.join(this.directory, 'changes.log');
    this.lockPath = path.join(this.directory, 'store.lock');
    this.breakerPath = path.join(this.directory, 'store.lock.break');
    this.waitingPath = path.join(this.directory, 'store.lock.waiting');
    this.repairPath = path.join(this.directory, 'store.needs-repair');
    this.clock = options.clock;
    this.durable = options.durable ?? true;
    this.lockTimeoutMs = options.lockTimeoutMs ?? 10_000;
    this.staleLockMs = options.staleLockMs ?? 30_000;
    this.compactAfterLines = options.compactAfterLines ?? 1000;
    this.cacheSize = options.cacheSize ?? 5000;
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
    await this.follow();
    let n = 0;
    for (const e of this.index.entries.values()) if (e.kind === 'put') n++;
    return n;
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

  async get(id: string): Promise<Article | undefined> {
    await this.open();
    return this.readArticle(id);
  }

  async listFeed(feedKey: string, options: ListOptions): Promise<Page<Article>> {
    await this.open();
    await this.follow();
    return listFeedFromIndex(this.index, feedKey, options, (e) => this.loadListed(e));
  }

  async countFeed(feedKey: string, options: { olderThan?: Pick<Article, 'id' | 'published'> } = {}): Promise<number> {
    await this.open();
    await this.follow();
    return this.index.feedCount(feedKey, options.olderThan && feedOrderKey(options.olderThan));
  }

  async listChangedSince(since: string, options: ListOptions): Promise<Page<ArticleChange>> {
    await this.open();
    await this.follow();
    return listChangesFromIndex(this.index, since, options, (e) => this.loadListed(e));
  }

  async delete(id: string): Promise<Article | undefined> {
    await this.open();
    return this.withLock(async () => {
      if (!this.index.live(id)) return undefined;
      const previous = await this.readArticle(id);
      await unlink(path.join(this.articlesDir, articleFileName(id))).catch((err: unknown) => {
        if (!isCode(err, 'ENOENT')) throw err;
      });
      await this.syncDir(this.articlesDir);
      await this.appendLog({ at: this.clock().toISOString(), id, kind: 'delete' });
      return previous;
    });
  }

  // ---- opening and repair ----

  private async openNow(): Promise<void> {
    await mkdir(this.articlesDir, { recursive: true });
    await this.follow();
    const lock = await this.readLock();
    const staleLock = lock !== undefined && this.isStale(lock.info, lock.mtimeMs);
    if (staleLock || !(await this.looksConsistent())) {
      // Look again under the lock (another process may have been mid-write); repair only if still off.
      await this.withLock(async () => {
        if (!(await this.looksConsistent())) await this.repair();
      });
    }
  }

  /** Cheap check of the folder listing against the index: no temp files, one file per live article, no repair marker. */
  private async looksConsistent(): Promise<boolean> {
    const names = await readdir(this.articlesDir);
    if (names.some((n) => n.includes(TEMP_MARK))) return false;
    const files = new Set(names.filter((n) => n.endsWith('.json')));
    let live = 0;
    for (const e of this.index.entries.values()) {
      if (e.kind !== 'put') continue;
      live++;
      if (!files.has(articleFileName(e.id))) return false;
    }
    return live === files.size && !(await this.exists(this.repairPath));
  }

  /** Re-reads every article file and brings the log in line with them. Runs only under the lock. */
  private async repair(): Promise<void> {
    const names = await readdir(this.articlesDir);
    for (const name of names) {
      if (name.includes(TEMP_MARK)) await unlink(path.join(this.articlesDir, name)).catch(() => undefined);
    }
    const onDisk = new Set<string>();
    for (const name of names) {
      if (!name.endsWith('.json') || name.includes(TEMP_MARK)) continue;
      const file = path.join(this.articlesDir, name);
      let article: Article;
      try {
        article = JSON.parse(await readFile(file, 'utf8')) as Article;
        checkStorable(article);
        if (articleFileName(article.id) !== name) throw new Error('file name does not match the id');
      } catch {
        // Not written by this store (atomic writes never leave half files): keep it aside for a person to look at.
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
    await unlink(this.repairPath).catch(() => undefined);
  }

  // ---- the change log ----

  /** Reads what was appended to the log since the last call (by any process). Complete lines only. */
  private follow(): Promise<number> {
    return this.follower.run(async () => {
      // Common case first: one stat says nothing was appended or replaced since the last call.
      const quick = await stat(this.logPath).catch(() => undefined);
      if (quick && quick.ino === this.logIno && quick.size === this.logOffset) return quick.size;
      let fh;
      try {
        fh = await open(this.logPath, 'r');
      } catch (err) {
        if (!isCode(err, 'ENOENT')) throw new StoreError('cannot read the change log', 'UNAVAILABLE', { cause: err });
        if (this.logIno !== -1) this.resetIndex(-1);
        return 0;
      }
      try {
        const st = await fh.stat();
        if (st.ino !== this.logIno || st.size < this.logOffset) this.resetIndex(st.ino);
        if (st.size <= this.logOffset) return st.size;
        const buf = Buffer.alloc(st.size - this.logOffset);
        const { bytesRead } = await fh.read(buf, 0, buf.length, this.logOffset);
        const end = buf.lastIndexOf(0x0a, bytesRead - 1);
        if (end >= 0) {
          const text = buf.toString('utf8', 0, end);
          for (const line of text.split('\n')) this.applyLine(line);
          this.logOffset += end + 1;
        }
        return st.size;
      } finally {
        await fh.close();
      }
    });
  }

  private resetIndex(ino: number): void {
    this.index.clear();
    this.logIno = ino;
    this.logOffset = 0;
    this.logLines = 0;
  }

  private applyLine(line: string): void {
    if (!line) return;
    let l: LogLine;
    try {
      l = JSON.parse(line) as LogLine;
    } catch {
      return; // a torn line from a crashed writer; repair truncates it
    }
    this.logLines++;
    if (l.kind === 'put' && typeof l.hash === 'string' && typeof l.order === 'string' && Array.isArray(l.feeds)) {
      this.index.set({ id: l.id, hash: l.hash, order: l.order, feeds: l.feeds, at: l.at, kind: 'put' });
    } else if (l.kind === 'delete') {
      this.index.set({ id: l.id, hash: '', order: '', feeds: [], at: l.at, kind: 'delete' });
    }
  }

  /** Appends one line (under the lock, index caught up), and applies it to the index. */
  private async appendLog(line: LogLine): Promise<void> {
    const text = `${JSON.stringify(line)}\n`;
    await this.follower.run(async () => {
      const fh = await open(this.logPath, 'a');
      try {
        if (this.logIno === -1) this.resetIndex((await fh.stat()).ino);
        await fh.write(text);
        if (this.durable) await fh.datasync();
      } finally {
        await fh.close();
      }
      this.applyLine(text.slice(0, -1));
      this.logOffset += Buffer.byteLength(text);
    });
    if (this.logLines > this.compactAfterLines && this.logLines > 2 * this.index.entries.size) await this.compact();
  }

  /** Rewrites the log as one line per article (tombstones kept), atomically. Runs under the lock. */
  private async compact(): Promise<void> {
    const entries = [...this.index.entries.values()].sort((a, b) =>
      compareCodePoints(changeOrderKey(a.at, a.id), changeOrderKey(b.at, b.id)),
    );
    const lines = entries.map((e: IndexEntry) =>
      JSON.stringify(
        e.kind === 'put'
          ? { at: e.at, id: e.id, kind: e.kind, hash: e.hash, order: e.order, feeds: e.feeds }
          : { at: e.at, id: e.id, kind: e.kind },
      ),
    );
    await this.writeAtomic(this.logPath, lines.length ? `${lines.join('\n')}\n` : '');
    await this.follow();
  }

  // ---- files ----

  /** An article for a listing: from the cache when it holds the version the index names, else from its file. */
  private async loadListed(entry: IndexEntry): Promise<Article | undefined> {
    const cached = this.cache.get(entry.id);
    if (cached && cached.at === entry.at && cached.article.contentHash === entry.hash) return structuredClone(cached.article);
    const a = await this.readArticle(entry.id);
    if (a && this.cacheSize > 0 && a.contentHash === entry.hash) {
      this.cache.delete(entry.id);
      if (this.cache.size >= this.cacheSize) this.cache.delete(this.cache.keys().next().value!);
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

  /** Temp file in the same folder, fsync, rename over the target, fsync the folder. */
  private writeAtomic(file: string, text: string): Promise<void> {
    return writeFileAtomic(file, text, { durable: this.durable });
  }

  private async syncDir(dir: string): Promise<void> {
    if (this.durable) await syncDirectory(dir);
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

  /** Runs `fn` holding both the in-process writer queue and the folder lock, with the index caught up. */
  private withLock<T>(fn: () => Promise<T>): Promise<T> {
    return this.writers.run(async () => {
      await this.acquireLock();
      try {
        const size = await this.follow();
        // A torn last line (writer killed mid-append) would glue onto the next line: cut it off.
        if (size > this.logOffset) await truncate(this.logPath, this.logOffset);
        if (await this.exists(this.repairPath)) await this.repair();
        return await fn();
      } catch (err) {
        if (err instanceof StoreError || err instanceof RangeError) throw err;
        throw new StoreError(`file store write failed: ${(err as Error).message}`, 'UNAVAILABLE', { cause: err });
      } finally {
        await this.releaseLock();
      }
    });
  }

  /**
   * Takes `store.lock`. Fairness: a writer that finds the lock taken announces itself in `store.lock.waiting`, and a
   * writer about to take the lock first lets an announced writer of another live process go (for up to 100 ms), so
   * a process ingesting in a loop cannot starve another one.
   */
  private async acquireLock(): Promise<string> {
    const nonce = randomBytes(8).toString('hex');
    const info: LockInfo = { pid: process.pid, host: hostname(), nonce, at: new Date(Date.now()).toISOString() };
    const deadline = Date.now() + this.lockTimeoutMs;
    let announced = false;
    await this.yieldToWaiter();
    try {
      for (let attempt = 0; ; attempt++) {
        try {
          const fh = await open(this.lockPath, 'wx', 0o644);
          try {
            await fh.write(JSON.stringify(info));
          } finally {
            await fh.close();
          }
          return nonce;
        } catch (err) {
          if (!isCode(err, 'EEXIST')) throw new StoreError('cannot create the store lock', 'UNAVAILABLE', { cause: err });
        }
        if (!announced) {
          await writeFile(this.waitingPath, JSON.stringify({ pid: process.pid, host: hostname(), nonce })).catch(() => undefined);
          announced = true;
        }
        const held = await this.readLock();
        if (held && this.isStale(held.info, held.mtimeMs)) {
          await this.breakStaleLock(held.raw);
          continue;
        }
        if (Date.now() > deadline) {
          throw new StoreError(
            `store is locked by another process (${held?.raw ?? 'unknown'}) for over ${this.lockTimeoutMs} ms`,
            'UNAVAILABLE',
          );
        }
        await sleep(Math.min(10, 1 + attempt) * (0.5 + Math.random()));
      }
    } finally {
      if (announced) {
        const raw = await readFile(this.waitingPath, 'utf8').catch(() => '');
        if (raw.includes(`"nonce":"${nonce}"`)) await unlink(this.waitingPath).catch(() => undefined);
      }
    }
  }

  /** Waits (up to 100 ms) while a live writer of another process is announced as waiting for the lock. */
  private async yieldToWaiter(): Promise<void> {
    for (let waited = 0; waited < 100; waited += 2) {
      let raw: string;
      try {
        raw = await readFile(this.waitingPath, 'utf8');
      } catch {
        return;
      }
      let w: { pid?: number; host?: string } = {};
      try {
        w = JSON.parse(raw) as typeof w;
      } catch {
        return;
      }
      if (w.pid === process.pid || (w.host === hostname() && typeof w.pid === 'number' && !pidAlive(w.pid))) return;
      // An announcement nobody took up within 5 s (e.g. its host's process is gone) is ignored.
      const st = await stat(this.waitingPath).catch(() => undefined);
      if (!st || Date.now() - st.mtimeMs > 5_000) return;
      await sleep(2);
    }
  }

  private async readLock(): Promise<{ raw: string; info: LockInfo | undefined; mtimeMs: number } | undefined> {
    try {
      const [raw, st] = await Promise.all([readFile(this.lockPath, 'utf8'), stat(this.lockPath)]);
      let info: LockInfo | undefined;
      try {
        info = JSON.parse(raw) as LockInfo;
      } catch {
        info = undefined; // being written right now, or torn
      }
      return { raw, info, mtimeMs: st.mtimeMs };
    } catch {
      return undefined;
    }
  }

  private isStale(info: LockInfo | undefined, mtimeMs: number): boolean {
    const age = Date.now() - mtimeMs;
    if (!info) return age > 5_000;
    if (info.host === hostname() && !pidAlive(info.pid)) return true;
    return age > this.staleLockMs;
  }

  /**
   * Removes a stale lock. Only one process may break at a time (`store.lock.break`, itself created with `wx`), and it
   * removes the lock only if it still holds the stale content, so a fresh lock taken meanwhile is never removed.
   */
  private async breakStaleLock(staleRaw: string): Promise<void> {
    let breaker;
    try {
      breaker = await open(this.breakerPath, 'wx');
    } catch (err) {
      if (!isCode(err, 'EEXIST')) throw err;
      const st = await stat(this.breakerPath).catch(() => undefined);
      if (st && Date.now() - st.mtimeMs > 10_000) await unlink(this.breakerPath).catch(() => undefined);
      await sleep(2);
      return;
    }
    try {
      await breaker.close();
      const now = await this.readLock();
      if (now && now.raw === staleRaw) {
        await (await open(this.repairPath, 'w')).close();
        await unlink(this.lockPath).catch(() => undefined);
      }
    } finally {
      await unlink(this.breakerPath).catch(() => undefined);
    }
  }

  /** Removes our lock. (Locks are held for milliseconds; one is only broken as stale after `staleLockMs`.) */
  private async releaseLock(): Promise<void> {
    await unlink(this.lockPath).catch(() => undefined);
  }
}
