// SpoolFileArticleStore: an ArticleStore for one process and throwaway data (`nashra build`): articles appended to one spool file, listings sorted on disk, a few bytes of memory per article.
import { mkdir, open, unlink, type FileHandle } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import type { Article } from '../core/articles/article.ts';
import type { Clock } from '../core/clock.ts';
import { compareCodePoints } from '../core/compare-code-points.ts';
import { feedKeysOf } from '../core/feeds/feed-keys.ts';
import { SerialQueue } from '../core/serial-queue.ts';
import { StoreError, type ArticleChange, type ArticleStore, type ListOptions, type Page, type PutResult } from '../ports/article-store.ts';
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
import { ExternalSort } from './external-sort.ts';

/** One line of the spool: an article as stored, or a delete. */
type SpoolRecord = { at: string; article: Article } | { at: string; id: string; deleted: true };

/** One entry of a listing while it is sorted: [group, order key, spool offset, byte length]. */
type ListingEntry = [string, string, number, number];

/** A record's state: replaced by a later record of its id, the id's stored article, or the id's delete. */
const SUPERSEDED = 0;
const PUT = 1;
const DELETED = 2;

/** Bytes of one listing entry on disk: spool offset (float64) and byte length (uint32). */
const ENTRY_BYTES = 12;
/** Spool bytes buffered before they are written. */
const WRITE_BUFFER = 1 << 20;
/** The listing group of the change log; feeds are `f:<key>`. */
const CHANGES = 'c';

