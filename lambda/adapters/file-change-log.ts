// The FileArticleStore's change log: `changes.log`, one JSON line per change, followed by every process into an in-memory index, compacted when it grows.
import { open, stat, truncate, type FileHandle } from 'node:fs/promises';
import { StoreError } from '../ports/article-store.ts';
import { compareCodePoints } from '../core/compare-code-points.ts';
import { changeOrderKey } from '../ports/article-store-keys.ts';
import { ArticleIndex, type IndexEntry } from './memory-article-store.ts';
import { SerialQueue } from '../core/serial-queue.ts';

/** One line of `changes.log`. */
export interface LogLine {
  at: string;
  id: string;
  kind: 'put' | 'delete';
  hash?: string;
  order?: string;
  feeds?: string[];
}

function isCode(err: unknown, code: string): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === code;
}

/**
 * `changes.log` and the index built from it. Every process rebuilds the index at start-up and follows what others
 * append; one writer at a time (the store's lock) appends; a torn last line (a writer killed mid-append) is skipped
 * when read and cut off by the next writer.
 *
 * @example
 * const log = new FileChangeLog('/data/changes.log', { durable: true });
 * await log.follow();
 * log.index.live('https://news.example.sa/a/1')?.hash //=> '9f2c…'
 */
export class FileChangeLog {
  readonly index = new ArticleIndex();
  private logIno = -1;
  private logOffset = 0;
  private lines = 0;
  private readonly follower = new SerialQueue();

  constructor(
    readonly file: string,
    private readonly options: { durable: boolean },
  ) {}

  /** Lines read or written since the log was last replaced (what compaction is measured by). */
  get lineCount(): number {
    return this.lines;
  }

  /** Reads what was appended since the last call (by any process), complete lines only; returns the file's size. */
  follow(): Promise<number> {
    return this.follower.run(async () => {
      // Common case first: one stat says nothing was appended or replaced since the last call.
      const quick = await stat(this.file).catch(() => undefined);
      if (quick && quick.ino === this.logIno && quick.size === this.logOffset) return quick.size;
      let fh: FileHandle;
      try {
        fh = await open(this.file, 'r');
      } catch (err) {
        if (!isCode(err, 'ENOENT')) throw new StoreError('cannot read the change log', 'UNAVAILABLE', { cause: err });
        if (this.logIno !== -1) this.reset(-1);
        return 0;
      }
      try {
        const st = await fh.stat();
        if (st.ino !== this.logIno || st.size < this.logOffset) this.reset(st.ino);
        if (st.size <= this.logOffset) return st.size;
        const buf = Buffer.alloc(st.size - this.logOffset);
        const { bytesRead } = await fh.read(buf, 0, buf.length, this.logOffset);
        const end = buf.lastIndexOf(0x0a, bytesRead - 1);
        if (end >= 0) {
          const text = buf.toString('utf8', 0, end);
          for (const line of text.split('\n')) this.apply(line);
          this.logOffset += end + 1;
        }
        return st.size;
      } finally {
        await fh.close();
      }
    });
  }

  /** Under the store's lock, after `follow`: cuts off a torn last line, which would otherwise glue onto the next one. */
  async cutTornTail(size: number): Promise<void> {
    if (size > this.logOffset) await truncate(this.file, this.logOffset);
  }

  /** Appends one line (under the store's lock, index caught up) and applies it to the index. */
  async append(line: LogLine): Promise<void> {
    const text = `${JSON.stringify(line)}\n`;
    await this.follower.run(async () => {
      const fh = await open(this.file, 'a');
      try {
        if (this.logIno === -1) this.reset((await fh.stat()).ino);
        await fh.write(text);
        if (this.options.durable) await fh.datasync();
      } finally {
        await fh.close();
      }
      this.apply(text.slice(0, -1));
      this.logOffset += Buffer.byteLength(text);
    });
  }

  /** The log as one line per article (tombstones kept), oldest change first: what `compact` writes. */
  compactedText(): string {
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
    return lines.length ? `${lines.join('\n')}\n` : '';
  }

  private reset(ino: number): void {
    this.index.clear();
    this.logIno = ino;
    this.logOffset = 0;
    this.lines = 0;
  }

  private apply(line: string): void {
    if (!line) return;
    let l: LogLine;
    try {
      l = JSON.parse(line) as LogLine;
    } catch {
      return; // a torn line from a crashed writer; the next writer cuts it off
    }
    this.lines++;
    if (l.kind === 'put' && typeof l.hash === 'string' && typeof l.order === 'string' && Array.isArray(l.feeds)) {
      this.index.set({ id: l.id, hash: l.hash, order: l.order, feeds: l.feeds, at: l.at, kind: 'put' });
    } else if (l.kind === 'delete') {
      this.index.set({ id: l.id, hash: '', order: '', feeds: [], at: l.at, kind: 'delete' });
    }
  }
}