/** 32-bit FNV-1a of a string's UTF-16 units: the id's fingerprint in the id table. */
function fingerprintOf(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Fills `buf` from `position` of the file (a read may return fewer bytes than asked); the file ending first is an error. */
async function readFully(fh: FileHandle, buf: Buffer, position: number, name: string): Promise<void> {
  for (let done = 0; done < buf.length; ) {
    const { bytesRead } = await fh.read(buf, done, buf.length - done, position + done);
    if (bytesRead === 0) throw new Error(`${name} file ended at byte ${position + done}, inside an entry`);
    done += bytesRead;
  }
}

function idOf(r: SpoolRecord): string {
  return 'article' in r ? r.article.id : r.id;
}

/** Feeds descending by order key (newest first); the change log ascending. */
function compareEntries(a: ListingEntry, b: ListingEntry): number {
  if (a[0] !== b[0]) return a[0] < b[0] ? -1 : 1;
  return a[0] === CHANGES ? compareCodePoints(a[1], b[1]) : compareCodePoints(b[1], a[1]);
}

/**
 * An ArticleStore kept in a folder by one process, for data thrown away afterwards (no locking, no fsync, no crash
 * recovery: use `FileArticleStore` for data that must last). Every put and delete appends one JSON line to
 * `spool.ndjson`; memory holds 17 bytes per record and 4 per id-table slot in typed arrays (where each line is, and
 * a table from id fingerprints to lines), never the ids, keys or articles. The first listing after a write sorts every feed's
 * entries and the change log on disk (`ExternalSort`, bounded runs) into `listing-<n>.bin`; a listing page is then one
 * read of its entries and one read per article. Paging on with the cursor just returned costs no search; any other
 * position is found by binary search over the sorted entries.
 *
 * @example
 * const store = new SpoolFileArticleStore({ directory: tmp, clock: () => now });
 * await store.put(article); //=> { status: 'created', article }
 * (await store.listFeed('all', { limit: 10 })).items.map((a) => a.id) //=> [article.id]
 */
export class SpoolFileArticleStore implements ArticleStore {
  readonly directory: string;
  readonly #clock: Clock;
  readonly #runSize: number | undefined;
  readonly #queue = new SerialQueue();
  #spool: FileHandle | undefined;
  #pending: string[] = [];
  #pendingBytes = 0;
  /** Spool bytes written to the file so far; bytes past it are still in `#pending`. */
  #written = 0;
  // Per record (one spool line): where it is, its id's fingerprint, its state.
  #count = 0;
  #offsets = new Float64Array(1024);
  #lengths = new Uint32Array(1024);
  #prints = new Uint32Array(1024);
  #states = new Uint8Array(1024);
  /** Open addressing over id fingerprints: record index + 1 of each id's latest record, 0 for an empty slot. */
  #slots = new Uint32Array(2048);
  #ids = 0;
  /** The sorted listings, current unless `#dirty`. */
  #dirty = true;
  #generation = 0;
  #listing: FileHandle | undefined;
  #ranges = new Map<string, { start: number; count: number }>();
  /** Per listing group: the cursor position last returned and where it is, so paging on needs no search. */
  #resume = new Map<string, { key: string; index: number }>();

  /** `runSize`: listing entries sorted in memory at once (default 25,000). */
  constructor(options: { directory: string; clock: Clock; runSize?: number }) {
    this.directory = path.resolve(options.directory);
    this.#clock = options.clock;
    this.#runSize = options.runSize;
  }

  /** Bytes of the typed arrays that hold what the store knows per article (for benches and tests). */
  get memoryBytes(): number {
    return this.#offsets.byteLength + this.#lengths.byteLength + this.#prints.byteLength + this.#states.byteLength + this.#slots.byteLength;
  }

  async put(article: Article): Promise<PutResult> {
    checkStorable(article);
    return this.#run(async () => {
      const current = await this.#find(article.id);
      const previous = current?.article;
      if (previous && previous.contentHash === article.contentHash) return { status: 'unchanged', article: previous };
      const now = this.#clock();
      const stored = previous ? stampUpdated(article, now) : article;
      await this.#append({ at: now.toISOString(), article: stored }, article.id, current?.slot);
      // `stored` is the caller's object (or a copy of it): the store keeps only the line it wrote, so it needs no copy.
      return previous ? { status: 'updated', article: stored, previous } : { status: 'created', article: stored };
    });
  }

  async get(id: string): Promise<Article | undefined> {
    const found = await this.#run(() => this.#find(id));
    return found?.article;
  }

  async delete(id: string): Promise<Article | undefined> {
    return this.#run(async () => {
      const current = await this.#find(id);
      if (!current?.article) return undefined;
      await this.#append({ at: this.#clock().toISOString(), id, deleted: true }, id, current.slot);
      return current.article;
    });
  }

  async listFeed(feedKey: string, options: ListOptions): Promise<Page<Article>> {
    const limit = checkLimit(options.limit);
    return this.#run(async () => {
      await this.#sort();
      const group = `f:${feedKey}`;
      const range = this.#ranges.get(group) ?? { start: 0, count: 0 };
      let index = 0;
      if (options.cursor !== undefined) {
        const before = decodeCursor(options.cursor, 'feed', feedKey);
        index = await this.#position(group, range, before, (key) => compareCodePoints(key, before) < 0);
      }
      const records = await this.#readEntries(range, index, limit);
      const items = records.map((r) => (r as { article: Article }).article);
      const last = items.at(-1);
      if (!last || index + items.length >= range.count) return { items };
      const key = feedOrderKey(last);
      this.#resume.set(group, { key, index: index + items.length });
      return { items, cursor: encodeCursor('feed', feedKey, key) };
    });
  }

  async countFeed(feedKey: string, options: { olderThan?: Pick<Article, 'id' | 'published'> } = {}): Promise<number> {
    const before = options.olderThan && feedOrderKey(options.olderThan);
    return this.#run(async () => {
      await this.#sort();
      const group = `f:${feedKey}`;
      const range = this.#ranges.get(group) ?? { start: 0, count: 0 };
      if (before === undefined) return range.count;
      return range.count - (await this.#search(group, range, (key) => compareCodePoints(key, before) < 0));
    });
  }

  async listChangedSince(since: string, options: ListOptions): Promise<Page<ArticleChange>> {
    const limit = checkLimit(options.limit);
    const from = changeKeyAfter(since);
    const after = options.cursor === undefined ? undefined : decodeCursor(options.cursor, 'changes', since);
    return this.#run(async () => {
      await this.#sort();
      const range = this.#ranges.get(CHANGES) ?? { start: 0, count: 0 };
      const inRange = (key: string) => compareCodePoints(key, from) >= 0 && (after === undefined || compareCodePoints(key, after) > 0);
      const index =
        after === undefined ? await this.#search(CHANGES, range, inRange) : await this.#position(CHANGES, range, after, inRange);
      const records = await this.#readEntries(range, index, limit);
      const items: ArticleChange[] = records.map((r) =>
        'article' in r ? { id: r.article.id, kind: 'put', at: r.at, article: r.article } : { id: r.id, kind: 'delete', at: r.at },
      );
      const last = records.at(-1);
      if (!last || index + records.length >= range.count) return { items };
      const key = changeOrderKey(last.at, idOf(last));
      this.#resume.set(CHANGES, { key, index: index + records.length });
      return { items, cursor: encodeCursor('changes', since, key) };
    });
  }

  /** Closes the files (the folder is the caller's to remove). */
  async close(): Promise<void> {
    await this.#queue.run(async () => {
      await this.#spool?.close();
      await this.#listing?.close();
      this.#spool = undefined;
      this.#listing = undefined;
    });
  }

  /** Runs `task` in the store's queue; a failure of the files (a full disk, a removed folder) becomes `StoreError('UNAVAILABLE')`. */
  #run<T>(task: () => Promise<T>): Promise<T> {
    return this.#queue.run(async () => {
      try {
        return await task();
      } catch (error) {
        if (error instanceof StoreError || error instanceof RangeError) throw error;
        throw new StoreError(`spool store in ${this.directory}: ${(error as Error).message}`, 'UNAVAILABLE', { cause: error });
      }
    });
  }

  // ---- the spool and the id table ----

  async #file(): Promise<FileHandle> {
    if (!this.#spool) {
      await mkdir(this.directory, { recursive: true });
      this.#spool = await open(path.join(this.directory, 'spool.ndjson'), 'w+');
    }
    return this.#spool;
  }

  /** Appends a record for `id`, which replaces the id's record in `slot` (or takes a new slot). */
  async #append(record: SpoolRecord, id: string, slot: number | undefined): Promise<void> {
    const line = `${JSON.stringify(record)}\n`;
    const bytes = Buffer.byteLength(line);
    const r = this.#count;
    if (r === this.#offsets.length) this.#growRecords();
    this.#offsets[r] = this.#written + this.#pendingBytes;
    this.#lengths[r] = bytes - 1;
    this.#prints[r] = fingerprintOf(id);
    this.#states[r] = 'article' in record ? PUT : DELETED;
    this.#count++;
    if (slot === undefined) {
      if ((this.#ids + 1) * 10 > this.#slots.length * 7) this.#growSlots();
      this.#slots[this.#emptySlot(this.#prints[r]!)] = r + 1;
      this.#ids++;
    } else {
      this.#states[this.#slots[slot]! - 1] = SUPERSEDED;
      this.#slots[slot] = r + 1;
    }
    this.#pending.push(line);
    this.#pendingBytes += bytes;
    this.#dirty = true;
    if (this.#pendingBytes >= WRITE_BUFFER) await this.#flush();
  }

  async #flush(): Promise<void> {
    if (this.#pendingBytes === 0) return;
    const buf = Buffer.from(this.#pending.join(''));
    this.#pending = [];
    this.#pendingBytes = 0;
    const fh = await this.#file();
    for (let done = 0; done < buf.length; ) {
      const { bytesWritten } = await fh.write(buf, done, buf.length - done, this.#written + done);
      done += bytesWritten;
    }
    this.#written += buf.length;
  }

  /**
   * The slot of `id`'s latest record, with the article when that record stores one (not a delete); reads back only
   * the records whose fingerprint matches.
   */
  async #find(id: string): Promise<{ slot: number; article?: Article } | undefined> {
    const print = fingerprintOf(id);
    const mask = this.#slots.length - 1;
    for (let slot = print & mask; this.#slots[slot] !== 0; slot = (slot + 1) & mask) {
      const r = this.#slots[slot]! - 1;
      if (this.#prints[r] !== print) continue;
      const record = await this.#read(r);
      if (idOf(record) !== id) continue;
      return 'article' in record && this.#states[r] === PUT ? { slot, article: record.article } : { slot };
    }
    return undefined;
  }

  #emptySlot(print: number): number {
    const mask = this.#slots.length - 1;
    let slot = print & mask;
    while (this.#slots[slot] !== 0) slot = (slot + 1) & mask;
    return slot;
  }

  #growRecords(): void {
    const size = Math.ceil(this.#offsets.length * 1.5);
    const grow = <A extends Float64Array | Uint32Array | Uint8Array>(a: A, make: (n: number) => A): A => {
      const b = make(size);
      b.set(a);
      return b;
    };
    this.#offsets = grow(this.#offsets, (n) => new Float64Array(n));
    this.#lengths = grow(this.#lengths, (n) => new Uint32Array(n));
    this.#prints = grow(this.#prints, (n) => new Uint32Array(n));
    this.#states = grow(this.#states, (n) => new Uint8Array(n));
  }

  #growSlots(): void {
    const old = this.#slots;
    this.#slots = new Uint32Array(old.length * 2);
    for (const v of old) if (v !== 0) this.#slots[this.#emptySlot(this.#prints[v - 1]!)] = v;
  }

  /** Record `r`, read back from the spool (after writing what is buffered, when it is there). */
  async #read(r: number): Promise<SpoolRecord> {
    const offset = this.#offsets[r]!;
    if (offset + this.#lengths[r]! > this.#written) await this.#flush();
    return this.#readAt(offset, this.#lengths[r]!);
  }

  async #readAt(offset: number, length: number): Promise<SpoolRecord> {
    const buf = Buffer.allocUnsafe(length);
    await readFully(await this.#file(), buf, offset, 'spool');
    return JSON.parse(buf.toString('utf8')) as SpoolRecord;
  }

  // ---- the sorted listings ----

  /** Sorts every feed's entries and the change log into a new listing file, when anything was written since the last. */
  async #sort(): Promise<void> {
    if (!this.#dirty) return;
    await this.#flush();
    const runs = path.join(this.directory, 'runs');
    await mkdir(runs, { recursive: true });
    const sort = new ExternalSort<ListingEntry>({
      directory: runs,
      compare: compareEntries,
      ...(this.#runSize !== undefined ? { runSize: this.#runSize } : {}),
    });
    if (this.#written > 0) {
      // One pass over the spool, in record order: the current records give the entries; the others are not parsed.
      const lines = readline.createInterface({
        input: createReadStream(path.join(this.directory, 'spool.ndjson'), { encoding: 'utf8' }),
        crlfDelay: Number.POSITIVE_INFINITY,
      });
      let r = 0;
      for await (const line of lines) {
        const state = this.#states[r];
        const offset = this.#offsets[r]!;
        const length = this.#lengths[r]!;
        r++;
        if (state === SUPERSEDED) continue;
        const record = JSON.parse(line) as SpoolRecord;
        await sort.add([CHANGES, changeOrderKey(record.at, idOf(record)), offset, length]);
        if (!('article' in record)) continue;
        const key = feedOrderKey(record.article);
        for (const feed of feedKeysOf(record.article)) await sort.add([`f:${feed}`, key, offset, length]);
      }
    }
    const generation = ++this.#generation;
    const listing = await open(path.join(this.directory, `listing-${generation}.bin`), 'w+');
    const ranges = new Map<string, { start: number; count: number }>();
    const buf = Buffer.allocUnsafe(ENTRY_BYTES * 4096);
    let used = 0;
    let written = 0;
    let index = 0;
    const flush = async () => {
      if (used > 0) await listing.write(buf, 0, used, written);
      written += used;
      used = 0;
    };
    for await (const [group, , offset, length] of sort.sorted()) {
      const range = ranges.get(group);
      if (range) range.count++;
      else ranges.set(group, { start: index, count: 1 });
      buf.writeDoubleLE(offset, used);
      buf.writeUInt32LE(length, used + 8);
      used += ENTRY_BYTES;
      index++;
      if (used === buf.length) await flush();
    }
    await flush();
    await this.#listing?.close();
    // The previous listing is no longer read: remove it, so a store written and read in turns keeps one listing file.
    if (generation > 1) await unlink(path.join(this.directory, `listing-${generation - 1}.bin`)).catch(() => undefined);
    this.#listing = listing;
    this.#ranges = ranges;
    this.#resume.clear();
    this.#dirty = false;
  }

  /** Up to `limit` records of a listing from position `index` of `range`. */
  async #readEntries(range: { start: number; count: number }, index: number, limit: number): Promise<SpoolRecord[]> {
    const n = Math.max(0, Math.min(limit, range.count - index));
    if (n === 0 || !this.#listing) return [];
    const buf = Buffer.allocUnsafe(n * ENTRY_BYTES);
    await readFully(this.#listing, buf, (range.start + index) * ENTRY_BYTES, 'listing');
    const reads: Array<Promise<SpoolRecord>> = [];
    for (let i = 0; i < n; i++) reads.push(this.#readAt(buf.readDoubleLE(i * ENTRY_BYTES), buf.readUInt32LE(i * ENTRY_BYTES + 8)));
    return Promise.all(reads);
  }

  /** The key of entry `index` of `range` (its record read back). */
  async #keyAt(group: string, range: { start: number; count: number }, index: number): Promise<string> {
    const [record] = await this.#readEntries(range, index, 1);
    if (!record) throw new Error(`listing ${group}: no entry ${index}`);
    return group === CHANGES ? changeOrderKey(record.at, idOf(record)) : feedOrderKey((record as { article: Article }).article);
  }

  /** Where a cursor's listing goes on: remembered when it is the one just returned, else searched. */
  async #position(group: string, range: { start: number; count: number }, key: string, wanted: (key: string) => boolean): Promise<number> {
    const resume = this.#resume.get(group);
    if (resume?.key === key) return resume.index;
    return this.#search(group, range, wanted);
  }

  /** The first position of `range` whose key is `wanted` (false up to some position, then true). */
  async #search(group: string, range: { start: number; count: number }, wanted: (key: string) => boolean): Promise<number> {
    let lo = 0;
    let hi = range.count;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (wanted(await this.#keyAt(group, range, mid))) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}
